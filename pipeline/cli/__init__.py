"""The `replyflow` command line: the outer shell of the pipeline (main.py registers one module per command).

The only room of pipeline/ that may import `flows` (Prefect), and only to start the served flows
(serve.py); every other command calls pipeline functions directly."""

"""`replyflow web`: serve the review app for officers."""
from __future__ import annotations

import click


@click.command("web")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--secure-cookies", is_flag=True, help="Send the session cookie over HTTPS only (behind a TLS proxy).")
def web_command(host: str, port: int, secure_cookies: bool) -> None:
    """Serve the review app (queue, corrections, dashboard, exports) in the browser.

    Sign in with an account made by `replyflow user add NAME --role admin`. The store and the data directory come
    from REPLYFLOW_DATABASE_URL and REPLYFLOW_DATA_DIR.
    """
    import uvicorn

    from pipeline.config import get_settings
    from pipeline.store import StoreUnavailable
    from pipeline.web import create_app

    settings = get_settings()
    try:
        app = create_app(settings, secure_cookies=secure_cookies)
    except StoreUnavailable as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"replyflow: mở http://{host}:{port}/ trong trình duyệt (Ctrl+C để dừng)")
    uvicorn.run(app, host=host, port=port, log_level="info", proxy_headers=False)

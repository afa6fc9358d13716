"""The app's routes, one module per page group; pipeline/web/app.py includes them."""

"""Signing in to the review app through its login form, as an officer's browser does (with the CSRF token)."""
from __future__ import annotations

import re

from tests.support.seed import PASSWORD

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(html: str) -> str:
    return _CSRF.search(html).group(1)


def sign_in(client, name="canbo", password=PASSWORD):  # noqa: ANN001, ANN201
    token = csrf_of(client.get("/login").text)
    return client.post("/login", data={"name": name, "password": password, "csrf_token": token, "next": "/queue"},
                       follow_redirects=False)


def form_of(html: str) -> dict:
    """The hidden fields a letter's form sends back: the CSRF token and the version its values were shown at."""
    return {"csrf_token": csrf_of(html), "version": re.search(r'name="version" value="(\d+)"', html).group(1)}

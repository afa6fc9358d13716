"""The review app for officers: queue, the letter beside its values, audit trail, register, dashboard, exports.

Built by `create_app(settings)` (pipeline/web/app.py), never at import time; `replyflow web` serves it.
"""
from __future__ import annotations


def create_app(settings, **kwargs):  # noqa: ANN001, ANN201
    from pipeline.web.app import create_app as _create

    return _create(settings, **kwargs)


__all__ = ["create_app"]

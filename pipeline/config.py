"""Settings from the environment (prefix REPLYFLOW_). Built by get_settings(), never at import time."""
from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="REPLYFLOW_", env_file=None, extra="ignore")

    data_dir: Path = Path("data")
    #: Folder the intake reads; default DATA_DIR/inbox.
    inbox: Path | None = None
    #: SQLAlchemy URL; default a SQLite file DATA_DIR/replyflow.db. PostgreSQL: postgresql+psycopg://user@host/db
    database_url: str | None = None
    #: Extraction worker processes; default: the number of CPUs.
    jobs: int = Field(default_factory=lambda: os.cpu_count() or 1, ge=1)
    #: Files whose modification time is younger than this (seconds) are checked again before intake.
    settle_seconds: float = Field(default=2.0, ge=0)
    #: Documents handed to one Prefect task of the intake flow (orchestration cost is per task, not per file).
    batch_size: int = Field(default=100, ge=1)
    #: Share of auto-accepted letters the review app also puts in its queue as a spot check (chosen by a sha256
    #: bucket, so stable; nothing is changed in the store until an officer checks one). 0 = none.
    review_spot_check_share: float = Field(default=0.05, ge=0.0, le=1.0)

    #: The review app behind a reverse proxy. Addresses (or networks, CIDR) of the proxies whose X-Forwarded-For
    #: header is believed: the client is the last address of that header not in this list. Empty (the default):
    #: the header is ignored and the client is the peer of the connection. Comma-separated in the environment.
    trusted_proxies: Annotated[list[str], NoDecode] = Field(default_factory=list)
    #: Host names the review app answers to (the Host header); others are refused. "*" = any (the default, for a
    #: workstation on loopback). Comma-separated in the environment, e.g. "replyflow.heza.gov.vn,127.0.0.1".
    allowed_hosts: Annotated[list[str], NoDecode] = Field(default_factory=lambda: ["*"])

    imap_host: str | None = None
    imap_port: int | None = None
    imap_security: Literal["tls", "starttls", "none"] = "tls"
    imap_user: str | None = None
    imap_password: SecretStr | None = None
    imap_folder: str = "INBOX"
    #: CA bundle to verify the IMAP server's certificate (default: the system's).
    imap_ca_file: str | None = None

    @field_validator("trusted_proxies", "allowed_hosts", mode="before")
    @classmethod
    def _comma_list(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("trusted_proxies")
    @classmethod
    def _networks(cls, value: list[str]) -> list[str]:
        for item in value:
            ipaddress.ip_network(item, strict=False)      # a clear error at start-up, not at the first request
        return value

    @model_validator(mode="after")
    def _defaults(self) -> Settings:
        if self.inbox is None:
            self.inbox = self.data_dir / "inbox"
        if self.database_url is None:
            self.database_url = f"sqlite:///{(self.data_dir / 'replyflow.db').resolve()}"
        if self.imap_port is None:
            self.imap_port = 993 if self.imap_security == "tls" else 143
        return self

    @property
    def archive_dir(self) -> Path:
        return self.data_dir / "archive"

    @property
    def quarantine_dir(self) -> Path:
        return self.data_dir / "quarantine"

    @property
    def mail_dir(self) -> Path:
        """Staging folder for mailbox attachments until their documents are committed."""
        return self.data_dir / "mailbox"

    @property
    def imap_account(self) -> str:
        return f"{self.imap_user}@{self.imap_host}:{self.imap_port}"


def get_settings(**overrides: object) -> Settings:
    """Settings from REPLYFLOW_* variables; keyword arguments win (None values are ignored)."""
    return Settings(**{k: v for k, v in overrides.items() if v is not None})

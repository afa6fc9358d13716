"""A real IMAP server for the tests: Debian's dovecot, started with a throw-away configuration on a free loopback
port (no system service, no privileges needed; when run as root, its processes drop to dovecot/dovenull)."""
from __future__ import annotations

import grp
import imaplib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"

CONFIG = """\
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = {internal_user}
default_internal_group = {internal_group}
default_login_user = {login_user}
first_valid_uid = 1
mail_location = maildir:{root}/mail/%u
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/mail/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
service stats {{
  unix_listener stats-writer {{
    mode = 0666
  }}
}}
"""


@dataclass
class ImapServer:
    host: str
    port: int
    user: str
    password: str
    root: Path

    def client(self) -> imaplib.IMAP4:
        imap = imaplib.IMAP4(self.host, self.port)
        imap.login(self.user, self.password)
        return imap

    def deliver(self, message: bytes, folder: str = "INBOX") -> None:
        imap = self.client()
        try:
            typ, _ = imap.append(folder, None, None, message)
            assert typ == "OK"
        finally:
            imap.logout()

    def flags(self, folder: str = "INBOX") -> dict[int, bytes]:
        imap = self.client()
        try:
            imap.select(folder, readonly=True)
            _, data = imap.uid("FETCH", "1:*", "(FLAGS)")
            out = {}
            for line in data:
                if isinstance(line, bytes) and b"UID" in line:
                    parts = line.decode().replace("(", " ").replace(")", " ").split()
                    out[int(parts[parts.index("UID") + 1])] = line
            return out
        finally:
            imap.logout()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_dovecot() -> Iterator[ImapServer]:
    if not os.path.exists(DOVECOT):
        if os.environ.get("REPLYFLOW_TEST_REQUIRE_IMAP") == "1":
            pytest.fail("dovecot is required (REPLYFLOW_TEST_REQUIRE_IMAP=1) but not installed")
        pytest.skip("dovecot (Debian dovecot-imapd) is not installed")
    root = Path(tempfile.mkdtemp(prefix="replyflow-dovecot-"))
    os.chmod(root, 0o755)
    if os.getuid() == 0:   # dovecot refuses to serve mail or logins as root
        users = dict(internal_user="dovecot", internal_group="dovecot", login_user="dovenull")
        uid, gid = pwd.getpwnam("dovecot").pw_uid, grp.getgrnam("dovecot").gr_gid
    else:
        me, group = pwd.getpwuid(os.getuid()).pw_name, grp.getgrgid(os.getgid()).gr_name
        users = dict(internal_user=me, internal_group=group, login_user=me)
        uid, gid = os.getuid(), os.getgid()
    for sub in ("run", "state", "mail"):
        (root / sub).mkdir()
    os.chown(root / "mail", uid, gid)
    port = _free_port()
    (root / "dovecot.conf").write_text(CONFIG.format(root=root, port=port, uid=uid, gid=gid, **users))
    (root / "passwd").write_text("officer:{PLAIN}s3cret-pass\n")
    proc = subprocess.Popen([DOVECOT, "-F", "-c", str(root / "dovecot.conf")], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    server = ImapServer("127.0.0.1", port, "officer", "s3cret-pass", root)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                server.client().logout()
                break
            except (OSError, imaplib.IMAP4.error):
                if proc.poll() is not None or time.monotonic() > deadline:
                    log = (root / "dovecot.log").read_text() if (root / "dovecot.log").exists() else ""
                    raise RuntimeError(f"dovecot did not start: {log[-2000:]}")
                time.sleep(0.1)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(root, ignore_errors=True)

"""A real IMAP server for the tests: Debian's dovecot, started with a throw-away configuration on a free loopback
port (no system service, no privileges needed; when run as root, its processes drop to dovecot/dovenull).

With `tls=True` it also speaks STARTTLS on that port and implicit TLS (IMAPS) on a second one, with a certificate
for 127.0.0.1 made here by openssl; `ca_file` is that certificate, for the client to trust."""
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
{ssl}
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
    address = 127.0.0.1
    port = {tls_port}
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
    tls_port: int = 0
    ca_file: str | None = None

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


def _certificate(root: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and localhost (the client checks the name as well)."""
    cert, key = root / "cert.pem", root / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    return cert, key


@contextmanager
def running_dovecot(*, tls: bool = False) -> Iterator[ImapServer]:
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
    tls_port, ca_file, ssl = 0, None, "ssl = no"
    if tls:
        cert, key = _certificate(root)
        tls_port, ca_file = _free_port(), str(cert)
        ssl = f"ssl = yes\nssl_cert = <{cert}\nssl_key = <{key}"
    (root / "dovecot.conf").write_text(CONFIG.format(root=root, port=port, uid=uid, gid=gid, ssl=ssl,
                                                     tls_port=tls_port, **users))
    (root / "passwd").write_text("officer:{PLAIN}s3cret-pass\n")
    proc = subprocess.Popen([DOVECOT, "-F", "-c", str(root / "dovecot.conf")], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    server = ImapServer("127.0.0.1", port, "officer", "s3cret-pass", root, tls_port, ca_file)
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

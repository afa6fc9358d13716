import pytest

from tests.support.dovecot import running_dovecot


@pytest.fixture
def mail_settings(tmp_path, imap_server):
    from pipeline.config import get_settings

    return get_settings(data_dir=tmp_path / "data", jobs=2, settle_seconds=0, imap_host=imap_server.host,
                        imap_port=imap_server.port, imap_security="none", imap_user=imap_server.user,
                        imap_password=imap_server.password, imap_folder="INBOX")


@pytest.fixture
def tls_imap_server():
    with running_dovecot(tls=True) as server:
        yield server

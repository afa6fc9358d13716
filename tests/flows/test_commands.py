"""The store commands, invoked as an officer would; each test checks the exit code and the store."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pipeline.cli.main import cli
from tests.support.replies import write_letters

COMMANDS = ["ingest", "status", "retry", "reprocess", "serve"]


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0 and "Usage" in result.output


def test_ingest_then_status_json(env_settings, monkeypatch):
    write_letters(env_settings.inbox, 3)
    (env_settings.inbox / "notes.txt").write_text("không phải công văn")
    runner = CliRunner()
    result = runner.invoke(cli, ["ingest", "--no-prefect", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout.strip().splitlines()[-1])["stored"] == 4
    status = json.loads(runner.invoke(cli, ["status", "--json"]).stdout)
    assert status["documents"] == 4 and status["quarantined"] == 0
    assert status["by_status"] == {"extracted": 3, "needs_review": 0, "rejected": 1} and status["open_flags"] == 1
    human = runner.invoke(cli, ["status", "--queue", "5"])
    assert human.exit_code == 0 and "4 documents" in human.stdout
    assert "notes.txt" not in human.stdout          # refused, nothing to review: the review app's queue, the same
    monkeypatch.setenv("REPLYFLOW_REVIEW_SPOT_CHECK_SHARE", "1")      # every auto-accepted letter is spot-checked
    queue = json.loads(runner.invoke(cli, ["status", "--json", "--queue", "5"]).stdout)["review_queue"]
    assert sorted(item["file_name"] for item in queue) == ["reply_000.docx", "reply_001.docx", "reply_002.docx"]
    assert all(item["spot_check"] and item["flags"][-1]["code"] == "spot_check" for item in queue)


def test_ingest_with_the_database_down_fails_cleanly(env_settings, monkeypatch):
    letters = write_letters(env_settings.inbox, 2)
    monkeypatch.setenv("REPLYFLOW_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:1/replyflow")
    result = CliRunner().invoke(cli, ["ingest"])
    assert result.exit_code == 1 and "inbox is untouched" in result.output
    assert all(p.exists() for p in letters)


def test_ingest_of_an_inbox_argument_through_prefect(prefect_harness, env_settings, tmp_path):
    other = tmp_path / "elsewhere"
    write_letters(other, 2)
    result = CliRunner().invoke(cli, ["ingest", str(other)])
    assert result.exit_code == 0, result.output
    assert "2 documents stored" in result.stdout and not any(other.iterdir())

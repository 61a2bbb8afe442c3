"""``leadloom import``: progress, summary, first row errors, clear messages and exit codes."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from leadloom.cli import app as cli_app
from leadloom.crm.settings import Settings

ACCOUNTS = """Company ID|Company Name|Domain|Industry|Employees
A-1|Northwind Traders|northwind.example|Retail|120
A-2|Globex|globex.example|Manufacturing|lots
A-3|Initech|initech.example|Software|50
A-1|Northwind Traders|northwind.example|Retail|120
"""


@pytest.fixture
def cli_db(db, monkeypatch):
    """Point the CLI at this module's test database."""
    settings = Settings(env="test", database_url=db.admin)
    monkeypatch.setattr("leadloom.cli.common.get_settings", lambda: settings)
    return db


def test_cli_import_dry_run_then_real(cli_db, org, tmp_path):
    path = tmp_path / "accounts.csv"
    path.write_text(ACCOUNTS, encoding="utf-8")
    runner = CliRunner()
    email = org.owner["email"]
    result = runner.invoke(cli_app, ["import", str(path), "--type", "companies", "--dry-run", "--org-email", email])
    assert result.exit_code == 0, result.output
    assert "dry run" in result.output and "row 3 [Employees]" in result.output
    result = runner.invoke(cli_app, ["import", str(path), "--type", "companies", "--org-email", email])
    assert result.exit_code == 0, result.output
    out = " ".join(result.output.split())
    assert "created (were) │ 2" in out or "created (were) | 2" in out or "created (were) 2" in out
    result = runner.invoke(cli_app, ["import", str(path), "--type", "companies", "--org-email", email])
    assert "skipped: unchanged │ 2" in " ".join(result.output.split())

    mapping = tmp_path / "m.json"
    mapping.write_text(json.dumps({"name": "Company Name", "domain": "Nope"}))
    result = runner.invoke(cli_app, ["import", str(path), "-t", "companies", "-m", str(mapping), "--org-email", email])
    assert result.exit_code == 1
    assert "column 'Nope' is not in the file" in result.output
    assert "Traceback" not in result.output


def test_cli_invalid_file_exits_1_with_a_message(cli_db, org, tmp_path):
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10)
    result = CliRunner().invoke(cli_app, ["import", str(path), "--type", "contacts", "--org-email", org.owner["email"]])
    assert result.exit_code == 1
    assert "not a CSV" in result.output and "Traceback" not in result.output
    result = CliRunner().invoke(cli_app, ["import", str(tmp_path / "missing.csv"), "--type", "contacts"])
    assert result.exit_code == 1 and "cannot read" in result.output
    result = CliRunner().invoke(cli_app, ["import", str(path), "--type", "widgets"])
    assert result.exit_code == 1 and "unknown import type" in result.output

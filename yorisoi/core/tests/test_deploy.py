import os
import subprocess
import sys
from pathlib import Path

from django.db import OperationalError
from django.test import Client

from yorisoi.cases import selectors

ROOT = Path(__file__).resolve().parents[3]


def test_production_settings_pass_check_deploy_with_no_issues(tmp_path):
    env = {
        **os.environ,
        "YORISOI_ENV": "production",
        "SECRET_KEY": "k" * 30 + "-production-like-secret-" + "z" * 30,
        "ALLOWED_HOSTS": "yorisoi.example.jp",
        "YORISOI_DATA_DIR": str(tmp_path),
    }
    for test_only in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "YORISOI_TESTING"):
        env.pop(test_only, None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_refuses_to_start_without_a_secret(tmp_path):
    env = {**os.environ, "YORISOI_ENV": "production", "YORISOI_DATA_DIR": str(tmp_path)}
    env.pop("SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_lost_database_gives_a_calm_japanese_page(chiba_counselor, monkeypatch):
    def unreachable(**kwargs):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(selectors, "case_list", unreachable)
    http = Client(raise_request_exception=False)
    http.force_login(chiba_counselor, backend="django.contrib.auth.backends.ModelBackend")
    response = http.get("/staff/cases/")
    assert response.status_code == 503
    body = response.content.decode()
    assert "ただいまデータベースにつながりません" in body
    assert "Traceback" not in body and "could not connect" not in body


def test_pages_carry_a_content_security_policy(chiba_counselor, client_as):
    response = client_as(chiba_counselor).get("/staff/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"


def test_a_stale_form_gets_a_kind_japanese_page(chiba_counselor):
    http = Client(enforce_csrf_checks=True)
    http.force_login(chiba_counselor, backend="django.contrib.auth.backends.ModelBackend")
    response = http.post("/staff/cases/inquiries/new/", {"concern": "x"})
    assert response.status_code == 403
    assert "送信できませんでした" in response.content.decode()

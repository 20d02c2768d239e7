"""The project's own Japanese error pages: never Django's English debug page, styled within the CSP."""

from django.core.exceptions import PermissionDenied
from django.test import RequestFactory, override_settings

from yorisoi.core import views


def test_the_demo_runs_without_debug_unless_asked(monkeypatch):
    import importlib

    import config.settings as settings_module

    monkeypatch.delenv("YORISOI_DEBUG", raising=False)
    monkeypatch.delenv("YORISOI_ENV", raising=False)
    assert importlib.reload(settings_module).DEBUG is False
    monkeypatch.setenv("YORISOI_DEBUG", "1")
    assert importlib.reload(settings_module).DEBUG is True
    monkeypatch.delenv("YORISOI_DEBUG")
    importlib.reload(settings_module)


@override_settings(DEBUG=False)
def test_a_missing_page_is_the_japanese_404(client, db):
    response = client.get("/no-such-page/")
    body = response.content.decode()
    assert response.status_code == 404 and "ページが見つかりません" in body and "Page not found" not in body


def test_403_is_japanese(rf: RequestFactory):
    response = views.permission_denied(rf.get("/"), PermissionDenied())
    assert response.status_code == 403 and "このページは表示できません" in response.content.decode()


def test_500_is_japanese_and_styled_by_a_stylesheet_not_inline(rf: RequestFactory):
    response = views.server_error(rf.get("/"))
    body = response.content.decode()
    assert response.status_code == 500 and "エラーが起きました" in body
    assert 'style="' not in body and "<style" not in body
    assert 'rel="stylesheet" href="/static/yorisoi/yorisoi.css"' in body

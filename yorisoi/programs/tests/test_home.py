from django.urls import reverse

from yorisoi.cases.tests.factories import make_inquiry
from yorisoi.programs.models import Role


def test_home_shows_the_programs_facts(urayasu, staff, client_as):
    http = client_as(staff("urayasu", Role.CLERK))
    page = http.get(reverse("programs:home")).content.decode()
    assert "浦安市ひきこもり相談事業" in page
    assert "047-712-6856" in page
    assert "火曜日・木曜日 9:00～17:00" in page
    assert "浦安市猫実1-1-1 浦安市役所3F 社会福祉課内 生活支援相談窓口" in page


def test_home_requires_login(db):
    from django.test import Client

    response = Client().get(reverse("programs:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_urgent_inquiry_is_flagged_to_every_counselor_of_that_program_only(chiba, staff, client_as):
    # given an urgent inquiry in Chiba nobody has taken
    author = staff("chiba", Role.COUNSELOR)
    make_inquiry(program=chiba, actor=author, is_urgent=True)
    other_counselor = staff("chiba", Role.COUNSELOR)
    urayasu_counselor = staff("urayasu", Role.COUNSELOR)
    # then every Chiba counselor sees it; Urayasu's do not
    panel = client_as(other_counselor).get(reverse("cases:urgent_panel")).content.decode()
    assert "まだ誰も対応していない緊急の問い合わせが1件あります" in panel
    other = client_as(urayasu_counselor).get(reverse("cases:urgent_panel")).content.decode()
    assert "対応待ちの緊急の問い合わせはありません" in other


def test_system_admin_without_membership_sees_setup_but_no_person_pages(db, client_as):
    from yorisoi.programs.tests.factories import StaffFactory

    admin = StaffFactory(is_system_admin=True, is_staff=True, is_superuser=True)
    http = client_as(admin)
    page = http.get(reverse("programs:home")).content.decode()
    assert "組織の設定を開く" in page
    assert http.get(reverse("cases:list")).status_code == 404
    assert http.get("/system/admin/").status_code == 200


def test_counselor_cannot_open_the_system_admin(chiba_counselor, client_as):
    response = client_as(chiba_counselor).get("/system/admin/")
    assert response.status_code == 302  # to the admin's own login, which refuses them


def test_staff_are_told_of_new_web_requests_without_any_personal_data(chiba, staff, client_as):
    from yorisoi.cases.models import Channel

    make_inquiry(
        program=chiba, actor=None, channel=Channel.WEB, caller_name="申込 花子", concern="息子のこと"
    )

    def panel(slug):
        return client_as(staff(slug, Role.CLERK)).get(reverse("cases:urgent_panel")).content.decode()

    chiba_panel = panel("chiba")
    assert "ウェブからの新しい申し込みが1件あります。" in chiba_panel
    assert "申込 花子" not in chiba_panel and "息子のこと" not in chiba_panel
    assert "ウェブからの新しい申し込み" not in panel("urayasu")

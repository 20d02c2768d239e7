"""The 担当者 / 職員 filters: a name is typed and resolved on the server, never hundreds of options."""

from django.urls import reverse

from yorisoi.audit.models import AccessKind
from yorisoi.cases.tests.factories import make_case
from yorisoi.programs.models import Role
from yorisoi.programs.staff_field import SUGGESTIONS


def test_case_list_renders_no_option_per_consultant(chiba, staff, client_as):
    # given a program with thirty consultants and no case
    names = [f"名簿 {i:02d}郎" for i in range(30)]
    for name in names:
        staff("chiba", Role.COUNSELOR, display_name=name)
    # when a counselor opens the case list
    page = client_as(staff("chiba", Role.COUNSELOR)).get(reverse("cases:list")).content.decode()
    # then no consultant's name is in the page: the filter is a text input with an empty datalist
    assert [name for name in names if name in page] == []
    assert '<input type="text" name="staff"' in page
    assert '<datalist id="id_staff_names"></datalist>' in page


def test_case_list_filters_by_a_part_of_the_consultants_name(chiba, staff, client_as):
    # given two consultants, each in charge of one case
    hanako = staff("chiba", Role.COUNSELOR, display_name="山田 花子")
    taro = staff("chiba", Role.COUNSELOR, display_name="山本 太郎")
    hers, _his = make_case(program=chiba, actor=hanako), make_case(program=chiba, actor=taro)
    # when one types a part of her name
    response = client_as(taro).get(reverse("cases:list"), {"staff": "花子"})
    # then only her case is listed
    assert [c.label for c in response.context["page"]] == [hers.label]


def test_an_unknown_or_ambiguous_name_is_a_kind_message_and_the_list_stays_whole(chiba, staff, client_as):
    # given two consultants whose names both contain 山, each with a case
    hanako = staff("chiba", Role.COUNSELOR, display_name="山田 花子")
    taro = staff("chiba", Role.COUNSELOR, display_name="山本 太郎")
    make_case(program=chiba, actor=hanako), make_case(program=chiba, actor=taro)
    http = client_as(taro)
    # when one types a name nobody has, or one that fits both
    unknown = http.get(reverse("cases:list"), {"staff": "鈴木"})
    ambiguous = http.get(reverse("cases:list"), {"staff": "山"})
    # then each page answers with a Japanese message and the unfiltered list, never an error
    assert unknown.status_code == ambiguous.status_code == 200
    assert "「鈴木」という職員は見つかりません。名前の一部でも探せます。" in unknown.content.decode()
    assert "「山」に当てはまる職員が複数います。" in ambiguous.content.decode()
    assert len(unknown.context["page"]) == len(ambiguous.context["page"]) == 2


def test_a_consultant_of_another_program_is_not_found(chiba, staff, client_as):
    staff("urayasu", Role.COUNSELOR, display_name="浦安 一郎")
    response = client_as(staff("chiba", Role.COUNSELOR)).get(reverse("cases:list"), {"staff": "浦安 一郎"})
    assert "「浦安 一郎」という職員は見つかりません。" in response.content.decode()


def test_suggestions_are_a_few_names_of_the_programs_consultants(chiba, staff, client_as):
    # given fifteen consultants named 候補, a clerk named 候補 and one 候補 in the other program
    for i in range(15):
        staff("chiba", Role.COUNSELOR, display_name=f"候補 {i:02d}")
    staff("chiba", Role.CLERK, display_name="候補 事務")
    staff("urayasu", Role.COUNSELOR, display_name="候補 浦安")
    # when a clerk types 候補 into the case list's 担当者
    url = reverse("programs:staff_names")
    page = client_as(staff("chiba", Role.CLERK)).get(
        url, {"who": "consultants", "field": "staff", "staff": "候補"}
    )
    # then ten consultants of this program are offered, and no one else
    body = page.content.decode()
    assert body.count("<option") == SUGGESTIONS
    assert "候補 事務" not in body and "候補 浦安" not in body


def test_members_names_are_suggested_to_managers_only(chiba, staff, client_as):
    staff("chiba", Role.CLERK, display_name="事務 花子")
    url = reverse("programs:staff_names")
    query = {"who": "members", "field": "staff", "staff": "花子"}
    # the others are named explicitly: a generated name could contain 花子 too
    counselor = staff("chiba", Role.COUNSELOR, display_name="相談 太郎")
    manager = staff("chiba", Role.MANAGER, display_name="所長 一郎")
    assert client_as(counselor).get(url, query).status_code == 404
    managers = client_as(manager).get(url, query).content.decode()
    assert managers.strip() == '<option value="事務 花子"></option>'


def test_access_log_filters_by_a_clerks_name(chiba, staff, client_as):
    # given a clerk who opened the case list, and a counselor who opened a case
    clerk = staff("chiba", Role.CLERK, display_name="事務 花子")
    counselor = staff("chiba", Role.COUNSELOR, display_name="相談 太郎")
    client_as(counselor).get(make_case(program=chiba, actor=counselor).get_absolute_url())
    client_as(clerk).get(reverse("cases:list"))
    # when the manager types the clerk's name into 職員
    response = client_as(staff("chiba", Role.MANAGER)).get(reverse("audit:log"), {"staff": "事務 花子"})
    # then only the clerk's reading is listed
    entries = [e for e in response.context["page"] if e.kind == AccessKind.VIEW]
    assert [(e.actor_id, e.action) for e in entries] == [(clerk.pk, "case.list")]


def test_a_malformed_suggestion_query_is_refused_plainly(chiba, staff, client_as):
    http = client_as(staff("chiba", Role.COUNSELOR))
    url = reverse("programs:staff_names")
    assert http.get(url, {"who": "everyone", "field": "staff", "staff": "山"}).status_code == 400
    assert http.get(url, {"field": "<script>", "staff": "山"}).status_code == 400
    assert http.get(url).content.decode().strip() == ""

"""A canary: a unique name and phone number go through the main staff paths and must appear in
no log line and no URL (request paths, query strings, redirects' Location headers)."""

import logging

from django.urls import reverse

from yorisoi.cases.models import Case, Inquiry

CANARY_NAME = "鶸茶 雛菊"  # an unlikely name: 鶸茶(ひわちゃ) 雛菊(ひなぎく)
CANARY_KANA = "ひわちゃ"
CANARY_PHONE = "090-7319-4862"
CANARY_DIGITS = "09073194862"
CANARY_EMAIL = "hiwacha.canary@example.jp"
CANARIES = (CANARY_NAME, "鶸茶", CANARY_KANA, "ヒワチャ", CANARY_PHONE, CANARY_DIGITS, "4862", CANARY_EMAIL)


class RecordingClient:
    """Wraps the test client and keeps every URL it was sent to or told to go to."""

    def __init__(self, http):
        self.http, self.urls = http, []

    def _keep(self, response):
        self.urls.append(response.request["PATH_INFO"] + "?" + response.request.get("QUERY_STRING", ""))
        if response.has_header("Location"):
            self.urls.append(response["Location"])
        return response

    def get(self, url, params=None, **extra):
        return self._keep(self.http.get(url, params, **extra))

    def post(self, url, data=None, **extra):
        return self._keep(self.http.post(url, data, **extra))


def test_the_canary_appears_in_no_log_line_and_no_url(chiba, chiba_counselor, client_as, caplog):
    caplog.set_level(logging.DEBUG)  # every logger: django.request, django.server, django.db, yorisoi.*
    http = RecordingClient(client_as(chiba_counselor))
    # an inquiry by phone from the canary's mother
    http.post(
        reverse("cases:inquiry_create"),
        {
            "received_at": "2026-11-02T10:00",
            "channel": "phone",
            "caller_type": "family",
            "family_relation": "mother",
            "caller_name": CANARY_NAME,
            "contact_phone": CANARY_PHONE,
            "contact_email": CANARY_EMAIL,
            "person_age_band": "unknown",
            "person_gender": "unknown",
            "concern": "娘が家から出られない",
        },
    )
    inquiry = Inquiry.objects.get()
    http.get(reverse("cases:inquiry_list"))
    http.get(inquiry.get_absolute_url())
    # an email reply recorded on the inquiry, then registration
    http.post(
        reverse("consultations:record_new_for_inquiry", kwargs={"inquiry_id": inquiry.public_id}),
        {
            "held_on": "2026-11-02",
            "starts_at": "10:00",
            "ends_at": "10:10",
            "mode": "mail",
            "staff": chiba_counselor.pk,
            "summary": "返信した",
        },
    )
    register = reverse("cases:register_from_inquiry", kwargs={"inquiry_id": inquiry.public_id})
    http.get(register)
    http.post(
        register,
        {
            "case-registered_on": "2026-11-03",
            "case-primary_staff": chiba_counselor.pk,
            "case-main_concerns": "外に出られない",
            "client-family_name": "鶸茶",
            "client-given_name": "雛菊",
            "client-family_name_kana": CANARY_KANA,
            "client-given_name_kana": "ひなぎく",
            "client-phone": CANARY_PHONE,
            "client-gender": "female",
            "family-relation": "mother",
            "family-name": CANARY_NAME,
            "family-phone": CANARY_PHONE,
            "family-email": CANARY_EMAIL,
            "consent-given_by": "self",
            "consent-given_on": "2026-11-03",
            "consent-method": "written",
            "consent-explained": "説明した",
        },
    )
    case = Case.objects.get()
    # a record on the case, searches by every key, the case page, and a 404
    http.post(
        reverse("consultations:record_new", kwargs={"case_id": case.public_id}),
        {
            "held_on": "2026-11-03",
            "starts_at": "10:00",
            "ends_at": "11:00",
            "mode": "center_visit",
            "staff": chiba_counselor.pk,
            "summary": "初回相談",
        },
    )
    for typed in (CANARY_NAME, CANARY_KANA, CANARY_PHONE, "4862", CANARY_EMAIL):
        assert case.label in http.post(reverse("cases:search"), {"q": typed}).content.decode()
        http.post(reverse("cases:search"), {"q": typed}, HTTP_HX_REQUEST="true")
    http.get(case.get_absolute_url())
    http.get(reverse("cases:search"))
    http.get("/staff/cases/not-a-page/")
    http.post(reverse("cases:print", kwargs={"case_id": case.public_id}), {"reason": "ケース会議"})

    # then no log line and no URL carries any part of the canary
    lines = [record.getMessage() + " " + str(record.args) for record in caplog.records]
    assert [line for line in lines if any(c in line for c in CANARIES)] == []
    assert [url for url in http.urls if any(c in url for c in CANARIES)] == []
    assert len(http.urls) > 20 and len(caplog.records) > 0  # the net was cast

"""Person data for tests, written through the services so keys and audit rows are real."""

import datetime

from yorisoi.cases import services
from yorisoi.cases.models import CallerType, Channel, FamilyRelation
from yorisoi.core.tests.names import person_name, person_name_parts


def make_inquiry(*, program, actor, **fields):
    defaults = {
        "channel": Channel.PHONE,
        "caller_type": CallerType.FAMILY,
        "family_relation": FamilyRelation.MOTHER,
        "caller_name": person_name(),
        "contact_phone": "090-1234-5678",
        "concern": "息子が部屋から出てこない",
        "residence_city": program.service_city,
    }
    return services.inquiry_create(program=program, actor=actor, **{**defaults, **fields})


def make_client(*, program, actor, **fields):
    family, given, family_kana, given_kana = person_name_parts()
    defaults = {
        "family_name": family,
        "given_name": given,
        "family_name_kana": family_kana,
        "given_name_kana": given_kana,
        "birth_date": datetime.date(1995, 5, 5),
        "residence_city": program.service_city,
    }
    return services.client_create(program=program, actor=actor, **{**defaults, **fields})


def make_case(*, program, actor, client=None, with_client=True, **fields):
    if client is None and with_client:
        client = make_client(program=program, actor=actor)
    defaults = {
        "primary_staff": actor,
        "registered_on": datetime.date(2026, 4, 10),
        "main_concerns": "外出がむずかしい",
        "wishes": "少しずつ外に出たい",
    }
    return services.case_register(program=program, actor=actor, client=client, **{**defaults, **fields})

"""Every text a person can write into a person model is anonymised, or kept on purpose and named here.

A model that lands later (outreach's registrations, anything new) fails this test until it
registers an anonymiser or is listed as not holding persons' data.
"""

from django.apps import apps
from django.db import models

from yorisoi.core.anonymisation import registered

# Apps whose tables describe the organisation, staff or the system, not persons served.
NOT_PERSON_APPS = {"core", "accounts", "programs", "audit", "operations", "retention", "portal", "demo"}
# imports keeps the record of an import (file checksum, counts, row hashes, the program's own case
# numbers, column headers); the persons it wrote live in the domain apps and are anonymised there.
NOT_PERSON_APPS |= {"imports"}
# Models of domain apps that describe the program, not a person.
NOT_PERSON_MODELS = {
    "consultations.supportstage",
    "referrals.partneragency",
    "appointments.schedulingsettings",
    "appointments.staffworkday",
    "appointments.staffabsence",
    "appointments.staffcalendar",
    "appointments.recurringseries",  # kind, dates and staff only; its case's rows are anonymised
    "outreach.outreachevent",  # the public announcement of an event
    "outreach.eventsession",
}
# Text kept on purpose: codes, not words (a choice field is a code and is kept without listing).
KEPT = {
    "cases.client.residence_city",  # a municipality, counted for eligibility; not an address
    "cases.inquiry.residence_city",
    "outreach.registration.cancel_token_hash",  # a hash of a random token: identifies nobody
}
TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def person_models():
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.app_label in NOT_PERSON_APPS or label in NOT_PERSON_MODELS:
            continue
        if not model.__module__.startswith("yorisoi."):
            continue
        yield model


def test_every_text_field_of_every_person_model_is_anonymised_or_kept_on_purpose():
    covered = {}
    for anonymiser in registered():
        covered.setdefault(anonymiser.label, set()).update(
            anonymiser.blank, anonymiser.mark, anonymiser.replace
        )
    missing = []
    for model in person_models():
        label = model._meta.label_lower
        for field in model._meta.get_fields():
            if not isinstance(field, TEXT_FIELDS) or field.choices:
                continue
            if field.name in covered.get(label, set()) or f"{label}.{field.name}" in KEPT:
                continue
            missing.append(f"{label}.{field.name}")
    assert missing == []


def test_every_registered_field_exists():
    """A renamed field fails here rather than silently staying in place."""
    for anonymiser in registered():
        names = {f.name for f in anonymiser.model._meta.get_fields()}
        fields = set(anonymiser.blank) | set(anonymiser.mark) | set(anonymiser.replace)
        assert fields - names == set(), anonymiser.label

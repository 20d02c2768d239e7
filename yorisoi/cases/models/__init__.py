"""Inquiries, the persons served, the people who consult, and cases.

Every row carries a non-null ``program``; child rows repeat it on purpose (denormalised) so
that every query of person data can be scoped by one column, and a program can be sharded.
"""

from yorisoi.cases.models.cases import Case, CaseStatus, CaseStatusChange, ClosureReason
from yorisoi.cases.models.choices import (
    AGE_BAND_LIMITS,
    AgeBand,
    CallerType,
    FamilyRelation,
    Gender,
    age_band_for,
)
from yorisoi.cases.models.consent import Consent, ConsentFor, ConsentGivenBy, ConsentMethod
from yorisoi.cases.models.inquiries import OPEN_INQUIRY_STATUSES, Channel, Inquiry, InquiryStatus
from yorisoi.cases.models.persons import Client, RelatedPerson
from yorisoi.cases.models.scoping import program_scoped

__all__ = [
    "OPEN_INQUIRY_STATUSES",
    "AGE_BAND_LIMITS",
    "AgeBand",
    "age_band_for",
    "CallerType",
    "Case",
    "CaseStatus",
    "CaseStatusChange",
    "Channel",
    "Client",
    "ClosureReason",
    "Consent",
    "ConsentFor",
    "ConsentGivenBy",
    "ConsentMethod",
    "FamilyRelation",
    "Gender",
    "Inquiry",
    "InquiryStatus",
    "RelatedPerson",
    "program_scoped",
]

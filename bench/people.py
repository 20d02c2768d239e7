"""The rows of one person's case that are written a few per person: client, case, inquiries,
family and consent, as model instances (their keys are needed, or they are few)."""

import dataclasses
import datetime
from collections.abc import Iterator

from django.db.models import Model

from yorisoi.cases import services as case_services
from yorisoi.cases.models import (
    CallerType,
    Case,
    CaseStatus,
    Channel,
    Client,
    Consent,
    ConsentGivenBy,
    ConsentMethod,
    FamilyRelation,
    Gender,
    Inquiry,
    InquiryStatus,
    RelatedPerson,
    age_band_for,
)
from yorisoi.cases.normalize import phone_digits
from yorisoi.demo.generate import CONCERNS, WISHES  # the demo's own fictional words
from yorisoi.programs.models import Program

FAMILY_ONLY_CASE_RATE = 0.08  # the person is unnamed and unmet: only the family consults
EXTRA_INQUIRY_RATE = 0.3  # inquiries that never became a case
URGENT_INQUIRY_RATE = 0.04
CONTACT_PREFERENCES = [
    "",
    "",
    "電話には出られません。メールでお願いします。",
    "家族が相談していることを本人は知りません",
]


@dataclasses.dataclass
class CasePlan:
    """Every random decision about one case, taken before any of its rows is built."""

    program: Program
    number: int
    registered_on: datetime.date
    end: datetime.date  # the last day of its history: closed_on, or the generator's end date
    records: int
    statuses: list[tuple[str, str, datetime.date, str]]  # (from, to, on, reason)
    primary_staff_id: int
    secondary_staff_id: int | None
    client: Client | None = None
    case: Case | None = None
    inquiry: Inquiry | None = None
    related: list[RelatedPerson] = dataclasses.field(default_factory=list)
    consents: list[Consent] = dataclasses.field(default_factory=list)
    # (public id, day, author) of each consultation record, for the access log
    record_rows: list[tuple[str, datetime.date, str]] = dataclasses.field(default_factory=list)


class PeopleMixin:
    """The ``Generator``'s builders of the rows a person's case starts with."""

    def build_client(self, plan: CasePlan) -> Client:
        male = self.rng.random() < 0.6
        age = self.rng.randint(15, 64)
        family_name, family_kana, _ = self.fake.last_name_pair()
        given_name, given_kana, _ = (
            self.fake.first_name_male_pair() if male else self.fake.first_name_female_pair()
        )
        client = Client(
            program=plan.program,
            public_id=self.uuid(),
            family_name=family_name,
            given_name=given_name,
            family_name_kana=family_kana,
            given_name_kana=given_kana,
            birth_date=plan.registered_on - datetime.timedelta(days=age * 365 + self.rng.randint(0, 364)),
            gender=Gender.MALE if male else Gender.FEMALE,
            residence_city=plan.program.service_city,
            phone=self.fake.phone_number() if self.rng.random() < 0.6 else "",
            contact_preferences=self.rng.choice(CONTACT_PREFERENCES),
        )
        case_services._client_keys(client)  # the application's own search keys, whatever they become
        return client

    def build_case(self, plan: CasePlan) -> Case:
        last_from, last_to, last_on, last_reason = plan.statuses[-1]
        closed = last_to == CaseStatus.CLOSED
        return Case(
            program=plan.program,
            public_id=self.uuid(),
            number=plan.number,
            client=plan.client,
            status=last_to,
            registered_on=plan.registered_on,
            primary_staff_id=plan.primary_staff_id,
            secondary_staff_id=plan.secondary_staff_id,
            current_situation="日中はほとんど自室で過ごしている。家族とは必要なことだけ話す。",
            main_concerns=self.rng.choice(CONCERNS),
            wishes=self.rng.choice(WISHES),
            withdrawal_since=plan.registered_on - datetime.timedelta(days=self.rng.randint(200, 4000)),
            last_contact_on=last_on
            if closed
            else self.day_between(max(last_on, plan.end - _days(90)), plan.end),
            closed_on=last_on if closed else None,
            closure_reason=last_reason if closed else "",
            version=len(plan.statuses),
        )

    def build_inquiry(self, plan: CasePlan) -> Inquiry:
        received = plan.registered_on - datetime.timedelta(days=self.rng.randint(3, 20))
        caller = self.rng.choices([CallerType.FAMILY, CallerType.SELF, CallerType.AGENCY], [6, 2, 1])[0]
        return self.inquiry(
            plan.program, received, caller, status=InquiryStatus.REGISTERED, case=plan.case, urgent_taken=True
        )

    def inquiry(self, program, day, caller, *, status, case=None, urgent_taken=True) -> Inquiry:
        age = self.rng.randint(15, 64)
        received_at = self.moment(day)
        urgent = self.rng.random() < URGENT_INQUIRY_RATE
        return Inquiry(
            program=program,
            public_id=self.uuid(),
            received_at=received_at,
            channel=self.rng.choices(
                [Channel.PHONE, Channel.WALK_IN, Channel.WEB, Channel.EMAIL], [7, 2, 2, 1]
            )[0],
            caller_type=caller,
            family_relation=self.rng.choice([FamilyRelation.MOTHER, FamilyRelation.FATHER])
            if caller == CallerType.FAMILY
            else "",
            agency_name="保健福祉センター" if caller == CallerType.AGENCY else "",
            caller_name="" if caller == CallerType.ANONYMOUS else self.fake.name(),
            contact_phone="" if caller == CallerType.ANONYMOUS else self.fake.phone_number(),
            person_age=age,
            person_age_band=age_band_for(age),
            person_gender=self.rng.choice([Gender.MALE, Gender.FEMALE, Gender.UNKNOWN]),
            residence_city=program.service_city,
            concern=self.rng.choice(CONCERNS),
            is_urgent=urgent,
            status=status,
            taken_at=received_at + datetime.timedelta(minutes=self.rng.randint(5, 120))
            if urgent and urgent_taken
            else None,
            case=case,
        )

    def build_related(self, plan: CasePlan, family_name: str) -> list[RelatedPerson]:
        people = []
        for relation in [FamilyRelation.MOTHER] + (
            [FamilyRelation.FATHER] if self.rng.random() < 0.3 else []
        ):
            first, first_kana, _ = self.fake.first_name_female_pair()
            phone = self.fake.phone_number() if self.rng.random() < 0.5 else ""
            person = RelatedPerson(
                program=plan.program,
                public_id=self.uuid(),
                case=plan.case,
                relation=relation,
                name=f"{family_name} {first}".strip(),
                name_kana=first_kana,
                phone=phone,
                consults=True,
            )
            _set_fields(
                person, phone_digits=phone_digits(phone), phone_digits_reversed=phone_digits(phone)[::-1]
            )
            people.append(person)
        return people

    def build_consents(self, plan: CasePlan) -> list[Consent]:
        consent = Consent(
            program=plan.program,
            public_id=self.uuid(),
            case=plan.case,
            given_by=self.rng.choice([ConsentGivenBy.FAMILY, ConsentGivenBy.SELF]),
            given_on=plan.registered_on,
            method=ConsentMethod.WRITTEN,
            explained="個人情報の取り扱い、記録の保管、連携先との情報共有について説明した。",
            shares_with="保健福祉センター" if plan.program.slug == "chiba" else "市役所内関係課",
            sensitive_info_recording=self.rng.random() < 0.5,
            recorded_by_id=plan.primary_staff_id,
        )
        return [consent]

    def extra_inquiries(self, program, count, first, last) -> Iterator[Inquiry]:
        """Inquiries that never became a case; the newest are still waiting, a few of them urgent."""
        for _i in range(round(count * EXTRA_INQUIRY_RATE)):
            day = self.day_between(first, last)
            recent = (self.end - day).days < 14
            caller = self.rng.choices(
                [CallerType.FAMILY, CallerType.SELF, CallerType.AGENCY, CallerType.ANONYMOUS], [6, 2, 1, 1]
            )[0]
            status = (
                InquiryStatus.NEW
                if recent
                else self.rng.choice([InquiryStatus.REFERRED, InquiryStatus.NO_FURTHER_CONTACT])
            )
            yield self.inquiry(program, day, caller, status=status, urgent_taken=not recent)


def _set_fields(row: Model, **values) -> None:
    """Set the derived fields this version of the model has (the schema is still growing)."""
    names = {f.name for f in row._meta.concrete_fields}
    for name, value in values.items():
        if name in names:
            setattr(row, name, value)


def _days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)

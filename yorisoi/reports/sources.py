"""The aggregate queries every figure is cut from: a handful of GROUP BY queries per period.

``ReportData(program, period)`` runs each query at most once, when a figure first asks for it,
and keeps only grouped counts (a "cube": one row per combination of categories, with a count).
The figures in ``figures.py`` add up slices of a cube; no person row ever reaches Python.

Reports count for roles that may not see persons (委託元閲覧 has an empty person scope), so the
queries here bypass the person scope and filter by the program explicitly, in ``program_rows``;
the view decides which program the actor may have figures of, and only counts leave this module.
"""

import datetime
from functools import cached_property

from django.db import connections, router
from django.db.models import (
    Count,
    F,
    Q,
)
from django.db.models.functions import TruncDate

from yorisoi.cases.models import Case as CaseRow
from yorisoi.cases.models import CaseStatus, CaseStatusChange, Inquiry
from yorisoi.consultations.models import ConsultationMode, ConsultationRecord, SupportStage
from yorisoi.referrals.models import Referral
from yorisoi.reports.expressions import (
    NO_STAGE,
    UNKNOWN,
    day_bounds,
    inquiry_age_band,
    month_index,
    program_rows,
)
from yorisoi.reports.periods import Period
from yorisoi.reports.subject_sql import subject_cube_sql


class ReportData:
    """The grouped counts of one program over one period; each query runs once, on first use."""

    def __init__(self, program, period: Period):
        self.program, self.period = program, period
        self.start, self.end = day_bounds(period)

    # the contacts of the period --------------------------------------------------------------

    def records(self):
        return program_rows(ConsultationRecord, self.program).filter(
            held_on__gte=self.period.first, held_on__lte=self.period.last
        )

    def inquiries(self):
        return program_rows(Inquiry, self.program).filter(
            received_at__gte=self.start, received_at__lt=self.end
        )

    @cached_property
    def record_cube(self) -> list[dict]:
        """Records held, by month, mode, accompaniment destination and outcome; with who took part."""
        # the period's records with a family member present: one set, probed per record (a
        # correlated EXISTS ran once per record, most of the query's time in a year)
        family = ConsultationRecord.family_present.through.objects.filter(
            consultationrecord__program_id=self.program.pk,
            consultationrecord__held_on__gte=self.period.first,
            consultationrecord__held_on__lte=self.period.last,
        ).values("consultationrecord_id")
        rows = (
            self.records()
            .values(
                "mode",
                "accompaniment_destination",
                "accompaniment_outcome",
                month=month_index("held_on", self.period),
            )
            .annotate(
                n=Count("pk"),
                client=Count("pk", filter=Q(client_present=True)),
                family=Count("pk", filter=Q(pk__in=family)),
                agency=Count("pk", filter=~Q(agencies_present="")),
            )
            .order_by()
        )
        return self._by_month(rows)

    @cached_property
    def inquiry_cube(self) -> list[dict]:
        """Inquiries received, by month, channel, how they ended and who called."""
        rows = (
            self.inquiries()
            .values(
                "channel",
                "status",
                "caller_type",
                month=month_index("received_at", self.period, local_time=True),
            )
            .annotate(n=Count("pk"))
            .order_by()
        )
        return self._by_month(rows)

    def _by_month(self, rows) -> list[dict]:
        """The cube's rows with the month index turned into the month's first day."""
        months = self.period.months()
        return [{**row, "month": months[row["month"]]} for row in rows]

    # the subjects served ---------------------------------------------------------------------

    def _contacts(self) -> list:
        """(case, day) of every contact of a case in the period: its records, the records of the
        inquiry that became it (held before it did), and the inquiries it was called back by."""
        records = self.records().order_by()
        return [
            records.exclude(case=None).values(subject=F("case_id"), day=F("held_on")),
            records.filter(case=None)
            .exclude(inquiry__case=None)
            .values(subject=F("inquiry__case_id"), day=F("held_on")),
            self.inquiries()
            .order_by()
            .exclude(case=None)
            .values(subject=F("case_id"), day=TruncDate("received_at")),
        ]

    @cached_property
    def subject_cube(self) -> list[dict]:
        """Subjects served: by kind (case, lone inquiry), age band, gender, withdrawal, stage, first party."""
        # the connection the router chose for these reads: the replica inside reads_from_replica
        connection = connections[router.db_for_read(CaseRow)]
        sql, params = subject_cube_sql(connection, self._contacts(), program=self.program, period=self.period)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            fetched = cursor.fetchall()
        cube = [
            {
                "kind": "case",
                "age_band": age,
                "gender": gender,
                "withdrawal": withdrawal,
                "stage": NO_STAGE if stage is None else str(stage),
                "first_party": party,
                "continuing": bool(continuing),
                "n": n,
            }
            for age, gender, withdrawal, stage, party, continuing, n in fetched
        ]
        lone = (
            program_rows(Inquiry, self.program)
            .filter(case=None)
            .filter(
                Q(received_at__gte=self.start, received_at__lt=self.end)
                | Q(pk__in=self.records().filter(case=None).values("inquiry_id"))
            )
            .values(age_band=inquiry_age_band(), gender=F("person_gender"), first_party=F("caller_type"))
            .annotate(n=Count("pk"))
            .order_by()
        )
        cube += [
            {**row, "kind": "inquiry", "withdrawal": UNKNOWN, "stage": NO_STAGE, "continuing": False}
            for row in lone
        ]
        return cube

    # cases, referrals, stages ----------------------------------------------------------------

    @cached_property
    def registrations_by_month(self) -> dict[datetime.date, int]:
        rows = (
            program_rows(CaseRow, self.program)
            .filter(registered_on__gte=self.period.first, registered_on__lte=self.period.last)
            .values(month=month_index("registered_on", self.period))
            .annotate(n=Count("pk"))
            .order_by()
        )
        return {row["month"]: row["n"] for row in self._by_month(rows)}

    @cached_property
    def status_change_cube(self) -> list[dict]:
        """Closings and reopenings in the period, by month, status and closure reason."""
        rows = (
            program_rows(CaseStatusChange, self.program)
            .filter(
                changed_on__gte=self.period.first,
                changed_on__lte=self.period.last,
                to_status__in=[CaseStatus.CLOSED, CaseStatus.REOPENED],
            )
            .values("to_status", "reason", month=month_index("changed_on", self.period))
            .annotate(n=Count("pk"))
            .order_by()
        )
        return self._by_month(rows)

    @cached_property
    def referral_cube(self) -> list[dict]:
        """Referrals proposed in the period, by the agency's kind and the referral's status now."""
        return list(
            program_rows(Referral, self.program)
            .filter(proposed_on__gte=self.period.first, proposed_on__lte=self.period.last)
            .values(kind=F("agency__kind"), state=F("status"))
            .annotate(n=Count("pk"))
            .order_by()
        )

    @cached_property
    def stages(self) -> list[tuple[str, str]]:
        return [
            (str(pk), label)
            for pk, label in SupportStage.objects.filter(program=self.program).values_list("pk", "label")
        ]


ACCOMPANIMENT = ConsultationMode.ACCOMPANIMENT

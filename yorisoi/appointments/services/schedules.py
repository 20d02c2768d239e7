"""Staff schedules and the program's scheduling settings (managers)."""

from django.db import transaction

from yorisoi.appointments.models import SchedulingSettings, StaffAbsence, StaffWorkday
from yorisoi.appointments.services.booking import ensure_staff_of
from yorisoi.audit.services import audit_record


@transaction.atomic
def workday_add(*, program, actor, user, weekday: int, starts, ends) -> StaffWorkday:
    ensure_staff_of(program, user)
    workday = StaffWorkday.objects.create(
        program=program, user=user, weekday=weekday, starts=starts, ends=ends
    )
    audit_record(actor=actor, action="workday.create", target=workday, data={"user": user.pk})
    return workday


@transaction.atomic
def workday_remove(*, workday: StaffWorkday, actor) -> None:
    audit_record(actor=actor, action="workday.delete", target=workday, data={"user": workday.user_id})
    workday.delete()


@transaction.atomic
def absence_add(*, program, actor, user, starts_on, ends_on, note: str, all_programs: bool) -> StaffAbsence:
    ensure_staff_of(program, user)
    absence = StaffAbsence.objects.create(
        user=user, program=None if all_programs else program, starts_on=starts_on, ends_on=ends_on, note=note
    )
    audit_record(actor=actor, action="absence.create", program=program, data={"user": user.pk})
    return absence


@transaction.atomic
def absence_remove(*, absence: StaffAbsence, actor, program) -> None:
    audit_record(actor=actor, action="absence.delete", program=program, data={"user": absence.user_id})
    absence.delete()


@transaction.atomic
def scheduling_settings_update(*, program, actor, **fields) -> SchedulingSettings:
    settings, _created = SchedulingSettings.objects.get_or_create(program=program)
    for name, value in fields.items():
        setattr(settings, name, value)
    settings.save()
    audit_record(actor=actor, action="scheduling_settings.update", program=program, data=fields)
    return settings

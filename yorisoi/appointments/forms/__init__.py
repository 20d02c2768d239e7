"""Input shape and plain Japanese messages for booking, recurring sessions, closures and schedules."""

from yorisoi.appointments.forms.booking import (
    BookingForm,
    CalendarQueryForm,
    CancelForm,
    CaseNumberForm,
    RescheduleForm,
    SlotPickForm,
    SlotSearchForm,
)
from yorisoi.appointments.forms.fields import BoundedDateField, BoundedModelChoiceField
from yorisoi.appointments.forms.schedules import (
    AbsenceForm,
    ClosureForm,
    SchedulingSettingsForm,
    SeriesCancelForm,
    SeriesForm,
    SeriesMoveForm,
    WorkdayForm,
)

__all__ = [
    "AbsenceForm",
    "BookingForm",
    "BoundedDateField",
    "BoundedModelChoiceField",
    "CalendarQueryForm",
    "CancelForm",
    "CaseNumberForm",
    "ClosureForm",
    "RescheduleForm",
    "SchedulingSettingsForm",
    "SeriesCancelForm",
    "SeriesForm",
    "SeriesMoveForm",
    "SlotPickForm",
    "SlotSearchForm",
    "WorkdayForm",
]

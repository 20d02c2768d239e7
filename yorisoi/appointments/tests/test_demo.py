from yorisoi.appointments.demo import create_demo_appointments
from yorisoi.appointments.models import Appointment, AppointmentStatus, FollowUpTask, RecurringSeries
from yorisoi.demo.generate import create_demo_persons, create_demo_staff
from yorisoi.programs.models import Role


def test_demo_appointments_fill_both_calendars_once(programs):
    create_demo_staff()
    for program in programs.values():
        staff = [m.user for m in program.memberships.filter(role__in=[Role.MANAGER, Role.COUNSELOR])]
        create_demo_persons(program=program, staff=staff, count=30, seed=program.pk)
        create_demo_appointments(program, staff)
        count = Appointment.objects.filter(program=program).count()
        create_demo_appointments(program, staff)  # a second run adds nothing
        assert Appointment.objects.filter(program=program).count() == count
        assert Appointment.objects.filter(program=program, status=AppointmentStatus.BOOKED).count() >= 5
        assert RecurringSeries.objects.filter(program=program).count() == 1
    assert FollowUpTask.objects.count() >= 1

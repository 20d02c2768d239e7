from django.contrib import admin

from yorisoi.programs.models import (
    Closure,
    CrisisLine,
    Membership,
    OpeningHours,
    Organization,
    Place,
    Program,
    ProgramFlowStep,
    Room,
)


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


class PlaceInline(admin.TabularInline):
    model = Place
    extra = 0


class FlowStepInline(admin.StackedInline):
    model = ProgramFlowStep
    extra = 0


class ClosureInline(admin.TabularInline):
    model = Closure
    extra = 0


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ("name", "commissioned_by", "phone", "hours_text")
    inlines = [OpeningHoursInline, PlaceInline, ClosureInline, FlowStepInline]


class CrisisLineInline(admin.TabularInline):
    model = CrisisLine
    extra = 0


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    inlines = [CrisisLineInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "program", "role", "is_active")
    list_filter = ("program", "role", "is_active")


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ("name", "place", "is_active", "display_order")
    list_filter = ("place__program", "is_active")

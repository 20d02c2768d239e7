"""The one manager every person row uses: a query outside a program scope raises."""

from django_scopes import ScopedManager


def program_scoped():
    return ScopedManager(program="program")

"""What every calendar view shares: parsing a query through a form, or a kind 400."""

import datetime

from django.shortcuts import render

from yorisoi.appointments.forms.fields import bounded_day


class BadQuery(Exception):
    def __init__(self, form):
        super().__init__("bad query")
        self.form = form


def parsed(form) -> dict:
    """The form's cleaned data, or ``BadQuery`` (answered with a 400 that says what was wrong)."""
    if not form.is_valid():
        raise BadQuery(form)
    return form.cleaned_data


def bad_query(request, error: BadQuery):
    messages = [str(m) for errors in error.form.errors.values() for m in errors]
    return render(
        request, "appointments/bad_query.html", {"nav": "calendar", "problems": messages}, status=400
    )


def answers_bad_query(view):
    """Turn ``BadQuery`` raised while parsing into the 400 page."""

    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except BadQuery as error:
            return bad_query(request, error)

    wrapped.__name__, wrapped.__doc__ = view.__name__, view.__doc__
    return wrapped


def date_range(view: str, anchor: datetime.date):
    """First and last day shown, and the anchors of the previous and next page, for day/week/month."""
    if view == "day":
        return anchor, anchor, bounded_day(anchor, -1), bounded_day(anchor, 1)
    if view == "month":
        first_of_month = anchor.replace(day=1)
        next_month = bounded_day(first_of_month, 32).replace(day=1)
        first = bounded_day(first_of_month, -first_of_month.weekday())
        last_of_month = bounded_day(next_month, -1)
        last = bounded_day(last_of_month, 6 - last_of_month.weekday())
        previous = bounded_day(first_of_month, -1).replace(day=1)
        return first, last, previous, next_month
    first = bounded_day(anchor, -anchor.weekday())
    return first, bounded_day(first, 6), bounded_day(first, -7), bounded_day(first, 7)

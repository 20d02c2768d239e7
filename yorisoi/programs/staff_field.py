"""Choosing a staff member by typing a name: a filter never renders hundreds of options.

A program may have hundreds of consultants; a ``<select>`` of all of them cost more to render than
the list it filters. The field is a text input (the name shown on pages, a part of it, or the login
name) that the server resolves among the program's staff; as one types, the browser suggests up to
``SUGGESTIONS`` names, fetched by htmx from ``programs:staff_names`` into a ``<datalist>``.
"""

from urllib.parse import urlencode

from django import forms
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

SUGGESTIONS = 10

NOT_FOUND = _("「%(text)s」という職員は見つかりません。名前の一部でも探せます。")
AMBIGUOUS = _("「%(text)s」に当てはまる職員が複数います。候補から選ぶか、もう少し詳しく入力してください。")


def staff_matching(users: QuerySet, text: str, *, limit: int) -> list:
    """Users of ``users`` named exactly ``text`` (or with that login name), else whose name contains it."""
    exact = list(users.filter(Q(display_name=text) | Q(username=text))[:limit])
    return exact or list(users.filter(display_name__icontains=text)[:limit])


class StaffNameInput(forms.TextInput):
    def __init__(self, *, who: str):
        super().__init__(attrs={"autocomplete": "off"})
        self.who = who

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        list_id = f"{widget['attrs']['id']}_names"
        widget["attrs"].update(
            {
                "list": list_id,
                # htmx sends the input's value under its own name; ``field`` tells the endpoint which.
                "hx-get": f"{reverse('programs:staff_names')}?{urlencode({'who': self.who, 'field': name})}",
                "hx-trigger": "input changed delay:250ms",
                "hx-target": f"#{list_id}",
                "hx-swap": "innerHTML",
                "hx-sync": "this:replace",
            }
        )
        return context

    def render(self, name, value, attrs=None, renderer=None):
        """The input, then the (empty) ``<datalist>`` its suggestions are swapped into."""
        html = super().render(name, value, attrs, renderer)
        list_id = f"{(attrs or {}).get('id', 'id_' + name)}_names"
        return html + format_html('<datalist id="{}"></datalist>', list_id)


class StaffNameField(forms.CharField):
    """A staff member of ``users`` (set by the form), or None when left empty.

    ``who`` says whose names are suggested: ``consultants`` (the program's active managers and
    counselors) or ``members`` (everyone who is or was a member, for the manager's access log).
    """

    def __init__(self, *, who: str = "consultants", **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 150)
        kwargs.setdefault("help_text", _("名前の一部を入力すると候補が出ます"))
        super().__init__(widget=StaffNameInput(who=who), **kwargs)
        self.users = None

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        found = staff_matching(self.users, text, limit=2)
        if not found:
            raise forms.ValidationError(NOT_FOUND, code="not_found", params={"text": text})
        if len(found) > 1:
            raise forms.ValidationError(AMBIGUOUS, code="ambiguous", params={"text": text})
        return found[0]


class SuggestionQuery(forms.Form):
    """The suggestion endpoint's query: whose names, and which input's value holds the typed text
    (htmx sends an input's value under the input's own name)."""

    who = forms.ChoiceField(choices=(("consultants", "consultants"), ("members", "members")), required=False)
    field = forms.SlugField(max_length=40, required=False)

    def typed(self, params) -> str:
        field = self.cleaned_data["field"]
        return params.get(field, "").strip()[:150] if field else ""


def suggestion_pool(actor, who: str) -> QuerySet:
    """Whose names the endpoint may suggest to ``actor``: members only to a manager (404 otherwise)."""
    from yorisoi.programs.permissions import require_manager, require_person_access
    from yorisoi.programs.selectors import consultants_of, members_of

    if who == "members":
        require_manager(actor)
        return members_of(actor.program)
    require_person_access(actor)
    return consultants_of(actor.program)

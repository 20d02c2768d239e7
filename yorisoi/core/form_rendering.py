"""Django's plain widgets written out in Python: the same HTML as its widget templates, faster.

A widget renders through the template engine: a ``<select>`` of six statuses is a dozen template
includes, and the filter form above a list cost more than the list's fifty rows. A form whose
``default_renderer`` is ``PLAIN_WIDGETS`` gets the inputs and selects below as Python writes them;
any other template (a custom widget's, a form's layout) still goes to Django's renderer.
``core/tests/test_form_rendering.py`` holds the output to Django's own, character for character.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape

WIDGETS = "django/forms/widgets/"
INPUTS = {f"{WIDGETS}{kind}.html" for kind in ("text", "number", "checkbox", "date", "email", "hidden")}
SELECT = f"{WIDGETS}select.html"
OPTION = f"{WIDGETS}select_option.html"


def _text(value) -> str:
    """``{{ value|stringformat:'s' }}``: safe strings as they are, anything else escaped."""
    return str(conditional_escape(value))


def _attrs(attrs: dict) -> str:
    """``django/forms/widgets/attrs.html``: True is a bare attribute, False leaves it out."""
    return "".join(
        f" {_text(name)}" if value is True else f' {_text(name)}="{_text(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget: dict) -> str:
    value = "" if widget["value"] is None else f' value="{_text(widget["value"])}"'
    kind, name = _text(widget["type"]), _text(widget["name"])
    return f'<input type="{kind}" name="{name}"{value}{_attrs(widget["attrs"])}>'


def _select(widget: dict) -> str | None:
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in options:
            if option["template_name"] != OPTION:
                return None
            parts.append(
                f'\n  <option value="{_text(option["value"])}"{_attrs(option["attrs"])}>'
                f"{_text(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


class PlainWidgets(DjangoTemplates):
    """Django's template renderer, with its plain inputs and selects written out in Python."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        html = None
        if widget is not None and template_name in INPUTS:
            html = _input(widget)
        elif widget is not None and template_name == SELECT:
            html = _select(widget)
        if html is None:
            return super().render(template_name, context, request)
        return html.strip()


PLAIN_WIDGETS = PlainWidgets()

"""A registry of anonymisers: how each model's rows lose what identifies a person.

Any app registers the rows it owns (in its ``AppConfig.ready()``, or the retention app on its
behalf); ``yorisoi.retention`` applies every registered anonymiser to the rows of the cases a
manager decided to anonymise. Counted values (dates, modes, statuses, age bands, genders, who took
part) are never touched, so past statistics stay as they were.

- ``blank``: set to "" (names, contacts, search keys, optional notes);
- ``mark``: a non-empty value becomes ``REDACTED``, an empty one stays empty (required text, and
  text whose presence a report may count, such as "an agency took part");
- ``replace``: set to a constant (``None`` for a birth date, ``{}`` for a stored snapshot);
- ``compute``: per-row values computed before the rest is removed (e.g. the age a birth date gave).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import Case, Model, QuerySet, Value, When

REDACTED = "（匿名化済み）"


@dataclass(frozen=True)
class Anonymiser:
    model: type[Model]
    rows_of_cases: Callable[[list[int]], QuerySet]  # the model's rows belonging to these case ids
    blank: tuple[str, ...] = ()
    mark: tuple[str, ...] = ()
    replace: dict = field(default_factory=dict)
    compute: Callable[[Model], dict] | None = None

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    def apply(self, rows: QuerySet) -> int:
        """Anonymise ``rows`` (of this model); return how many rows there were."""
        if self.compute is not None:
            for row in rows:
                changes = self.compute(row)
                if changes:
                    type(row)._base_manager.filter(pk=row.pk).update(**changes)
        values = {name: Value("") for name in self.blank}
        values |= {
            name: Case(When(**{name: ""}, then=Value("")), default=Value(REDACTED)) for name in self.mark
        }
        values |= self.replace  # plain values: each field prepares its own (a JSON snapshot, a null date)
        pks = list(rows.values_list("pk", flat=True))
        if values and pks:
            self.model._base_manager.filter(pk__in=pks).update(**values)
        return len(pks)


_registry: dict[str, Anonymiser] = {}


def register(*anonymisers: Anonymiser) -> None:
    for anonymiser in anonymisers:
        _registry[anonymiser.label] = anonymiser  # registering again replaces: ready() may run twice


def registered() -> Iterable[Anonymiser]:
    return tuple(_registry.values())


def anonymiser_for(model: type[Model]) -> Anonymiser:
    """For an app that anonymises its own rows outside a case (e.g. a supporter who withdraws)."""
    return _registry[model._meta.label_lower]

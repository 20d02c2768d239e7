"""Status changes through an allowed-transitions table (a dict), never if/elif chains."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import TextChoices
from django.utils.translation import gettext as _


class TransitionNotAllowed(ValidationError):
    pass


@dataclass(frozen=True)
class TransitionTable:
    statuses: type[TextChoices]
    allowed: dict[str, frozenset[str]]

    def ensure(self, current: str, target: str) -> None:
        """Refuse a move the table does not allow, saying so in plain Japanese."""
        if target not in self.allowed.get(current, frozenset()):
            raise TransitionNotAllowed(
                _("「%(from)s」から「%(to)s」には変更できません。")
                % {"from": self.statuses(current).label, "to": self.statuses(target).label}
            )

    def targets(self, current: str) -> list[str]:
        """Where ``current`` may go next, in the statuses' own order."""
        return [s for s in self.statuses.values if s in self.allowed.get(current, frozenset())]

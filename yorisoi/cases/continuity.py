"""What carries over when an inquiry joins a case (registration, or attaching to a known family).

The cases app must not import the apps after it, yet their rows written on the inquiry (a
consultation record of an email reply, say) must follow the inquiry onto the case. Those apps
register a *joiner* in ``AppConfig.ready()``: ``joiner(inquiry, case, caller)`` runs inside the
registering transaction; ``caller`` is the RelatedPerson the caller became, or None.
"""

from collections.abc import Callable

JOINERS: dict[str, Callable] = {}


def register_joiner(key: str, joiner: Callable) -> None:
    JOINERS[key] = joiner


def run_joiners(*, inquiry, case, caller) -> None:
    for joiner in JOINERS.values():
        joiner(inquiry, case, caller)

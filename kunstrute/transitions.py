"""State machines: one error for a refused state change, one check for every table.

Each domain keeps its states as a StrEnum and its allowed changes as a table
{from state: {to states}}; the key None lists the states a new object may start in.
`audit.services.change_state` applies the check, sets the state and records who did it.
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from enum import StrEnum


class TransitionError(ValueError):
    """A state change its table does not allow; nothing was changed."""

    def __init__(self, obj: object, from_state: StrEnum | None, to_state: StrEnum):
        self.obj = obj
        self.from_state = from_state
        self.to_state = to_state
        name = type(obj).__name__.lower()
        start = from_state.value if from_state is not None else "nothing"
        super().__init__(f"A {name} cannot go from {start} to {to_state.value}.")


Transitions = Mapping[StrEnum | None, Set[StrEnum]]


def check_transition(obj: object, to_state: StrEnum, table: Transitions, *,
                     attr: str = "status") -> StrEnum | None:
    """Return the object's current state, or raise TransitionError if it may not go to_state."""
    from_state = getattr(obj, attr)
    if to_state not in table.get(from_state, ()):
        raise TransitionError(obj, from_state, to_state)
    return from_state

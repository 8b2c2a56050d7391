"""Who may do what: one `can_…(user, obj)` function per rule, used by views, decorators and
templates alike (a link is shown only to those who may open it). Tested as a matrix."""

from kunstrute.auth.models import Role

#: Roles that run an edition.
ORGANISER_ROLES = frozenset({Role.ADMIN, Role.ORGANISER})


def _signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated)


def can_organise(user, obj=None) -> bool:
    """Return whether the user may run editions and see personal data of artists."""
    return _signed_in(user) and user.role in ORGANISER_ROLES


def can_edit_studio(user, participation=None) -> bool:
    """Return whether the user may change a studio's access and an artist's hours."""
    return can_organise(user)

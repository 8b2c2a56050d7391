"""Access rules: who may see what. Views use these; tests check them as a matrix."""

from functools import wraps

from flask import abort
from flask_login import current_user

from kunstrute.auth.models import Role

#: Roles that run an edition.
ORGANISER_ROLES = frozenset({Role.ADMIN, Role.ORGANISER})


def can_organise(user) -> bool:
    """Return whether the user may run editions and see personal data of artists."""
    return bool(user and user.is_authenticated and user.role in ORGANISER_ROLES)


def role_required(*roles: Role):
    """Let only signed-in users with one of these roles through (401 → sign-in, else 403)."""
    allowed = frozenset(roles)

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                from kunstrute.extensions import login_manager

                return login_manager.unauthorized()
            if current_user.role not in allowed:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


organiser_required = role_required(*ORGANISER_ROLES)

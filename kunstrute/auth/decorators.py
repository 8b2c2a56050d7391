"""View decorators that apply the rules of `permissions.py`: sign-in first, then the role."""

from functools import wraps

from flask import abort
from flask_login import current_user

from kunstrute.auth.models import Role
from kunstrute.auth.permissions import ORGANISER_ROLES
from kunstrute.extensions import login_manager


def role_required(*roles: Role):
    """Let only signed-in users with one of these roles through (401 → sign-in, else 403)."""
    allowed = frozenset(roles)

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if current_user.role not in allowed:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


organiser_required = role_required(*ORGANISER_ROLES)

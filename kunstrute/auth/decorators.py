"""View decorators that apply the rules of `permissions.py`: sign-in first, then the rule."""

from collections.abc import Callable
from functools import wraps

from flask import abort
from flask_login import current_user

from kunstrute.auth.permissions import can_edit_studio, can_organise
from kunstrute.extensions import login_manager


def permission_required(check: Callable[..., bool]):
    """Let only signed-in users for whom check(user) holds through (401 → sign-in, else 403)."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not check(current_user):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


organiser_required = permission_required(can_organise)
studio_editor_required = permission_required(can_edit_studio)

"""Public serving of the files made public (the shown works of published artists)."""

import sqlalchemy as sa

from kunstrute.extensions import db
from kunstrute.media import bp
from kunstrute.media.models import MediaFile
from kunstrute.media.services import send_variant

#: Keys are 32 characters (secrets.token_urlsafe(24)); anything much longer is no key.
KEY = "string(minlength=16, maxlength=64)"
PUBLIC_VARIANTS = "any(jury, w320, w640, w1280, w640jpg)"


@bp.get(f"/<{KEY}:key>/<{PUBLIC_VARIANTS}:variant>")
def public_file(key: str, variant: str):
    """Serve a public, ready image's copy; the same 404 for private, pending and unknown."""
    file = db.session.scalar(sa.select(MediaFile).where(MediaFile.key == key))
    if file is None or not file.public:
        file = None
    return send_variant(file, variant, public=True)

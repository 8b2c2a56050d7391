"""Uploaded files: checked by content, re-encoded, copied to sizes, stored outside static/.

A domain that accepts uploads calls `services.store_image` / `services.store_pdf` and serves
private files itself (it knows who may see them) with `services.send_variant`; files made
public (the works of published artists) are served by this blueprint at /media/<key>/<variant>.
"""

from flask import Blueprint

bp = Blueprint("media", __name__, url_prefix="/media", cli_group=None)

from kunstrute.media import routes  # noqa: E402,F401

"""Error pages in the site's own design."""

import math
import time

from flask import Flask, jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError

from kunstrute.extensions import db, limiter


def init_app(app: Flask) -> None:
    @app.errorhandler(404)
    def not_found(_error):
        return render_template("errors/404.html"), 404

    @app.errorhandler(403)
    def forbidden(_error):
        return render_template("errors/403.html"), 403

    @app.errorhandler(CSRFError)
    def csrf_failed(error):
        return render_template("errors/400.html", reason=error.description), 400

    @app.errorhandler(413)
    def too_large(_error):
        sizes = {name: f"{app.config[setting] / (1024 * 1024):.0f}" for name, setting in (
            ("mb", "MAX_CONTENT_LENGTH"), ("image_mb", "MEDIA_MAX_IMAGE_BYTES"),
            ("pdf_mb", "MEDIA_MAX_PDF_BYTES"))}
        if wants_json():
            message = _("The upload is larger than %(mb)s MB, the most we accept at once.",
                        mb=sizes["mb"])
            return jsonify(error=message, limit_bytes=app.config["MAX_CONTENT_LENGTH"]), 413
        return render_template("errors/413.html", **sizes), 413

    @app.errorhandler(429)
    def too_many(_error):
        wait = retry_after()
        response = app.make_response((render_template(
            "errors/429.html", minutes=max(1, math.ceil(wait / 60))), 429))
        response.headers["Retry-After"] = str(wait)
        response.headers["Cache-Control"] = "no-store"
        return response

    @app.errorhandler(500)
    def server_error(_error):
        db.session.rollback()  # the page itself must not fail on a broken transaction
        return render_template("errors/500.html"), 500


def wants_json() -> bool:
    """Tell whether the request came from a script (fetch) that reads JSON, not a page."""
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json" or request.headers.get("Sec-Fetch-Dest") == "empty"


def retry_after() -> int:
    """Return the seconds until the limit this request broke lets one more through."""
    broken = limiter.current_limit
    if broken is None:
        return 60
    # The limits library counts in real time (time.time), not the app's clock.
    return max(1, math.ceil(broken.window.reset_time - time.time()))

"""Error pages in the site's own design."""

import math
import time

from flask import Flask, render_template
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


def retry_after() -> int:
    """Return the seconds until the limit this request broke lets one more through."""
    broken = limiter.current_limit
    if broken is None:
        return 60
    # The limits library counts in real time (time.time), not the app's clock.
    return max(1, math.ceil(broken.window.reset_time - time.time()))

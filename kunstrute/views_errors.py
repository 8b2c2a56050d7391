"""Error pages in the site's own design."""

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError

from kunstrute.extensions import db


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

    @app.errorhandler(500)
    def server_error(_error):
        db.session.rollback()  # the page itself must not fail on a broken transaction
        return render_template("errors/500.html"), 500

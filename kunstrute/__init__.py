"""Kunstrute: the web app of a juried open-studios art route."""

from pathlib import Path

from flask import Flask

from kunstrute import config as config_module

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: type | dict | None = None) -> Flask:
    """Build the app; read configuration only (no tables, no migrations, no network)."""
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    app.config.from_object(config_module.Config)
    if isinstance(config, dict):
        app.config.update(config)
    elif config is not None:
        app.config.from_object(config)
    _fill_defaults(app)
    config_module.fill_cookie_security(app.config)
    config_module.check_secret_key(app.config)
    config_module.fill_hosts(app.config)

    from kunstrute import (
        compression,
        database,  # noqa: F401  (SQLite pragmas for every connection)
        i18n,
        limits,
        security,
        templating,
        views_errors,
    )
    from kunstrute.extensions import cache, csrf, db, huey, login_manager, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    huey.init_app(app)
    cache.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = None  # the sign-in page explains itself
    compression.init_app(app)  # first registered, so it runs after every other after_request
    i18n.init_app(app)
    templating.init_app(app)
    security.init_app(app)
    limits.init_app(app)
    views_errors.init_app(app)
    import kunstrute.models  # noqa: F401  (every model, for Alembic and relationships)

    _register_blueprints(app)

    from kunstrute.cli import register_commands

    register_commands(app)  # the commands of several domains; each domain registers its own
    return app


def _fill_defaults(app: Flask) -> None:
    """Fill settings that depend on the instance folder or on other settings."""
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        db_file = Path(app.instance_path) / "kunstrute.sqlite3"
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{db_file}"
    if not app.config.get("MAIL_OUTBOX"):
        app.config["MAIL_OUTBOX"] = str(Path(app.instance_path) / "outbox")
    if not app.config.get("UPLOAD_FOLDER"):
        app.config["UPLOAD_FOLDER"] = str(Path(app.instance_path) / "uploads")
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    if uri.startswith("postgres://"):  # what some hosts hand out; SQLAlchemy wants the long name
        uri = "postgresql://" + uri.removeprefix("postgres://")
    if uri.startswith("postgresql://"):
        uri = "postgresql+psycopg://" + uri.removeprefix("postgresql://")
    app.config["SQLALCHEMY_DATABASE_URI"] = uri
    if not app.config.get("SECRET_KEY") and app.config.get("ENV") != "production":
        import secrets

        # Development only: sessions do not survive a restart, which is fine there.
        app.config["SECRET_KEY"] = secrets.token_hex(32)


def _register_blueprints(app: Flask) -> None:
    from kunstrute.applications import admin_bp as applications_admin_bp
    from kunstrute.applications import bp as applications_bp
    from kunstrute.applications import jury_bp
    from kunstrute.auth import account_bp
    from kunstrute.auth import admin_bp as auth_admin_bp
    from kunstrute.auth import bp as auth_bp
    from kunstrute.counting import admin_bp as counting_admin_bp
    from kunstrute.counting import bp as counting_bp
    from kunstrute.editions import account_bp as editions_account_bp
    from kunstrute.editions import bp as editions_bp
    from kunstrute.guide import bp as guide_bp
    from kunstrute.media import bp as media_bp
    from kunstrute.newsletter import admin_bp as newsletter_admin_bp
    from kunstrute.newsletter import bp as newsletter_bp
    from kunstrute.organiser import bp as organiser_bp
    from kunstrute.programme import admin_bp as programme_admin_bp
    from kunstrute.programme import bp as programme_bp
    from kunstrute.stats import bp as stats_bp
    from kunstrute.surveys import admin_bp as surveys_admin_bp
    from kunstrute.surveys import bp as surveys_bp

    for blueprint in (guide_bp, auth_bp, organiser_bp, editions_bp, programme_bp,
                      programme_admin_bp, newsletter_bp, newsletter_admin_bp, media_bp,
                      applications_bp, jury_bp, applications_admin_bp, account_bp,
                      auth_admin_bp, editions_account_bp, counting_bp, counting_admin_bp,
                      stats_bp, surveys_bp, surveys_admin_bp):
        app.register_blueprint(blueprint)

"""What keeps an application from being submitted, and what in it names the applicant."""

from __future__ import annotations

from flask_babel import gettext as _

from kunstrute.applications.models import Application
from kunstrute.applications.naming import identifying_words, names_found
from kunstrute.applications.services import (
    MAX_DISCIPLINES,
    MAX_WORKS,
    MIN_WORKS,
    STATEMENT_MAX,
    STATEMENT_MIN,
)
from kunstrute.media.models import MediaStatus


def _required() -> dict[str, str]:
    return {
        "name": _("Enter your name."),
        "email": _("Enter your e-mail address."),
        "address": _("Enter the studio's address."),
        "postcode": _("Enter the postcode."),
        "place": _("Enter the place."),
        "municipality_id": _("Choose the municipality."),
    }


def problems(application: Application) -> dict[str, list[str]]:
    """Return {field: [message]} for everything that keeps the application from submission.

    Work fields are named "work-<id>-<field>"; the list of works "works"; the CV "cv".
    """
    found: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        found.setdefault(field, []).append(message)

    for field, message in _required().items():
        if not getattr(application, field):
            add(field, message)
    disciplines = application.disciplines or []
    if not disciplines:
        add("main_discipline", _("Choose your main discipline."))
    elif len(disciplines) > MAX_DISCIPLINES:
        add("other_disciplines", _("Choose at most %(n)d disciplines in all.",
                                   n=MAX_DISCIPLINES))
    length = len((application.statement or "").strip())
    if not STATEMENT_MIN <= length <= STATEMENT_MAX:
        add("statement", _("The statement must be %(min)d–%(max)d characters long; it is "
                           "%(n)d.", min=STATEMENT_MIN, max=STATEMENT_MAX, n=length))
    if application.cv_file is None:
        add("cv", _("Upload your CV as a PDF."))
    _work_problems(application, add)
    return found


def _work_problems(application: Application, add) -> None:
    works = application.artworks
    if not MIN_WORKS <= len(works) <= MAX_WORKS:
        add("works", _("Add %(min)d to %(max)d works; you have %(n)d.",
                       min=MIN_WORKS, max=MAX_WORKS, n=len(works)))
    for work in works:
        prefix = f"work-{work.id}-"
        if work.image.status == MediaStatus.FAILED:
            add(prefix + "image", _("This image could not be read. Upload it again or "
                                    "choose another."))
        elif work.image.status != MediaStatus.READY:
            add(prefix + "image", _("This image is still being prepared. Wait a moment and "
                                    "submit again."))
        if not work.title:
            add(prefix + "title", _("Enter the work's title."))
        if work.year is None:
            add(prefix + "year", _("Enter the year the work was made."))
        if not work.technique:
            add(prefix + "technique", _("Enter the technique."))
        if not work.size:
            add(prefix + "size", _("Enter the size."))


def naming_warnings(application: Application) -> dict[str, list[str]]:
    """Return {field: [words]} where the statement or a work's title or technique names the
    applicant (their name, e-mail or website's domain): a warning, never a refusal."""
    words = identifying_words(name=application.name, email=application.email,
                              website=application.website)
    if not words:
        return {}
    texts = {"statement": application.statement}
    for work in application.artworks:
        texts[f"work-{work.id}-title"] = work.title
        texts[f"work-{work.id}-technique"] = work.technique
    found = {field: names_found(text, words) for field, text in texts.items()}
    return {field: hits for field, hits in found.items() if hits}

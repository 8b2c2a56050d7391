"""Helpers of the applicants' browser tests: a server of their own on the sample edition, its
clock, accounts, the interface's bokmål, and the application form as a phone user fills it in.

These tests commit applications, scores and decisions, so they never use the shared
`live_server`: another module counting the sample edition's studios would see them.
"""

import threading
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import pytest
from babel.support import Translations
from werkzeug.serving import make_server

from kunstrute import timeutil
from kunstrute.auth.services import create_user
from kunstrute.demo import DEMO_DOMAIN, create_demo_accounts, demo_user, load_demo
from kunstrute.demo_round import load_round
from kunstrute.editions.queries import current_edition, geocoder_chain
from kunstrute.extensions import db
from kunstrute.timeutil import OSLO, utcnow
from tests.browser.conftest import axe_violations
from tests.conftest import Clock, make_app

PASSWORD = "correct horse battery staple"
TRANSLATIONS = Translations.load(
    str(Path(__file__).resolve().parents[2] / "kunstrute" / "translations"), ["nb"])
#: The sample edition takes applications from 15 January to 15 March 2027 (data/edition.json);
#: with its round loaded, from 60 days before the load to 45 days after it.
WHILE_OPEN = datetime(2027, 2, 1, 12, 0, tzinfo=OSLO)
AFTER_DEADLINE = datetime(2027, 3, 20, 12, 0, tzinfo=OSLO)
#: A statement long enough to submit (200–3,000 characters), naming nobody.
STATEMENT = ("Jeg arbeider med lys over fjorden om vinteren: tynne lag olje på lin, malt "
             "utendørs i kulda og ferdig i atelieret. Bildene handler om det korte dagslyset, "
             "om isen som legger seg langs land og om fargene som bare varer noen minutter "
             "før mørket kommer.")


def nb(msgid: str, **values) -> str:
    """Return the interface's bokmål for an English message, as the page shows it."""
    text = TRANSLATIONS.gettext(msgid)
    return text % values if values else text


def demo_email(local: str) -> str:
    """Return the address of one of the demo's sign-ins (their password: PASSWORD)."""
    return f"{local}@{DEMO_DOMAIN}"


@contextmanager
def sample_server(tmp_path_factory, name: str, *, with_round: bool = False):
    """Serve the sample edition from a SQLite file of its own; yield (url, app).

    with_round, as `flask demo` does: the demo's sign-ins and the application round that led
    to the edition, decided and published, its window open around the app's "now". The drawn
    works stay unprocessed (that is the worker's job, and nobody here looks at them).
    """
    folder = tmp_path_factory.mktemp(name)
    app = make_app(f"sqlite:///{folder / 'db.sqlite3'}", UPLOAD_FOLDER=str(folder / "up"))
    with app.app_context():
        db.create_all()
        load_demo(data_dir=app.config["DATA_DIR"], now=utcnow(),
                  chain_factory=lambda: geocoder_chain(app.config, offline=True))
        if with_round:
            create_demo_accounts(token=lambda _size: PASSWORD)
            load_round(edition=current_edition(), now=utcnow(),
                       jurors=[demo_user(n) for n in ("juror", "juror2", "juror3")],
                       artist_account=demo_user("artist"))
        db.session.commit()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}"
    app.config["BASE_URL"] = url
    try:
        yield url, app
    finally:
        server.shutdown()


@contextmanager
def server_clock(when: datetime):
    """Run the app's clock (not Chromium's) from `when`; yield it to move it on."""
    patch = pytest.MonkeyPatch()
    fake = Clock(when)
    patch.setattr(timeutil, "clock", fake)
    try:
        yield fake
    finally:
        patch.undo()


def account(email: str, role: str, name: str = "") -> int:
    """Create a user whose e-mail address is confirmed; return its id (in an app context)."""
    user = create_user(email=email, password=PASSWORD, role=role)
    user.name, user.email_confirmed_at = name, utcnow()
    db.session.commit()
    return user.id


def follow(page, target) -> None:
    """Click a link or a form's button and wait for the page it leads to."""
    with page.expect_navigation():
        target.click()


def sign_in(page, email: str) -> None:
    page.goto("/auth/login")
    page.get_by_label(nb("E-mail")).fill(email)
    page.get_by_label(nb("Password")).fill(PASSWORD)
    follow(page, page.get_by_role("button", name=nb("Sign in")))


def fits_and_passes_axe(page) -> None:
    """Assert the page does not scroll sideways and axe finds no WCAG 2.1 A/AA violation."""
    page.wait_for_load_state("networkidle")
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url
    assert axe_violations(page) == [], page.url


def fill_details(page, *, name: str, email: str) -> None:
    """Fill in the details form (contact, studio, disciplines, statement)."""
    form = page.locator("#details")
    form.get_by_label(nb("Name"), exact=True).fill(name)
    form.get_by_label(nb("E-mail")).fill(email)
    form.get_by_label(nb("Phone")).fill("900 12 345")
    form.get_by_label(nb("Studio address")).fill("Strandveien 3")
    form.get_by_label(nb("Postcode")).fill("3400")
    form.get_by_label(nb("Place"), exact=True).fill("Lier")
    form.get_by_label(nb("Municipality")).select_option(label="Lier")
    form.get_by_label(nb("Main discipline")).select_option(index=1)
    form.get_by_label(nb("Artist statement")).fill(STATEMENT)


def add_work(page, *, title: str, name: str, data: bytes, mime: str) -> None:
    """Add one work with the new-work form, its image chosen as a phone's photo."""
    form = page.locator("#new-work")
    form.get_by_label(nb("Image")).set_input_files(
        files=[{"name": name, "mimeType": mime, "buffer": data}])
    form.get_by_label(nb("Title")).fill(title)
    form.get_by_label(nb("Year")).fill("2026")
    form.get_by_label(nb("Technique")).fill("Olje på lin")
    form.get_by_label(nb("Size")).fill("60 × 80 cm")
    follow(page, form.get_by_role("button", name=nb("Add the work")))

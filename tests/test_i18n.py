"""The bokmål catalogue is complete and compiled: Norwegian first, never a stray English text."""

import subprocess
import sys
from pathlib import Path

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

TRANSLATIONS = Path(__file__).resolve().parent.parent / "kunstrute" / "translations"


def _key(value):
    """Plural entries come as lists or tuples, depending on the reader."""
    return tuple(value) if isinstance(value, (list, tuple)) else value


def _complete(string) -> bool:
    return all(string) if isinstance(string, (list, tuple)) else bool(string)


def test_every_text_in_the_code_has_a_bokmal_translation(tmp_path):
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
         "-k", "_l", "-k", "lazy_gettext", "--no-location", "--omit-header",
         "-o", str(pot), "."],
        cwd=TRANSLATIONS.parent.parent, check=True, capture_output=True,
    )
    with pot.open("rb") as handle:
        wanted = {_key(m.id) for m in read_po(handle) if m.id}
    with (TRANSLATIONS / "nb/LC_MESSAGES/messages.po").open("rb") as handle:
        catalogue = read_po(handle)
    translated = {_key(m.id) for m in catalogue
                  if m.id and _complete(m.string) and "fuzzy" not in m.flags}
    missing = sorted(str(m) for m in wanted - translated)
    assert not missing, f"run scripts/translations and translate: {missing}"


def test_the_compiled_catalogue_matches_the_po_file():
    with (TRANSLATIONS / "nb/LC_MESSAGES/messages.po").open("rb") as handle:
        po = {_key(m.id): _key(m.string) for m in read_po(handle) if m.id and m.string}
    with (TRANSLATIONS / "nb/LC_MESSAGES/messages.mo").open("rb") as handle:
        mo = {_key(m.id): _key(m.string) for m in read_mo(handle) if m.id}
    assert po == mo, "run scripts/translations to compile the catalogue"

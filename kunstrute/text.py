"""Text helpers: comparing and slugging names with æ, ø and å."""

import re
import unicodedata

_NORDIC = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A", "ß": "ss"})


def fold(text: str | None) -> str:
    """Return text lower-cased with runs of whitespace collapsed, for comparisons."""
    return " ".join((text or "").split()).casefold()


def ascii_fold(text: str) -> str:
    """Return text in ASCII: æ→ae, ø→o, å→a, accents dropped."""
    text = text.translate(_NORDIC)
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def slugify(text: str) -> str:
    """Return a URL name: 'Åse Bjørnstad' → 'ase-bjornstad'."""
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_fold(text).lower()).strip("-")
    return slug[:100] or "artist"

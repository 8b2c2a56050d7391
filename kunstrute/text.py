"""Text helpers: comparing and slugging names with æ, ø and å; the e-mail address rule."""

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


def normalise_email(text: str | None) -> str:
    """Return an e-mail address as it is stored and compared: trimmed, NFC, lower-cased.

    The whole address is lower-cased: the part before the @ may in theory be case-sensitive,
    but no mail provider people use treats it so, while people do type "Kari@Gmail.com" one
    day and "kari@gmail.com" the next and expect to be one person. lower(), not casefold():
    casefold() turns "ß" into "ss", which is another address. NFC, as email_validator does,
    so an "å" typed on a Mac (a + ring) matches one typed elsewhere. Validation is separate.
    """
    return unicodedata.normalize("NFC", (text or "").strip()).lower()


def slugify(text: str) -> str:
    """Return a URL name: 'Åse Bjørnstad' → 'ase-bjornstad'."""
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_fold(text).lower()).strip("-")
    return slug[:100] or "artist"


#: Every character str.splitlines() breaks at: CR, LF, VT, FF, FS, GS, RS, NEL, LS and PS.
_LINE_BREAK = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_LINE_BREAKS = re.compile(f"[ \\t]*[{_LINE_BREAK}]+[ \\t]*")


def has_line_break(text: str | None) -> bool:
    """Return whether text has a line break of any kind (CR, LF, U+2028 …)."""
    return any(char in _LINE_BREAK for char in text or "")


def one_line(text: str | None) -> str:
    """Return text with each run of line breaks, and the spaces round it, as one space."""
    return _LINE_BREAKS.sub(" ", text or "").strip()


def plain_line_ends(text: str | None) -> str:
    """Return text with Windows (CR LF) and old Mac (CR) line ends as LF."""
    return re.sub(r"\r\n?", "\n", text or "")


def paragraphs(text: str | None) -> list[str]:
    """Return the paragraphs of a text typed in a form: blank lines separate them."""
    return [p for p in re.split(r"\n[ \t]*\n\s*", plain_line_ends(text).strip()) if p]

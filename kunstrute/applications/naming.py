"""Whether an applicant's blind text names them: their name, e-mail or website's domain."""

import re
from urllib.parse import urlsplit

from kunstrute.text import ascii_fold, fold

#: Parts of a name shorter than this are too common to warn about ("Bo", "Li").
MIN_PART = 3


def _folded(text: str | None) -> str:
    """Return text compared case- and diacritics-insensitively: 'Åse' → 'ase'."""
    return ascii_fold(fold(text))


def _domain(website: str | None) -> str | None:
    host = urlsplit((website or "").strip()).hostname or ""
    host = host.removeprefix("www.")
    return host if "." in host else None


def identifying_words(*, name: str | None, email: str | None,
                      website: str | None) -> list[str]:
    """Return the folded words that would name the applicant: name parts, e-mail, domain."""
    words = [part for part in re.split(r"[^a-z0-9]+", _folded(name)) if len(part) >= MIN_PART]
    email = _folded(email)
    if "@" in email:
        words.append(email)
    domain = _domain(website)
    if domain:
        words.append(_folded(domain))
    return list(dict.fromkeys(words))


def names_found(text: str | None, words: list[str]) -> list[str]:
    """Return the identifying words that text contains (as whole words), in their order."""
    folded = _folded(text)
    if not folded:
        return []
    return [word for word in words
            if re.search(rf"(?<![a-z0-9]){re.escape(word)}(?![a-z0-9])", folded)]

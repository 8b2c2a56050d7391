"""Reads for templates and other domains: the public addresses of a file's copies."""

from __future__ import annotations

from flask import url_for

from kunstrute.media.images import SRCSET_VARIANTS, VARIANTS, copy_size
from kunstrute.media.models import MediaFile


def media_url(file: MediaFile, variant: str = "w640") -> str:
    """Return the public address of a copy (served only while the file is public and ready)."""
    return url_for("media.public_file", key=file.key, variant=variant)


def variant_size(file: MediaFile, variant: str) -> tuple[int, int]:
    """Return the pixel size of a READY image's copy."""
    return copy_size(VARIANTS[variant], file.width or 1, file.height or 1)


def media_srcset(file: MediaFile) -> str:
    """Return "<url> 320w, <url> 640w, <url> 1280w", each with the copy's true width."""
    entries, seen = [], set()
    for variant in SRCSET_VARIANTS:
        width = variant_size(file, variant)[0]
        if width not in seen:
            seen.add(width)
            entries.append(f"{media_url(file, variant)} {width}w")
    return ", ".join(entries)

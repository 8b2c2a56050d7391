"""Where files live: one folder per random key under UPLOAD_FOLDER, outside static/.

No name on disk comes from the uploader: the folder is the key, the files inside have fixed
names (the raw upload, the clean master, one file per copy, or the PDF).
"""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path

from flask import current_app

from kunstrute.media.images import MASTER_JPEG, MASTER_PNG, VARIANTS
from kunstrute.media.models import MediaFile, MediaKind

#: The upload as received, kept until the job has written the clean master.
RAW = "upload"
PDF = "document.pdf"


def root() -> Path:
    return Path(current_app.config["UPLOAD_FOLDER"])


def new_folder() -> tuple[str, Path]:
    """Return a fresh random key and its (new, empty) folder."""
    key = secrets.token_urlsafe(24)
    folder = root() / key
    folder.mkdir(parents=True)
    return key, folder


def folder_of(file: MediaFile) -> Path:
    return root() / file.key


def write(path: Path, data: bytes) -> None:
    """Write through a temporary name, so a reader never sees half a file."""
    partial = path.with_name(path.name + ".part")
    partial.write_bytes(data)
    os.replace(partial, path)


def variant_path(file: MediaFile, variant: str) -> tuple[Path, str] | None:
    """Return the path and content type of a file's copy, or None if it has no such copy."""
    if file.kind == MediaKind.PDF:
        return (folder_of(file) / PDF, "application/pdf") if variant == "pdf" else None
    found = VARIANTS.get(variant)
    if found is None:
        return None
    return folder_of(file) / found.filename, found.mimetype


#: An image's files from the largest to the smallest: the clean master (2048 px), then the
#: copies. Print wants the most pixels there are.
BY_SIZE = (MASTER_JPEG, MASTER_PNG, *(VARIANTS[name].filename
                                      for name in ("jury", "w1280", "w640jpg", "w640", "w320")))


def largest_copy(key: str) -> Path | None:
    """Return the largest clean file of the image stored under `key`, or None.

    Only what the job re-encoded is looked at, never the raw upload; callers pass the keys of
    READY images (editions.queries.first_works), which read plain rows for thousands of works.
    """
    if not key or "/" in key or key.startswith("."):
        return None
    folder = root() / key
    return next((folder / name for name in BY_SIZE if (folder / name).is_file()), None)


def remove(file: MediaFile) -> None:
    shutil.rmtree(folder_of(file), ignore_errors=True)

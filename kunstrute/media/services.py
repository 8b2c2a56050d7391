"""Writes for uploaded files: store (checked), queue the processing, publish, delete, serve.

Domains call these; they flush, the view commits, then calls `queue_processing`. Private
files are served by the domain's own route (it knows who may see them) via `send_variant`.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask import Response, abort, current_app, send_file

from kunstrute.extensions import db
from kunstrute.media import storage
from kunstrute.media.checks import UploadError, check_image, check_pdf, read_limited
from kunstrute.media.jobs import process_images
from kunstrute.media.models import MediaFile, MediaKind, MediaStatus

__all__ = ["UploadError", "delete_file", "make_private", "make_public", "queue_processing",
           "send_variant", "store_image", "store_pdf"]

#: Public copies never change under their key: browsers and proxies may keep them a year.
PUBLIC_CACHE = "public, max-age=31536000, immutable"
PRIVATE_CACHE = "private, no-store"


def _original_name(upload) -> str:
    """Return the name on the uploader's device, without folders (for display only)."""
    name = getattr(upload, "filename", None) or ""
    return name.replace("\\", "/").rsplit("/", 1)[-1].strip()[:255]


def _owner_id(owner) -> int | None:
    return getattr(owner, "id", owner)


def store_image(*, upload, owner=None) -> MediaFile:
    """Check an uploaded image by its content and keep it privately, PENDING; flush."""
    config = current_app.config
    data = read_limited(upload, config["MEDIA_MAX_IMAGE_BYTES"])
    info = check_image(data, max_pixels=config["MEDIA_MAX_PIXELS"])
    key, folder = storage.new_folder()
    storage.write(folder / storage.RAW, data)
    file = MediaFile(key=key, kind=MediaKind.IMAGE, status=MediaStatus.PENDING,
                     owner_id=_owner_id(owner), original_name=_original_name(upload),
                     detected_format=info.format, size_bytes=len(data),
                     width=info.width, height=info.height)
    db.session.add(file)
    db.session.flush()
    return file


def store_pdf(*, upload, owner=None) -> MediaFile:
    """Check that the upload really is a PDF and keep it privately, READY at once; flush."""
    data = read_limited(upload, current_app.config["MEDIA_MAX_PDF_BYTES"])
    check_pdf(data)
    key, folder = storage.new_folder()
    storage.write(folder / storage.PDF, data)
    file = MediaFile(key=key, kind=MediaKind.PDF, status=MediaStatus.READY,
                     owner_id=_owner_id(owner), original_name=_original_name(upload),
                     detected_format="PDF", size_bytes=len(data))
    db.session.add(file)
    db.session.flush()
    return file


def queue_processing(files: Iterable[MediaFile | None]) -> None:
    """Queue the re-encoding of the pending images among `files`; call after the commit."""
    ids = [f.id for f in files
           if f is not None and f.kind == MediaKind.IMAGE and f.status == MediaStatus.PENDING]
    if ids:
        process_images(ids)


def make_public(file: MediaFile) -> None:
    """Serve the file's copies to anyone at /media/<key>/<variant>; flush."""
    file.public = True
    db.session.flush()


def make_private(file: MediaFile) -> None:
    """Stop serving the file publicly (copies already fetched may stay in caches); flush."""
    file.public = False
    db.session.flush()


def delete_file(file: MediaFile) -> None:
    """Remove the file from disk and the database; flush."""
    storage.remove(file)
    db.session.delete(file)
    db.session.flush()


def send_variant(file: MediaFile | None, variant: str, *, public: bool = False) -> Response:
    """Answer a READY file's copy ("jury", "w640", …; "pdf" for a PDF), or 404.

    For a domain's own route that has checked who may see the file: the answer is private
    and never stored. `public=True` is for the public route only.
    """
    if file is None or file.status != MediaStatus.READY:
        abort(404)
    found = storage.variant_path(file, variant)
    if found is None or not found[0].is_file():
        abort(404)
    path, mimetype = found
    response = send_file(path, mimetype=mimetype, conditional=True, etag=True,
                         download_name="document.pdf" if file.kind == MediaKind.PDF else None)
    response.headers["Cache-Control"] = PUBLIC_CACHE if public else PRIVATE_CACHE
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response

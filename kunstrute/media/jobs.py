"""The media job: re-encode uploaded images and make their copies (safe to run twice)."""

from __future__ import annotations

import logging

from PIL import Image

from kunstrute.extensions import db, huey
from kunstrute.media import storage
from kunstrute.media.images import make_copies
from kunstrute.media.models import MediaFile, MediaKind, MediaStatus

log = logging.getLogger(__name__)


@huey.task(retries=1, retry_delay=60)
def process_images(ids: list[int]) -> dict[str, int]:
    """Process every pending image of `ids`; files done before (or failed) are skipped."""
    outcome = {"ready": 0, "failed": 0, "skipped": 0}
    for file_id in ids:
        file = db.session.get(MediaFile, file_id)
        if file is None or file.kind != MediaKind.IMAGE or file.status != MediaStatus.PENDING:
            outcome["skipped"] += 1
            continue
        outcome[process(file)] += 1
        db.session.commit()
        if file.status == MediaStatus.READY:  # kept until the clean copy is committed
            (storage.folder_of(file) / storage.RAW).unlink(missing_ok=True)
    return outcome


def process(file: MediaFile) -> str:
    """Write the clean master and the copies; set the file READY, or FAILED with a reason."""
    folder = storage.folder_of(file)
    raw = folder / storage.RAW
    try:
        if not raw.is_file():
            raise FileNotFoundError("the upload is missing")
        result = make_copies(raw, folder)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError,
            MemoryError) as exc:
        log.warning("Media file %s could not be processed: %r", file.id, exc)
        file.status, file.error = MediaStatus.FAILED, f"{type(exc).__name__}: {exc}"[:200]
        db.session.flush()
        return "failed"
    file.width, file.height = result.width, result.height
    file.status, file.error = MediaStatus.READY, None
    db.session.flush()
    return "ready"

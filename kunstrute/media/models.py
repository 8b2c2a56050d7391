"""A stored file: an image (with its copies in several sizes) or a PDF."""

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from kunstrute.extensions import db, enum_column_type
from kunstrute.timeutil import utcnow


class MediaKind(enum.StrEnum):
    IMAGE = "image"
    PDF = "pdf"


class MediaStatus(enum.StrEnum):
    #: Checked and stored as uploaded; the job has not made the clean copies yet.
    PENDING = "pending"
    #: Re-encoded, metadata dropped, every copy made: safe to show.
    READY = "ready"
    #: The job could not read it; `error` says why.
    FAILED = "failed"


class MediaFile(db.Model):
    __tablename__ = "media_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Random, unguessable; the folder and URL name. Never derived from the upload's name.
    key: Mapped[str] = mapped_column(sa.String(64), unique=True)
    kind: Mapped[MediaKind] = mapped_column(enum_column_type(MediaKind))
    status: Mapped[MediaStatus] = mapped_column(
        enum_column_type(MediaStatus), default=MediaStatus.PENDING)
    #: Who uploaded it; None for files the program made (the demo).
    owner_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    #: The name on the uploader's device: shown to the uploader and organisers only, never to
    #: a juror (it may hold the artist's name).
    original_name: Mapped[str] = mapped_column(sa.String(255), default="")
    #: The format found in the content (JPEG, PNG, WEBP, HEIF, PDF), not the name's.
    detected_format: Mapped[str] = mapped_column(sa.String(10))
    size_bytes: Mapped[int]
    #: Pixels after orientation is applied (images only).
    width: Mapped[int | None]
    height: Mapped[int | None]
    #: Served to anyone at /media/<key>/…: the shown works of published artists.
    public: Mapped[bool] = mapped_column(default=False)
    error: Mapped[str | None] = mapped_column(sa.String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def is_ready(self) -> bool:
        return self.status == MediaStatus.READY

    @property
    def is_portrait(self) -> bool:
        return bool(self.width and self.height and self.height > self.width)

    def __repr__(self) -> str:
        return f"<MediaFile {self.id} {self.kind} {self.status}>"

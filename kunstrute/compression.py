"""Gzip text responses for clients that accept it: pages, styles, scripts and JSON.

gunicorn sends bytes as the app returns them, and a phone on a slow network pays for every
one: /map's HTML and scripts shrink to about a quarter. A proxy in front may compress too;
it then sees Content-Encoding and leaves the response alone. Static files are compressed
once per file version and kept in memory, pages on every request (about 1 ms for 60 kB).
"""

from __future__ import annotations

import gzip
import threading

from flask import Flask, request
from werkzeug.http import parse_accept_header

#: Types worth compressing; images and fonts are compressed already.
TYPES = {"text/html", "text/css", "text/javascript", "application/javascript",
         "application/json", "application/manifest+json", "image/svg+xml", "text/plain",
         "text/calendar", "text/csv"}
#: Below this a gzip header and a round of CPU cost more than they save.
MIN_SIZE = 500
_STATIC_LIMIT = 64  # compressed static files kept per process

_static: dict[tuple[str, str], bytes] = {}
_lock = threading.Lock()


def accepts_gzip(header: str) -> bool:
    """Return whether an Accept-Encoding header allows gzip (and does not refuse it, q=0)."""
    return parse_accept_header(header)["gzip"] > 0


def _compressible(response) -> bool:
    return (response.status_code == 200 and response.mimetype in TYPES
            and "Content-Encoding" not in response.headers
            and (response.direct_passthrough or not response.is_streamed))


def _compress_static(response) -> bytes:
    """Return the gzipped file, compressed once per path and ETag."""
    key = (request.path, response.headers.get("ETag", ""))
    with _lock:
        body = _static.get(key)
    if body is None:
        response.direct_passthrough = False
        body = gzip.compress(response.get_data(), compresslevel=9, mtime=0)
        with _lock:
            if len(_static) >= _STATIC_LIMIT:
                _static.clear()
            _static[key] = body
    return body


def compress(response):
    """Gzip the response in place when the client accepts it and it is worth it."""
    response.vary.add("Accept-Encoding")
    if not _compressible(response) or not accepts_gzip(request.headers.get("Accept-Encoding", "")):
        return response
    if response.direct_passthrough:  # a static file: the body is a file wrapper
        if (response.content_length or 0) < MIN_SIZE:
            return response
        body = _compress_static(response)
    else:
        data = response.get_data()
        if len(data) < MIN_SIZE:
            return response
        body = gzip.compress(data, compresslevel=6, mtime=0)
    response.set_data(body)
    response.headers["Content-Encoding"] = "gzip"
    etag, _ = response.get_etag()
    if etag:  # same content, other bytes: a weak tag still validates (as nginx does)
        response.set_etag(etag, weak=True)
    return response


def init_app(app: Flask) -> None:
    app.after_request(compress)

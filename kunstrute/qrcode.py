"""QR codes for print: segno's SVG paths, so a code stays sharp at any size (no bitmap).

The posters (counting) and the printed catalogue (stats) draw their codes here.
"""

from __future__ import annotations

import segno
from markupsafe import Markup

#: Quiet zone around the code, in modules: the QR standard's minimum.
QUIET_ZONE = 4


def qr_svg(url: str) -> Markup:
    """Return the QR code of url as inline SVG paths, sized by its container (viewBox)."""
    code = segno.make(url, error="m", micro=False)
    # segno writes only paths and numbers (no title, no text of ours): nothing to escape.
    return Markup(code.svg_inline(  # noqa: S704
        scale=1, border=QUIET_ZONE, omitsize=True, dark="#000", light="#fff"))

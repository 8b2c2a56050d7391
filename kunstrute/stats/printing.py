"""Print documents for the organisers: an HTML page of ours laid out as an A4 PDF.

WeasyPrint is imported here, when a PDF is made, not when the app starts (it takes about
0.5 s, which every process would pay for a download few make). Its import also switches on
Pillow's LOAD_TRUNCATED_IMAGES for the whole process; media decodes every upload strictly
all the same (media.checks.strict_decoding), and these reports hold no image. No file,
font or image is fetched while a PDF is made: the stylesheet is read from static/css.
"""

from __future__ import annotations

from pathlib import Path

from flask import current_app


def _no_fetching(url: str):
    raise ValueError(f"reports load nothing from outside: {url}")


def html_to_pdf(html: str, stylesheet: str) -> bytes:
    """Return the page `html` as a PDF styled by static/css/<stylesheet> only."""
    from weasyprint import CSS, HTML

    path = Path(current_app.static_folder) / "css" / stylesheet
    return HTML(string=html, url_fetcher=_no_fetching).write_pdf(
        stylesheets=[CSS(filename=str(path))])

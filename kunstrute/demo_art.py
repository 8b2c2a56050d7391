"""Pictures of works for the sample edition, drawn by the program: no one's art is copied.

Each discipline gets its own kind of picture (colour fields for painting, a pot on a shelf for
ceramics, a woven pattern for textile …), in the orientations and proportions real works have,
from a seed, so the demo draws the same works every time.
"""

from __future__ import annotations

import io
import math
import random
from collections.abc import Callable

from PIL import Image, ImageDraw

#: Long side of the drawn pictures: big enough for the jury's copy to look like a photo of a
#: work, small enough that the demo draws some 800 of them in seconds (setting
#: DEMO_WORK_LONG_SIDE; the tests draw them small).
LONG_SIDE = 1000

#: width:height of works as photographed: portrait, landscape, square and wide formats.
PROPORTIONS = [(3, 4), (4, 5), (2, 3), (4, 3), (5, 4), (3, 2), (1, 1), (2, 1), (1, 2)]

#: Earthy, muted palettes, as the region's painters and potters use.
PALETTES = [
    [(38, 70, 83), (42, 157, 143), (233, 196, 106), (244, 162, 97), (231, 111, 81)],
    [(35, 47, 62), (93, 115, 126), (176, 196, 177), (238, 227, 203), (183, 137, 83)],
    [(60, 21, 24), (105, 20, 14), (164, 66, 0), (213, 137, 54), (242, 228, 193)],
    [(16, 42, 67), (36, 123, 160), (112, 193, 179), (178, 219, 191), (243, 255, 189)],
    [(51, 51, 51), (96, 108, 56), (40, 54, 24), (254, 250, 224), (221, 161, 94)],
    [(45, 49, 66), (79, 93, 117), (191, 192, 192), (255, 255, 255), (239, 131, 84)],
]


def work_size(rng: random.Random, long_side: int) -> tuple[int, int]:
    """Return (width, height) of a work in a random proportion."""
    w, h = rng.choice(PROPORTIONS)
    if w >= h:
        return long_side, round(long_side * h / w)
    return round(long_side * w / h), long_side


def _colour(rng: random.Random, palette, jitter: int = 18) -> tuple[int, int, int]:
    r, g, b = rng.choice(palette)
    return tuple(max(0, min(255, c + rng.randint(-jitter, jitter))) for c in (r, g, b))


def _painting(img: Image.Image, rng: random.Random, palette) -> None:
    """Colour fields with soft edges, like a Rothko-ish landscape."""
    draw = ImageDraw.Draw(img)
    w, h = img.size
    y = 0
    while y < h:
        band = rng.randint(h // 8, h // 3)
        draw.rectangle([0, y, w, y + band], fill=_colour(rng, palette))
        y += band
    for _ in range(rng.randint(40, 90)):  # brush strokes
        x0, y0 = rng.randrange(w), rng.randrange(h)
        length, angle = rng.randint(w // 20, w // 5), rng.uniform(-0.4, 0.4)
        x1, y1 = x0 + length * math.cos(angle), y0 + length * math.sin(angle)
        draw.line([x0, y0, x1, y1], fill=_colour(rng, palette, 30), width=rng.randint(6, 28))


def _drawing(img: Image.Image, rng: random.Random, palette) -> None:
    """Charcoal lines on paper."""
    draw = ImageDraw.Draw(img)
    w, h = img.size
    draw.rectangle([0, 0, w, h], fill=(244, 240, 230))
    x, y = w / 2, h / 2
    for _ in range(rng.randint(300, 600)):
        nx = min(w, max(0, x + rng.gauss(0, w / 25)))
        ny = min(h, max(0, y + rng.gauss(0, h / 25)))
        grey = rng.randint(20, 90)
        draw.line([x, y, nx, ny], fill=(grey, grey, grey), width=rng.randint(1, 4))
        x, y = nx, ny


def _ceramics(img: Image.Image, rng: random.Random, palette) -> None:
    """A glazed pot on a shelf against a plain wall."""
    draw = ImageDraw.Draw(img)
    w, h = img.size
    draw.rectangle([0, 0, w, h], fill=(228, 224, 216))
    shelf = int(h * 0.78)
    draw.rectangle([0, shelf, w, h], fill=(150, 120, 90))
    cx, body_w = w / 2, w * rng.uniform(0.3, 0.5)
    top, bottom = h * rng.uniform(0.18, 0.35), shelf
    glaze = _colour(rng, palette)
    for i in range(int(bottom - top)):
        t = i / (bottom - top)
        half = body_w / 2 * (0.55 + 0.6 * math.sin(math.pi * (0.15 + 0.8 * t)))
        shade = 1 - 0.35 * t
        row = tuple(int(c * shade) for c in glaze)
        draw.line([cx - half, top + i, cx + half, top + i], fill=row)
    draw.ellipse([cx - body_w * 0.2, top - 12, cx + body_w * 0.2, top + 12], fill=(60, 50, 45))


def _textile(img: Image.Image, rng: random.Random, palette) -> None:
    """A woven pattern of warp and weft stripes."""
    draw = ImageDraw.Draw(img)
    w, h = img.size
    step = rng.randint(14, 30)
    colours = [_colour(rng, palette, 8) for _ in range(rng.randint(3, 6))]
    for y in range(0, h, step):
        draw.rectangle([0, y, w, y + step], fill=colours[(y // step) % len(colours)])
    for x in range(0, w, step * 2):
        for y in range(0, h, step * 2):
            draw.rectangle([x, y, x + step, y + step],
                           fill=colours[((x + y) // step) % len(colours)])


def _printmaking(img: Image.Image, rng: random.Random, palette) -> None:
    """A woodcut-like print: few flat colours, offset blocks."""
    draw = ImageDraw.Draw(img)
    w, h = img.size
    draw.rectangle([0, 0, w, h], fill=(240, 234, 220))
    for _ in range(rng.randint(5, 12)):
        x0, y0 = rng.randrange(w), rng.randrange(h)
        x1, y1 = x0 + rng.randint(w // 8, w // 2), y0 + rng.randint(h // 8, h // 2)
        shape = rng.choice([draw.rectangle, draw.ellipse])
        shape([x0, y0, x1, y1], fill=_colour(rng, palette, 0))


def _photography(img: Image.Image, rng: random.Random, palette) -> None:
    """A landscape photograph: sky, hills and a fjord."""
    draw = ImageDraw.Draw(img)
    w, h = img.size
    sky_top, sky_bottom = _colour(rng, palette), (235, 240, 245)
    for y in range(h):
        t = y / h
        draw.line([0, y, w, y], fill=tuple(int(a + (b - a) * t)
                                           for a, b in zip(sky_top, sky_bottom, strict=True)))
    for layer in range(3):
        base = h * (0.45 + 0.12 * layer)
        colour = tuple(int(c * (0.9 - 0.25 * layer)) for c in _colour(rng, palette))
        phase, amp = rng.uniform(0, 6), h * rng.uniform(0.03, 0.1)
        points = [(x, base + amp * math.sin(x / w * 6 + phase)) for x in range(0, w + 20, 20)]
        draw.polygon([(0, h), *points, (w, h)], fill=colour)


def _sculpture(img: Image.Image, rng: random.Random, palette) -> None:
    """A standing form on a plinth, lit from one side."""
    draw = ImageDraw.Draw(img)
    w, h = img.size
    draw.rectangle([0, 0, w, h], fill=(210, 210, 205))
    plinth_top = h * 0.72
    draw.rectangle([w * 0.3, plinth_top, w * 0.7, h], fill=(245, 245, 240))
    colour = _colour(rng, palette)
    for i in range(rng.randint(2, 4)):
        cx = w / 2 + rng.uniform(-w * 0.08, w * 0.08)
        r = w * rng.uniform(0.07, 0.16)
        cy = plinth_top - r - i * r * 1.3
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=colour)
        draw.ellipse([cx - r * 0.2, cy - r, cx + r, cy + r * 0.8],
                     fill=tuple(min(255, c + 35) for c in colour))


def _glass(img: Image.Image, rng: random.Random, palette) -> None:
    """Translucent overlapping circles, like blown glass against light."""
    draw = ImageDraw.Draw(img, "RGBA")
    w, h = img.size
    draw.rectangle([0, 0, w, h], fill=(196, 208, 214))
    for _ in range(rng.randint(5, 10)):
        r = rng.randint(min(w, h) // 8, min(w, h) // 3)
        cx, cy = rng.randrange(w), rng.randrange(h)
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(*_colour(rng, palette, 0), 120))


def _jewellery(img: Image.Image, rng: random.Random, palette) -> None:
    """Rings and a chain on dark velvet."""
    draw = ImageDraw.Draw(img)
    w, h = img.size
    draw.rectangle([0, 0, w, h], fill=(28, 30, 38))
    metal = rng.choice([(212, 175, 55), (192, 192, 200), (183, 110, 121)])
    for _ in range(rng.randint(2, 5)):
        r = rng.randint(min(w, h) // 12, min(w, h) // 6)
        cx, cy = rng.randint(r, w - r), rng.randint(r, h - r)
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], outline=metal, width=max(4, r // 6))
        draw.ellipse([cx - 10, cy - r - 10, cx + 10, cy - r + 10], fill=_colour(rng, palette, 0))


def _wood(img: Image.Image, rng: random.Random, palette) -> None:
    """Wood grain: wavy lines in warm browns."""
    draw = ImageDraw.Draw(img)
    w, h = img.size
    draw.rectangle([0, 0, w, h], fill=(176, 132, 86))
    phase = rng.uniform(0, 6)
    for y in range(0, h, rng.randint(6, 12)):
        points = [(x, y + 8 * math.sin(x / 60 + phase + y / 90)) for x in range(0, w + 30, 30)]
        draw.line(points, fill=(120 + rng.randint(-20, 20), 80, 45), width=2)


def _mixed(img: Image.Image, rng: random.Random, palette) -> None:
    """A collage: painted ground, printed blocks and drawn lines."""
    _painting(img, rng, palette)
    layer = img.copy()
    _printmaking(layer, rng, palette)
    img.paste(Image.blend(img, layer, 0.45))


DRAWERS: dict[str, Callable[[Image.Image, random.Random, list], None]] = {
    "painting": _painting, "drawing": _drawing, "ceramics": _ceramics, "textile": _textile,
    "printmaking": _printmaking, "photography": _photography, "sculpture": _sculpture,
    "glass": _glass, "jewellery": _jewellery, "wood": _wood, "metal": _sculpture,
    "mixed_media": _mixed, "installation": _mixed,
}


def draw_work(*, discipline: str, seed: int | str, long_side: int = LONG_SIDE) -> bytes:
    """Return a JPEG of an invented work in this discipline, the same for the same seed."""
    rng = random.Random(f"{discipline}:{seed}")
    img = Image.new("RGB", work_size(rng, long_side), (255, 255, 255))
    DRAWERS.get(discipline, _painting)(img, rng, rng.choice(PALETTES))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=85)
    return out.getvalue()

"""Draw the six figures the sample issue issues/024 shows, into issues/024/img/ (Pillow).

The original post's images are not ours to ship, so each is a small diagram drawn here from
what the issue says about the paper. Deterministic: the same Pillow gives the same bytes.

    .venv/bin/pip install -e .[images]
    .venv/bin/python scripts/draw_sample_images.py
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "issues" / "024" / "img"
W, H = 640, 360
INK, MUTED, LINE, BG = (31, 35, 40), (101, 109, 118), (208, 215, 222), (255, 255, 255)
BLUE, ORANGE, GREEN, RED, PURPLE = (9, 105, 218), (219, 109, 40), (26, 127, 55), (207, 34, 46), (130, 80, 223)


def font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    return ImageFont.load_default(size=size)


def canvas(title: str) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    image = Image.new("RGB", (W, H), BG)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, W - 1, H - 1), outline=LINE)
    draw.text((16, 12), title, fill=INK, font=font(20))
    return image, draw


def label(draw: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, fill=MUTED, size: int = 14) -> None:
    draw.text(xy, text, fill=fill, font=font(size), anchor="mm")


def crowd_counting() -> Image.Image:
    """Cameras around one scene of people: each view sees part of the crowd."""
    image, draw = canvas("Multi-view crowd counting: cameras vary per scene")
    rng = random.Random(24)
    cx, cy = 320, 205
    draw.ellipse((cx - 150, cy - 95, cx + 150, cy + 95), outline=LINE, width=2)
    for _ in range(70):
        a, r = rng.uniform(0, 2 * math.pi), math.sqrt(rng.random())
        x, y = cx + 140 * r * math.cos(a), cy + 85 * r * math.sin(a)
        draw.ellipse((x - 4, y - 4, x + 4, y + 4), fill=BLUE)
    for angle, colour in ((200, ORANGE), (330, GREEN), (95, PURPLE)):
        a = math.radians(angle)
        x, y = cx + 240 * math.cos(a), cy + 115 * math.sin(a)
        draw.rectangle((x - 16, y - 11, x + 16, y + 11), fill=colour)
        for spread in (-0.35, 0.35):
            b = math.atan2(cy - y, cx - x) + spread
            draw.line((x, y, x + 170 * math.cos(b), y + 170 * math.sin(b)), fill=colour, width=2)
    label(draw, (cx, 55), "synthetic scenes: exact head annotations, any camera layout")
    return image


def acar_net() -> Image.Image:
    """Actor A – context – actor B: the relation between two actors goes through the context."""
    image, draw = canvas("ACAR-Net: actor-context-actor relations")
    boxes = {"actor A": (70, 150, BLUE), "context": (270, 90, GREEN), "actor B": (470, 150, ORANGE)}
    for name, (x, y, colour) in boxes.items():
        draw.rounded_rectangle((x, y, x + 110, y + 60), radius=10, outline=colour, width=3)
        label(draw, (x + 55, y + 30), name, fill=colour, size=16)
    draw.line((180, 170, 270, 125), fill=INK, width=2)
    draw.line((380, 125, 470, 170), fill=INK, width=2)
    label(draw, (150, 110), "actor-context pairs")
    label(draw, (500, 110), "context-actor pairs")
    draw.rounded_rectangle((190, 260, 460, 310), radius=10, fill=(246, 248, 250), outline=LINE)
    label(draw, (325, 285), "high-order relation reasoning -> action", fill=INK, size=15)
    draw.line((325, 150, 325, 260), fill=INK, width=2)
    return image


def masksembles() -> Image.Image:
    """One network, three masks: each keeps a different subset of connections."""
    image, draw = canvas("Masksembles: masks drop connections of one model")
    colours = (BLUE, ORANGE, GREEN)
    rng = random.Random(8334)
    for k, colour in enumerate(colours):
        x0 = 40 + k * 200
        left = [(x0 + 20, 90 + 50 * i) for i in range(5)]
        right = [(x0 + 150, 115 + 50 * i) for i in range(4)]
        for a in left:
            for b in right:
                keep = rng.random() < 0.45
                draw.line((*a, *b), fill=colour if keep else (236, 239, 242), width=2 if keep else 1)
        for x, y in left + right:
            draw.ellipse((x - 7, y - 7, x + 7, y + 7), fill=BG, outline=INK, width=2)
        label(draw, (x0 + 85, 335), f"mask {k + 1}", fill=colour, size=15)
    return image


def partially_aligned() -> Image.Image:
    """Two views of the same samples; only some pairs are known to correspond."""
    image, draw = canvas("Partially view-aligned data (MvCLN)")
    rng = random.Random(2021)
    ys = [70 + 28 * i for i in range(10)]
    order = list(range(10))
    rng.shuffle(order)
    for i, y in enumerate(ys):
        draw.ellipse((150 - 8, y - 8, 150 + 8, y + 8), fill=BLUE)
        draw.rectangle((490 - 8, ys[order[i]] - 8, 490 + 8, ys[order[i]] + 8), fill=ORANGE)
        if i < 4:
            draw.line((158, y, 482, ys[order[i]]), fill=GREEN, width=3)
    label(draw, (150, 350), "view 1 (e.g. image)", fill=BLUE)
    label(draw, (490, 350), "view 2 (e.g. text)", fill=ORANGE)
    label(draw, (320, 52), "green: aligned pairs; the rest are realigned by category", fill=GREEN)
    return image


def jo_src() -> Image.Image:
    """Samples of one noisy batch sorted into clean, in-distribution noisy and out-of-distribution."""
    image, draw = canvas("Jo-SRC: clean, ID noisy and OOD samples")
    rng = random.Random(13029)
    groups = (("clean", GREEN, (170, 200), 55), ("in-distribution noisy", ORANGE, (400, 150), 30), ("out-of-distribution", RED, (470, 280), 25))
    for name, colour, (cx, cy), n in groups:
        for _ in range(n):
            x, y = rng.gauss(cx, 45), rng.gauss(cy, 30)
            draw.ellipse((x - 4, y - 4, x + 4, y + 4), fill=colour)
        label(draw, (cx, cy - 70 if cy < 250 else cy + 55), name, fill=colour, size=15)
    return image


def label_distribution() -> Image.Image:
    """An ambiguous face: probability spread over the seven basic expressions."""
    image, draw = canvas("Latent label distribution of one ambiguous face")
    names = ("neutral", "happy", "sad", "surprise", "fear", "disgust", "anger")
    values = (0.10, 0.05, 0.08, 0.42, 0.27, 0.03, 0.05)
    base, top, x0 = 300, 70, 70
    draw.line((x0 - 10, base, W - 40, base), fill=INK, width=2)
    for i, (name, value) in enumerate(zip(names, values, strict=True)):
        x = x0 + i * 75
        height = (base - top) * value / max(values)
        draw.rectangle((x, base - height, x + 45, base), fill=PURPLE if value == max(values) else BLUE)
        label(draw, (x + 22, base + 16), name, size=13)
        label(draw, (x + 22, base - height - 12), f"{value:.2f}", fill=INK, size=13)
    return image


FIGURES: dict[str, Callable[[], Image.Image]] = {
    "3f8a8715d27b2a187f1097ecd3457c6e.png": crowd_counting,
    "1c2724036fd8ab89a62ea7ca519c9698.png": acar_net,
    "aefd20c6a86b2db90061f967b2eb8d1e.png": masksembles,
    "749268e2c9b0e26099af6056eaec7096.png": partially_aligned,
    "ea0c168210ac54b5c9413a3386d9d817.png": jo_src,
    "dfc6e1262e591d948529c4083c64bb94.png": label_distribution,
}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, draw in FIGURES.items():
        image = draw().convert("P", palette=Image.Palette.ADAPTIVE, colors=64)
        image.save(OUT / name, optimize=True)
        print(f"wrote {(OUT / name).relative_to(ROOT)} ({(OUT / name).stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()

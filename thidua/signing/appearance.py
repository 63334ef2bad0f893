"""The visible signature of an electronic document (NĐ 30/2020/NĐ-CP, Phụ lục I, Phần I,
mục II, khoản 7 điểm d and khoản 8 điểm a):

- the signer's digital signature: the image of the signer's handwritten signature, blue,
  PNG with a transparent background, centred between the signer's title and name;
- the organisation's digital signature: the image of its seal, red, at the seal's real size,
  PNG with a transparent background, covering about the left third of the signer's
  signature image; with it, in Times New Roman 10 pt upright black, the organisation's name
  and the signing time (date; hour, minute, second; Vietnam time zone, ISO 8601).

The appearance is drawn at the moment of signing with the signing time pyHanko puts into
the signature, so the time shown is the time signed.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from pyhanko.pdf_utils import layout
from pyhanko.pdf_utils.images import PdfImage
from pyhanko.stamp.static import StaticStampStyle
from pyhanko.stamp.text import TextStampStyle

FONT_DIR = Path(__file__).resolve().parent.parent / "core" / "fonts"
SCALE = 4  # pixels per point: 288 dpi
SEAL_MM = 36.0  # the usual seal of a People's Committee (đường kính 35–36 mm)
INFO_PT = 10
MM = 72 / 25.4
ISO_FORMAT = "%Y-%m-%dT%H:%M:%S%z"


@dataclass(frozen=True)
class Appearance:
    """`kind` "signer": `image` is the signature; "seal": `image` is the seal and `lines`
    the text printed with it (the organisation's name; the time is added at signing)."""

    kind: str
    image: bytes
    organisation: str = ""
    seal_box: tuple[float, float] = (0.0, 0.0)  # seal width, height in points (seal kind)


@lru_cache(maxsize=4)
def _font(size_px: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "LiberationSerif-Bold.ttf" if bold else "LiberationSerif-Regular.ttf"
    return ImageFont.truetype(str(FONT_DIR / name), size_px)


def _load(png: bytes) -> Image.Image:
    return Image.open(io.BytesIO(png)).convert("RGBA")


def render(appearance: Appearance, width: float, height: float, moment: datetime) -> Image.Image:
    """The appearance as an RGBA image of `width` × `height` points."""
    from .pades import signing_time_text

    canvas = Image.new("RGBA", (max(1, round(width * SCALE)), max(1, round(height * SCALE))))
    image = _load(appearance.image)
    if appearance.kind == "signer":
        ratio = min(canvas.width / image.width, canvas.height / image.height)
        size = (max(1, round(image.width * ratio)), max(1, round(image.height * ratio)))
        image = image.resize(size, Image.Resampling.LANCZOS)
        x = (canvas.width - image.width) // 2
        y = (canvas.height - image.height) // 2
        canvas.alpha_composite(image, (x, y))
        return canvas
    seal_w, seal_h = appearance.seal_box
    seal = image.resize((round(seal_w * SCALE), round(seal_h * SCALE)), Image.Resampling.LANCZOS)
    canvas.alpha_composite(seal, (0, 0))
    draw = ImageDraw.Draw(canvas)
    font = _font(INFO_PT * SCALE)
    lines = [f"Ký bởi: {appearance.organisation}", f"Thời gian ký: {signing_time_text(moment)}"]
    line_h = round(INFO_PT * 1.2 * SCALE)
    top = canvas.height - line_h * len(lines)
    for i, text in enumerate(lines):
        draw.text((0, top + i * line_h), text, font=font, fill=(0, 0, 0, 255))
    return canvas


def info_width(organisation: str) -> float:
    """Points needed for the seal's text lines."""
    font = _font(INFO_PT * SCALE)
    longest = max(
        font.getlength(f"Ký bởi: {organisation}"),
        font.getlength("Thời gian ký: 2000-01-01T00:00:00+07:00"),
    )
    return longest / SCALE + 2


@dataclass(frozen=True)
class AppearanceStyle(TextStampStyle):
    """pyHanko gives a TextStampStyle the signing time (`ts`); this style reads it back and
    draws the NĐ 30/2020 appearance as one image."""

    appearance: Appearance | None = None
    timestamp_format: str = ISO_FORMAT
    border_width: int = 0

    def create_stamp(self, writer, box: layout.BoxConstraints, text_params: dict):
        moment = datetime.strptime(text_params["ts"], ISO_FORMAT)
        picture = render(self.appearance, box.width, box.height, moment)
        static = StaticStampStyle(
            background=PdfImage(picture, writer=writer),
            border_width=0,
            background_opacity=1.0,
            background_layout=layout.SimpleBoxLayoutRule(
                x_align=layout.AxisAlignment.ALIGN_MIN,
                y_align=layout.AxisAlignment.ALIGN_MIN,
                margins=layout.Margins(),
                inner_content_scaling=layout.InnerScaling.STRETCH_TO_FIT,
            ),
        )
        return static.create_stamp(writer, box, {})


def demo_signature_png(name: str) -> bytes:
    """A handwriting-like signature image (blue, transparent) for demo and test keys."""
    words = name.split() or ["Ký"]
    text = words[-1]
    font = ImageFont.truetype(str(FONT_DIR / "LiberationSerif-Italic.ttf"), 150)
    width = round(font.getlength(text)) + 220
    img = Image.new("RGBA", (max(width, 520), 260))
    draw = ImageDraw.Draw(img)
    blue = (16, 45, 170, 255)
    draw.text((60, 30), text, font=font, fill=blue)
    draw.line([(30, 215), (img.width - 40, 175)], fill=blue, width=7)
    draw.arc([(img.width - 210, 20), (img.width - 30, 200)], 190, 350, fill=blue, width=6)
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def demo_seal_png(organisation: str) -> bytes:
    """A red round seal marked "DEMO" (never a real organisation's seal)."""
    import math

    size = 600
    img = Image.new("RGBA", (size, size))
    draw = ImageDraw.Draw(img)
    red = (210, 20, 30, 230)
    c = size / 2
    draw.ellipse([8, 8, size - 8, size - 8], outline=red, width=14)
    draw.ellipse([70, 70, size - 70, size - 70], outline=red, width=6)
    font = _font(38, bold=True)
    text = f"{organisation.upper()} ★"
    radius = c - 52
    step = 340 / max(len(text), 1)
    for i, ch in enumerate(text):
        angle = math.radians(-260 + i * step)
        glyph = Image.new("RGBA", (60, 60))
        ImageDraw.Draw(glyph).text((30, 30), ch, font=font, fill=red, anchor="mm")
        glyph = glyph.rotate(-(i * step - 170), resample=Image.Resampling.BICUBIC)
        x = c + radius * math.cos(angle) - 30
        y = c + radius * math.sin(angle) - 30
        img.alpha_composite(glyph, (round(x), round(y)))
    draw.text((c, c), "DEMO", font=_font(90, bold=True), fill=red, anchor="mm")
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def seal_size_points() -> tuple[float, float]:
    return (SEAL_MM * MM, SEAL_MM * MM)

#!/usr/bin/python3
"""Typed digits that are not MNIST's: 0-9 rendered with the system's DejaVu fonts.

For an end-to-end check of continuous training: a production model trained on handwritten
MNIST meets printed digits it has never seen. Each image gets a random face, size, stroke
width, rotation (within +-15 degrees), position, blur and noise, and is drawn white on black
and centred like MNIST's (rendered at 4x the size, then downsampled with antialiasing).

Usage (Debian's python3, which has PIL and numpy):

    /usr/bin/python3 scripts/typed-digits.py OUT_DIR --count N --seed S [--fonts GROUP|REGEX] [--size PX] [--flat]

writes OUT_DIR/<digit>/<n>.png (grayscale, PX x PX, 28 by default; N images in all, the
digits in turn, n counting from 0) and OUT_DIR/truth.csv (filename,label, the filename
relative to OUT_DIR). The class folders are what `mlwb data ingest OUT_DIR --format
class-folders` reads. The app's watched folder and `mlwb samples import` read one folder,
not its subfolders: --flat writes OUT_DIR/<n>.png instead (the label only in truth.csv, so
the file name gives nothing away). The same seed gives the same images, and image n does
not depend on N.

--fonts picks the faces: "train" (the Sans, Sans Condensed and Sans Mono faces, 13),
"heldout" (the Serif and Serif Condensed faces, 8), "all" (both, the default), or a regular
expression matched against the font file names (e.g. "Mono|Bold"). Train on one group and
test on the other to see whether a model learned digits or a typeface:

    /usr/bin/python3 scripts/typed-digits.py /tmp/typed-train --count 2000 --seed 1 --fonts train
    /usr/bin/python3 scripts/typed-digits.py /tmp/typed-test --count 500 --seed 2 --fonts heldout
"""

import argparse
import csv
import glob
import os
import random
import re
import sys

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_DIR = "/usr/share/fonts/truetype/dejavu"
GROUPS = {
    "train": r"DejaVuSans(Condensed|Mono)?(-|\.ttf)",
    "heldout": r"DejaVuSerif",
    "all": r"DejaVuS(ans|erif)",
}
SCALE = 4  # render at SCALE x the output size


def fonts(pattern):
    expression = re.compile(GROUPS.get(pattern, pattern))
    found = sorted(f for f in glob.glob(os.path.join(FONT_DIR, "*.ttf")) if expression.search(os.path.basename(f)))
    if not found:
        sys.exit(f"typed-digits: no font in {FONT_DIR} matches {pattern!r}")
    return found


def render(digit, font_path, size, rng):
    """One digit as a size x size white-on-black image, drawn at SCALE x and shrunk."""
    big = size * SCALE
    font = ImageFont.truetype(font_path, big)
    stroke = rng.choice([0, 0, 1, 2, 3]) * big // 112  # thicker ink now and then
    glyph = Image.new("L", (2 * big, 2 * big), 0)
    ImageDraw.Draw(glyph).text((big // 2, big // 4), str(digit), fill=255, font=font,
                               stroke_width=stroke, stroke_fill=255)
    glyph = glyph.rotate(rng.uniform(-15, 15), resample=Image.BICUBIC)
    glyph = glyph.crop(glyph.getbbox())

    # Like MNIST: the digit's longer side fills about 20 of 28 pixels (here 15-22), centred by
    # its centre of mass, then moved a little.
    height = rng.uniform(15, 22) / 28 * big
    factor = height / max(glyph.size)
    glyph = glyph.resize((max(1, round(glyph.width * factor)), max(1, round(glyph.height * factor))), Image.LANCZOS)
    ink = np.asarray(glyph, dtype=np.float64)
    ys, xs = np.indices(ink.shape)
    cy, cx = (ys * ink).sum() / ink.sum(), (xs * ink).sum() / ink.sum()
    jitter = 2 * SCALE * size / 28
    canvas = Image.new("L", (big, big), 0)
    canvas.paste(glyph, (round(big / 2 - cx + rng.uniform(-jitter, jitter)),
                         round(big / 2 - cy + rng.uniform(-jitter, jitter))))

    canvas = canvas.filter(ImageFilter.GaussianBlur(rng.uniform(0, 0.8) * SCALE * size / 28))
    small = np.asarray(canvas.resize((size, size), Image.LANCZOS), dtype=np.float64)
    noise = np.random.default_rng(rng.getrandbits(32)).normal(0, rng.uniform(0, 10), small.shape)
    return Image.fromarray(np.clip(small + noise, 0, 255).astype(np.uint8), "L")


def main():
    parser = argparse.ArgumentParser(description="Typed digits 0-9 in DejaVu fonts, as class folders of PNGs.")
    parser.add_argument("out_dir")
    parser.add_argument("--count", type=int, required=True, help="images in all (the digits in turn)")
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--fonts", default="all", help="train, heldout, all, or a regex on the font file names")
    parser.add_argument("--size", type=int, default=28, help="output side in pixels (default 28)")
    parser.add_argument("--flat", action="store_true", help="OUT_DIR/<n>.png instead of class folders")
    args = parser.parse_args()
    if args.count < 0 or args.size < 8:
        parser.error("--count must be >= 0 and --size >= 8")

    faces = fonts(args.fonts)
    for folder in [""] if args.flat else [str(digit) for digit in range(10)]:
        os.makedirs(os.path.join(args.out_dir, folder), exist_ok=True)
    with open(os.path.join(args.out_dir, "truth.csv"), "w", newline="") as truth:
        rows = csv.writer(truth)
        rows.writerow(["filename", "label"])
        for n in range(args.count):
            digit = n % 10
            rng = random.Random(f"{args.seed}/{n}")  # image n is the same whatever --count says
            name = f"{n}.png" if args.flat else f"{digit}/{n}.png"
            render(digit, rng.choice(faces), args.size, rng).save(os.path.join(args.out_dir, name))
            rows.writerow([name, digit])
    print(f"typed-digits: {args.count} images from {len(faces)} faces in {args.out_dir}", file=sys.stderr)


if __name__ == "__main__":
    main()

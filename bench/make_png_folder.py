#!/usr/bin/python3
"""Writes MNIST as a folder of PNGs with groundtruth.csv (train/ and test/), the layout that
`mlwb data ingest --format png-csv` reads, for the ingestion benchmark."""
import os
import sys

from PIL import Image

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "peer"))
from mnist_peer import find, read_idx  # noqa: E402

src, dst = sys.argv[1], sys.argv[2]
for part, stem in (("train", "train"), ("test", "t10k")):
    images = read_idx(find(src, f"{stem}-images-idx3-ubyte"))
    labels = read_idx(find(src, f"{stem}-labels-idx1-ubyte"))
    folder = os.path.join(dst, part)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "groundtruth.csv"), "w") as csv:
        csv.write("file,label\n")
        for i, (img, label) in enumerate(zip(images, labels)):
            name = f"{i:05d}.png"
            Image.fromarray(img).save(os.path.join(folder, name))
            csv.write(f"{name},{label}\n")

#!/usr/bin/python3
"""The plain Python/PIL loop that the PNG ingestion benchmark compares with: read
groundtruth.csv, decode every PNG into one uint8 array. Prints seconds and image count."""
import csv
import json
import os
import sys
import time

import numpy as np
from PIL import Image

root = sys.argv[1]
t0 = time.perf_counter()
images, labels = [], []
for part in ("train", "test"):
    folder = os.path.join(root, part)
    with open(os.path.join(folder, "groundtruth.csv")) as f:
        rows = list(csv.reader(f))[1:]
    for name, label in rows:
        images.append(np.asarray(Image.open(os.path.join(folder, name)).convert("L")))
        labels.append(int(label))
data = np.stack(images)
print(json.dumps({"seconds": time.perf_counter() - t0, "images": int(data.shape[0])}))

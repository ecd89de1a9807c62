#!/usr/bin/python3
"""The Python PyTorch peer of `mlwb train` for benchmarks.

Same model (built from the same JSON layer spec), optimizer, learning-rate schedule, batch size
and data order (a port of mlwb's seeded split and per-epoch shuffle), so that the ratio of the
two runs measures the implementations, not the recipes. Prints one JSON document.
Run with Debian's /usr/bin/python3 (python3-torch).
"""
import argparse
import gzip
import json
import math
import os
import struct
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

MASK = (1 << 64) - 1


class MT19937_64:
    """std::mt19937_64, whose output the C++ standard fixes."""

    def __init__(self, seed):
        self.mt = [0] * 312
        self.mt[0] = seed & MASK
        for i in range(1, 312):
            prev = self.mt[i - 1]
            self.mt[i] = (6364136223846793005 * (prev ^ (prev >> 62)) + i) & MASK
        self.index = 312

    def _twist(self):
        mt = self.mt
        for i in range(312):
            x = (mt[i] & 0xFFFFFFFF80000000) | (mt[(i + 1) % 312] & 0x7FFFFFFF)
            xa = x >> 1
            if x & 1:
                xa ^= 0xB5026F5AA96619E9
            mt[i] = mt[(i + 156) % 312] ^ xa
        self.index = 0

    def __call__(self):
        if self.index >= 312:
            self._twist()
        y = self.mt[self.index]
        self.index += 1
        y ^= (y >> 29) & 0x5555555555555555
        y ^= (y << 17) & 0x71D67FFFEDA60000
        y ^= (y << 37) & 0xFFF7EEE000000000
        y ^= y >> 43
        return y & MASK


def seeded_shuffle(indices, seed):
    """Port of mlwb::seededShuffle (core/data/Splits.cpp)."""
    rng = MT19937_64(seed)
    for i in range(len(indices), 1, -1):
        limit = MASK - MASK % i
        while True:
            r = rng()
            if r < limit:
                break
        j = r % i
        indices[i - 1], indices[j] = indices[j], indices[i - 1]


def epoch_seed(seed, epoch):
    return (seed ^ ((0x9E3779B97F4A7C15 * (epoch + 1)) & MASK)) & MASK


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    magic, = struct.unpack(">I", data[:4])
    dims = magic & 0xFF
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def find(folder, stem):
    for name in (stem, stem + ".gz"):
        if os.path.exists(os.path.join(folder, name)):
            return os.path.join(folder, name)
    raise SystemExit(f"{folder}: no {stem}")


def build_model(spec, c, h, w, classes):
    """Builds the same network as mlwb's ModelSpec (core/models)."""
    layers = []
    shape = [c, h, w]
    for layer in spec["layers"]:
        t = layer["type"]
        if t == "conv2d":
            k, s, p = layer["kernel"], layer.get("stride", 1), layer.get("padding", 0)
            layers.append(nn.Conv2d(shape[0], layer["out"], k, s, p, bias=layer.get("bias", True)))
            shape = [layer["out"], (shape[1] + 2 * p - k) // s + 1, (shape[2] + 2 * p - k) // s + 1]
        elif t in ("maxpool2d", "avgpool2d"):
            k = layer["kernel"]
            s = layer.get("stride", k)
            layers.append((nn.MaxPool2d if t == "maxpool2d" else nn.AvgPool2d)(k, s))
            shape = [shape[0], (shape[1] - k) // s + 1, (shape[2] - k) // s + 1]
        elif t == "globalavgpool":
            layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten()]
            shape = [shape[0]]
        elif t == "relu":
            layers.append(nn.ReLU())
        elif t == "batchnorm2d":
            layers.append(nn.BatchNorm2d(shape[0]))
        elif t == "batchnorm1d":
            layers.append(nn.BatchNorm1d(shape[0]))
        elif t == "dropout":
            layers.append(nn.Dropout(layer.get("p", 0.5)))
        elif t == "flatten":
            layers.append(nn.Flatten())
            shape = [int(np.prod(shape))]
        elif t == "linear":
            out = classes if layer["out"] == "classes" else layer["out"]
            layers.append(nn.Linear(shape[0], out))
            shape = [out]
        else:
            raise SystemExit(f"unknown layer type {t}")
    return nn.Sequential(*layers)


def one_cycle_lr(step, total, peak):
    """Port of mlwb's one-cycle schedule (core/training)."""
    warm = max(1, int(0.3 * total))
    if step < warm:
        return peak / 25 + (peak - peak / 25) * step / warm
    t = (step - warm) / max(1, total - warm)
    low = peak / 1e4
    return low + (peak - low) * 0.5 * (1 + math.cos(math.pi * t))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True, help="folder with the MNIST IDX files")
    ap.add_argument("--spec", required=True, help="mlwb model spec JSON")
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=128)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--optimizer", default="adam")
    ap.add_argument("--schedule", default="constant")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--validation", type=float, default=0.1)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--channels-last", action="store_true",
                    help="the tuned variant: weights and batches in channels-last memory format")
    ap.add_argument("--bf16", action="store_true",
                    help="mixed precision: forward passes under CPU autocast in bfloat16, loss in fp32")
    ap.add_argument("--target-accuracy", type=float, default=0.0,
                    help="stop after the first epoch whose test accuracy reaches this")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)

    start_total = time.perf_counter()
    x_train = read_idx(find(args.data, "train-images-idx3-ubyte"))
    y_train = read_idx(find(args.data, "train-labels-idx1-ubyte"))
    x_test = read_idx(find(args.data, "t10k-images-idx3-ubyte"))
    y_test = read_idx(find(args.data, "t10k-labels-idx1-ubyte"))
    pool = list(range(len(x_train)))
    seeded_shuffle(pool, args.seed)
    n_val = round(len(pool) * args.validation)
    train_idx = sorted(pool[n_val:])
    images = torch.from_numpy(x_train.copy())
    labels = torch.from_numpy(y_train.astype(np.int64))
    mean = float(images[train_idx].float().div(255).mean())
    std = float(images[train_idx].float().div(255).std())

    with open(args.spec) as f:
        spec = json.load(f)
    model = build_model(spec, 1, 28, 28, 10)
    layout = torch.channels_last if args.channels_last else torch.contiguous_format
    model = model.to(memory_format=layout)
    if args.optimizer == "adam":
        opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    else:
        opt = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9)
    steps_per_epoch = math.ceil(len(train_idx) / args.batch_size)
    total_steps = steps_per_epoch * args.epochs
    test_x = (torch.from_numpy(x_test.copy()).float().div(255).unsqueeze(1) - mean) / std
    test_y = torch.from_numpy(y_test.astype(np.int64))

    epochs = []
    step = 0
    for epoch in range(args.epochs):
        order = list(train_idx)
        seeded_shuffle(order, epoch_seed(args.seed, epoch))
        order_t = torch.tensor(order)
        model.train()
        t0 = time.perf_counter()
        for b in range(steps_per_epoch):
            idx = order_t[b * args.batch_size:(b + 1) * args.batch_size]
            x = ((images[idx].float().div(255).unsqueeze(1) - mean) / std).contiguous(memory_format=layout)
            y = labels[idx]
            if args.schedule == "onecycle":
                for g in opt.param_groups:
                    g["lr"] = one_cycle_lr(step, total_steps, args.lr)
            opt.zero_grad()
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=args.bf16):
                logits = model(x)
            loss = F.cross_entropy(logits.float(), y)
            loss.backward()
            opt.step()
            step += 1
        seconds = time.perf_counter() - t0
        model.eval()
        with torch.no_grad(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=args.bf16):
            correct = sum(int((model(test_x[i:i + 1000].contiguous(memory_format=layout)).float().argmax(1)
                               == test_y[i:i + 1000]).sum())
                          for i in range(0, len(test_x), 1000))
        accuracy = correct / len(test_x)
        epochs.append({"epoch": epoch + 1, "train_seconds": seconds,
                       "images_per_second": len(train_idx) / seconds, "test_accuracy": accuracy,
                       "elapsed": time.perf_counter() - start_total})
        if args.target_accuracy and accuracy >= args.target_accuracy:
            break
    print(json.dumps({"peer": "python-pytorch " + torch.__version__, "threads": args.threads, "bf16": args.bf16,
                      "epochs": epochs, "wall_seconds": time.perf_counter() - start_total}))


if __name__ == "__main__":
    main()

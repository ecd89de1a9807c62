#!/usr/bin/python3
"""Python peer of mlwb_bench_predict: the exported TorchScript model, one image at a time,
one thread. Prints p50/p99 in milliseconds."""
import json
import sys
import time

import torch

torch.set_num_threads(1)
model = torch.jit.load(sys.argv[1])
n = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
x = torch.rand(1, 1, 28, 28)
with torch.no_grad():
    for _ in range(20):
        model(x)
    times = []
    for _ in range(n):
        x = torch.rand(1, 1, 28, 28)
        t0 = time.perf_counter()
        model(x)
        times.append((time.perf_counter() - t0) * 1000)
times.sort()
print(json.dumps({"images": n, "p50_ms": times[n // 2], "p99_ms": times[int(0.99 * (n - 1))]}))

#!/usr/bin/python3
"""Python peer of mlwb_bench_predict: the exported TorchScript model, one image at a time,
one thread. Prints p50/p99 in milliseconds, in fp32 and under bf16 CPU autocast."""
import json
import sys
import time

import torch

torch.set_num_threads(1)
model = torch.jit.load(sys.argv[1])
n = int(sys.argv[2]) if len(sys.argv) > 2 else 2000


def percentiles(bf16):
    x = torch.rand(1, 1, 28, 28)
    with torch.no_grad(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
        for _ in range(20):
            model(x)
        times = []
        for _ in range(n):
            x = torch.rand(1, 1, 28, 28)
            t0 = time.perf_counter()
            model(x).float()
            times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return times[n // 2], times[int(0.99 * (n - 1))]


p50, p99 = percentiles(False)
bf16_p50, bf16_p99 = percentiles(True)
print(json.dumps({"images": n, "p50_ms": p50, "p99_ms": p99, "bf16": {"p50_ms": bf16_p50, "p99_ms": bf16_p99}}))

#!/usr/bin/python3
"""Benchmark: bootstrap of the mean paired difference, 10,000 resamples over 100,000 pairs.

Runs GapLens (bench/GapLens.Bench bootstrap, in-process timing, best of 3) and, in this script, the
same resampling with numpy (rng.integers in chunks, mean of gathered differences), then prints both
times and the ratio. Usage: /usr/bin/python3 bench/bootstrap_bench.py
"""
import os
import subprocess
import sys
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "bench", "out", "benchbin")
N, B = 100_000, 10_000

subprocess.run(["dotnet", "build", os.path.join(ROOT, "bench", "GapLens.Bench"), "-c", "Release", "-o", OUT, "-nologo", "-v", "q"],
               check=True, stdout=subprocess.DEVNULL)
line = subprocess.run(["dotnet", os.path.join(OUT, "GapLens.Bench.dll"), "bootstrap", str(N), str(B)], check=True,
                      capture_output=True, text=True).stdout.strip()
print(line)
g = float(line.split(" in ")[1].split(" s")[0])

rng = np.random.default_rng(1)
x = rng.integers(1, 6, N).astype(float); y = np.clip(x + rng.integers(-1, 2, N), 1, 5)
d = x - y
best = float("inf")
for _ in range(2):
    t0 = time.perf_counter()
    r = np.random.default_rng(42)
    means = np.empty(B)
    for start in range(0, B, 100):
        idx = r.integers(0, N, size=(100, N))
        means[start:start + 100] = d[idx].mean(axis=1)
    lo, hi = np.quantile(means, [0.025, 0.975])
    best = min(best, time.perf_counter() - t0)
print(f"numpy {np.__version__}: {best:.3f} s (best of 2); gaplens is {best / g:.1f}x faster")

#!/usr/bin/python3
"""`gaplens slices` benchmark (run with Debian's /usr/bin/python3: numpy, pandas, scipy, statsmodels).

1. Realistic table: generates bench/out/slices/evals.csv (default 1,000,000 rows) with 8 features of
   realistic cardinalities (model 6, task 12, question_type 24, genre 15, lighting 4, annotator 60,
   answer_position 5, duration numeric -> 4 quantile bins) and an outcome (correct / wrong /
   unanswered) with two planted slices. Times, in the same script:
   - GapLens.Bench slices (the table reader + the slice search of `gaplens slices`, in process),
   - the whole `gaplens slices` command (fresh process: read, search, report, figures, run record),
   - a straightforward pandas reference: groupby per feature and per pair of features for the counts,
     then the same statistics vectorised (two-proportion z test, scipy fisher_exact where an expected
     count is below 5, Benjamini-Hochberg with statsmodels multipletests),
   and checks that both found the same number of slices and of significant ones.
2. With --synthetic ROWS FEATURES VALUES (issue 16's target: 10,000,000 x 20 x 10): uniform one-byte
   features and an outcome (20% failures, 60% where f0 = v1 and f1 = v2) generated here with numpy and
   written as raw bytes (bench/out/slices/synthetic_R_F_V/), then, in the same script, GapLens.Bench
   slices-codes (reads the bytes, then the search, best of --runs, with its phases) and the pandas
   reference on the same arrays (categorical columns in memory, so both time the enumeration and the
   statistics alone: groupby per feature and per pair, z / Fisher, BH); the counts must agree.

Usage: /usr/bin/python3 bench/slices_bench.py [--rows N] [--runs R] [--regenerate] [--synthetic R F V]
"""
import argparse
import os
import re
import subprocess
import sys
import time

import numpy as np
import pandas as pd
from scipy.stats import fisher_exact, norm
from statsmodels.stats.multitest import multipletests

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "bench", "out", "slices")
BENCH = ["dotnet", os.path.join(ROOT, "bench", "GapLens.Bench", "bin", "Release", "net10.0", "GapLens.Bench.dll")]
CLI = ["dotnet", os.path.join(ROOT, "src", "GapLens.Cli", "bin", "Release", "net10.0", "gaplens.dll")]
FEATURES = ["model", "task", "question_type", "genre", "lighting", "annotator", "answer_position", "duration"]


def generate(path, n):
    rng = np.random.default_rng(16)
    cols = {
        "sample_id": np.array([f"s{i:08d}" for i in range(n)]),
        "model": rng.choice([f"model_{i}" for i in range(6)], n),
        "task": rng.choice([f"task_{i:02d}" for i in range(12)], n, p=np.linspace(2, 1, 12) / np.linspace(2, 1, 12).sum()),
        "question_type": rng.choice([f"qt_{i:02d}" for i in range(24)], n),
        "genre": rng.choice([f"genre_{i:02d}" for i in range(15)], n),
        "lighting": rng.choice(["day", "night", "dusk", "indoor"], n, p=[0.5, 0.2, 0.1, 0.2]),
        "annotator": rng.choice([f"ann_{i:02d}" for i in range(60)], n),
        "answer_position": rng.choice(["A", "B", "C", "D", "E"], n),
        "duration": np.round(rng.gamma(2.0, 60.0, n), 1),
    }
    p_fail = np.full(n, 0.18)
    p_fail[(cols["model"] == "model_3") & (cols["task"] == "task_07")] = 0.55
    p_fail[cols["lighting"] == "night"] += 0.05
    u = rng.random(n)
    outcome = np.where(u < p_fail * 0.7, "wrong", np.where(u < p_fail, "unanswered", "correct"))
    cols["outcome"] = outcome
    os.makedirs(os.path.dirname(path), exist_ok=True)
    t0 = time.time()
    pd.DataFrame(cols).to_csv(path, index=False, lineterminator="\n")
    print(f"generated {n:,} rows into {path} ({os.path.getsize(path) / 1e6:.0f} MB) in {time.time() - t0:.0f} s")


def pandas_reference(path, min_support):
    """The straightforward enumeration: every single feature and every pair by groupby."""
    t0 = time.time()
    df = pd.read_csv(path, usecols=FEATURES + ["outcome"], dtype={f: "category" for f in FEATURES if f != "duration"})
    t_read = time.time() - t0
    t0 = time.time()
    df["duration"] = pd.qcut(df["duration"], 4, labels=False, duplicates="drop").astype("category")
    df["fail"] = (df["outcome"] != "correct").astype(np.int64)
    r = enumerate_and_test(df, FEATURES, min_support)
    r["read"] = t_read
    r["search"] = time.time() - t0
    return r


def enumerate_and_test(df, features, min_support):
    """Every single feature and every pair by groupby, then the statistics vectorised."""
    N, F = len(df), int(df["fail"].sum())
    sizes, fails = [], []
    combos = [[f] for f in features] + [[a, b] for i, a in enumerate(features) for b in features[i + 1:]]
    for cols in combos:
        g = df.groupby(cols, observed=True)["fail"].agg(["size", "sum"])
        g = g[(g["size"] >= min_support) & (g["size"] < N)]
        sizes.append(g["size"].to_numpy())
        fails.append(g["sum"].to_numpy())
    n = np.concatenate(sizes).astype(np.float64)
    f = np.concatenate(fails).astype(np.float64)
    rn, rf = N - n, F - f
    pooled = (f + rf) / N
    z = (f / n - rf / rn) / np.sqrt(pooled * (1 - pooled) * (1 / n + 1 / rn))
    p = 2 * norm.sf(np.abs(z))
    small = np.minimum(n, rn) * min(F, N - F) / N < 5
    for i in np.nonzero(small)[0]:
        p[i] = fisher_exact([[f[i], n[i] - f[i]], [rf[i], rn[i] - rf[i]]])[1]
    q = multipletests(p, alpha=0.05, method="fdr_bh")[1]
    diff = f / n - rf / rn
    return {"tested": len(p), "worse": int(((q <= 0.05) & (diff > 0)).sum()), "better": int(((q <= 0.05) & (diff < 0)).sum())}


def synthetic(rows, features, values, runs, pandas_runs):
    d = os.path.join(OUT, f"synthetic_{rows}_{features}_{values}")
    if not os.path.exists(os.path.join(d, "outcome.u8")):
        os.makedirs(d, exist_ok=True)
        rng = np.random.default_rng(16)
        codes = rng.integers(0, values, size=(features, rows), dtype=np.uint8)
        p = np.where((codes[0] == 1) & (codes[1] == 2), 0.6, 0.2)
        (rng.random(rows) < p).astype(np.uint8).tofile(os.path.join(d, "outcome.u8"))
        codes.tofile(os.path.join(d, "codes.u8"))
    out, _ = run(BENCH + ["slices-codes", d, str(features), str(values), str(runs)])
    print("GapLens.Bench slices-codes (in process):")
    print("  " + out.rstrip().replace("\n", "\n  "))
    m = re.search(r"RESULT tested=(\d+) worse=(\d+) better=(\d+) seconds=(\S+)", out)
    g = (int(m[1]), int(m[2]), int(m[3]))
    g_search = float(m[4])
    codes = np.fromfile(os.path.join(d, "codes.u8"), dtype=np.uint8).reshape(features, rows)
    y = np.fromfile(os.path.join(d, "outcome.u8"), dtype=np.uint8)
    names = [f"f{i}" for i in range(features)]
    df = pd.DataFrame({n: pd.Categorical.from_codes(codes[i].astype(np.int8), [f"v{v}" for v in range(values)]) for i, n in enumerate(names)})
    df["fail"] = y.astype(np.int64)
    del codes
    min_support = max(5, -(-rows // 1000))
    best = None
    for _ in range(pandas_runs):
        t0, c0 = time.time(), time.process_time()
        r = enumerate_and_test(df, names, min_support)
        r["search"], r["cpu"] = time.time() - t0, time.process_time() - c0
        best = r if best is None or r["search"] < best["search"] else best
    print(f"pandas reference (same arrays, in memory): enumeration + statistics {best['search']:.2f} s wall, {best['cpu']:.2f} s CPU (best of {pandas_runs}); "
          f"{best['tested']:,} slices tested, {best['worse']:,} worse and {best['better']:,} better at q <= 0.05")
    agree = (best["tested"], best["worse"], best["better"]) == g
    print(f"agreement (tested, worse, better): {'yes' if agree else 'NO'}: GapLens {g}, pandas {(best['tested'], best['worse'], best['better'])}")
    print(f"search: GapLens {g_search:.3f} s vs pandas {best['search']:.2f} s: {best['search'] / g_search:.1f}x")
    if not agree:
        sys.exit(1)


def run(cmd):
    t0 = time.time()
    r = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.time() - t0
    if r.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({r.returncode}):\n{r.stdout}\n{r.stderr}")
    return r.stdout, wall


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--regenerate", action="store_true")
    ap.add_argument("--synthetic", nargs=3, type=int, metavar=("ROWS", "FEATURES", "VALUES"))
    ap.add_argument("--pandas-runs", type=int, default=1, help="pandas runs with --synthetic (slow at 10M rows: minutes each)")
    a = ap.parse_args()
    if a.synthetic:
        synthetic(*a.synthetic, a.runs, a.pandas_runs)
        return
    path = os.path.join(OUT, f"evals_{a.rows}.csv")
    if a.regenerate or not os.path.exists(path):
        generate(path, a.rows)
    min_support = max(5, -(-a.rows // 1000))
    out, _ = run(BENCH + ["slices", path, "outcome", ",".join(FEATURES), str(min_support), str(a.runs)])
    print("GapLens.Bench slices (in process):")
    print("  " + out.rstrip().replace("\n", "\n  "))
    m = re.search(r"RESULT tested=(\d+) worse=(\d+) better=(\d+) seconds=(\S+)", out)
    g_tested, g_worse, g_better, g_search = int(m[1]), int(m[2]), int(m[3]), float(m[4])
    g_read = float(re.search(r"in ([0-9.]+) s \(again", out)[1])
    outdir = os.path.join(OUT, "report")
    _, cli_wall = run(CLI + ["slices", "--results", path, "--features", ",".join(FEATURES), "--min-support", str(min_support), "--out", outdir, "-q"])
    print(f"gaplens slices (fresh process: read, search, report, figures, run record): {cli_wall:.2f} s wall")
    best = None
    for _ in range(a.runs):
        r = pandas_reference(path, min_support)
        best = r if best is None or r["search"] < best["search"] else best
    print(f"pandas reference: read {best['read']:.2f} s, enumeration + statistics {best['search']:.2f} s (best of {a.runs}); "
          f"{best['tested']:,} slices tested, {best['worse']:,} worse and {best['better']:,} better at q <= 0.05")
    agree = (best["tested"], best["worse"], best["better"]) == (g_tested, g_worse, g_better)
    print(f"agreement (tested, worse, better): {'yes' if agree else 'NO'}: GapLens {(g_tested, g_worse, g_better)}, pandas {(best['tested'], best['worse'], best['better'])}")
    print(f"search: GapLens {g_search:.3f} s vs pandas {best['search']:.2f} s: {best['search'] / g_search:.1f}x; "
          f"read: GapLens {g_read:.2f} s vs pandas {best['read']:.2f} s; end to end (read + search): {(best['read'] + best['search']) / (g_read + g_search):.1f}x")
    if not agree:
        sys.exit(1)


if __name__ == "__main__":
    main()

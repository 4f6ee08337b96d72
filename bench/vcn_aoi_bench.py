#!/usr/bin/python3
"""Benchmark: gaplens vcn_aoi on a 10M-row inference.csv, against the bare CSV parse and pandas.

Generates N rows into bench/out/vcn_aoi/ (default 10,000,000) with --scores 4dp (300 boards, 5
labels, scores with 4 decimals so ties are common) or --scores full (what real classifiers write:
float32 sigmoid outputs at full precision, so nearly every score is distinct; 92% PASS and seven
defect labels; long production paths), then runs in this one script:
  (a) GapLens.Bench csv-parse: the same CSV parser vcn_aoi uses, parsing only (the floor);
  (b) gaplens gap_analysis vcn_aoi (end to end: sweep, top-K, paths pass, Parquet, RCA report);
  (c) bench/vcn_aoi_reference.py (pandas), unless --no-pandas or pandas is missing.
Prints wall time and peak RSS of each, the ratios, and whether threshold.txt, the breakdown and
metrics.json agree. --runs R runs (b) R times (best and median); --before BUILD also runs another build
(a gaplens.dll, a native gaplens or a folder, e.g. an older commit's publish) interleaved with (b) on the same input, and
--phases prints one --verbose run's phase lines of each build. Run with Debian's python3 (it has pandas): /usr/bin/python3 bench/vcn_aoi_bench.py
"""
import argparse
import filecmp
import os
import random
import shutil
import subprocess
import sys
import time

import gaplens_cli

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "bench", "out", "vcn_aoi")


def generate(d, n, seed=11):
    rng = random.Random(seed)
    os.makedirs(os.path.join(d, "inference"), exist_ok=True)
    labels = ["PASS"] * 16 + ["NO_PASS", "MISSING", "BRIDGE", "SHIFT"]
    with open(os.path.join(d, "inference", "inference.csv"), "w") as f:
        f.write("input_path,object_name,label,siamese_score\n")
        buf = []
        for i in range(n):
            lab = labels[rng.randrange(20)]
            mu = 0.25 if lab == "PASS" else 0.75
            s = min(1.0, max(0.0, rng.gauss(mu, 0.15)))
            buf.append(f"boards/board_{i % 300:04d},U{i:08d},{lab},{s:.4f}\n")
            if len(buf) == 100000:
                f.write("".join(buf)); buf.clear()
        f.write("".join(buf))
    with open(os.path.join(d, "train.yaml"), "w") as f:
        f.write("dataset:\n  classify:\n    input_map:\n      top: 0\n      side: 1\n    image_ext: .png\n")


def generate_full(d, n, seed=11):
    """Full-precision scores: float32 sigmoid outputs written as Python's repr of the double (17
    significant digits), a realistic label mix and long paths."""
    import numpy as np
    rng = np.random.default_rng(seed)
    os.makedirs(os.path.join(d, "inference"), exist_ok=True)
    labels = ["PASS", "NO_PASS", "MISSING", "BRIDGE", "SHIFT", "TOMBSTONE", "SOLDER_BALL", "POLARITY"]
    probs = [0.92, 0.02, 0.015, 0.012, 0.012, 0.008, 0.007, 0.006]
    with open(os.path.join(d, "inference", "inference.csv"), "w") as f:
        f.write("input_path,object_name,label,siamese_score\n")
        chunk = 500_000
        for start in range(0, n, chunk):
            m = min(chunk, n - start)
            lab = rng.choice(len(labels), m, p=probs)
            logit = np.where(lab == 0, rng.normal(-3.0, 1.6, m), rng.normal(2.5, 1.8, m))
            score = (1.0 / (1.0 + np.exp(-logit))).astype(np.float32).astype(np.float64).tolist()
            idx = range(start, start + m)
            f.write("".join(
                f"/mnt/aoi/production/line_{i % 7:02d}/2026-11-{1 + i % 28:02d}/lot_{(i // 5000):06d}/board_{(i // 40):08d}/camera_top,"
                f"R{i % 997:04d}_C{i % 89:02d}_{i:09d},{labels[l]},{s!r}\n"
                for i, l, s in zip(idx, lab.tolist(), score)))
    with open(os.path.join(d, "train.yaml"), "w") as f:
        f.write("dataset:\n  classify:\n    input_map:\n      top: 0\n      side: 1\n    image_ext: .png\n")


def run(cmd):
    t0 = time.perf_counter()
    with open(os.devnull, "wb") as devnull:
        p = subprocess.Popen(cmd, stdout=devnull, stderr=devnull)
        _, status, usage = os.wait4(p.pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"failed ({code}): {' '.join(cmd)}")
    return time.perf_counter() - t0, usage.ru_maxrss / 1024.0, usage.ru_utime + usage.ru_stime


def gaplens_cmd(build, d, out, min_recall, verbose=False):
    return gaplens_cli.command(build) + ["gap_analysis", "vcn_aoi", f"inference_results_dir={os.path.join(d, 'inference')}", f"train_config={os.path.join(d, 'train.yaml')}",
            f"results_dir={out}", f"min_recall={min_recall}", "kpi_media_path=/media"] + (["--verbose"] if verbose else [])


def phases(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return [line.split(" phase ", 1)[1] for line in (p.stdout + p.stderr).splitlines() if " phase " in line]


def summary(name, runs):
    walls = sorted(t for t, _, _ in runs)
    cpus = sorted(c for _, _, c in runs)
    peak = max(m for _, m, _ in runs)
    med = walls[len(walls) // 2]
    print(f"  {name:36s}: best {walls[0]:5.2f} s, median {med:5.2f} s wall (CPU best {cpus[0]:5.2f} s, median {cpus[len(cpus) // 2]:5.2f} s), peak RSS {peak:6.1f} MiB, {len(runs)} runs")
    return walls[0], med


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000_000)
    ap.add_argument("--min-recall", default="0.995")
    ap.add_argument("--no-pandas", action="store_true")
    ap.add_argument("--scores", choices=["4dp", "full"], default="4dp", help="4 decimals (many ties) or full precision (nearly all distinct)")
    ap.add_argument("--runs", type=int, default=1, help="runs of (b) (and of --before), interleaved; best and median")
    ap.add_argument("--before", help="another build (gaplens.dll, native gaplens or its folder), run interleaved with (b) on the same input")
    ap.add_argument("--phases", action="store_true", help="print the --verbose phase lines of one more run of each build")
    a = ap.parse_args()
    d = os.path.join(OUT, f"n{a.n}" if a.scores == "4dp" else f"n{a.n}_full")
    csv_path = os.path.join(d, "inference", "inference.csv")
    if not os.path.exists(csv_path):
        print(f"generating {a.n:,} rows ...", file=sys.stderr)
        (generate if a.scores == "4dp" else generate_full)(d, a.n)
    size_mb = os.path.getsize(csv_path) / 1e6

    subprocess.run([os.path.join(ROOT, "gaplens"), "--version"], check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["dotnet", "build", os.path.join(ROOT, "bench", "GapLens.Bench"), "-c", "Release", "-o", os.path.join(OUT, "benchbin"),
                    "-nologo", "-v", "q"], check=True, stdout=subprocess.DEVNULL)
    g_out, p_out = os.path.join(d, "gaplens"), os.path.join(d, "pandas")
    shutil.rmtree(g_out, ignore_errors=True)
    shutil.rmtree(p_out, ignore_errors=True)

    t_parse, m_parse, c_parse = run(["dotnet", os.path.join(OUT, "benchbin", "GapLens.Bench.dll"), "csv-parse", csv_path])
    dll = gaplens_cli.LAUNCHER_BUILD
    b_out = os.path.join(d, "before")
    now_runs, before_runs = [], []
    for _ in range(a.runs):
        if a.before:
            shutil.rmtree(b_out, ignore_errors=True)
            before_runs.append(run(gaplens_cmd(a.before, d, b_out, a.min_recall)))
        shutil.rmtree(g_out, ignore_errors=True)
        now_runs.append(run(gaplens_cmd(dll, d, g_out, a.min_recall)))
    t_g, m_g, c_g = min(now_runs)
    print(f"vcn_aoi benchmark: {a.n:,} rows, {size_mb:.0f} MB CSV, scores {a.scores}, min_recall={a.min_recall}, load average {os.getloadavg()[0]:.2f}")
    print(f"  (a) bare CSV parse (same parser)   : {t_parse:7.2f} s ({c_parse:6.2f} s CPU)   peak RSS {m_parse:7.1f} MiB")
    print(f"  (b) gaplens vcn_aoi end to end      : {t_g:7.2f} s ({c_g:6.2f} s CPU)   peak RSS {m_g:7.1f} MiB   = {t_g / t_parse:.2f}x the bare parse (best of {a.runs})")
    _, med_now = summary("(b) this checkout", now_runs)
    if a.before:
        _, med_before = summary("(b') --before build", before_runs)
        same_before = all(filecmp.cmp(os.path.join(g_out, f), os.path.join(b_out, f), shallow=False)
                          for f in ("threshold.txt", "weak_samples_breakdown.txt", "metrics.json", "kpi_gaps.parquet"))
        print(f"  now / before (median wall): {med_now / med_before:.2f}x; TAO outputs identical to the before build: {'yes' if same_before else 'NO'}")
    if a.phases:
        for name, path in [("this checkout", dll)] + ([("before", a.before)] if a.before else []):
            tmp = os.path.join(d, "phases")
            shutil.rmtree(tmp, ignore_errors=True)
            print(f"  phases, {name} (load {os.getloadavg()[0]:.2f}):")
            for line in phases(gaplens_cmd(path, d, tmp, a.min_recall, verbose=True)):
                print("    " + line)
            shutil.rmtree(tmp, ignore_errors=True)
    have_pandas = True
    try:
        import pandas  # noqa: F401
    except ImportError:
        have_pandas = False
    if a.no_pandas or not have_pandas:
        print("  (c) pandas: skipped" + ("" if have_pandas else " (pandas is not installed: apt-get install python3-pandas)"))
        return 0
    t_p, m_p, c_p = run([sys.executable, os.path.join(ROOT, "bench", "vcn_aoi_reference.py"), os.path.join(d, "inference"),
                    os.path.join(d, "train.yaml"), p_out, "--media", "/media", "--min-recall", a.min_recall])
    same = all(filecmp.cmp(os.path.join(g_out, f), os.path.join(p_out, f), shallow=False)
               for f in ("threshold.txt", "weak_samples_breakdown.txt", "metrics.json"))
    print(f"  (c) pandas reference                : {t_p:7.2f} s ({c_p:6.2f} s CPU)   peak RSS {m_p:7.1f} MiB   gaplens is {t_p / t_g:.1f}x faster (wall), {c_p / c_g:.1f}x less CPU")
    print(f"  threshold.txt, breakdown, metrics.json identical: {'yes' if same else 'NO'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())

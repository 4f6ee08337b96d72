#!/usr/bin/env python3
"""Benchmark: gaplens vlm_bcq vs a straightforward Python implementation on 1M predictions.

Generates N predictions (default 1,000,000, about 200 MB of JSON) with realistic field sizes and a mix
of yes/no/ambiguous answers, then runs, in this one script and on the same file:
  * gaplens (Release build, as ./gaplens builds it) : gap_analysis vlm_bcq
  * bench/vlm_bcq_reference.py (json.load + re + pathlib, as TAO's script)
It prints wall time and peak RSS (ru_maxrss of each child) and the ratios, and checks that both wrote
byte-identical kpi_gaps.jsonl and kpi_gaps_report.txt.

Usage: python3 bench/vlm_bcq_bench.py [--n 1000000] [--runs 3] [--keep]
"""
import argparse
import filecmp
import json
import os
import random
import shutil
import subprocess
import sys
import time

import gaplens_cli

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "bench", "out", "vlm_bcq")


def generate(path, n, seed=7):
    rng = random.Random(seed)
    questions = [
        "Is there a collision between the ego vehicle and another road user in this clip?",
        "Does a pedestrian cross the road in front of the ego vehicle at any point?",
        "Is any vehicle driving against the direction of traffic on this road?",
        "Is the traffic light red when the ego vehicle enters the intersection?",
        "Est-ce qu'il pleut dans cette vidéo de caméra embarquée ?",
    ]
    yes = ["Yes.", "A. Yes", "Yes, it happens near the end of the clip.", "yes", "YES - clearly visible."]
    no = ["No.", "B. No", "No, nothing of the kind happens in this clip.", "no", "NO - the road is clear."]
    unclear = ["I cannot determine this from the frames provided.", "Yes and no: the view is occluded.", "Possibly."]
    with open(path, "w", encoding="utf-8") as f:
        f.write("[\n")
        for i in range(n):
            gt_yes = rng.random() < 0.35
            says_yes = rng.random() < (0.85 if gt_yes else 0.08)
            r = rng.random()
            response = rng.choice(unclear) if r < 0.04 else rng.choice(yes if says_yes else no)
            item = {"video_id": f"clips/cam{rng.randrange(1, 65):02d}/2026-10-{rng.randrange(1, 29):02d}/clip_{i:08d}.mp4",
                    "question": rng.choice(questions), "response": response, "gt": "yes" if gt_yes else "no"}
            f.write(json.dumps(item, ensure_ascii=False))
            f.write(",\n" if i < n - 1 else "\n")
        f.write("]\n")


def run(cmd, cwd):
    t0 = time.perf_counter()
    with open(os.devnull, "wb") as devnull:
        p = subprocess.Popen(cmd, cwd=cwd, stdout=devnull, stderr=devnull)
        _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"command failed with exit {code}: {' '.join(cmd)}")
    return wall, usage.ru_maxrss / 1024.0  # MiB


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--keep", action="store_true", help="keep the generated input")
    a = ap.parse_args()

    os.makedirs(OUT, exist_ok=True)
    data = os.path.join(OUT, f"predictions_{a.n}.json")
    if not os.path.exists(data):
        print(f"generating {a.n:,} predictions ...", file=sys.stderr)
        generate(data, a.n)
    size_mb = os.path.getsize(data) / 1e6

    subprocess.run([os.path.join(ROOT, "gaplens"), "--version"], check=True, stdout=subprocess.DEVNULL)
    gaplens = gaplens_cli.command()
    g_out, p_out = os.path.join(OUT, "gaplens"), os.path.join(OUT, "python")
    g_times, p_times, g_rss, p_rss = [], [], [], []
    for i in range(a.runs):
        shutil.rmtree(g_out, ignore_errors=True)
        shutil.rmtree(p_out, ignore_errors=True)
        t, m = run(gaplens + ["gap_analysis", "vlm_bcq", f"predictions_json={data}", f"results_dir={g_out}", "videos_dir=/videos"], OUT)
        g_times.append(t); g_rss.append(m)
        t, m = run([sys.executable, os.path.join(ROOT, "bench", "vlm_bcq_reference.py"), data, p_out, "/videos"], OUT)
        p_times.append(t); p_rss.append(m)
        print(f"run {i + 1}: gaplens {g_times[-1]:.2f} s, python {p_times[-1]:.2f} s", file=sys.stderr)

    same = all(filecmp.cmp(os.path.join(g_out, f), os.path.join(p_out, f), shallow=False)
               for f in ("kpi_gaps.jsonl", "kpi_gaps_report.txt"))
    g, p = min(g_times), min(p_times)
    print(f"vlm_bcq benchmark: {a.n:,} predictions, {size_mb:.1f} MB JSON, best of {a.runs}")
    print(f"  gaplens : {g:7.2f} s   peak RSS {max(g_rss):7.1f} MiB")
    print(f"  python  : {p:7.2f} s   peak RSS {max(p_rss):7.1f} MiB   ({sys.executable}, Python {sys.version.split()[0]})")
    print(f"  speed-up: {p / g:.1f}x   memory: gaplens peak RSS is {max(g_rss) / size_mb * 1.048576:.2f}x the input size"
          f" (python {max(p_rss) / size_mb * 1.048576:.2f}x)")
    print(f"  outputs identical: {'yes' if same else 'NO'}")
    if not a.keep:
        os.remove(data)
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""Perception Test benchmarks (run with Debian's /usr/bin/python3, which has numpy).

1. Scoring: generates a validation-sized set into bench/out/perception/ on first use (5,900 videos,
   ~19,000 questions over 132 tasks; the annotation file carries object tracks, point tracks, action
   and sound segments like the real all-tasks validation file, a few hundred MB) and times
   `GapLens.Bench perception-score` (read annotations + answers, score, per task, compare, JSON).
2. Attention: times `GapLens.Bench perception-attention` (10,000 questions x 8 frames x 24x24 maps x
   4 layers): maps in memory (the metrics alone), then the same maps written once as .npy files with
   JSON sidecars into bench/out/perception/maps/ (737 MB) and read through AttentionMapFolder.

GapLens.Bench is published ReadyToRun with tiered compilation off, as ./gaplens publishes the CLI.

Usage: /usr/bin/python3 bench/perception_bench.py [--runs R] [--regenerate]
"""
import argparse
import os
import subprocess
import sys
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "TestData", "perception"))
import perception_gen as gen  # noqa: E402

OUT = os.path.join(ROOT, "bench", "out", "perception")


def generate():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(7)
    tasks = gen.make_tasks(132, rng)
    per_video = rng.choice([2, 3, 4, 5], size=5900, p=[0.25, 0.4, 0.25, 0.1])
    t0 = time.time()
    ann = gen.make_annotations(5900, lambda v: int(per_video[v]), tasks, rng, dense=True)
    gen.write_json(os.path.join(OUT, "annotations_full.json"), ann)
    mc_only = {vid: {"metadata": v["metadata"], "mc_question": v["mc_question"]} for vid, v in ann.items()}
    gen.write_json(os.path.join(OUT, "mc_question_valid.json"), mc_only)
    a, _ = gen.simulate_answers(ann, tasks, rng, skill=0.6, position_bias=(0.4, 0.0, 0.0))
    b, _ = gen.simulate_answers(ann, tasks, rng, skill=0.9)
    gen.write_json(os.path.join(OUT, "answers_a.json"), a)
    gen.write_json(os.path.join(OUT, "answers_b.json"), b)
    print(f"generated {sum(len(v['mc_question']) for v in ann.values())} questions over {len(ann)} videos in {time.time() - t0:.0f} s")


def bench_exe():
    """GapLens.Bench published the way ./gaplens publishes the CLI: ReadyToRun, tiering off."""
    out = os.path.join(ROOT, "bench", "out", "bench-r2r")
    subprocess.run(["dotnet", "publish", os.path.join(ROOT, "bench", "GapLens.Bench", "GapLens.Bench.csproj"), "-c", "Release", "-r", "linux-x64",
                    "--self-contained", "false", "-p:PublishReadyToRun=true", "-o", out, "-v", "q", "-nologo"], check=True)
    return [os.path.join(out, "GapLens.Bench")]


def cold_runs(exe, ann, runs):
    """Fresh processes, as the CLI runs: wall and CPU time of the whole process, best and median;
    scoring one file, then scoring two and comparing them."""
    for second, what in [("-", "start, read, score, JSON"), (os.path.join(OUT, "answers_b.json"), "the same + second file, comparison")]:
        wall, cpu = [], []
        for _ in range(runs):
            t0 = time.perf_counter()
            r0 = os.times()
            subprocess.run(exe + ["perception-score", os.path.join(OUT, ann), os.path.join(OUT, "answers_a.json"), second, "0"],
                           check=True, stdout=subprocess.DEVNULL)
            r1 = os.times()
            wall.append(time.perf_counter() - t0)
            cpu.append(r1.children_user - r0.children_user + r1.children_system - r0.children_system)
        wall.sort()
        cpu.sort()
        print(f"  cold process ({what}), {ann}: wall best {wall[0]:.3f} s, median {wall[len(wall) // 2]:.3f} s; "
              f"CPU best {cpu[0]:.3f} s, median {cpu[len(cpu) // 2]:.3f} s of {runs}; load average {os.getloadavg()[0]:.1f}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--regenerate", action="store_true")
    args = ap.parse_args()
    if args.regenerate or not os.path.exists(os.path.join(OUT, "answers_b.json")):
        generate()
    for name in ["annotations_full.json", "mc_question_valid.json"]:
        print(f"{name}: {os.path.getsize(os.path.join(OUT, name)) / 1e6:.1f} MB")
    exe = bench_exe()
    for ann in ["annotations_full.json", "mc_question_valid.json"]:
        subprocess.run(exe + ["perception-score", os.path.join(OUT, ann), os.path.join(OUT, "answers_a.json"),
                              os.path.join(OUT, "answers_b.json"), str(args.runs)], check=True)
        cold_runs(exe, ann, args.runs)
    subprocess.run(exe + ["perception-attention", "10000", "8", "24", "4", str(args.runs), "--no-mean"], check=True)
    subprocess.run(exe + ["perception-attention", "10000", "8", "24", "4", str(args.runs), "--files", os.path.join(OUT, "maps")], check=True)


if __name__ == "__main__":
    main()

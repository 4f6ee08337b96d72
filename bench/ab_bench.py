#!/usr/bin/env python3
"""A/B benchmark: this checkout's gaplens against an older commit's, interleaved on the same inputs.

"No worse than before" cannot be read off figures measured on different days under different load.
This script builds the older commit (a detached git worktree under bench/out/ab/, ReadyToRun like
./gaplens) and runs both builds alternately (A, B, A, B, ...) on the same generated inputs, so both
see the same machine state. It prints the best and median wall time and peak RSS of each, their
ratio, and checks that the TAO outputs of the two builds are byte-identical.

Inputs: vlm_bcq on N predictions (bench/vlm_bcq_bench.py's generator) and vcn_aoi on M rows
(bench/vcn_aoi_bench.py's generator, scores as that script writes them).

Usage: python3 bench/ab_bench.py OLD_COMMIT [--bcq-n 1000000] [--aoi-n 2000000] [--runs 5] [--new-build .build/cli]
"""
import argparse
import filecmp
import os
import shutil
import statistics
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import vcn_aoi_bench  # noqa: E402
import gaplens_cli  # noqa: E402
import vlm_bcq_bench  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "bench", "out", "ab")


def build(src, out):
    if os.path.exists(os.path.join(out, "gaplens.dll")):
        return
    # The launcher's composite publish leaves composite ReadyToRun intermediates here; reused by a
    # framework-dependent publish, they make a process that aborts at start.
    r2r = os.path.join(src, "src", "GapLens.Cli", "obj", "Release", "net10.0", "linux-x64", "R2R")
    shutil.rmtree(r2r, ignore_errors=True)
    subprocess.run(["dotnet", "publish", os.path.join(src, "src", "GapLens.Cli", "GapLens.Cli.csproj"), "-c", "Release",
                    "-r", "linux-x64", "--self-contained", "false", "-p:PublishReadyToRun=true", "-o", out, "-nologo", "-v", "q"],
                   check=True, stdout=subprocess.DEVNULL)
    shutil.rmtree(r2r, ignore_errors=True)


def old_build(commit):
    sha = subprocess.run(["git", "-C", ROOT, "rev-parse", commit], check=True, capture_output=True, text=True).stdout.strip()
    src = os.path.join(OUT, "src-" + sha[:12])
    if not os.path.exists(src):
        subprocess.run(["git", "-C", ROOT, "worktree", "add", "--detach", src, sha], check=True, stdout=subprocess.DEVNULL)
    out = os.path.join(OUT, "cli-" + sha[:12])
    build(src, out)
    return sha[:12], out


def compare(name, cmds, outdirs, files, runs):
    times = {k: [] for k in cmds}
    rss = {k: [] for k in cmds}
    for _ in range(runs):
        for k, cmd in cmds.items():
            shutil.rmtree(outdirs[k], ignore_errors=True)
            t, m = vlm_bcq_bench.run(cmd, OUT)
            times[k].append(t)
            rss[k].append(m)
    print(f"{name}:")
    for k in cmds:
        print(f"  {k:8}: best {min(times[k]):6.2f} s  median {statistics.median(times[k]):6.2f} s  peak RSS {max(rss[k]):7.1f} MiB")
    a, b = list(cmds)
    print(f"  new/old: best {min(times[b]) / min(times[a]):.2f}x  median {statistics.median(times[b]) / statistics.median(times[a]):.2f}x  (below 1 is faster)")
    same = all(filecmp.cmp(os.path.join(outdirs[a], f), os.path.join(outdirs[b], f), shallow=False) for f in files)
    print(f"  {', '.join(files)} identical: {'yes' if same else 'NO'}")
    return same


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("old")
    ap.add_argument("--bcq-n", type=int, default=1_000_000)
    ap.add_argument("--aoi-n", type=int, default=2_000_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--new-build", help="a folder holding this checkout as built otherwise (e.g. .build/cli, the launcher's "
                    "native build); default: publish it framework-dependent ReadyToRun, as the old commit is")
    a = ap.parse_args()
    os.makedirs(OUT, exist_ok=True)
    sha, old = old_build(a.old)
    if a.new_build:
        new = os.path.abspath(a.new_build)
    else:
        new = os.path.join(OUT, "cli-new")
        shutil.rmtree(new, ignore_errors=True)
        build(ROOT, new)
    print(f"old = {sha} (framework-dependent ReadyToRun), new = this checkout ({new}, {gaplens_cli.kind(new)}); {a.runs} interleaved runs each; load average before: {os.getloadavg()[0]:.1f}")

    bcq = os.path.join(OUT, f"predictions_{a.bcq_n}.json")
    if not os.path.exists(bcq):
        vlm_bcq_bench.generate(bcq, a.bcq_n)
    aoi = os.path.join(OUT, f"aoi_{a.aoi_n}")
    if not os.path.exists(os.path.join(aoi, "inference", "inference.csv")):
        vcn_aoi_bench.generate(aoi, a.aoi_n)

    ok = compare(f"vlm_bcq, {a.bcq_n:,} predictions",
                 {k: gaplens_cli.command(d) + ["gap_analysis", "vlm_bcq", f"predictions_json={bcq}",
                      f"results_dir={os.path.join(OUT, 'bcq-' + k)}", "videos_dir=/videos"] for k, d in (("old", old), ("new", new))},
                 {k: os.path.join(OUT, "bcq-" + k) for k in ("old", "new")}, ["kpi_gaps.jsonl", "kpi_gaps_report.txt"], a.runs)
    ok &= compare(f"vcn_aoi, {a.aoi_n:,} rows",
                  {k: gaplens_cli.command(d) + ["gap_analysis", "vcn_aoi", f"inference_results_dir={os.path.join(aoi, 'inference')}",
                       f"train_config={os.path.join(aoi, 'train.yaml')}", f"results_dir={os.path.join(OUT, 'aoi-' + k)}", "min_recall=0.995",
                       "kpi_media_path=/media"] for k, d in (("old", old), ("new", new))},
                  {k: os.path.join(OUT, "aoi-" + k) for k in ("old", "new")}, ["threshold.txt", "weak_samples_breakdown.txt", "metrics.json", "kpi_gaps.parquet"], a.runs)
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

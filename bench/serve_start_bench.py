#!/usr/bin/env python3
"""Start-up time of `gaplens serve` on a large experiment, several builds interleaved.

Makes an experiment of N items (4 models x 10 task types, each item's files hard links to one
sample item's video and frames, so it is quick to make and small on disk) under bench/out/serve_start/,
then starts each given build (a gaplens.dll, a native gaplens, or a folder holding one) in turn (A, B, A, B, ...: every build sees the same machine state)
on a fresh evaluations folder (an empty log, the first start), and measures from the process start
to the address printed and to the first answered request (GET /api/session). Each start's phase
lines (`--verbose`) are printed beside it. The server is stopped with SIGTERM after each start.

Usage: python3 bench/serve_start_bench.py LABEL=BUILD [LABEL=...] [--items 20000] [--runs 5]
e.g.   python3 bench/serve_start_bench.py native=.build/cli plain=src/GapLens.Cli/bin/Release/net10.0/gaplens.dll
"""
import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import time
import urllib.request

import gaplens_cli

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "bench", "out", "serve_start")
SAMPLE = os.path.join(ROOT, "samples", "vmeval", "data", "outputs", "demo-exp", "sim-veo", "grid_task", "grid_0001", "run_0001")


def make(items):
    outputs = os.path.join(OUT, f"outputs_{items}")
    if os.path.isdir(outputs):
        return outputs
    per = max(1, items // 40)
    tmp = outputs + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    for m in range(4):
        for t in range(10):
            for k in range(per):
                task = f"task{t}_{k:05d}"
                run = os.path.join(tmp, "bench", f"model-{m}", f"task{t}_task", task, "run_0")
                os.makedirs(os.path.join(run, "question"))
                os.makedirs(os.path.join(run, "video"))
                for f in ("first_frame.png", "final_frame.png"):
                    os.link(os.path.join(SAMPLE, "question", f), os.path.join(run, "question", f))
                with open(os.path.join(run, "question", "prompt.txt"), "w", encoding="utf-8") as p:
                    p.write(f"Solve {task}.")
                os.link(os.path.join(SAMPLE, "video", "grid_0001.mp4"), os.path.join(run, "video", task + ".mp4"))
    os.rename(tmp, outputs)
    return outputs


def start(dll, outputs, evaluations):
    shutil.rmtree(evaluations, ignore_errors=True)
    t0 = time.monotonic()
    p = subprocess.Popen(gaplens_cli.command(dll) + ["serve", "--outputs", outputs, "--evaluations", evaluations, "--port", "0", "--verbose"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    url = None
    while url is None:
        line = p.stdout.readline()
        if not line:
            raise SystemExit(f"{dll} did not start: {p.stderr.read()}")
        m = re.search(r"(http://\S+)", line)
        url = m.group(1) if m else None
    printed = time.monotonic() - t0
    while True:
        try:
            urllib.request.urlopen(url + "api/session", timeout=10).read()
            break
        except OSError:
            time.sleep(0.01)
    answered = time.monotonic() - t0
    p.send_signal(signal.SIGTERM)
    _, err = p.communicate(timeout=120)
    phases = [line.split(" - ")[-1] for line in err.splitlines() if " DEBUG " in line and " in " in line]
    return printed, answered, phases


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("builds", nargs="+", help="LABEL=BUILD (a gaplens.dll, a native gaplens, or a folder holding one)")
    ap.add_argument("--items", type=int, default=20000)
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    builds = [b.split("=", 1) for b in a.builds]
    clock = time.monotonic()
    outputs = make(a.items)
    print(f"{a.items:,} items under {outputs} ({time.monotonic() - clock:.1f} s to make); {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}", flush=True)
    results = {label: [] for label, _ in builds}
    for r in range(a.runs):
        for label, dll in builds:
            printed, answered, phases = start(os.path.abspath(dll), outputs, os.path.join(OUT, "evaluations_" + label))
            results[label].append((printed, answered))
            print(f"{label} #{r + 1}: address printed {printed:.2f} s, first answer {answered:.2f} s | " + " | ".join(phases), flush=True)
    for label, v in results.items():
        ans = [x[1] for x in v]
        pr = [x[0] for x in v]
        print(f"{label}: first answer median {statistics.median(ans):.2f} s (best {min(ans):.2f} s); "
              f"address printed median {statistics.median(pr):.2f} s (best {min(pr):.2f} s)")
    print(f"load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()

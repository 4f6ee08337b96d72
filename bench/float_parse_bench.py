#!/usr/bin/python3
"""Benchmark: reading inference.csv scores the way TAO's pandas does (GapLens.Bench float-parse).

Generates two 10M-row inference.csv files into bench/out/float_parse/ (scores with 4 decimals, and
full-precision scores written with Python repr(), the case where pandas' default parser is not
correctly rounded), builds GapLens.Bench and runs, for each file:
  csv-parse    InferenceCsv.ReadTable as vcn_aoi calls it (wall, user and sys time, peak RSS);
  float-parse  the score parsers alone on 2M fields (double.TryParse, pandas' default and round_trip)
               and ReadTable in both precisions (best of N, wall and CPU time).
Run: /usr/bin/python3 bench/float_parse_bench.py [--n 10000000] [--runs 3]
"""
import argparse
import os
import random
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "bench", "out", "float_parse")


def generate(path, n, full, seed=11):
    rng = random.Random(seed)
    labels = ["PASS"] * 16 + ["NO_PASS", "MISSING", "BRIDGE", "SHIFT"]
    with open(path, "w") as f:
        f.write("input_path,object_name,label,siamese_score\n")
        buf = []
        for i in range(n):
            lab = labels[rng.randrange(20)]
            s = min(1.0, max(0.0, rng.gauss(0.25 if lab == "PASS" else 0.75, 0.15)))
            buf.append(f"boards/board_{i % 300:04d},U{i:08d},{lab},{repr(s) if full else format(s, '.4f')}\n")
            if len(buf) == 100000:
                f.write("".join(buf))
                buf.clear()
        f.write("".join(buf))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000_000)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    os.makedirs(OUT, exist_ok=True)
    bench = os.path.join(OUT, "benchbin")
    subprocess.run(["dotnet", "build", os.path.join(ROOT, "bench", "GapLens.Bench"), "-c", "Release", "-o", bench, "-nologo", "-v", "q"],
                   check=True, stdout=subprocess.DEVNULL)
    dll = os.path.join(bench, "GapLens.Bench.dll")
    for name, full in [("dec4", False), ("full", True)]:
        path = os.path.join(OUT, f"{name}_{a.n}.csv")
        if not os.path.exists(path):
            print(f"generating {path} ...", flush=True)
            generate(path, a.n, full)
        for _ in range(a.runs):
            subprocess.run(["/usr/bin/time", "-f", f"  csv-parse {name}: wall %e s, user %U s, sys %S s, peak RSS %M KB", "dotnet", dll, "csv-parse", path],
                           check=True, stdout=subprocess.DEVNULL)
        subprocess.run(["dotnet", dll, "float-parse", path, str(max(a.runs, 5))], check=True)


if __name__ == "__main__":
    main()

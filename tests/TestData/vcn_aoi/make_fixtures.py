#!/usr/bin/python3
"""Regenerates the vcn_aoi fixture cases (run from this folder with Debian's python3 + pandas).

Each case folder holds inference/inference.csv, train.yaml, args.json (the options) and expected/,
the outputs of bench/vcn_aoi_reference.py (pandas, following TAO's vcn_aoi.py with the spec's
stable sort). The C# tests run the same options and compare bytes (threshold.txt, breakdown,
metrics.json, unreachable_kpi.txt) and values (the Parquet rows against kpi_gaps.rows.jsonl).
"""
import csv
import json
import os
import random
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REF = os.path.join(HERE, "..", "..", "..", "bench", "vcn_aoi_reference.py")
MAP_YAML = "dataset:\n  classify:\n    input_map:\n      top: 0\n      side: 1\n      low_angle: 2\n    image_ext: .png\n"
LIST_YAML = "dataset:\n  classify:\n    input_map: [white, uv]\n"


def case(name, rows, args, yaml_text=MAP_YAML):
    d = os.path.join(HERE, name)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(os.path.join(d, "inference"))
    with open(os.path.join(d, "inference", "inference.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["input_path", "object_name", "label", "siamese_score", "extra"])
        for r in rows:
            w.writerow(list(r) + ["x"])
    open(os.path.join(d, "train.yaml"), "w").write(yaml_text)
    json.dump(args, open(os.path.join(d, "args.json"), "w"), indent=1)
    cmd = [sys.executable, REF, os.path.join(d, "inference"), os.path.join(d, "train.yaml"), os.path.join(d, "expected")]
    cmd += ["--media", args.get("kpi_media_path", ""), "--threshold", repr(args.get("threshold", -1.0)),
            "--min-recall", repr(args.get("min_recall", 1.0)), "--top-k", str(args.get("top_k_per_label", 50))]
    code = subprocess.run(cmd).returncode
    json.dump({"exit": code}, open(os.path.join(d, "expected", "exit.json"), "w"))


rng = random.Random(5)
labels = ["PASS", "PASS", "PASS", "NO_PASS", "MISSING", " bridge ", "Missing", "pass "]
rows = []
for i in range(500):
    lab = rng.choice(labels)
    defect = lab.strip().upper() != "PASS"
    s = round(min(1.0, max(0.0, rng.gauss(0.7 if defect else 0.3, 0.2))), 2)  # 2 decimals: many ties
    ip = rng.choice(["boards/b1", "boards//b2/./", "/abs/b3", "0012", "../up/b4"])
    rows.append((ip, f"C{i:04d}", lab, repr(s)))

case("worked_example", [("b1", "C1", "PASS", ".1"), ("b1", "C2", "PASS", ".2"), ("b2", "C3", "NO_PASS", ".8"),
                        ("b2", "C4", "NO_PASS", ".9"), ("b3", "C5", "NO_PASS", ".1"), ("b3", "C6", "PASS", ".9")],
     {"kpi_media_path": "/media"})
case("random_top5_ties", rows, {"kpi_media_path": "/data//kpi/./media/", "top_k_per_label": 5})
case("random_below_threshold_recall90", rows, {"kpi_media_path": "", "top_k_per_label": "None", "min_recall": 0.9}, LIST_YAML)
case("pinned_zero", rows, {"kpi_media_path": "m", "threshold": 0.0, "top_k_per_label": 3})
case("pinned_at_nopass_score_boundary", rows, {"threshold": 0.7, "top_k_per_label": 4})
case("min_score_zero", [("a", "C1", "PASS", "0.0"), ("a", "C2", "NO_PASS", "0.0"), ("a", "C3", "NO_PASS", "0.5"), ("a", "C4", "PASS", "0.25")], {})
case("tiny_scores", [("a", "C1", "PASS", "1e-07"), ("a", "C2", "NO_PASS", "2.5e-07"), ("a", "C3", "NO_PASS", "1.5e-07"), ("a", "C4", "PASS", "3e-08")], {"top_k_per_label": 1})
case("unreachable_no_defects", [("a", "C1", "PASS", "0.1"), ("a", "C2", "pass", "0.2")], {})
print("ok")

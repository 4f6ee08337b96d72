#!/usr/bin/env python3
"""Regenerates samples/vcn_aoi: a small Visual ChangeNet-style AOI KPI set for `gaplens demo`.

240 inspected components on 6 boards, two lightings (top, side), 64x64 PNG crops drawn here (an SMD
part with two leads on solder pads): PASS parts, and three defect types, MISSING (empty pads),
BRIDGE (solder joining the leads) and SHIFT (part rotated off its pads). Scores imitate a Siamese
change detector: defects mostly high, good parts mostly low, with the overlaps a real KPI set has
(a faint bridge that scores low, glare on a good part that scores high, two PASS labels that are
really missing parts). Pure Python (zlib only), seeded: re-running reproduces the files exactly.

Usage: python3 make_dataset.py   (writes images/, inference/inference.csv, train.yaml)
"""
import csv
import math
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from pngwrite import png  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SIZE = 64
rng = random.Random(2026)


def draw(kind, lighting, seed):
    r = random.Random(seed)
    base = (28, 92, 48) if lighting == "top" else (22, 70, 40)          # PCB green
    img = [[list(base) for _ in range(SIZE)] for _ in range(SIZE)]
    def rect(x0, y0, x1, y1, color):
        for y in range(max(0, y0), min(SIZE, y1)):
            for x in range(max(0, x0), min(SIZE, x1)):
                img[y][x] = list(color)
    pad = (200, 170, 90) if lighting == "top" else (150, 120, 60)
    rect(14, 26, 24, 38, pad); rect(40, 26, 50, 38, pad)                  # solder pads
    dx = r.randint(-1, 1); dy = r.randint(-1, 1)
    if kind in ("PASS", "BRIDGE", "GLARE"):
        rect(18 + dx, 24 + dy, 46 + dx, 40 + dy, (40, 40, 44))              # component body
        rect(15 + dx, 28 + dy, 20 + dx, 36 + dy, (210, 210, 215))           # leads
        rect(44 + dx, 28 + dy, 49 + dx, 36 + dy, (210, 210, 215))
    if kind == "SHIFT":
        ang = r.choice([-0.5, 0.5])
        for y in range(SIZE):
            for x in range(SIZE):
                u = (x - 32) * math.cos(ang) + (y - 32) * math.sin(ang)
                v = -(x - 32) * math.sin(ang) + (y - 32) * math.cos(ang)
                if abs(u) < 14 and abs(v) < 8:
                    img[y][x] = [40, 40, 44]
    if kind == "BRIDGE":
        rect(20 + dx, 37 + dy, 44 + dx, 41 + dy, (215, 215, 220))           # solder bridge
    if kind == "GLARE":
        for y in range(SIZE):
            for x in range(SIZE):
                g = max(0, 90 - ((x - 40) ** 2 + (y - 20) ** 2) / 6)
                img[y][x] = [min(255, int(c + g)) for c in img[y][x]]
    for y in range(SIZE):                                                  # sensor noise
        for x in range(SIZE):
            n = r.randint(-6, 6)
            img[y][x] = [max(0, min(255, c + n)) for c in img[y][x]]
    return [[tuple(px) for px in row] for row in img]



rows = []
for i in range(240):
    board = f"boards/board_{i % 6 + 1:02d}"
    kind = rng.choices(["PASS", "MISSING", "BRIDGE", "SHIFT"], weights=[70, 10, 12, 8])[0]
    label, drawn = kind, kind
    if kind == "PASS":
        score = min(1.0, max(0.0, rng.gauss(0.18, 0.09)))
        if rng.random() < 0.04:
            drawn, score = "GLARE", rng.uniform(0.55, 0.8)                   # glare fools the model
    elif kind == "MISSING":
        score = min(1.0, max(0.0, rng.gauss(0.9, 0.05)))
    elif kind == "BRIDGE":
        score = min(1.0, max(0.0, rng.gauss(0.72, 0.12)))                    # faint bridges score lower
    else:
        score = min(1.0, max(0.0, rng.gauss(0.8, 0.08)))
    if i in (37, 151):
        label, drawn, score = "PASS", "MISSING", rng.uniform(0.85, 0.95)     # mislabeled: really missing
    obj = f"U{i:03d}"
    for lighting in ("top", "side"):
        png(os.path.join(HERE, "images", board, f"{obj}_{lighting}.png"), draw(drawn, lighting, i * 7 + (lighting == "side")))
    rows.append((board, obj, label if rng.random() > 0.05 else label.lower(), f"{score:.4f}"))

os.makedirs(os.path.join(HERE, "inference"), exist_ok=True)
with open(os.path.join(HERE, "inference", "inference.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["input_path", "object_name", "label", "siamese_score"])
    w.writerows(rows)
with open(os.path.join(HERE, "train.yaml"), "w") as f:
    f.write("# Visual ChangeNet classify train spec (the parts vcn_aoi reads)\n"
            "dataset:\n  classify:\n    input_map:\n      top: 0\n      side: 1\n    image_ext: .png\n"
            "    train_dataset:\n      images_dir: /data/aoi/train\n")
print(f"wrote {len(rows)} rows and {2 * len(rows)} images")

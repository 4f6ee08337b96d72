#!/usr/bin/python3
"""Regenerates maps/ (attention maps for the fixture's questions, .npy + JSON sidecars) and
expected_attention.json, the reference for GapLens.Perception's attention metrics. Run with Debian's
/usr/bin/python3 after make_perception_fixtures.py (it reads annotations.json and answers_a.json).

An independent numpy implementation, written from the definitions (docs/perception.md) and not from
the C# code:
- Boxes: each object's annotation nearest to the map frame within half a second (15 frames at 30 fps).
- Coverage: the union of the boxes in each cell by inclusion-exclusion over subsets of boxes (the C#
  code sweeps x edges instead).
- Metrics follow Quantus's definitions (PointingGame, RelevanceMassAccuracy, RelevanceRankAccuracy,
  AUC), generalised to partial coverage c in [0, 1]; for frames whose coverage is binary and whose
  map has no ties the script asserts they equal literal transcriptions of Quantus's code.
- ROC-AUC: sklearn.metrics.roc_auc_score with each cell twice (positive with weight c, negative with
  weight 1 - c). Correctness links: roc_auc_score, DeLong by the pairwise kernel, scipy
  pointbiserialr and pearsonr(...).confidence_interval. Means: scipy.stats.t intervals.
"""
import itertools
import json
import math
import os
import sys

import numpy as np
import scipy
import sklearn
from scipy import stats
from sklearn.metrics import auc as sk_auc
from sklearn.metrics import roc_auc_score, roc_curve

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from reference_stats import delong, t_interval  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
LAYERS, HEADS = ["4", "12"], ["0", "1"]
SWEEP = [i / 20 for i in range(1, 20)]
DEFAULT = 0.15
METRICS = ["pointing_game", "mass_ratio", "rank_accuracy", "iou", "roc_auc"]


def boxes_at(video, frame, tol=15):
    out = []
    for o in video["object_tracking"]:
        ids = o["frame_ids"]
        if not ids:
            continue
        d = [abs(f - frame) for f in ids]
        best = min(range(len(ids)), key=lambda k: (d[k], ids[k]))
        if d[best] <= tol:
            out.append([min(max(v, 0.0), 1.0) for v in o["bounding_boxes"][best]])
    return out


def coverage(boxes, h, w, crop=None):
    cx1, cy1, cx2, cy2 = crop or (0.0, 0.0, 1.0, 1.0)
    rects = []
    for x1, y1, x2, y2 in boxes:
        a, c = np.clip([(x1 - cx1) / (cx2 - cx1) * w, (x2 - cx1) / (cx2 - cx1) * w], 0, w)
        d, e = np.clip([(y1 - cy1) / (cy2 - cy1) * h, (y2 - cy1) / (cy2 - cy1) * h], 0, h)
        if c > a and e > d:
            rects.append((a, d, c, e))
    cov = np.zeros((h, w))
    for r in range(h):
        for col in range(w):
            total = 0.0
            for k in range(1, len(rects) + 1):
                for subset in itertools.combinations(rects, k):
                    ix1 = max([col] + [s[0] for s in subset]); ix2 = min([col + 1] + [s[2] for s in subset])
                    iy1 = max([r] + [s[1] for s in subset]); iy2 = min([r + 1] + [s[3] for s in subset])
                    if ix2 > ix1 and iy2 > iy1:
                        total += (-1) ** (k + 1) * (ix2 - ix1) * (iy2 - iy1)
            cov[r, col] = min(total, 1.0)
    return cov


def targets(cov, tol):
    h, w = cov.shape
    touched = np.argwhere(cov > 1e-9)
    t = np.zeros((h, w), bool)
    for r in range(h):
        for c in range(w):
            t[r, c] = any((r - y) ** 2 + (c - x) ** 2 <= tol * tol for y, x in touched)
    return t.ravel()


def metrics(a, c, tgt):
    a = a.astype(np.float64).ravel(); c = c.ravel(); n = a.size; area = c.sum()
    maxima = np.flatnonzero(a == a.max())
    pointing = tgt[maxima].mean()
    mass = float((a * c).sum() / a.sum()) if a.sum() > 0 else None
    # rank accuracy: water-fill K = area over tie groups, highest value first
    budget, covered = area, 0.0
    for v in np.unique(a)[::-1]:
        g = a == v
        take = min(1.0, budget / g.sum()) if budget > 0 else 0.0
        covered += take * c[g].sum()
        budget -= take * g.sum()
    rank = covered / area
    ious = []
    for f in SWEEP:
        p = a >= f * a.max()
        inter = c[p].sum()
        ious.append(inter / (p.sum() + area - inter))
    if n - area > 1e-12:
        auc = roc_auc_score(np.r_[np.ones(n), np.zeros(n)], np.r_[a, a], sample_weight=np.r_[c, 1 - c])
    else:
        auc = None
    return [pointing, mass, min(max(rank, 0), 1), ious[SWEEP.index(DEFAULT)], auc], ious


def quantus_literal(a, s):
    """Quantus's evaluate_instance bodies for a binary mask s (PointingGame, RelevanceRankAccuracy,
    RelevanceMassAccuracy, AUC), transcribed."""
    a = a.flatten(); s = s.flatten().astype(bool)
    max_index = np.argwhere(a == np.max(a))
    hit = np.any(s[max_index])
    k = len(np.where(s)[0])
    a_sorted = np.argsort(a)[-int(k):]
    rank = len(np.intersect1d(np.where(s)[0], a_sorted)) / float(k)
    mass = (a * s).sum() / a.sum()
    fpr, tpr, _ = roc_curve(y_true=s, y_score=a)
    return [float(hit), mass, rank, sk_auc(fpr, tpr)]


def t_mean(x):
    if len(x) == 0:
        return None
    mean, ci = t_interval(x)
    return {"mean": mean, "ci": ci}


def link(x, y):
    x, y = np.round(np.asarray(x, float), 12), np.asarray(y, int)  # ties survive last-bit differences
    out = {"n": int(len(x)), "correct": int(y.sum())}
    if len(x) and 0 < y.sum() < len(y):
        out["auc"] = float(roc_auc_score(y, x)); out["auc_ci"] = delong(x, y)
    else:
        out["auc"] = None
    if len(x) >= 3 and 0 < y.sum() < len(y) and np.ptp(x) > 0:
        r, p = stats.pointbiserialr(y, x)
        ci = stats.pearsonr(y.astype(float), x).confidence_interval(0.95)
        out.update({"r": float(r), "p": float(p), "r_ci": [float(ci.low), float(ci.high)]})
    else:
        out["r"] = None
    return out


def main():
    ann = json.load(open(os.path.join(HERE, "annotations.json")))
    answers = json.load(open(os.path.join(HERE, "answers_a.json")))
    chosen = {(v, a["id"]): a["answer_id"] for v, lst in answers.items() for a in lst}
    rng = np.random.default_rng(99)
    os.makedirs(os.path.join(HERE, "maps"), exist_ok=True)
    questions = []
    binary_checks = 0
    flat = [(vid, q) for vid, v in ann.items() for q in v["mc_question"]]
    for qi, (vid, q) in enumerate(flat):
        video = ann[vid]
        h, w = (6, 8) if qi % 3 else (5, 5)
        frames = [0, 44, 75 + qi, 300 + 10 * qi][: 3 + qi % 2]
        kind = qi % 6
        maps = rng.gamma(0.6, 1.0, (len(LAYERS), len(HEADS), len(frames), h, w))
        if kind == 1:
            maps = np.floor(maps * 2)            # ties (including at the maximum)
        if kind == 2:
            maps[0, 0] = 1.0                     # a uniform slice: scores what chance gives
        if kind == 3:
            maps[1] *= 0.0
            maps[1, :, :, 0, 0] = 1.0            # layer 12 looks at the top-left cell only
        dtype = {0: np.float16, 4: np.float64}.get(qi % 7, np.float32)
        maps = maps.astype(dtype)
        side = {"frame_ids": frames, "axes": ["layer", "head", "frame", "y", "x"], "layers": [int(x) for x in LAYERS], "heads": HEADS}
        crop = [0.125, 0.0, 0.875, 1.0] if qi == 5 else None
        if crop:
            side["crop"] = crop
        os.makedirs(os.path.join(HERE, "maps", vid), exist_ok=True)
        np.save(os.path.join(HERE, "maps", vid, f"{q['id']}.npy"), maps)
        json.dump(side, open(os.path.join(HERE, "maps", vid, f"{q['id']}.json"), "w"))
        m32 = maps.astype(np.float32)
        slices = []
        for l in range(len(LAYERS)):
            for hh in range(len(HEADS)):
                slices.append(m32[l, hh])
            s = np.zeros_like(m32[l, 0])
            for hh in range(len(HEADS)):
                s += m32[l, hh]
            slices.append(s * np.float32(1 / len(HEADS)))
        s = np.zeros_like(m32[0, 0])
        for l in range(len(LAYERS)):
            for hh in range(len(HEADS)):
                s += m32[l, hh]
        slices.append(s * np.float32(1 / (len(LAYERS) * len(HEADS))))
        sums = np.zeros((len(slices), 5)); counts = np.zeros((len(slices), 5))
        sweep_sums = np.zeros((len(slices), len(SWEEP)))
        chance_sums = np.zeros(5); chance_counts = np.zeros(5)
        scored = 0
        for fi, fid in enumerate(frames):
            bx = boxes_at(video, fid)
            if not bx:
                continue
            cov = coverage(bx, h, w, crop)
            area = cov.sum()
            if area <= 1e-9:
                continue
            tgt = targets(cov, 0)
            scored += 1
            n = h * w
            chance = [tgt.sum() / n, area / n, area / n, area / n, 0.5 if n - area > 1e-12 else None]
            for k, v in enumerate(chance):
                if v is not None:
                    chance_sums[k] += v; chance_counts[k] += 1
            for si, sl in enumerate(slices):
                vals, ious = metrics(sl[fi], cov, tgt)
                for k, v in enumerate(vals):
                    if v is not None:
                        sums[si, k] += v; counts[si, k] += 1
                sweep_sums[si] += ious
                binary = np.all((cov < 1e-12) | (cov > 1 - 1e-12))
                if binary and len(np.unique(sl[fi])) == sl[fi].size:
                    lit = quantus_literal(sl[fi].astype(np.float64), cov > 0.5)
                    for got, want in zip([vals[0], vals[1], vals[2], vals[4]], lit):
                        assert abs(got - want) < 1e-12, (vid, q["id"], got, want)
                    binary_checks += 1
        answered = (vid, q["id"]) in chosen
        questions.append({
            "video": vid, "q": q["id"], "question": q["question"], "frames": len(frames), "scored": scored,
            "correct": (chosen[(vid, q["id"])] == q["answer_id"]) if answered else None,
            "slices": [[(sums[s, k] / counts[s, k]) if counts[s, k] else None for k in range(5)] for s in range(len(slices))],
            "chance": [(chance_sums[k] / chance_counts[k]) if chance_counts[k] else None for k in range(5)],
            "sweep": [(sweep_sums[s] / scored).tolist() if scored else None for s in range(len(slices))],
        })
    n_slices = len(questions[0]["slices"])

    def summary(members):
        out = []
        for s in range(n_slices):
            row = {}
            for k, name in enumerate(METRICS):
                pairs = [(qq["slices"][s][k], qq["chance"][k]) for qq in members if qq["slices"][s][k] is not None and qq["chance"][k] is not None]
                row[name] = {"n": len(pairs), "mean": t_mean([p[0] for p in pairs]), "chance": t_mean([p[1] for p in pairs]),
                             "lift": t_mean([p[0] - p[1] for p in pairs])}
            sw = [t_mean([qq["sweep"][s][j] for qq in members if qq["sweep"][s] is not None]) for j in range(len(SWEEP))]
            means = [x["mean"] if x else -1 for x in sw]
            row["best_fraction"] = SWEEP[int(np.argmax(means))]
            row["sweep"] = sw
            out.append(row)
        return out

    def links(members):
        out = []
        for s in range(n_slices):
            row = {}
            for k, name in enumerate(METRICS):
                pairs = [(qq["slices"][s][k], int(qq["correct"])) for qq in members if qq["correct"] is not None and qq["slices"][s][k] is not None]
                row[name] = link([p[0] for p in pairs], [p[1] for p in pairs])
            out.append(row)
        return out

    tasks = {}
    for qq in questions:
        tasks.setdefault(qq["question"], []).append(qq)
    expected = {
        "meta": {"python": sys.version.split()[0], "numpy": np.__version__, "scipy": scipy.__version__, "sklearn": sklearn.__version__,
                 "script": "tests/TestData/perception/make_attention_fixtures.py", "binary_frames_checked_against_quantus": binary_checks},
        "slices": n_slices, "sweep": SWEEP, "questions": questions,
        "overall": summary(questions), "links": links(questions),
        "tasks": {t: {"summary": summary(m), "links": links(m)} for t, m in tasks.items()},
    }
    json.dump(expected, open(os.path.join(HERE, "expected_attention.json"), "w"), indent=1)
    print("questions with maps:", len(questions), "binary frames checked against Quantus:", binary_checks)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Reference implementation of spec 01's vcn_aoi with pandas, following TAO's vcn_aoi.py.

Differences from TAO's script, all required by the spec: a stable sort (ties keep CSV order), the
threshold sweep done with the original's formulas but vectorised (same doubles), labels/paths read
as strings, below-threshold mode (top_k_per_label=None), metrics.json, and the gap rows dumped as
JSON lines (kpi_gaps.rows.jsonl) because no Parquet writer is installable here (no pyarrow).
Used to make tests/TestData/vcn_aoi fixtures and as the pandas baseline of the benchmark.

Usage: vcn_aoi_reference.py INFERENCE_DIR TRAIN_YAML RESULTS_DIR [--media P] [--threshold T]
                             [--min-recall R] [--top-k K|None]
"""
import argparse
import json
import math
import os
import sys
from pathlib import PurePosixPath

import numpy as np
import pandas as pd
import yaml


def sweep(is_pass, score, min_recall):
    """TAO's sweep, vectorised with numpy (the same doubles as its per-candidate Python loop: one IEEE
    operation each, in the same order); candidates are nextafter(min, -inf) then every distinct score."""
    uniq = np.unique(score)
    thresholds = np.concatenate(([math.nextafter(float(uniq[0]), float("-inf"))], uniq))
    no_pass = ~is_pass
    order = np.argsort(score, kind="stable")
    s_sorted = score[order]
    cum_np = np.concatenate(([0], np.cumsum(no_pass[order].astype(np.int64))))
    total_np = int(no_pass.sum()); total_p = len(score) - total_np
    k = np.searchsorted(s_sorted, thresholds, side="right")  # rows with score <= thr
    np_le = cum_np[k]; p_le = k - np_le
    tp = total_np - np_le; fp = total_p - p_le; tn = p_le; fn = np_le
    with np.errstate(divide="ignore", invalid="ignore"):
        prec = np.where(tp + fp != 0, tp / np.where(tp + fp != 0, tp + fp, 1), 0.0)
        rec = np.where(tp + fn != 0, tp / np.where(tp + fn != 0, tp + fn, 1), 0.0)
        denom = prec + rec
        f1 = np.where(denom != 0, (2.0 * prec * rec) / np.where(denom != 0, denom, 1.0), 0.0)
    best_recall = float(rec.max()) if total_np > 0 else None
    ok = (rec >= min_recall - 1e-12) if total_np > 0 else np.zeros(len(thresholds), dtype=bool)
    feasible = int(ok.sum())
    if feasible == 0:
        return None, len(thresholds), 0, best_recall, total_np, total_p
    idx = np.flatnonzero(ok)
    i = idx[np.lexsort((thresholds[idx], prec[idx], f1[idx]))[-1]]  # max by (f1, precision, threshold)
    best = ((float(f1[i]), float(prec[i]), float(thresholds[i])), (int(tp[i]), int(fp[i]), int(tn[i]), int(fn[i])))
    return best, len(thresholds), feasible, best_recall, total_np, total_p


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("inference_dir"); ap.add_argument("train_yaml"); ap.add_argument("results_dir")
    ap.add_argument("--media", default=""); ap.add_argument("--threshold", type=float, default=-1.0)
    ap.add_argument("--min-recall", type=float, default=1.0); ap.add_argument("--top-k", default="50")
    a = ap.parse_args()
    top_k = None if a.top_k == "None" else int(a.top_k)
    os.makedirs(a.results_dir, exist_ok=True)
    # pandas' default float parser, as TAO's vcn_aoi.py reads the scores (not correctly rounded).
    df = pd.read_csv(os.path.join(a.inference_dir, "inference.csv"), dtype={"input_path": str, "object_name": str, "label": str},
                     keep_default_na=False)
    if len(df) == 0:
        raise ValueError("no rows")
    label_upper = df["label"].astype(str).str.strip().str.upper()
    score = df["siamese_score"].astype(float).to_numpy()
    is_pass = (label_upper == "PASS").to_numpy()
    if a.threshold < 0:
        best, n_cand, n_feas, best_recall, total_np, total_p = sweep(is_pass, score, a.min_recall)
        if best is None:
            text = (f"No threshold achieves {a.min_recall:.0%} recall on the NO_PASS class.\n"
                    f"min_recall={a.min_recall}\n"
                    f"best achievable NO_PASS recall={best_recall if best_recall is not None else 'undefined: no NO_PASS samples'}\n"
                    f"total={len(df)} pass={total_p} no_pass={total_np}\n")
            open(os.path.join(a.results_dir, "unreachable_kpi.txt"), "w").write(text)
            return 1
        threshold = best[0][2]
        open(os.path.join(a.results_dir, "threshold.txt"), "w").write(str(threshold))
    else:
        threshold = float(a.threshold); n_cand = n_feas = 0  # pinned: no threshold.txt, as TAO
    s = df["siamese_score"].astype(float)
    df = df.assign(_label_upper=label_upper, weakness=(s - threshold).where(label_upper == "PASS", threshold - s))
    if top_k is None:
        mis = ((label_upper == "PASS") & (s > threshold)) | ((label_upper != "PASS") & (s <= threshold))
        weak = df[mis].sort_values("weakness", ascending=False, kind="stable").drop(columns=["_label_upper"])
    else:
        weak = (df.sort_values("weakness", ascending=False, kind="stable").groupby("_label_upper", sort=False)
                .head(top_k).drop(columns=["_label_upper"]))
    cfg = yaml.safe_load(open(a.train_yaml).read())["dataset"]["classify"]
    lightings = list(cfg["input_map"]); ext = cfg.get("image_ext", ".jpg")
    rows = []
    for _, row in weak.iterrows():
        base = PurePosixPath(a.media) / str(row["input_path"])
        for lighting in lightings:
            rows.append({"filepath": str(base / f"{row['object_name']}_{lighting}{ext}"), "label": str(row["label"]).strip(),
                         "siamese_score": float(row["siamese_score"]), "weakness": float(row["weakness"])})
    with open(os.path.join(a.results_dir, "kpi_gaps.rows.jsonl"), "w") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    groups = weak.assign(_label=weak["label"].astype(str).str.strip().str.upper()).groupby("_label", sort=False)
    lines = [f"Weak samples breakdown by label (threshold={threshold}, top_k_per_label={top_k})",
             f"Total KPI samples: {len(df)}", f"Total weak samples kept: {len(weak)}", ""]
    total_kept = max(len(weak), 1)
    for label, group in groups:
        count = len(group); mis = int((group["weakness"] > 0).sum())
        lines.append(f"  {label}: {count} ({100.0 * count / total_kept:.1f}%) \u2014 {mis} misclassified, {count - mis} marginal")
    open(os.path.join(a.results_dir, "weak_samples_breakdown.txt"), "w").write("\n".join(lines) + "\n")
    no_pass = label_upper != "PASS"; pred = s > threshold
    tp = int((no_pass & pred).sum()); fp = int((~no_pass & pred).sum()); tn = int((~no_pass & ~pred).sum()); fn = int((no_pass & ~pred).sum())
    prec = tp / (tp + fp) if (tp + fp) else 0.0; rec = tp / (tp + fn) if (tp + fn) else 0.0
    f1 = (2.0 * prec * rec) / (prec + rec) if (prec + rec) else 0.0
    per_label = {}
    for label, group in df.groupby("_label_upper", sort=False):
        w = group["weakness"].to_numpy()
        per_label[label] = {"total": int(len(w)), "mean_weakness": float(sum(w.tolist()) / len(w)), "median_weakness": float(np.median(w)),
                            "max_weakness": float(w.max()), "n_misclassified": int((w > 0).sum())}
    metrics = {"threshold": threshold, "min_recall": a.min_recall, "precision": prec, "recall": rec, "f1": f1,
               "confusion_matrix": {"tp": tp, "fp": fp, "tn": tn, "fn": fn}, "per_label": per_label,
               "candidates_evaluated": n_cand, "candidates_feasible": n_feas}
    open(os.path.join(a.results_dir, "metrics.json"), "w").write(json.dumps(metrics, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

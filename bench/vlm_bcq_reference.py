#!/usr/bin/env python3
"""Straightforward Python implementation of spec 01's vlm_bcq (json.load + re, as TAO's script does).

Used two ways:
  * as the reference that GapLens' outputs are compared with byte for byte (tests/fixtures made with it);
  * as the baseline of bench/vlm_bcq_bench.sh.
Usage: vlm_bcq_reference.py PREDICTIONS_JSON RESULTS_DIR [VIDEOS_DIR]
Writes kpi_gaps.jsonl and kpi_gaps_report.txt (only when gaps exist); logs to stderr.
"""
import json
import logging
import re
import sys
from pathlib import Path

log = logging.getLogger("vlm_bcq_reference")
YES = re.compile(r"\byes\b")
NO = re.compile(r"\bno\b")


def yes_no(text):
    t = text.lower().strip()
    y, n = YES.search(t) is not None, NO.search(t) is not None
    if y == n:
        return None
    return "yes" if y else "no"


def snippet(s):
    return s[:80] + "..." if len(s) > 80 else s


def main(argv):
    logging.basicConfig(level=logging.INFO, format="%(asctime)s - [%(name)s] - %(levelname)s - %(message)s")
    preds_path, results_dir = argv[1], argv[2]
    videos = argv[3] if len(argv) > 3 and argv[3].strip() else None
    base = Path(videos).resolve() if videos else None
    with open(preds_path, "r", encoding="utf-8") as f:
        data = json.load(f)
    if not isinstance(data, list):
        raise ValueError("predictions_json must be a JSON array of prediction objects")
    for i, item in enumerate(data):
        if not isinstance(item, dict):
            raise ValueError(f"predictions_json item {i} is not an object")
        for key in ("gt", "response", "video_id"):
            if key not in item:
                raise ValueError(f"predictions_json item {i}: missing '{key}'")
    cases = []
    for item in data:
        vid, resp, gt = item.get("video_id", ""), item.get("response", ""), item.get("gt", "")
        r = yes_no(resp)
        if r is None:
            log.warning("Skipping sample (video_id=%r): response has no single clear 'yes' or 'no' "
                        "(missing, or both present). Response snippet: %r", vid, snippet(resp))
            continue
        g = yes_no(gt)
        if g is None:
            log.warning("Skipping sample (video_id=%r): ground truth has no single clear 'yes' or 'no' "
                        "(missing, or both present). GT snippet: %r", vid, snippet(gt))
            continue
        kind = "FP" if (r, g) == ("yes", "no") else "FN" if (r, g) == ("no", "yes") else None
        if kind:
            cases.append({"video_id": vid, "error_type": kind, "question": item.get("question", ""),
                          "ground_truth": gt, "response": resp})
    if not cases:
        log.info("No KPI Gaps found!")
        return 0
    for c in cases:
        c["video_id"] = str(((base / c["video_id"]) if base else Path(c["video_id"])).resolve())
    out = Path(results_dir)
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "kpi_gaps.jsonl", "w", encoding="utf-8") as f:
        for c in cases:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    n_fp = sum(c["error_type"] == "FP" for c in cases)
    n_fn = len(cases) - n_fp
    rows = [("FP", str(n_fp), "model said yes, ground truth no"),
            ("FN", str(n_fn), "model said no, ground truth yes"),
            ("Total", str(len(cases)), "")]
    head = ("Error Type", "Count", "Description")
    w = [max(len(head[k]), *(len(r[k]) for r in rows)) for k in range(3)]
    sep = "+" + "+".join("-" * (x + 2) for x in w) + "+"
    line = lambda cells: "| " + " | ".join(c.ljust(x) for c, x in zip(cells, w)) + " |"
    text = "\n".join(["KPI Gaps Report (binary ground truth: yes/no)", sep, line(head), sep]
                     + [line(r) for r in rows] + [sep]) + "\n"
    (out / "kpi_gaps_report.txt").write_text(text, encoding="utf-8")
    log.info("Summary: total=%d, FP=%d, FN=%d", len(cases), n_fp, n_fn)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

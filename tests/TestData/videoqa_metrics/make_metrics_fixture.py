#!/usr/bin/python3
"""Regenerates results.jsonl (a synthetic `gaplens videoqa run` results file) and expected.json (every
metric computed independently here, in plain Python + numpy + statsmodels) for
tests/GapLens.Video.Tests/Metrics/VideoQaMetricsReferenceTests.cs.

Definitions (docs/videoqa.md):
- answered = a letter was read (outcome correct or wrong); accuracy over answered = correct / answered,
  LVBench's compute_accuracy and the reference script; accuracy over all = correct / total.
- per question type, multi-label: a question counts once for each of its (distinct) types.
- retrieval: the distinct frames (by frame number) of the successful tool calls, in the order first shown;
  t = number / fps; inside = start <= t <= end; hit = some frame with start - tol <= t <= end + tol;
  first hit rank = 1-based position of the first such frame; questions without a window are not scored.
- Wilson 95% intervals: statsmodels.stats.proportion.proportion_confint(k, n, alpha=0.05, method="wilson").
- percentiles: numpy.percentile(..., method="linear").
Run with Debian's /usr/bin/python3 (numpy, statsmodels installed).
"""
import json
import os
import random
import sys

import numpy as np
import statsmodels
from statsmodels.stats.proportion import proportion_confint

here = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(11)
TYPES = ["key information retrieval", "event understanding", "summarization", "entity recognition", "reasoning", "temporal grounding"]
TOL = 5.0

results = []
for i in range(60):
    key = f"vid{i % 7}"
    fps = [1.0, 0.5, 2.0][i % 3]
    total_frames = rng.randint(40, 400)
    duration = total_frames / fps if i % 5 else None
    types = sorted(rng.sample(TYPES, rng.choice([0, 1, 1, 2, 3])), key=TYPES.index)
    outcome = rng.choice(["correct", "correct", "wrong", "unanswered"])
    has_window = i % 4 != 0
    start = rng.randint(0, int(total_frames / fps) - 10)
    end = start + rng.randint(0, 8)
    calls = []
    for rnd in range(1, rng.randint(1, 4) + 1):
        status = "success" if rng.random() > 0.15 else "error"
        nums = [] if status == "error" else [rng.randint(0, total_frames - 1) for _ in range(rng.randint(1, 5))]
        if status == "success" and rng.random() < 0.4:
            nums.append(int(start * fps) + rng.randint(-3, 3))  # near the window, sometimes a repeat
        nums = [max(0, n) for n in nums]
        calls.append({"round": rnd, "call_id": f"c{rnd}", "name": rng.choice(["get_frames_by_id", "get_frames_by_similarity"]),
                      "arguments": "{}", "status": status, "error": None if status == "success" else "bad ids", "query": None,
                      "requested_ids": [], "frames": [{"id": n + 1, "number": n, "score": None} for n in nums], "missing_images": [], "ms": 1.0})
    letter = {"correct": "B", "wrong": "C", "unanswered": None}[outcome]
    results.append({
        "item_id": f"u{i}", "outcome": outcome, "raw_output": "x", "extracted_answer": letter,
        "extraction_method": None if letter is None else "json-block", "expected": "B",
        "score": {"correct": 1.0, "wrong": 0.0, "unanswered": None}[outcome], "metadata": {}, "diagnostics": [],
        "format": "gaplens.videoqa.result/1", "key": key, "question": "q?\n(A) a\n(B) b\n(C) c", "options": ["A", "B", "C"],
        "question_types": types, "time_reference": "w" if has_window else None,
        "reference_start": float(start) if has_window else None, "reference_end": float(end) if has_window else None,
        "duration_seconds": duration, "genre": ["sports", "news", None][i % 3], "fps": fps, "frames_dir": None, "total_frames": total_frames,
        "rounds": len(calls), "round_limit_reached": False, "model_calls": len(calls) + 1, "tool_calls": calls, "conversation": [],
        "usage": {"prompt_tokens": rng.randint(100, 5000), "completion_tokens": rng.randint(5, 300), "total_tokens": None},
        "latency_ms": rng.uniform(100, 9000), "model_ms": 1.0, "tool_ms": 1.0, "model": "m", "agent": "a",
        "started_utc": "2026-01-01T00:00:00+00:00", "finished_utc": "2026-01-01T00:00:01+00:00", "run_id": "r",
    })

with open(os.path.join(here, "results.jsonl"), "w", encoding="utf-8") as f:
    for r in results:
        f.write(json.dumps(r, separators=(",", ":")) + "\n")


def wilson(k, n):
    if n == 0:
        return None
    lo, hi = proportion_confint(k, n, alpha=0.05, method="wilson")
    return [float(lo), float(hi)]


def group(name, rs):
    total = len(rs)
    answered = sum(1 for r in rs if r["outcome"] in ("correct", "wrong"))
    correct = sum(1 for r in rs if r["outcome"] == "correct")
    return {"name": name, "total": total, "answered": answered, "correct": correct,
            "over_answered": None if answered == 0 else correct / answered, "over_answered_ci": wilson(correct, answered),
            "over_total": None if total == 0 else correct / total, "over_total_ci": wilson(correct, total),
            "unanswered": None if total == 0 else (total - answered) / total, "unanswered_ci": wilson(total - answered, total)}


def compute_accuracy_lvbench(rs):
    """Multi-label per-type accuracy over answered, as LVBench counts it: a question adds to each of its types."""
    correct, answered = {}, {}
    for r in rs:
        for t in dict.fromkeys(r["question_types"]):
            if r["outcome"] in ("correct", "wrong"):
                answered[t] = answered.get(t, 0) + 1
                correct[t] = correct.get(t, 0) + (r["outcome"] == "correct")
    return {t: correct[t] / answered[t] for t in answered}


def retrieval(r):
    if r["reference_start"] is None:
        return None
    s, e, fps = r["reference_start"], r["reference_end"], r["fps"]
    seen, frames, inside, first = set(), 0, 0, None
    for c in r["tool_calls"]:
        if c["status"] != "success":
            continue
        for f in c["frames"]:
            if f["number"] in seen:
                continue
            seen.add(f["number"])
            frames += 1
            t = f["number"] / fps
            inside += s <= t <= e
            if first is None and s - TOL <= t <= e + TOL:
                first = (frames, c["round"])
    return {"frames": frames, "inside": inside, "hit": first is not None, "rank": None if first is None else first[0], "round": None if first is None else first[1]}


def bucket(sec):
    if sec is None:
        return "unknown"
    m = sec / 60
    for up, label in [(10, "<10 min"), (30, "10-30 min"), (60, "30-60 min"), (90, "60-90 min"), (120, "90-120 min")]:
        if m < up:
            return label
    return ">=120 min"


by_type = {}
for r in results:
    for t in dict.fromkeys(r["question_types"]):
        by_type.setdefault(t, []).append(r)
per = {r["item_id"]: retrieval(r) for r in results}
scored = [r for r in results if per[r["item_id"]] is not None]
with_frames = [r for r in scored if per[r["item_id"]]["frames"] > 0]
hits = [r for r in scored if per[r["item_id"]]["hit"]]
misses = [r for r in scored if not per[r["item_id"]]["hit"]]
pooled_frames = sum(per[r["item_id"]]["frames"] for r in with_frames)
pooled_inside = sum(per[r["item_id"]]["inside"] for r in with_frames)
lat = np.array([r["latency_ms"] / 1000 for r in results])
prompt = np.array([r["usage"]["prompt_tokens"] for r in results], dtype=float)
calls = [c for r in results for c in r["tool_calls"]]
expected = {
    "tolerance": TOL,
    "overall": group("all", results),
    "lvbench_type_accuracy": compute_accuracy_lvbench(results),
    "by_type": [group(t, by_type[t]) for t in TYPES if t in by_type],
    "without_type": sum(1 for r in results if not r["question_types"]),
    "by_video": [group(k, [r for r in results if r["key"] == k]) for k in sorted({r["key"] for r in results})],
    "by_duration": {b: group(b, [r for r in results if bucket(r["duration_seconds"]) == b]) for b in sorted({bucket(r["duration_seconds"]) for r in results})},
    "by_genre": {g: group(g, [r for r in results if (r["genre"] or "unknown") == g]) for g in sorted({r["genre"] or "unknown" for r in results})},
    "retrieval": {
        "scored": len(scored), "with_frames": len(with_frames),
        "mean_inside_share": float(np.mean([per[r["item_id"]]["inside"] / per[r["item_id"]]["frames"] for r in with_frames])),
        "pooled_inside": [pooled_inside, pooled_frames], "pooled_inside_ci": wilson(pooled_inside, pooled_frames),
        "hits": len(hits), "hit_rate_ci": wilson(len(hits), len(scored)),
        "first_hit_rank_median": float(np.percentile([per[r["item_id"]]["rank"] for r in hits], 50)),
        "first_hit_round_mean": float(np.mean([per[r["item_id"]]["round"] for r in hits])),
        "when_hit": group("hit", hits), "when_missed": group("miss", misses),
        "wrong_after_hit": sum(1 for r in hits if r["outcome"] != "correct"),
        "wrong_after_miss": sum(1 for r in misses if r["outcome"] != "correct"),
    },
    "tools": {"calls": len(calls), "by_id": sum(c["name"] == "get_frames_by_id" for c in calls),
              "by_similarity": sum(c["name"] == "get_frames_by_similarity" for c in calls),
              "errors": sum(c["status"] != "success" for c in calls),
              "rounds_mean": float(np.mean([r["rounds"] for r in results]))},
    "latency_seconds": {"p50": float(np.percentile(lat, 50)), "p90": float(np.percentile(lat, 90)), "p99": float(np.percentile(lat, 99)), "mean": float(lat.mean())},
    "prompt_tokens": {"p50": float(np.percentile(prompt, 50)), "p95": float(np.percentile(prompt, 95)), "sum": float(prompt.sum())},
    "versions": {"python": sys.version.split()[0], "numpy": np.__version__, "statsmodels": statsmodels.__version__},
}
with open(os.path.join(here, "expected.json"), "w", encoding="utf-8") as f:
    json.dump(expected, f, indent=1)
print("wrote results.jsonl and expected.json", expected["versions"])

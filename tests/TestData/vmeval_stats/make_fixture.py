#!/usr/bin/python3
"""Regenerates the `analyze stats` fixture: judge/ and human/ score folders in VMEvalKit's format and
expected.json computed with scipy and scikit-learn on the same pairs (run with /usr/bin/python3).

60 paired items over two task types, plus what must be counted apart: 3 human-only items, 1 judge-only,
a skipped judge item, a failed judge item, and two malformed human files (no "result"; a score of 9),
written in the older "scorings"/"scorer" spelling for some items to check that both are read.
"""
import json
import os
import shutil

import numpy as np
import scipy
import sklearn
from scipy import stats
from sklearn.metrics import cohen_kappa_score

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(11)
for d in ("judge", "human"):
    shutil.rmtree(os.path.join(HERE, d), ignore_errors=True)


def write(root, model, task_type, task_id, result, evaluator, key="evaluator"):
    p = os.path.join(HERE, root, "exp1", model, task_type, task_id)
    os.makedirs(p, exist_ok=True)
    meta = {key: evaluator, "timestamp": "2026-11-01T10:00:00", "model_name": model, "task_type": task_type, "task_id": task_id}
    with open(os.path.join(p, f"{evaluator}.json"), "w") as f:
        json.dump({"metadata": meta, "result": result} if result is not None else {"metadata": meta}, f)


pairs = []
for i in range(60):
    tt = "maze_task" if i % 2 else "chess_task"
    model = f"m{i % 3}"
    tid = f"{tt[:-5]}_{i:04d}"
    h = int(rng.integers(1, 6))
    j = int(np.clip(h + rng.choice([-1, 0, 0, 0, 1, 2]), 1, 5))
    pairs.append((model, tt, tid, j, h))
    key = "scorer" if i % 7 == 0 else "evaluator"
    write("judge", model, tt, tid, {"solution_correctness_score": j, "explanation": "x", "evaluation_type": "final_frame_comparison", "status": "completed"}, "vision-eval")
    write("human", model, tt, tid, {"solution_correctness_score": h, "comments": "", "status": "completed"}, "human-eval", key)
for k in range(3):
    write("human", "m9", "maze_task", f"maze_h{k}", {"solution_correctness_score": 3, "status": "completed"}, "human-eval")
write("judge", "m9", "maze_task", "maze_j0", {"solution_correctness_score": 2, "explanation": "", "status": "completed"}, "vision-eval")
write("judge", "m9", "chess_task", "chess_skip", {"error": "No ground truth final frame available", "status": "skipped"}, "vision-eval")
write("judge", "m9", "chess_task", "chess_fail", {"error": "reply without JSON", "raw_reply": "I think it is fine", "status": "failed"}, "vision-eval")
write("human", "m9", "chess_task", "chess_bad1", None, "human-eval")
write("human", "m9", "chess_task", "chess_bad2", {"solution_correctness_score": 9, "status": "completed"}, "human-eval")

pairs.sort(key=lambda p: ("exp1", p[0], p[1], p[2]))
j = np.array([p[3] for p in pairs], float)
h = np.array([p[4] for p in pairs], float)
exp = {"meta": {"scipy": scipy.__version__, "sklearn": sklearn.__version__, "script": "tests/TestData/vmeval_stats/make_fixture.py"},
       "paired": len(pairs), "judge_only": 1, "human_only": 3, "judge_skipped": 1, "judge_failed": 1, "unreadable": 2,
       "judge_mean": j.mean(), "judge_std": j.std(ddof=1), "human_mean": h.mean(), "human_std": h.std(ddof=1),
       "paired_t": list(map(float, stats.ttest_rel(j, h))), "wilcoxon": list(map(float, stats.wilcoxon(j, h))),
       "pearson": list(map(float, stats.pearsonr(j, h))), "spearman": list(map(float, stats.spearmanr(j, h))),
       "kendall": list(map(float, stats.kendalltau(j, h))),
       "kappa": cohen_kappa_score(j, h), "kappa_linear": cohen_kappa_score(j, h, weights="linear"),
       "kappa_quadratic": cohen_kappa_score(j, h, weights="quadratic"),
       "pass_kappa": cohen_kappa_score(h >= 4, j >= 4), "mean_difference": float((j - h).mean())}
with open(os.path.join(HERE, "expected.json"), "w") as f:
    json.dump(exp, f, indent=1)
print("ok")

#!/usr/bin/python3
"""Regenerates the multi-annotator `analyze stats` fixture (run with /usr/bin/python3): judge/ and
human/ score folders in VMEvalKit's format, where the human files are written the way `gaplens serve`
writes them (the lower median of the annotators' latest scores, every answer under
result.annotations, unsure answers as null scores) plus a few files in VMEvalKit's own one-annotator
form, and expected.json with the reference values:

- Krippendorff's alpha between the humans (ordinal, interval) over the items two or more of them
  scored, by the independent numpy implementation of ../stats/make_stats_reference.py (checked there
  against Krippendorff's published example; loaded from that file's source, not copied);
- the judge against each annotator: items, scikit-learn's quadratic-weighted cohen_kappa_score, exact
  agreement, mean difference (judge - annotator);
- the judge against the consensus: scikit-learn's quadratic kappa on the files' scores.
"""
import ast
import json
import os
import shutil

import numpy as np
import sklearn
from sklearn.metrics import cohen_kappa_score

HERE = os.path.dirname(os.path.abspath(__file__))
REFERENCE = os.path.join(HERE, "..", "stats", "make_stats_reference.py")
tree = ast.parse(open(REFERENCE).read())
ns = {"np": np}
exec(compile(ast.Module([n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "krippendorff_alpha"], []), REFERENCE, "exec"), ns)
krippendorff_alpha = ns["krippendorff_alpha"]

rng = np.random.default_rng(5)
for d in ("judge", "human"):
    shutil.rmtree(os.path.join(HERE, d), ignore_errors=True)


def write(root, evaluator, model, task_type, task_id, metadata, result):
    p = os.path.join(HERE, root, "exp1", model, task_type, task_id)
    os.makedirs(p, exist_ok=True)
    meta = {"evaluator": evaluator, "timestamp": "2026-11-01T10:00:00", "model_name": model, "task_type": task_type, "task_id": task_id, **metadata}
    with open(os.path.join(p, f"{evaluator}.json"), "w") as f:
        json.dump({"metadata": meta, "result": result}, f, indent=2)


names = ["Ana", "Ben", "Cy"]
items = []  # (key, {annotator: score or None}, consensus, judge)
for i in range(48):
    tt = "maze_task" if i % 2 else "chess_task"
    model, tid = f"m{i % 3}", f"{tt[:-5]}_{i:04d}"
    truth = int(rng.integers(1, 6))
    who = [n for n in names if rng.uniform() < 0.7] or [names[i % 3]]
    answers = {}
    for n in who:
        answers[n] = None if rng.uniform() < 0.08 else int(np.clip(truth + rng.choice([-1, 0, 0, 0, 1]), 1, 5))
    if i in (5, 17):
        answers = {n: None for n in who}          # everyone unsure: a skipped file
    scores = sorted(v for v in answers.values() if v is not None)
    consensus = scores[(len(scores) - 1) // 2] if scores else None
    judge = None if i in (3, 30) else int(np.clip(truth + rng.choice([-2, -1, 0, 0, 1]), 1, 5))
    annotations = [{"annotator": n, "solution_correctness_score": answers[n], "unsure": answers[n] is None, "comments": "",
                    "timestamp": "2026-11-01T10:00:00.000Z", "source": "annotate"} for n in sorted(answers)]
    result = ({"solution_correctness_score": consensus, "comments": "", "annotations": annotations, "status": "completed"} if consensus is not None
              else {"error": "unsure: every annotator marked this item unsure", "annotations": annotations, "status": "skipped"})
    write("human", "human-eval", model, tt, tid, {"annotator": ", ".join(sorted(answers))}, result)
    if judge is not None:
        write("judge", "vision-eval", model, tt, tid, {}, {"solution_correctness_score": judge, "explanation": "x", "evaluation_type": "final_frame_comparison", "status": "completed"})
    items.append(((model, tt, tid), answers, consensus, judge))

# Four items in VMEvalKit's own one-annotator form (annotator "Dee", no annotations list).
for i in range(48, 52):
    tt, model, tid = "maze_task", f"m{i % 3}", f"maze_{i:04d}"
    s, j = int(rng.integers(1, 6)), int(rng.integers(1, 6))
    write("human", "human-eval", model, tt, tid, {"annotator": "Dee"}, {"solution_correctness_score": s, "comments": "gradio"})
    write("judge", "vision-eval", model, tt, tid, {}, {"solution_correctness_score": j, "explanation": "x", "evaluation_type": "final_frame_comparison", "status": "completed"})
    items.append(((model, tt, tid), {"Dee": s}, s, j))

raters = sorted({n for _, a, _, _ in items for n in a})
units = [a for _, a, _, _ in items if sum(v is not None for v in a.values()) >= 2]
matrix = np.array([[u.get(r) if u.get(r) is not None else np.nan for u in units] for r in raters], dtype=float)
per_annotator = []
for r in raters:
    pairs = [(j, a[r]) for _, a, _, j in items if j is not None and a.get(r) is not None]
    jj, hh = [p[0] for p in pairs], [p[1] for p in pairs]
    per_annotator.append({"annotator": r, "n": len(pairs), "quadratic_kappa": float(cohen_kappa_score(jj, hh, weights="quadratic")),
                          "exact_agreement": float(np.mean([x == y for x, y in pairs])), "mean_difference": float(np.mean([x - y for x, y in pairs]))})
paired = [(j, c) for _, _, c, j in items if j is not None and c is not None]
expected = {
    "tools": {"numpy": np.__version__, "scikit-learn": sklearn.__version__},
    "annotators": len(raters),
    "items_two_or_more": len(units),
    "alpha_ordinal": krippendorff_alpha(matrix, "ordinal"),
    "alpha_interval": krippendorff_alpha(matrix, "interval"),
    "judge_vs_annotator": per_annotator,
    "paired": len(paired),
    "consensus_kappa_quadratic": float(cohen_kappa_score([p[0] for p in paired], [p[1] for p in paired], weights="quadratic")),
    "human_skipped": sum(c is None for _, _, c, _ in items),
}
with open(os.path.join(HERE, "expected.json"), "w") as f:
    json.dump(expected, f, indent=1)
    f.write("\n")
print("ok", expected["items_two_or_more"], "units,", expected["paired"], "pairs")

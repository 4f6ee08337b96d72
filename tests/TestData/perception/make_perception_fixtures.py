#!/usr/bin/python3
"""Regenerates the Perception Test fixtures in this folder and expected.json, the reference values
the GapLens.Perception tests compare with. Run with Debian's /usr/bin/python3 (numpy, scipy,
statsmodels, scikit-learn); versions are recorded in expected.json["meta"].

Scoring references: calc_top1 / calc_top1_by_cat below reimplement the functions of DeepMind's
Perception Test starter kit (google-deepmind/perception_test, baselines/mc_vqa.ipynb, Apache-2.0)
statement for statement: the same loops, the same checks in the same order, the same exceptions and
messages, the same AREA + REASONING + TAG category order and tag-to-area map, numpy's 0/0 = nan for
an empty category. Per-task Wilson intervals come from statsmodels proportion_confint, McNemar from
statsmodels mcnemar(exact=True), Benjamini-Hochberg from statsmodels multipletests, the option
position test from scipy.stats.chisquare.
"""
import json
import os
import sys
import warnings

import numpy as np
import scipy
import sklearn
import statsmodels
from scipy import stats
from statsmodels.stats.contingency_tables import mcnemar
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import perception_gen as gen  # noqa: E402

warnings.simplefilter("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))

# --- The starter kit's categories and scoring, reimplemented (see the module docstring) -------------
AREA = ["physics", "semantics", "abstraction", "memory"]
REASONING = ["descriptive", "counterfactual", "explanatory", "predictive"]
TAG = ["motion", "place recognition", "action counting", "spatial relations", "object recognition",
       "action recognition", "distractor action", "distractor object", "state recognition", "object counting",
       "change detection", "sequencing", "task completion", "adversarial action", "collision",
       "object attributes", "pattern breaking", "feature matching", "pattern discovery", "part recognition",
       "material", "event recall", "containment", "occlusion", "solidity", "object permanence",
       "colour recognition", "conservation", "quantity", "event counting", "language",
       "visual discrimination", "general knowledge", "stability"]
TAG_AREA = gen.TAG_AREA
CAT = AREA + REASONING + TAG


def calc_top1(answers_dict, db_dict):
    expected_total = 0
    total_correct = 0
    total = 0
    for v in db_dict.values():
        expected_total += len(v["mc_question"])
    for vid_id, vid_answers in answers_dict.items():
        for answer_info in vid_answers:
            answer_id = answer_info["answer_id"]
            question_idx = answer_info["id"]
            try:
                ground_truth = db_dict[vid_id]["mc_question"][question_idx]
            except KeyError as exc:
                raise KeyError("Unexpected question ID in answer.") from exc
            if answer_id > 2 or answer_id < 0:
                raise ValueError(f"Answer ID must be in range [0:2], got {answer_id}.")
            if ground_truth["options"][answer_id] != answer_info["answer"]:
                raise ValueError("Answer text is not as expected.")
            gt_answer_id = ground_truth["answer_id"]
            val = int(gt_answer_id == answer_id)
            total_correct += val
            total += 1
    if expected_total != total:
        raise ValueError("Missing answers in results.")
    return total_correct / total


def calc_top1_by_cat(answers_dict, db_dict):
    results_dict = {k: v for k, v in zip(CAT, np.zeros((len(CAT), 2)))}
    for vid_id, vid_answers in answers_dict.items():
        for answer_info in vid_answers:
            answer_id = answer_info["answer_id"]
            question_idx = answer_info["id"]
            ground_truth = db_dict[vid_id]["mc_question"][question_idx]
            gt_answer_id = ground_truth["answer_id"]
            val = int(gt_answer_id == answer_id)
            used_q_areas = []
            q_areas = [TAG_AREA[tag] for tag in ground_truth["tag"]]
            for a in q_areas:
                if a not in used_q_areas:
                    results_dict[a][0] += val
                    results_dict[a][1] += 1
                    used_q_areas.append(a)
            results_dict[ground_truth["reasoning"]][0] += val
            results_dict[ground_truth["reasoning"]][1] += 1
            for t in ground_truth["tag"]:
                results_dict[t][0] += val
                results_dict[t][1] += 1
    results_dict = {k: v[0] / v[1] for k, v in results_dict.items()}
    return results_dict


# --- helpers -----------------------------------------------------------------------------------------
def f(x):
    x = float(x)
    return x if np.isfinite(x) else None


def wilson(k, n):
    lo, hi = proportion_confint(k, n, alpha=0.05, method="wilson")
    return [float(lo), float(hi)]


def per_question(answers, ann):
    """(video, q) -> (chosen, correct) for the answered questions."""
    out = {}
    for vid, lst in answers.items():
        for a in lst:
            gt = ann[vid]["mc_question"][a["id"]]["answer_id"]
            out[(vid, a["id"])] = (a["answer_id"], a["answer_id"] == gt)
    return out


def task_table(answers, ann):
    res = per_question(answers, ann)
    tasks = {}
    for vid, v in ann.items():
        for q in v["mc_question"]:
            t = tasks.setdefault(q["question"], {"question": q["question"], "questions": 0, "answered": 0, "correct": 0, "videos": set()})
            t["questions"] += 1
            t["videos"].add(vid)
            if (vid, q["id"]) in res:
                t["answered"] += 1
                t["correct"] += int(res[(vid, q["id"])][1])
    rows = []
    for t in tasks.values():
        ci = wilson(t["correct"], t["answered"]) if t["answered"] else None
        rows.append({"question": t["question"], "questions": t["questions"], "answered": t["answered"], "correct": t["correct"],
                     "videos": len(t["videos"]), "ci": ci})
    return rows


def positions(answers, ann):
    res = per_question(answers, ann)
    chosen, truth, correct = [0, 0, 0], [0, 0, 0], [0, 0, 0]
    for (vid, qid), (k, ok) in res.items():
        gt = ann[vid]["mc_question"][qid]["answer_id"]
        chosen[k] += 1
        truth[gt] += 1
        correct[gt] += int(ok)
    chi = stats.chisquare(chosen, truth)
    return {"chosen": chosen, "truth": truth, "correct": correct, "chi2": [float(chi.statistic), float(chi.pvalue)]}


def scoring_block(answers, ann, lenient=False):
    block = {"by_cat": {k: f(v) for k, v in calc_top1_by_cat(answers, ann).items()},
             "tasks": task_table(answers, ann), "positions": positions(answers, ann)}
    res = per_question(answers, ann)
    correct = sum(ok for _, ok in res.values())
    block["answered"], block["correct"] = len(res), int(correct)
    block["questions"] = sum(len(v["mc_question"]) for v in ann.values())
    if lenient:
        try:
            calc_top1(answers, ann)
            raise AssertionError("a partial file must fail calc_top1")
        except ValueError as exc:
            block["official_error"] = str(exc)
        block["top1"] = correct / len(res)
        block["top1_all"] = correct / block["questions"]
    else:
        block["top1"] = calc_top1(answers, ann)
    block["top1_ci"] = wilson(correct, len(res))
    return block


def compare_block(a, b, ann):
    ra, rb = per_question(a, ann), per_question(b, ann)
    def table(keys):
        t = [[0, 0], [0, 0]]
        for key in keys:
            ca, cb = ra[key][1], rb[key][1]
            t[0 if ca else 1][0 if cb else 1] += 1
        return t
    def test(t):
        if t[0][1] + t[1][0] == 0:
            return None
        r = mcnemar(np.array(t), exact=True)
        return [float(r.statistic), float(r.pvalue)]
    keys = [(vid, q["id"]) for vid, v in ann.items() for q in v["mc_question"] if (vid, q["id"]) in ra and (vid, q["id"]) in rb]
    out = {"compared": len(keys), "overall": {"table": table(keys), "test": test(table(keys))}}
    areas = []
    for area in AREA:
        ks = [k for k in keys if area in {TAG_AREA[t] for t in ann[k[0]]["mc_question"][k[1]]["tag"]}]
        areas.append({"name": area, "table": table(ks), "test": test(table(ks))})
    tasks = {}
    for k in keys:
        tasks.setdefault(ann[k[0]]["mc_question"][k[1]]["question"], []).append(k)
    task_rows = [{"question": qtext, "table": table(ks), "test": test(table(ks))} for qtext, ks in tasks.items()]
    for rows in (areas, task_rows):
        defined = [r for r in rows if r["test"] is not None]
        if defined:
            rej, adj, _, _ = multipletests([r["test"][1] for r in defined], alpha=0.05, method="fdr_bh")
            for r, p, j in zip(defined, adj, rej):
                r["p_adj"], r["reject"] = float(p), bool(j)
    out["areas"], out["tasks"] = areas, task_rows
    out["flipped"] = sorted([[k[0], k[1], "fixed" if rb[k][1] else "broken"] for k in keys if ra[k][1] != rb[k][1]])
    return out


def main():
    rng = np.random.default_rng(20240604)
    tasks = gen.make_tasks(9, rng)
    counts = [3, 2, 4, 0, 3, 5, 2, 3, 4, 1, 3, 2, 4, 3]
    ann = gen.make_annotations(len(counts), lambda v: counts[v], tasks, rng)
    # One video whose only object sits on cell edges of a 6 x 8 map, so that some frames have a binary
    # box mask: there the attention metrics must equal Quantus's own (make_attention_fixtures.py).
    last = ann["video_10013"]
    ids = [f for f in range(0, last["metadata"]["num_frames"], 30)]
    last["object_tracking"] = [{"id": 1301, "label": "aligned box", "is_occluder": False, "bounding_boxes": [[0.25, 1 / 3, 0.5, 2 / 3]] * len(ids),
                                "initial_tracking_box": [1] + [0] * (len(ids) - 1), "frame_ids": ids, "timestamps": [int(f / 30 * 1e6) for f in ids],
                                "is_masked": [False] * len(ids)}]
    a, a_rows = gen.simulate_answers(ann, tasks, rng, skill=0.8, position_bias=(1.0, 0.0, -0.5))
    b, b_rows = gen.simulate_answers(ann, tasks, rng, skill=1.6)
    partial = {vid: [x for i, x in enumerate(lst) if (i + len(vid)) % 4 != 0] for vid, lst in a.items()}
    partial = {vid: lst for vid, lst in partial.items() if lst}
    gen.write_json(os.path.join(HERE, "annotations.json"), ann, indent=1)
    gen.write_json(os.path.join(HERE, "answers_a.json"), a, indent=1)
    gen.write_json(os.path.join(HERE, "answers_b.json"), b, indent=1)
    gen.write_json(os.path.join(HERE, "answers_partial.json"), partial, indent=1)

    # Broken answer files: each with the starter kit's exception.
    first_vid = next(iter(a))
    errors = []
    def broken(name, mutate):
        d = json.loads(json.dumps(a))
        mutate(d)
        gen.write_json(os.path.join(HERE, "errors", name), d, indent=1)
        try:
            calc_top1(d, ann)
            raise AssertionError(name + " must fail")
        except (KeyError, ValueError, IndexError) as exc:
            msg = exc.args[0] if exc.args else str(exc)
            errors.append({"file": name, "exception": type(exc).__name__, "message": msg})
    os.makedirs(os.path.join(HERE, "errors"), exist_ok=True)
    broken("unknown_video.json", lambda d: d.__setitem__("video_99999", [{"id": 0, "answer_id": 0, "answer": "x"}]))
    broken("question_out_of_range.json", lambda d: d[first_vid].append({"id": 7, "answer_id": 0, "answer": "x"}))
    broken("answer_id_3.json", lambda d: d[first_vid][0].update({"answer_id": 3}))
    broken("answer_id_negative.json", lambda d: d[first_vid][0].update({"answer_id": -1}))
    broken("wrong_text.json", lambda d: d[first_vid][0].update({"answer": d[first_vid][0]["answer"] + " (edited)"}))
    broken("missing_answers.json", lambda d: d[first_vid].pop())

    expected = {
        "meta": {"python": sys.version.split()[0], "numpy": np.__version__, "scipy": scipy.__version__,
                 "statsmodels": statsmodels.__version__, "sklearn": sklearn.__version__,
                 "script": "tests/TestData/perception/make_perception_fixtures.py", "seed": 20240604},
        "cat_order": CAT,
        "a": scoring_block(a, ann),
        "b": scoring_block(b, ann),
        "partial": scoring_block(partial, ann, lenient=True),
        "errors": errors,
        "compare_a_b": compare_block(a, b, ann),
        "compare_partial_b": compare_block(partial, b, ann),
    }
    gen.write_json(os.path.join(HERE, "expected.json"), expected, indent=1)
    print("questions:", expected["a"]["questions"], "top1 a:", expected["a"]["top1"], "b:", expected["b"]["top1"])


if __name__ == "__main__":
    main()

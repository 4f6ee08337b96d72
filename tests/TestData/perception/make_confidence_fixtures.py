#!/usr/bin/python3
"""Regenerates the confidence fixtures and expected_confidence.json for GapLens.Perception's
confidence analysis. Run with Debian's /usr/bin/python3 after make_perception_fixtures.py.

Two sets:
- "small": the fixture's annotations and answers_a.json with confidence.jsonl (every signal kind:
  option_probs, option_logprobs, verbal rounded to 0.05 so that ties occur, samples).
- "medium": conf/annotations.json (40 tasks, 240 videos, mc_question only), conf/answers.json and
  conf/confidence.jsonl (option_logprobs that carry some information about correctness), for the
  meta-model.

References: sklearn.metrics.roc_auc_score and brier_score_loss; DeLong by the pairwise kernel; ECE,
MCE and the reliability bins with numpy as GapLens.Statistics.Calibration defines them (equal width:
numpy.linspace(0, 1, bins + 1) edges, the last bin closed; equal mass: numpy.argsort(kind="stable")
split into nearly equal parts); AURC as the mean over k of the expected error rate of the k most
confident questions, with each question's chance of being among them under a random order of ties
(computed per question, not per tie group); the meta-model with sklearn StandardScaler and
LogisticRegression(C, solver="newton-cholesky", tol=1e-12) on the two weighted rows per task, folds
from FNV-1a 64 of (seed as 8 little-endian bytes + question text) dealt round-robin.
"""
import json
import math
import os
import sys

import numpy as np
import scipy
import sklearn
from scipy import stats
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, roc_auc_score
from sklearn.preprocessing import StandardScaler

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import perception_gen as gen  # noqa: E402
from reference_stats import delong, t_interval  # noqa: E402


def fnv1a(data):
    h = 14695981039346656037
    for b in data:
        h = ((h ^ b) * 1099511628211) & 0xFFFFFFFFFFFFFFFF
    return h


def folds(texts, k, seed):
    key = seed.to_bytes(8, "little")
    order = sorted(range(len(texts)), key=lambda t: (fnv1a(key + texts[t].encode("utf-8")), texts[t]))
    f = [0] * len(texts)
    for i, t in enumerate(order):
        f[t] = i % k
    return f


def calibration(p, y, bins, strategy):
    n = len(p)
    if strategy == "width":
        edges = np.linspace(0, 1, bins + 1)
        b = np.clip(np.searchsorted(edges[1:-1], p, side="right"), 0, bins - 1)
    else:
        order = np.argsort(p, kind="stable")
        b = np.empty(n, int)
        sizes = [n // bins + (1 if i < n % bins else 0) for i in range(bins)]
        at = 0
        for i, s in enumerate(sizes):
            b[order[at:at + s]] = i
            at += s
    rows, ece, mce = [], 0.0, 0.0
    for i in range(bins):
        m = b == i
        if not m.any():
            continue
        conf, acc = p[m].mean(), y[m].mean()
        ece += m.sum() / n * abs(acc - conf)
        mce = max(mce, abs(acc - conf))
        rows.append([int(m.sum()), float(conf), float(acc)])
    return {"ece": float(ece), "mce": float(mce), "brier": float(brier_score_loss(y, p)), "bins": rows}


def aurc(conf, correct):
    """Expected AURC over random orders of ties: P(question i among the k most confident) is 1 for
    questions above i's group, and (k - above) / g clipped to [0, 1] inside a group of g."""
    n = len(conf)
    err = 1 - correct
    above = np.array([(conf > c).sum() for c in conf])
    g = np.array([(conf == c).sum() for c in conf])
    total = 0.0
    for k in range(1, n + 1):
        prob = np.clip((k - above) / g, 0, 1)
        total += (prob * err).sum() / k
    e = err.sum()
    opt = np.mean([max(0, k - (n - e)) / k for k in range(1, n + 1)])
    return float(total / n), float(opt)


def signal_block(conf, correct, bins=10):
    conf, correct = np.asarray(conf, float), np.asarray(correct, int)
    a, opt = aurc(conf, correct)
    return {"n": int(len(conf)), "correct": int(correct.sum()), "mean_conf": float(conf.mean()),
            "auc": float(roc_auc_score(correct, conf)) if 0 < correct.sum() < len(correct) else None,
            "auc_ci": delong(conf, correct), "width": calibration(conf, correct, bins, "width"),
            "mass": calibration(conf, correct, bins, "mass"), "aurc": a, "aurc_opt": opt}


def softmax(l):
    e = np.exp(np.asarray(l) - max(l))
    return e / e.sum()


def meta_block(rows, texts, k, seed, c, distribution):
    """rows: (task, conf, correct, margin, entropy)."""
    tasks = sorted({r[0] for r in rows})
    feats, cor, cnt = [], [], []
    for t in tasks:
        rs = [r for r in rows if r[0] == t]
        x = np.sort([r[1] for r in rs])
        f = [x.mean(), x.std(), np.quantile(x, 0.1), np.quantile(x, 0.5), np.quantile(x, 0.9)]
        if distribution:
            f += [np.mean([r[3] for r in rs]), np.mean([r[4] for r in rs])]
        feats.append(f)
        cor.append(sum(r[2] for r in rs))
        cnt.append(len(rs))
    feats, cor, cnt = np.array(feats), np.array(cor), np.array(cnt)
    k = min(k, len(tasks))
    fold = folds([texts[t] for t in tasks], k, seed)

    def fit(train):
        sc = StandardScaler().fit(feats[train])
        X = np.repeat(sc.transform(feats[train]), 2, axis=0)
        y = np.tile([1, 0], len(train))
        w = np.ravel(np.column_stack([cor[train], cnt[train] - cor[train]]))
        m = LogisticRegression(C=c, solver="newton-cholesky", tol=1e-12, max_iter=1000).fit(X, y, sample_weight=w)
        return sc, m

    pred = np.zeros(len(tasks))
    for f in range(k):
        train = np.array([i for i in range(len(tasks)) if fold[i] != f])
        test = np.array([i for i in range(len(tasks)) if fold[i] == f])
        sc, m = fit(train)
        pred[test] = m.predict_proba(sc.transform(feats[test]))[:, 1]
    sc, m = fit(np.arange(len(tasks)))
    truth = cor / cnt
    err = np.abs(pred - truth)
    naive_err = np.abs(feats[:, 0] - truth)
    def tmean(x):
        mean, ci = t_interval(x)
        return [mean] + ci
    return {"tasks": [texts[t] for t in tasks], "fold": fold, "features": feats.tolist(), "predicted": pred.tolist(), "truth": truth.tolist(),
            "mae": tmean(err), "naive_mae": tmean(naive_err), "weighted_mae": float((cnt * err).sum() / cnt.sum()),
            "naive_weighted_mae": float((cnt * naive_err).sum() / cnt.sum()), "predicted_overall": float((cnt * pred).sum() / cnt.sum()),
            "naive_overall": float((cnt * feats[:, 0]).sum() / cnt.sum()), "true_overall": float(cor.sum() / cnt.sum()),
            "coef": m.coef_[0].tolist(), "intercept": float(m.intercept_[0]), "k": k}


def analyse(ann, answers, lines, k, seed, c):
    truth = {(v, q["id"]): (q["answer_id"], q["question"]) for v, d in ann.items() for q in d["mc_question"]}
    chosen = {(v, a["id"]): a["answer_id"] for v, lst in answers.items() for a in lst}
    texts = list(dict.fromkeys(q["question"] for d in ann.values() for q in d["mc_question"]))
    index = {t: i for i, t in enumerate(texts)}
    sig = {"option_probability": [], "verbal": [], "sample_agreement": []}
    for ln in lines:
        key = (ln["video_id"], ln["id"])
        if key not in chosen:
            continue
        ch = chosen[key]
        ok = int(ch == truth[key][0])
        t = index[truth[key][1]]
        if "option_probs" in ln or "option_logprobs" in ln:
            p = np.asarray(ln["option_probs"], float) if "option_probs" in ln else softmax(ln["option_logprobs"])
            p = p / p.sum()
            s = np.sort(p)[::-1]
            ent = -sum(x * math.log(x) for x in p if x > 0) / math.log(3)
            sig["option_probability"].append((t, float(p[ch]), ok, float(s[0] - s[1]), ent))
        if "verbal" in ln:
            sig["verbal"].append((t, ln["verbal"], ok, None, None))
        if "samples" in ln:
            sig["sample_agreement"].append((t, sum(1 for a in ln["samples"] if a == ch) / len(ln["samples"]), ok, None, None))
    out = {"signals": {name: signal_block([r[1] for r in rows], [r[2] for r in rows]) for name, rows in sig.items() if rows}}
    best = max((name for name in sig if sig[name]), key=lambda n: (len(sig[n]), -list(sig).index(n)))
    out["meta_signal"] = best
    out["meta"] = meta_block(sig[best], texts, k, seed, c, best == "option_probability")
    return out


def main():
    rng = np.random.default_rng(31)
    ann = json.load(open(os.path.join(HERE, "annotations.json")))
    a = json.load(open(os.path.join(HERE, "answers_a.json")))
    lines = []
    i = 0
    for vid, lst in a.items():
        for ans in lst:
            q = ann[vid]["mc_question"][ans["id"]]
            ok = ans["answer_id"] == q["answer_id"]
            logits = rng.normal(0, 1, 3)
            logits[ans["answer_id"]] += 1.0 + (0.8 if ok else 0.0)
            ln = {"video_id": vid, "id": ans["id"]}
            if i % 3 == 0:
                ln["option_logprobs"] = [float(x) for x in logits]
            else:
                ln["option_probs"] = [float(x) for x in np.round(softmax(logits), 4)]
            ln["verbal"] = float(np.round(np.clip(0.6 + 0.25 * ok + rng.normal(0, 0.15), 0, 1) * 20) / 20)
            if i % 2 == 0:
                ln["samples"] = [int(ans["answer_id"]) if rng.random() < (0.75 if ok else 0.45) else int(rng.integers(0, 3)) for _ in range(5)]
            lines.append(ln)
            i += 1
    with open(os.path.join(HERE, "confidence.jsonl"), "w") as fh:
        for ln in lines:
            fh.write(json.dumps(ln) + "\n")
            if len(ln) % 4 == 0:
                fh.write("\n")  # blank lines are allowed
    small = analyse(ann, a, lines, 3, 0, 1.0)

    # Medium set for the meta-model.
    tasks = gen.make_tasks(40, rng)
    ann_m = gen.make_annotations(240, lambda v: 3, tasks, rng, objects_per_video=(1, 2), seconds=(5, 6))
    ann_m = {vid: {"metadata": v["metadata"], "mc_question": v["mc_question"]} for vid, v in ann_m.items()}
    ans_m, rows = gen.simulate_answers(ann_m, tasks, rng, skill=0.7)
    lines_m = []
    for vid, qid, k, ok, p in rows:
        logits = rng.normal(0, 1.0, 3)
        logits[k] += 0.5 + 2.5 * p   # the easier the task, the more confident
        lines_m.append({"video_id": vid, "id": qid, "option_logprobs": [float(x) for x in logits]})
    os.makedirs(os.path.join(HERE, "conf"), exist_ok=True)
    gen.write_json(os.path.join(HERE, "conf", "annotations.json"), ann_m)
    gen.write_json(os.path.join(HERE, "conf", "answers.json"), ans_m)
    with open(os.path.join(HERE, "conf", "confidence.jsonl"), "w") as fh:
        for ln in lines_m:
            fh.write(json.dumps(ln) + "\n")
    medium = analyse(ann_m, ans_m, lines_m, 5, 7, 0.5)

    expected = {"meta": {"python": sys.version.split()[0], "numpy": np.__version__, "scipy": scipy.__version__, "sklearn": sklearn.__version__,
                         "script": "tests/TestData/perception/make_confidence_fixtures.py",
                         "calls": {"small": "folds=3, seed=0, C=1.0, bins=10", "medium": "folds=5, seed=7, C=0.5, bins=10"}},
                "small": small, "medium": medium}
    json.dump(expected, open(os.path.join(HERE, "expected_confidence.json"), "w"), indent=1)
    print("small signals:", {k: v["n"] for k, v in small["signals"].items()}, "medium MAE:", medium["meta"]["mae"][0], "naive:", medium["meta"]["naive_mae"][0])


if __name__ == "__main__":
    main()

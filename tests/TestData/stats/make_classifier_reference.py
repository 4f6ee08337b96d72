#!/usr/bin/python3
"""Regenerates classifier_cases.json: reference values for GapLens.Statistics' Auroc, point-biserial
correlation, RiskCoverage and LogisticRegression. Run with Debian's /usr/bin/python3 (numpy, scipy,
scikit-learn); the versions are recorded in the output.

- AUROC: sklearn.metrics.roc_auc_score (with and without sample_weight); DeLong's interval from a
  plain O(n^2) numpy implementation of DeLong et al. (1988) written here (pairwise kernel, not midranks).
- Point-biserial: scipy.stats.pointbiserialr; interval from scipy.stats.pearsonr(...).confidence_interval.
- Risk-coverage: brute force. The expected AURC over tie orders is computed by enumerating every
  order of the tied groups (small cases), or directly when there are no ties.
- Logistic regression: sklearn LogisticRegression(solver="newton-cholesky", C, tol=1e-12,
  max_iter=100000), the solver GapLens implements (Newton steps with Cholesky solves); checked here
  against solver="newton-cg" (agree to 1e-8: both reached the optimum) and "lbfgs" (1e-4: L-BFGS-B
  stops on its line search slightly short of the optimum even at tol=1e-12).
"""
import itertools
import json
import math
import sys
import warnings

import numpy as np
import scipy
import sklearn
from scipy import stats
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

warnings.simplefilter("ignore")
rng = np.random.default_rng(412)
out = {"meta": {"python": sys.version.split()[0], "numpy": np.__version__, "scipy": scipy.__version__,
                "sklearn": sklearn.__version__, "script": "tests/TestData/stats/make_classifier_reference.py"}}


def delong_pairwise(scores, labels, level=0.95):
    x = scores[labels == 1]
    y = scores[labels == 0]
    m, n = len(x), len(y)
    psi = (x[:, None] > y[None, :]).astype(float) + 0.5 * (x[:, None] == y[None, :])
    auc = psi.mean()
    if m < 2 or n < 2:
        return auc, None
    v10 = psi.mean(axis=1)
    v01 = psi.mean(axis=0)
    var = v10.var(ddof=1) / m + v01.var(ddof=1) / n
    h = stats.norm.ppf(1 - (1 - level) / 2) * math.sqrt(var)
    return auc, [max(0.0, auc - h), min(1.0, auc + h)]


auroc = []
cases = []
for n in [2, 3, 5, 10, 40, 200]:
    s = rng.normal(0, 1, n)
    y = (rng.random(n) < 0.5).astype(int)
    if y.min() == y.max():
        y[0] = 1 - y[0]
    cases.append((s, y))
cases.append((rng.integers(0, 4, 60).astype(float), (rng.random(60) < 0.4).astype(int)))  # heavy ties
cases.append((np.array([0.5] * 6), np.array([1, 0, 1, 0, 0, 1])))                           # all tied
cases.append((np.array([0.1, 0.2, 0.3, 0.9, 0.8]), np.array([0, 0, 0, 1, 1])))              # separable
cases.append((np.array([0.9, 0.8, 0.1, 0.2]), np.array([0, 0, 1, 1])))                      # reversed
cases.append((np.array([-1e308, 0.0, 1e308, 1.0]), np.array([0, 1, 1, 0])))              # huge values
for s, y in cases:
    auc, ci = delong_pairwise(s, y)
    sk = roc_auc_score(y, s)
    assert abs(sk - auc) < 1e-12
    auroc.append({"scores": s.tolist(), "labels": y.tolist(),
                  "auc": float(sk), "ci": ci})
out["auroc"] = auroc
out["auroc_undefined"] = [{"scores": [0.1, 0.2, 0.3], "labels": [1, 1, 1]}, {"scores": [0.4], "labels": [0]}]

weighted = []
for n in [4, 12, 50]:
    s = np.round(rng.random(n), 1)   # ties
    y = (rng.random(n) < 0.5).astype(int)
    y[0], y[1] = 0, 1
    w = rng.random(n)
    w[2] = 0.0
    weighted.append({"scores": s.tolist(), "labels": y.tolist(), "weights": w.tolist(),
                     "auc": float(roc_auc_score(y, s, sample_weight=w))})
out["auroc_weighted"] = weighted

pb = []
for n in [3, 4, 10, 57]:
    x = rng.normal(0, 1, n)
    y = (rng.random(n) < 0.5)
    y[0], y[1] = True, False
    x = x + 0.8 * y
    r, p = stats.pointbiserialr(y, x)
    ci = stats.pearsonr(y.astype(float), x).confidence_interval(0.95)
    pb.append({"x": x.tolist(), "y": y.astype(int).tolist(), "r": float(r), "p": float(p), "ci": [float(ci.low), float(ci.high)]})
out["point_biserial"] = pb


def aurc_plain(conf, correct):
    order = np.argsort(-conf, kind="stable")
    err = (~correct[order]).astype(float)
    k = np.arange(1, len(conf) + 1)
    return float(np.mean(np.cumsum(err) / k))


def aurc_expected(conf, correct):
    """Mean of the plain AURC over every order of the tied groups (brute force)."""
    uniq = sorted(set(conf.tolist()), reverse=True)
    groups = [[i for i in range(len(conf)) if conf[i] == u] for u in uniq]
    total, count = 0.0, 0
    for perm in itertools.product(*[list(itertools.permutations(g)) for g in groups]):
        order = [i for g in perm for i in g]
        err = np.cumsum([0.0 if correct[i] else 1.0 for i in order])
        total += float(np.mean(err / np.arange(1, len(order) + 1)))
        count += 1
    return total / count


def aurc_optimal(correct):
    n = len(correct)
    e = int((~correct).sum())
    return float(np.mean([max(0, k - (n - e)) / k for k in range(1, n + 1)]))


rc = []
for conf, correct in [
        (rng.random(30), rng.random(30) < 0.7),
        (rng.random(200), rng.random(200) < 0.5),
        (np.array([0.9, 0.9, 0.5, 0.5, 0.5, 0.2, 0.9]), np.array([True, False, True, False, False, True, True])),
        (np.array([0.7, 0.7, 0.7, 0.7]), np.array([True, False, False, True])),
        (np.array([0.3, 0.6, 0.6, 0.1, 0.8]), np.array([False, True, False, False, True])),
        (np.array([0.5]), np.array([False])),
        (np.array([0.2, 0.4]), np.array([True, True]))]:
    has_ties = len(set(conf.tolist())) < len(conf)
    aurc = aurc_expected(conf, correct) if has_ties else aurc_plain(conf, correct)
    opt = aurc_optimal(correct)
    order = sorted(set(conf.tolist()), reverse=True)
    curve = []
    for u in order:
        keep = conf >= u
        curve.append([u, int(keep.sum()), float(keep.mean()), float((~correct[keep]).mean())])
    rc.append({"confidence": conf.tolist(), "correct": correct.astype(int).tolist(), "aurc": aurc, "optimal": opt, "curve": curve})
out["risk_coverage"] = rc

lr = []
for n, d, c, weighted_rows in [(80, 3, 1.0, False), (40, 2, 0.1, True), (200, 5, 10.0, False), (30, 1, 1e4, True), (24, 4, 1.0, True)]:
    X = rng.normal(0, 1, (n, d))
    beta = rng.normal(0, 1.5, d)
    logits = X @ beta + 0.3
    y = (rng.random(n) < 1 / (1 + np.exp(-logits))).astype(int)
    y[0], y[1] = 0, 1
    w = rng.integers(0, 6, n).astype(float) if weighted_rows else np.ones(n)
    w[0], w[1] = max(w[0], 1), max(w[1], 1)
    fits = {}
    for solver in ["newton-cholesky", "newton-cg", "lbfgs"]:
        m = LogisticRegression(C=c, solver=solver, tol=1e-12, max_iter=100000).fit(X, y, sample_weight=w)
        fits[solver] = (m.coef_[0].copy(), float(m.intercept_[0]), m.predict_proba(X)[:, 1])
    # Newton-Cholesky (the solver GapLens uses: Newton steps, Cholesky solves) and Newton-CG reach the
    # optimum to 1e-8; L-BFGS-B stops on its line search a little earlier (agrees to 1e-4).
    for other, tol_ in [("newton-cg", 1e-8), ("lbfgs", 1e-4)]:
        assert np.max(np.abs(fits[other][0] - fits["newton-cholesky"][0])) < tol_, (other, fits)
        assert abs(fits[other][1] - fits["newton-cholesky"][1]) < tol_, (other, fits)
    coef, intercept, proba = fits["newton-cholesky"]
    lr.append({"x": X.tolist(), "y": y.tolist(), "w": w.tolist(), "C": c, "coef": coef.tolist(), "intercept": intercept,
               "proba": proba.tolist(), "call": f"LogisticRegression(C={c}, solver='newton-cholesky', tol=1e-12, max_iter=100000).fit(X, y, sample_weight=w)"})
out["logistic"] = lr

with open(__file__.replace("make_classifier_reference.py", "classifier_cases.json"), "w") as fh:
    json.dump(out, fh, indent=1)
print("wrote classifier_cases.json")

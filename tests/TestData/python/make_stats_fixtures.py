#!/usr/bin/python3
"""Regenerates stats_reference.json with Debian's Python and its statsmodels/scipy (python3-statsmodels).

Run: /usr/bin/python3 tests/TestData/python/make_stats_fixtures.py  (from the repository root)
"""
import json
import os
import sys

import scipy
import statsmodels
from statsmodels.stats.proportion import proportion_confint
import numpy as np
import sklearn
from sklearn.metrics import auc, average_precision_score, precision_recall_curve, roc_auc_score, roc_curve

cases = []
for n in [1, 2, 3, 5, 10, 17, 100, 1000, 123457]:
    for k in sorted({0, 1, n // 3, n // 2, n - 1, n}):
        if 0 <= k <= n:
            lo, hi = proportion_confint(k, n, alpha=0.05, method="wilson")
            cases.append({"k": k, "n": n, "lower": float(lo), "upper": float(hi)})

rng = np.random.default_rng(7)
curve_inputs = [
    ([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]),
    ([1, 0, 1, 0, 1], [0.5, 0.5, 0.5, 0.2, 0.9]),
    ([1, 1, 0], [0.3, 0.3, 0.3]),
    ([0, 1], [0.0, 1.0]),
    ([1, 0, 0, 1, 1, 0, 1], [3, 1, 2, 3, 5, 2, 4]),
]
for n in [10, 50, 300]:
    y = rng.integers(0, 2, n)
    curve_inputs.append((y.tolist(), np.round(rng.random(n), 2).tolist()))
    curve_inputs.append((y.tolist(), rng.random(n).tolist()))
curves = []
for y, s in curve_inputs:
    y = np.asarray(y); s = np.asarray(s, dtype=float)
    p, r, t = precision_recall_curve(y, s)
    fpr, tpr, th = roc_curve(y, s)
    fpr2, tpr2, th2 = roc_curve(y, s, drop_intermediate=False)
    curves.append({"y": y.tolist(), "s": s.tolist(), "pr_p": p.tolist(), "pr_r": r.tolist(), "pr_t": t.tolist(),
                   "roc_fpr": fpr.tolist(), "roc_tpr": tpr.tolist(), "roc_t": th.tolist(),
                   "roc_full_fpr": fpr2.tolist(), "roc_full_tpr": tpr2.tolist(), "roc_full_t": th2.tolist(),
                   "roc_auc": float(roc_auc_score(y, s)), "auc_pr": float(auc(r, p)), "ap": float(average_precision_score(y, s))})

out = {
    "meta": {"python": sys.version.split()[0], "statsmodels": statsmodels.__version__, "scipy": scipy.__version__, "sklearn": sklearn.__version__, "numpy": np.__version__,
             "call": "statsmodels.stats.proportion.proportion_confint(k, n, alpha=0.05, method='wilson')"},
    "wilson": cases,
    "curves": curves,
}
here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "stats_reference.json"), "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")

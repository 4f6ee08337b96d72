#!/usr/bin/python3
"""Regenerates stats_cases.json: reference values for GapLens.Statistics from scipy, scikit-learn,
statsmodels and numpy (Debian's python3-scipy/-sklearn/-statsmodels). Run with /usr/bin/python3.

Inputs are random (seeded) and edge cases: ties, zeros, n = 2, constant input, perfect agreement and
disagreement, missing ratings. statsmodels 0.13.5 has no Krippendorff's alpha: those tests use the
worked example published by Krippendorff ("Computing Krippendorff's Alpha-Reliability", 2011) instead.
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
from sklearn.metrics import brier_score_loss, cohen_kappa_score
from statsmodels.stats.contingency_tables import mcnemar
from statsmodels.stats.inter_rater import fleiss_kappa
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint
from statsmodels.stats.weightstats import ttost_paired

warnings.simplefilter("ignore")
rng = np.random.default_rng(2026)
out = {"meta": {"python": sys.version.split()[0], "numpy": np.__version__, "scipy": scipy.__version__,
                "sklearn": sklearn.__version__, "statsmodels": statsmodels.__version__,
                "script": "tests/TestData/stats/make_stats_reference.py"}}


def f(x):
    x = float(x)
    return None if not np.isfinite(x) else x


# Paired samples: random, ties, zeros, n=2, constant differences, scores 1-5 like human/judge ratings.
pairs = []
for n in [2, 3, 5, 8, 12, 20, 30, 49, 60, 200]:
    pairs.append((rng.normal(3, 1, n), rng.normal(3.2, 1, n)))
pairs.append((np.array([1, 2, 3, 4, 5, 6.0]), np.array([1.5, 2.5, 2, 4.5, 5, 7.0])))
pairs.append((rng.integers(1, 6, 40).astype(float), rng.integers(1, 6, 40).astype(float)))   # ties + zeros
pairs.append((rng.integers(1, 6, 15).astype(float), rng.integers(1, 6, 15).astype(float)))
pairs.append((np.arange(10.0), np.arange(10.0) + rng.normal(0, 0.5, 10)))
pairs.append((np.array([1.0, 2, 3, 4]), np.array([2.0, 3, 4, 5])))   # constant difference

out["descriptive"] = []
for x, _ in pairs:
    out["descriptive"].append({"x": x.tolist(), "mean": f(np.mean(x)), "std0": f(np.std(x, ddof=0)), "std1": f(np.std(x, ddof=1)) if len(x) > 1 else None,
                               "median": f(np.median(x)), "q10": f(np.quantile(x, 0.1)), "q25": f(np.quantile(x, 0.25)), "q90": f(np.quantile(x, 0.9)),
                               "min": f(np.min(x)), "max": f(np.max(x))})

out["paired"] = []
for x, y in pairs:
    c = {"x": x.tolist(), "y": y.tolist()}
    for alt in ["two-sided", "less", "greater"]:
        r = stats.ttest_rel(x, y, alternative=alt)
        c[f"ttest_rel_{alt}"] = [f(r.statistic), f(r.pvalue)]
        w = stats.ttest_ind(x, y, equal_var=False, alternative=alt)
        c[f"welch_{alt}"] = [f(w.statistic), f(w.pvalue)]
        d = x - y
        if np.any(d != 0):
            wr = stats.wilcoxon(x, y, alternative=alt)
            c[f"wilcoxon_{alt}"] = [f(wr.statistic), f(wr.pvalue)]
    if np.std(x) > 0 and np.std(y) > 0 and len(x) > 2:
        c["pearson"] = [f(v) for v in stats.pearsonr(x, y)]
        c["spearman"] = [f(v) for v in stats.spearmanr(x, y)]
        c["kendall"] = [f(v) for v in stats.kendalltau(x, y)]
    c["welch_df"] = None
    vx, vy = np.var(x, ddof=1) / len(x), np.var(y, ddof=1) / len(y)
    if len(x) > 1 and vx + vy > 0:
        c["welch_df"] = f((vx + vy) ** 2 / (vx ** 2 / (len(x) - 1) + vy ** 2 / (len(y) - 1)))
    if len(x) > 2:
        c["tost_0.5"] = f(ttost_paired(x, y, -0.5, 0.5)[0])
    out["paired"].append(c)

# Raters: Cohen's kappa (nominal and ordinal 1-5), Fleiss.
out["kappa"] = []
raters = [(rng.integers(1, 6, 50), rng.integers(1, 6, 50))]
a = rng.integers(1, 6, 80); b = np.clip(a + rng.integers(-1, 2, 80), 1, 5); raters.append((a, b))
raters.append((np.array([1, 2, 3, 4, 5, 1, 2]), np.array([1, 2, 3, 4, 5, 1, 2])))                # perfect
raters.append((np.array([1, 1, 2, 2, 3]), np.array([3, 3, 1, 1, 2])))                             # disagreement
raters.append((np.array([0, 1, 1, 0, 1, 1, 0, 1]), np.array([0, 1, 0, 0, 1, 1, 1, 1])))           # binary
for x, y in raters:
    out["kappa"].append({"x": x.tolist(), "y": y.tolist(),
                         "none": f(cohen_kappa_score(x, y)), "linear": f(cohen_kappa_score(x, y, weights="linear")),
                         "quadratic": f(cohen_kappa_score(x, y, weights="quadratic"))})
out["fleiss"] = []
for table in [rng.multinomial(5, [0.2, 0.3, 0.5], size=30), rng.multinomial(3, [0.5, 0.5], size=12),
              np.array([[0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1], [7, 7, 0, 0, 0],
                        [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7]])]:
    out["fleiss"].append({"table": table.tolist(), "kappa": f(fleiss_kappa(table, method="fleiss"))})

# Proportions.
out["proportions"] = []
for k, n in [(0, 10), (1, 10), (5, 10), (10, 10), (37, 120), (1, 2), (999, 1000), (0, 1)]:
    lo, hi = proportion_confint(k, n, method="beta")
    out["proportions"].append({"k": k, "n": n, "cp": [f(lo), f(hi)]})
out["mcnemar"] = []
for t in [[[20, 5], [12, 30]], [[10, 0], [3, 10]], [[5, 40], [38, 7]], [[4, 1], [1, 4]], [[50, 30], [10, 60]]]:
    e = mcnemar(np.array(t), exact=True); ch = mcnemar(np.array(t), exact=False, correction=True)
    ch2 = mcnemar(np.array(t), exact=False, correction=False)
    out["mcnemar"].append({"table": t, "exact": [f(e.statistic), f(e.pvalue)], "chi2": [f(ch.statistic), f(ch.pvalue)], "chi2_nocorr": [f(ch2.statistic), f(ch2.pvalue)]})
pv = np.concatenate([rng.uniform(0, 0.05, 6), rng.uniform(0, 1, 14), [0.0, 1.0, 0.02, 0.02]])
out["bh"] = {"p": pv.tolist(), "adjusted": multipletests(pv, method="fdr_bh")[1].tolist(),
             "reject_0.05": multipletests(pv, alpha=0.05, method="fdr_bh")[0].tolist()}

# Calibration.
prob = rng.uniform(0, 1, 300); yb = (rng.uniform(0, 1, 300) < prob ** 1.3).astype(int)
out["calibration"] = {"p": prob.tolist(), "y": yb.tolist(), "brier": f(brier_score_loss(yb, prob))}
for strategy, name in [("uniform", "width"), ("quantile", "mass")]:
    if strategy == "uniform":
        edges = np.linspace(0, 1, 11)
        idx = np.clip(np.searchsorted(edges[1:-1], prob, side="right"), 0, 9)
    else:
        order = np.argsort(prob, kind="stable"); idx = np.empty(300, int)
        for b, chunk in enumerate(np.array_split(order, 10)):
            idx[chunk] = b
    ece = 0.0; mce = 0.0; bins = []
    for b in range(10):
        m = idx == b
        if m.sum() == 0:
            continue
        conf = prob[m].mean(); acc = yb[m].mean(); gap = abs(acc - conf)
        ece += m.sum() / 300 * gap; mce = max(mce, gap)
        bins.append([int(m.sum()), float(conf), float(acc)])
    out["calibration"][f"ece_{name}"] = ece; out["calibration"][f"mce_{name}"] = mce; out["calibration"][f"bins_{name}"] = bins

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "stats_cases.json"), "w") as fh:
    json.dump(out, fh, indent=1)
    fh.write("\n")
print("ok")

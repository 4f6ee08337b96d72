#!/usr/bin/python3
"""Regenerates stats_cases.json: reference values for GapLens.Statistics from scipy, scikit-learn,
statsmodels and numpy (Debian's python3-scipy/-sklearn/-statsmodels). Run with /usr/bin/python3.

Inputs are random (seeded) and edge cases: ties, zeros, n = 2, constant input, perfect agreement and
disagreement, missing ratings, and strong effects whose p-values are tiny (down to 1e-200), which the
C# tests compare with a relative tolerance.

Every case carries every key: a value scipy leaves undefined (nan) is written as null, and the tests
require the key, so a key missing from this file fails them instead of skipping the check.

statsmodels 0.13.5 has no Krippendorff's alpha: krippendorff_alpha() below is an independent numpy
implementation (coincidence matrix from outer products of per-unit value counts, Krippendorff 2011),
checked here against the published example ("Computing Krippendorff's Alpha-Reliability", 2011:
nominal 0.743, ordinal 0.815, interval 0.849) and used for random cases with missing ratings.
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

# Strong effects: p-values far below 1e-6 (a separate generator, so the cases above keep their values).
strong = np.random.default_rng(7007)
base = strong.normal(0, 1, 40)
pairs.append((base + 2.0 + strong.normal(0, 0.3, 40), base))                 # paired t ~1e-40, exact Wilcoxon 2/2^40
base = strong.normal(0, 1, 200)
pairs.append((base + 0.05 * strong.normal(0, 1, 200), base))                 # r ~ 0.999: Pearson p ~ 0; Kendall normal approx
pairs.append((base + 1.5 + strong.normal(0, 1, 200), base))                  # Wilcoxon normal approximation, Welch ~1e-20
pairs.append((strong.normal(5, 1, 60), strong.normal(0, 1, 60)))             # Welch ~1e-60
pairs.append((np.arange(80.0) + strong.normal(0, 8, 80), np.arange(80.0)))   # moderate correlation over 80 pairs

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
        else:
            c[f"wilcoxon_{alt}"] = [None, None]  # scipy raises: every difference is zero
    for name, fn, min_n in [("pearson", stats.pearsonr, 3), ("spearman", stats.spearmanr, 3), ("kendall", stats.kendalltau, 2)]:
        if np.std(x) > 0 and np.std(y) > 0 and len(x) >= min_n:
            c[name] = [f(v) for v in fn(x, y)]
        else:
            # constant input: scipy gives nan; n = 2: scipy's Pearson/Spearman r is always +-1 (p 1 or nan),
            # which GapLens deliberately leaves undefined (fewer than 3 pairs).
            c[name] = [None, None]
    c["welch_df"] = None
    vx, vy = np.var(x, ddof=1) / len(x), np.var(y, ddof=1) / len(y)
    if len(x) > 1 and vx + vy > 0:
        c["welch_df"] = f((vx + vy) ** 2 / (vx ** 2 / (len(x) - 1) + vy ** 2 / (len(y) - 1)))
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
for t in [[[20, 5], [12, 30]], [[10, 0], [3, 10]], [[5, 40], [38, 7]], [[4, 1], [1, 4]], [[50, 30], [10, 60]],
          [[10, 200], [5, 10]], [[0, 900], [40, 0]]]:  # the last two: p ~ 1e-40 and below 1e-150
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

# Krippendorff's alpha.
def krippendorff_alpha(data, level):
    """data: raters x units, nan = missing. None when alpha is undefined (no pairable values or no variation)."""
    values = np.unique(data[~np.isnan(data)])
    index = np.searchsorted(values, data)
    o = np.zeros((len(values), len(values)))
    for u in range(data.shape[1]):
        present = ~np.isnan(data[:, u])
        m = present.sum()
        if m < 2:
            continue
        counts = np.bincount(index[present, u], minlength=len(values)).astype(float)
        o += (np.outer(counts, counts) - np.diag(counts)) / (m - 1)
    n_c = o.sum(axis=1)
    n = n_c.sum()
    if n < 2:
        return None
    if level == "nominal":
        delta = 1.0 - np.eye(len(values))
    elif level == "interval":
        delta = (values[:, None] - values[None, :]) ** 2
    else:  # ordinal: (sum of n_g for g between c and k, minus half the ends)^2
        cum = np.concatenate([[0.0], np.cumsum(n_c)])
        lo = np.minimum.outer(np.arange(len(values)), np.arange(len(values)))
        hi = np.maximum.outer(np.arange(len(values)), np.arange(len(values)))
        delta = (cum[hi + 1] - cum[lo] - (n_c[lo] + n_c[hi]) / 2) ** 2
    d_o = (o * delta).sum()
    d_e = (np.outer(n_c, n_c) * delta).sum()
    return None if d_e == 0 else float(1 - (n - 1) * d_o / d_e)


nan = np.nan
published = np.array([[1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan], [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
                      [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan], [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan]])
for level, alpha in [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849)]:
    assert round(krippendorff_alpha(published, level), 3) == alpha, level
kripp = [published]
for raters, units, missing, scale in [(3, 30, 0.2, 5), (5, 15, 0.3, 4), (2, 50, 0.0, 3), (4, 25, 0.5, 7)]:
    r = rng.integers(1, scale + 1, size=(raters, units)).astype(float)
    r[rng.uniform(size=r.shape) < missing] = nan
    kripp.append(r)
r = rng.normal(3, 1, size=(3, 20)).round(2)               # interval data with non-integer values
r[rng.uniform(size=r.shape) < 0.15] = nan
kripp.append(r)
kripp.append(np.array([[2, 2, 2], [2, 2, nan]]))           # no variation: undefined
kripp.append(np.array([[1, nan, 3], [nan, 2, nan]]))       # no unit with two ratings: undefined
kripp.append(np.array([[1, 2, 3, 4], [1, 2, 3, 4]]))       # perfect agreement
out["krippendorff"] = [{"ratings": [[None if np.isnan(v) else float(v) for v in row] for row in k],
                        **{level: krippendorff_alpha(k, level) for level in ["nominal", "ordinal", "interval"]}} for k in kripp]

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "stats_cases.json"), "w") as fh:
    json.dump(out, fh, indent=1)
    fh.write("\n")
print("ok")

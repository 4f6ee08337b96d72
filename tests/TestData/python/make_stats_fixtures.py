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

cases = []
for n in [1, 2, 3, 5, 10, 17, 100, 1000, 123457]:
    for k in sorted({0, 1, n // 3, n // 2, n - 1, n}):
        if 0 <= k <= n:
            lo, hi = proportion_confint(k, n, alpha=0.05, method="wilson")
            cases.append({"k": k, "n": n, "lower": float(lo), "upper": float(hi)})

out = {
    "meta": {"python": sys.version.split()[0], "statsmodels": statsmodels.__version__, "scipy": scipy.__version__,
             "call": "statsmodels.stats.proportion.proportion_confint(k, n, alpha=0.05, method='wilson')"},
    "wilson": cases,
}
here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "stats_reference.json"), "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")

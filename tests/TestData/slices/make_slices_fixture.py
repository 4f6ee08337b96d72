#!/usr/bin/python3
"""Regenerates planted.csv and planted_expected.json: the reference for GapLens' slice search
(tests/GapLens.Slices.Tests/ReferenceTests.cs). Run with Debian's /usr/bin/python3 (pandas, scipy,
statsmodels).

planted.csv: 3,000 samples with features model (4 values), task (5), lighting (3, some missing),
duration (numbers, cut into 4 quantile bins as pandas.qcut does), tags (a list: "a|b"), an id column
and an outcome (correct / wrong / unanswered / judge_failed, and skipped, which is excluded). Every
sample fails at the base rates, except two planted slices:
  - model = m3 & task = counting fails far more often (mostly wrong answers and unanswered items):
    it must be rank 1 of the slices worse for sure;
  - lighting = night fails a little more often, over many samples (a large expected gain).
The "noise" slice is the one, among all the others, whose difference to the rest has the smallest
p-value: it is worse only by chance, and its q-value must be above 0.05.

The expected values are computed independently of GapLens: pandas groupby (lists exploded) for the
counts; statsmodels proportion_confint(method="wilson") for the rates, confint_proportions_2indep
(method="newcomb") for the differences, proportions_ztest for the z test and multipletests("fdr_bh")
for the q-values; scipy.stats.fisher_exact when an expected count of the 2x2 table is below 5.
"""
import json
import os
import sys

import numpy as np
import pandas as pd
import scipy
import statsmodels
from scipy.stats import fisher_exact
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint, proportions_ztest

HERE = os.path.dirname(os.path.abspath(__file__))
MIN_SUPPORT = 20
ALPHA = 0.05
BINS = 4
CLASSES = ["correct", "wrong", "unanswered", "judge_failed"]


def generate():
    rng = np.random.default_rng(16)
    n = 3000
    model = rng.choice(["m1", "m2", "m3", "m4"], n)
    task = rng.choice(["counting", "ordering", "spatial", "temporal", "ocr"], n)
    lighting = rng.choice(["day", "night", "dusk", ""], n, p=[0.5, 0.3, 0.17, 0.03])
    duration = np.round(rng.uniform(1, 120, n), 1)
    tag_pool = ["a", "b", "c"]
    tags = ["|".join(sorted(set(rng.choice(tag_pool, rng.integers(1, 3))))) for _ in range(n)]
    base = [0.80, 0.12, 0.05, 0.03]
    planted = [0.25, 0.45, 0.25, 0.05]
    night = [0.66, 0.22, 0.08, 0.04]
    outcome = []
    for i in range(n):
        p = base
        if model[i] == "m3" and task[i] == "counting":
            p = planted
        elif lighting[i] == "night":
            p = night
        o = rng.choice(CLASSES, p=p)
        if rng.random() < 0.02:
            o = "skipped"
        outcome.append(o)
    df = pd.DataFrame({"sample_id": [f"s{i:05d}" for i in range(n)], "model": model, "task": task, "lighting": lighting,
                       "duration": duration, "tags": tags, "outcome": outcome})
    df.to_csv(os.path.join(HERE, "planted.csv"), index=False, lineterminator="\n")


def reference(name="planted", min_support=MIN_SUPPORT, planted_key=(("model", "m3"), ("task", "counting")), noise_exclude=(("lighting", "night"),)):
    MIN_SUPPORT = min_support
    df = pd.read_csv(os.path.join(HERE, name + ".csv"), keep_default_na=True)
    df = df[df["outcome"] != "skipped"].reset_index(drop=True)
    df["row"] = np.arange(len(df))
    df["lighting"] = df["lighting"].fillna("(missing)")
    df["duration"] = pd.qcut(df["duration"], BINS, labels=False, duplicates="drop").map(lambda b: f"bin{int(b)}")
    df["tags"] = df["tags"].str.split("|")
    for c in CLASSES:
        df[c] = (df["outcome"] == c).astype(int)
    N = len(df)
    totals = {c: int(df[c].sum()) for c in CLASSES}
    F = N - totals["correct"]
    features = ["model", "task", "lighting", "duration", "tags"]

    def frame(cols):
        d = df
        if "tags" in cols:
            d = d.explode("tags")
        return d

    slices = []
    combos = [[f] for f in features] + [[a, b] for i, a in enumerate(features) for b in features[i + 1:]]
    for cols in combos:
        g = frame(cols).groupby(cols, dropna=False)[CLASSES].sum()
        sizes = frame(cols).groupby(cols, dropna=False).size()
        for key, n in sizes.items():
            key = key if isinstance(key, tuple) else (key,)
            if n < MIN_SUPPORT or n == N:
                continue
            counts = g.loc[key if len(key) > 1 else key[0]]
            slices.append({"predicates": [[c, str(v)] for c, v in zip(cols, key)], "counts": [int(counts[c]) for c in CLASSES]})

    def test(f1, n1, f2, n2):
        tot, fails = n1 + n2, f1 + f2
        small = min(n1, n2) * min(fails, tot - fails) / tot < 5
        if small:
            return "fisher-exact", float(fisher_exact([[f1, n1 - f1], [f2, n2 - f2]])[1])
        return "two-proportion-z", float(proportions_ztest([f1, f2], [n1, n2])[1])

    for s in slices:
        n = sum(s["counts"])
        f = n - s["counts"][0]
        rn, rf = N - n, F - f
        s["size"], s["failures"], s["rest_size"], s["rest_failures"] = n, f, rn, rf
        s["rate"] = f / n
        s["rate_ci"] = list(map(float, proportion_confint(f, n, alpha=0.05, method="wilson")))
        s["rest_rate"] = rf / rn
        s["rest_rate_ci"] = list(map(float, proportion_confint(rf, rn, alpha=0.05, method="wilson")))
        s["difference"] = f / n - rf / rn
        lo, hi = confint_proportions_2indep(f, n, rf, rn, method="newcomb", compare="diff", alpha=0.05)
        s["difference_ci"] = [float(lo), float(hi)]
        s["test"], s["p"] = test(f, n, rf, rn)
        share = n / N
        s["gain"] = share * s["difference"]
        s["gain_ci"] = [share * float(lo), share * float(hi)]
    q = multipletests([s["p"] for s in slices], alpha=ALPHA, method="fdr_bh")[1]
    for s, qv in zip(slices, q):
        s["q"] = float(qv)

    # Rankings: worse than the rest at q <= alpha, and worse than the other samples of each parent at p <= alpha.
    index = {tuple(map(tuple, s["predicates"])): s for s in slices}

    def kept(s):
        if len(s["predicates"]) == 1:
            return True
        for drop in range(len(s["predicates"])):
            parent = index[tuple(tuple(p) for i, p in enumerate(s["predicates"]) if i != drop)]
            on, of = parent["size"] - s["size"], parent["failures"] - s["failures"]
            if on == 0 or s["failures"] / s["size"] <= of / on:
                return False
            if test(s["failures"], s["size"], of, on)[1] > ALPHA:
                return False
        return True

    ranked = [s for s in slices if s["difference"] > 0 and s["q"] <= ALPHA and kept(s)]
    by_lower = sorted(ranked, key=lambda s: (-s["difference_ci"][0], s["p"]))
    by_gain = sorted(ranked, key=lambda s: (-s["gain_ci"][0], s["p"]))
    planted_key = [list(p) for p in planted_key]
    excluded = planted_key + [list(p) for p in noise_exclude]
    others = [s for s in slices if s["difference"] > 0 and not any(p in excluded for p in s["predicates"])]
    noise = min(others, key=lambda s: s["p"])
    out = {
        "meta": {"python": sys.version.split()[0], "numpy": np.__version__, "pandas": pd.__version__, "scipy": scipy.__version__,
                 "statsmodels": statsmodels.__version__, "script": "tests/TestData/slices/make_slices_fixture.py"},
        "min_support": MIN_SUPPORT, "alpha": ALPHA, "bins": BINS, "classes": CLASSES,
        "rows": N, "failures": F, "class_totals": [totals[c] for c in CLASSES],
        "duration_edges": [float(e) for e in pd.qcut(pd.read_csv(os.path.join(HERE, name + ".csv")).query("outcome != 'skipped'")["duration"], BINS, retbins=True, duplicates="drop")[1]],
        "tested": len(slices),
        "planted": planted_key,
        "noise": noise["predicates"],
        "rank_by_lower_bound": [s["predicates"] for s in by_lower[:10]],
        "rank_by_gain": [s["predicates"] for s in by_gain[:10]],
        "significant_kept": len(ranked),
        "slices": slices,
    }
    with open(os.path.join(HERE, name + "_expected.json"), "w") as fh:
        json.dump(out, fh, indent=1)
        fh.write("\n")
    print(f"{N} samples, {len(slices)} slices tested, {len(ranked)} significant and kept; rank 1 {by_lower[0]['predicates']} "
          f"(q {by_lower[0]['q']:.2e}); gain rank 1 {by_gain[0]['predicates']}; noise {noise['predicates']} p {noise['p']:.4f} q {noise['q']:.3f}")


def generate_small():
    """small.csv: 240 samples with rare failures (6%), so most slices have an expected count below 5 and
    are tested with Fisher's exact test; min support 4. Same columns as planted.csv."""
    rng = np.random.default_rng(1616)
    n = 240
    model = rng.choice(["m1", "m2", "m3"], n)
    task = rng.choice(["counting", "ordering", "spatial", "temporal"], n)
    lighting = rng.choice(["day", "night", ""], n, p=[0.6, 0.35, 0.05])
    duration = np.round(rng.uniform(1, 60, n), 1)
    tags = ["|".join(sorted(set(rng.choice(["a", "b", "c"], rng.integers(1, 3))))) for _ in range(n)]
    outcome = []
    for i in range(n):
        p = [0.94, 0.03, 0.02, 0.01]
        if model[i] == "m2" and task[i] == "ordering":
            p = [0.45, 0.35, 0.15, 0.05]
        outcome.append(rng.choice(CLASSES, p=p))
    df = pd.DataFrame({"sample_id": [f"t{i:04d}" for i in range(n)], "model": model, "task": task, "lighting": lighting,
                       "duration": duration, "tags": tags, "outcome": outcome})
    df.to_csv(os.path.join(HERE, "small.csv"), index=False, lineterminator="\n")


if __name__ == "__main__":
    if "--keep-data" not in sys.argv:
        generate()
        generate_small()
    reference()
    reference("small", 4, (("model", "m2"), ("task", "ordering")), ())

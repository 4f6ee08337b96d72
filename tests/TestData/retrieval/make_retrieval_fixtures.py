#!/usr/bin/python3
"""Regenerates the retrieval fixtures (Debian's /usr/bin/python3: torch 1.13, numpy).

A [300, 16] matrix of frame embeddings (seeded normal values) saved with torch.save as float32,
float16 and bfloat16 ({"filenames": frame_0.jpg .. frame_299.jpg, "embeddings": ...}); row 5 is all
zeros (cosine undefined); rows 250 and 251 repeat row 10 exactly (ties). Four queries; query 0 is
row 10 itself, so rows 10, 250, 251 tie at the top with cosine 1.

expected.json holds, per dtype, the top 10 rows and cosine similarities of every query, computed in
float64 with numpy from the values as stored in that dtype (widened exactly), ranked by score
descending then row ascending, zero rows left out.
"""
import json
import os
import sys

import numpy as np
import torch

here = os.path.dirname(os.path.abspath(__file__))
os.chdir(here)
rng = np.random.default_rng(3)
m = rng.standard_normal((300, 16)).astype(np.float32)
m[5] = 0
m[250] = m[10]
m[251] = m[10]
queries = rng.standard_normal((4, 16)).astype(np.float32)
queries[0] = m[10]
names = [f"frame_{i}.jpg" for i in range(300)]

out = {"meta": {"python": sys.version.split()[0], "torch": torch.__version__, "numpy": np.__version__,
                "script": "tests/TestData/retrieval/make_retrieval_fixtures.py"},
       "queries": queries.astype(np.float64).tolist(), "k": 10, "undefined_rows": 1, "expected": {}}
for name, dtype in [("f32", torch.float32), ("f16", torch.float16), ("bf16", torch.bfloat16)]:
    t = torch.from_numpy(m).to(dtype)
    torch.save({"filenames": names, "embeddings": t}, f"m_{name}.pt")
    stored = t.double().numpy()
    norms = np.linalg.norm(stored, axis=1)
    per_query = []
    for q in queries.astype(np.float64):
        qn = q / np.linalg.norm(q)
        rows = []
        for r in range(stored.shape[0]):
            if norms[r] == 0:
                continue
            rows.append((-(stored[r] @ qn) / norms[r], r))
        rows.sort()
        per_query.append([{"row": r, "score": -s} for s, r in rows[:10]])
    out["expected"][name] = per_query

with open("expected.json", "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print("ok")

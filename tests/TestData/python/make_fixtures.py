#!/usr/bin/env python3
"""Regenerates the Python reference fixtures in this folder (run: python3 make_fixtures.py).

Every expected value below is computed by CPython itself (re, str.lower, repr, json), so the C#
tests compare GapLens with the behaviour of the original TAO script, not with our reading of it.
Records the Python version that produced them.
"""
import json
import math
import random
import re
import struct
import sys

OUT = {}
meta = {"python": sys.version.split()[0], "script": "tests/TestData/python/make_fixtures.py"}

# 1. The yes/no rule of TAO vlm_bcq: lower().strip(), then \byes\b / \bno\b.
texts = [
    "Yes.", "A. Yes", "yes, there is a collision", "B. No", "no-go", "NO",
    "nothing", "nope", "Nobody", "It is not", "yes_no", "NO_PASS", "yes123", "Yes/No", "maybe", "",
    "  yes  ", "\tno\n", "YES!", "(no)", "\"yes\"", "yes.no", "yes no", "no, yes", "yesno", "noyes",
    "éyes", "yesé", "yes\u0301", "\u0301no", "ñno", "noñ", "yes²", "²no", "yes³", "no½", "yes٣", "٣no",
    "ｙｅｓ", "ＹＥＳ", "ｙyes", "yesｙ", "_yes", "yes_", "no_", "_no", "İno", "noİ", "İ no", "yeſ", "YEſ",
    "ǅyes", "yesǅ", "Ⅻyes", "yesⅫ", "ʰyes", "yes中", "中yes", "yes\u200bno", "yes\u00a0", "\u2028no",
    "yes\U0001F600", "\U0001F600no", "yes\U0001D7D8", "\U0001D400no", "\U00010400no", "Yes\u0130",
    "ΣΑΣ no", "ΝΟ", "Нет no", "да yes", "是的 yes", "いいえ no", "yes, no", "no; no", "yes yes",
    "The answer is yes.", "Answer: No.", "Y", "N", "y e s", "n o", "ye s", "n0", "yes\x00", "\x00no",
]
OUT["yes_no"] = []
for t in texts:
    low = t.lower().strip()
    OUT["yes_no"].append({"text": t, "has_yes": re.search(r"\byes\b", low) is not None,
                          "has_no": re.search(r"\bno\b", low) is not None})

# 2. repr(str), used in the skip warnings.
strs = ["", "abc", "it's", 'say "hi"', "both ' and \"", "back\\slash", "tab\there", "nl\nx", "cr\rx",
        "\x00\x01\x1f\x7f", "é", "\u00a0", "\u00ad", "\u2028", "\u200b", "\ufeff", "\ue000", "\U0001F600",
        "\U000E0001", "中文", "\u0301", "\x85", "a\u0378b", "\U0010FFFF", "'", '"', "'\"'"]
OUT["repr_str"] = [{"s": s, "repr": repr(s)} for s in strs]

# 3. repr(float).
rng = random.Random(1)
floats = [0.0, -0.0, 1.0, -1.0, 0.1, 0.5, 1.5, 100.0, 1e15, 1e16, 1e17, 123456789012345.6, 1234567890123456.7,
          0.0001, 0.00012345, 0.00001, 1e-05, 1.5e-07, 1e-07, 5e-324, -5e-324, 2.2250738585072014e-308,
          1.7976931348623157e308, 0.1 + 0.2, 1 / 3, 2 / 3, 9.999999999999999e-05, 9999999999999998.0,
          0.09999999999999999, 1.3877787807814457e-17, 123.456, 1e22, 1e-22, float("inf"), float("-inf")]
for _ in range(1500):
    bits = rng.getrandbits(64)
    x = struct.unpack("<d", struct.pack("<Q", bits))[0]
    if math.isfinite(x):
        floats.append(x)
for _ in range(500):
    floats.append(rng.uniform(-1e6, 1e6))
    floats.append(rng.random() * 10 ** rng.randint(-10, 20))
OUT["repr_float"] = [{"bits": struct.unpack("<Q", struct.pack("<d", x))[0], "repr": repr(x)} for x in floats]

# 4. json.dumps(json.loads(text), ensure_ascii=False) for pass-through values.
docs = ['"plain"', '"quote \\" and backslash \\\\"', '"tab\\tnl\\ncr\\rbs\\bff\\f"', '"\\u0001\\u001f\\u007f"',
        '"\\u2028\\u2029"', '"\\ud83d\\ude00 emoji"', '"é raw"', '"\\u00e9 escaped"', '"/slash\\/"',
        '1', '-0', '0', '12345678901234567890123', '1.0', '1.50', '1e5', '1E-7', '-0.0', '2.5e-3', '1e400',
        '-1e400', '0.1', '100', 'true', 'false', 'null', '[]', '{}', '[1, "a", null, true, 1.25]',
        '{"b": 1, "a": {"c": [1, 2, {"d": "x"}]}}', '{"k": 1, "k": 2, "j": 3}', '{"nested": {"q": "Is it \\"ok\\"?"}}',
        '[[], {}, [[]]]', '"\\u0000"', '{"\\u00e9": "\\t"}']
OUT["json_dumps"] = [{"json": d, "dumps": json.dumps(json.loads(d), ensure_ascii=False)} for d in docs]

# 5. format(x, ".Nf") and ".0%" (round-half-even on the exact binary value).
fmt_values = [0.125, 0.375, 2.675, 1.005, 0.5, 1.5, 2.5, -0.5, -0.0, 0.0, 1e-07, 123456.789, 0.05, 0.15, 0.25, 0.35,
              99.95, 99.94999, 1e16, 5e-324, 0.9999, 0.99995, 12.345, 1/3, 2/3, 50.0, 33.333333333333336, 0.955, 1.0, 1.5]
for _ in range(600):
    fmt_values.append(rng.uniform(-1000, 1000))
    fmt_values.append(round(rng.uniform(0, 100), rng.randint(0, 4)))
OUT["format_fixed"] = [{"bits": struct.unpack("<Q", struct.pack("<d", x))[0], "f1": format(x, ".1f"), "f4": format(x, ".4f"),
                        "f0": format(x, ".0f"), "pct0": format(x, ".0%")} for x in fmt_values]

# 6. str(PurePosixPath(a) / b / c).
from pathlib import PurePosixPath
joins = [("", "a", "b_x.png"), (".", "a", "f"), ("/media", "boards/b1", "C1_top.png"), ("/media/", "boards//b2/./", "f"),
         ("/data//kpi/./media/", "/abs/b3", "f"), ("m", "../up/b4", "f"), ("//server/share", "x", "f"), ("///a", "b", "c"),
         ("", "", "f"), ("a/", "", ""), ("", "0012", "C_top.jpg"), ("a", "b/../c", "./d"), (".", ".", "."), ("", "/", "x"),
         ("rel", "//double", "x"), ("a", "b", "c/d/"), ("a", "b", "sub/./x.png")]
OUT["posix_join"] = [{"parts": list(j), "joined": str(PurePosixPath(j[0]).joinpath(*j[1:]))} for j in joins]

OUT["meta"] = meta
with open("python_reference.json", "w", encoding="utf-8") as f:
    json.dump(OUT, f, ensure_ascii=True, indent=1)
    f.write("\n")
print(f"wrote python_reference.json with Python {meta['python']}", file=sys.stderr)

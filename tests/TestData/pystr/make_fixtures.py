#!/usr/bin/python3
"""Regenerates pystr.json: CPython's str.upper(), str.isspace() and str.strip() (TAO's vcn_aoi.py
compares labels with str(label).strip().upper() == "PASS" and groups them by that key).

Run with Debian's /usr/bin/python3 (3.11, Unicode 14.0.0):
    /usr/bin/python3 tests/TestData/pystr/make_fixtures.py

upper:   every code point whose str.upper() is not itself (the C# test checks all other code points
         map to themselves), so every code point where .NET's ToUpperInvariant differs is covered;
isspace: every code point for which str.isspace() is true;
strings: whole labels with their strip(), upper() and strip().upper().
"""
import json
import os
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
cps = [cp for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF]
upper = {f"{cp:X}": chr(cp).upper() for cp in cps if chr(cp).upper() != chr(cp)}
isspace = [cp for cp in cps if chr(cp).isspace()]
strings = ["PASS", "pass", " pass ", "paß", "PAß", "paſs", "\u1e9e", "ﬁx", "ﬂaw", "ﬀ", "ŉ", "ǰ", "ΐ", "ᾳ", "ᾼ", "և", "ı", "i", "İ",
           "\x1cPASS\x1f", "\u00a0pass\u3000", "\u2028PASS\u2029", "\x85pass", "\u180epass", "\u200bpass", "\tNO_PASS\n",
           "\x1e\x1d", "", " ", "Missing", "bridge ", "ǅ", "ǆ", "ǈ", "Σσς", "ÿ", "µ", "ɐ", "ꞵ", "\U00010428", "\U0001E922",
           "\U000104D8", "ⓐ", "ⅰ", "ǳ", "ᏸ", "ꭰ", "ᲀ", "\u0345", "\U00016E60", "ﬓ", "ﬗ", "ﬆ", "ﬅ", "ﬃ", "ﬄ", "Ⱥ", "ⱥ", "ȿ",
           "mixed ß and ﬁ in one label", "中文", "\U0001F600"]
out = {
    "meta": {"python": sys.version.split()[0], "unicode": unicodedata.unidata_version, "script": "tests/TestData/pystr/make_fixtures.py"},
    "upper": upper,
    "isspace": isspace,
    "strings": [{"s": s, "strip": s.strip(), "upper": s.upper(), "strip_upper": s.strip().upper()} for s in strings],
}
with open(os.path.join(HERE, "pystr.json"), "w", encoding="utf-8") as fh:
    json.dump(out, fh, ensure_ascii=True, indent=0)
    fh.write("\n")
print(f"{len(upper)} upper mappings, {len(isspace)} spaces, {len(strings)} strings")

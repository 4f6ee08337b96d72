#!/usr/bin/python3
"""Regenerates the pandas float-parsing fixtures in this folder. Run with Debian's /usr/bin/python3
(pandas 1.5.3, numpy 1.24) from anywhere:

    /usr/bin/python3 tests/TestData/pandas_float/make_fixtures.py

NVIDIA's vcn_aoi.py reads inference.csv with pandas.read_csv(path) and then
df["siamese_score"].astype(float) / float(r["siamese_score"]). Every expected value here is what that
pandas really did, recorded as the 64 bits of the double (hex), so the C# tests compare bit for bit.

fields.json   one entry per field text: [text, high, round_trip, python]
              high / round_trip: the double pandas' C parser gives for that field in a float64
              column (float_precision=None, i.e. precise_xstrtod, and float_precision="round_trip"),
              or null when the C parser rejects the field (pandas then keeps the column as text);
              python: float(text) (what astype(float) gives for a text column), or null if it raises.
              Found per field by reading a two-row column "0.5", text (beside a text column, as in inference.csv) (0.5 first, so the column is
              never taken for integers) and looking at the dtype pandas chose.
columns/*.csv whole inference.csv files whose siamese_score column makes pandas choose another
              dtype (integers, unsigned, bool, text); expected in columns.json: the column's dtype
              and df["siamese_score"].astype(float) for both float_precision modes, or the error.
              columns/label_*.csv: label columns (NA spellings, numbers, booleans, 'ß'); expected:
              the dtype, astype(str), the strip().upper() key and str(label).strip() as vcn_aoi.py
              computes them.
"""
import csv
import io
import json
import math
import os
import random
import struct
import sys

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))


def bits(v):
    return struct.pack(">d", float(v)).hex()


def csv_field(s):
    if any(c in s for c in ',"\n\r') or s == "":
        return '"' + s.replace('"', '""') + '"'
    return s


def read_column(values, precision):
    text = "k,x\n" + "".join("r," + csv_field(v) + "\n" for v in values)  # never a blank line
    return pd.read_csv(io.StringIO(text), float_precision=precision, keep_default_na=True)["x"]


def python_float(s):
    try:
        return bits(float(s))
    except ValueError:
        return None


# --- single fields ---------------------------------------------------------------------------
edge = [
    # signs, zeros, short forms
    "0", "-0", "+0", "0.0", "-0.0", "+0.0", "00", "-00.000", ".5", "5.", "+.5", "-.5e-3", "+5.e+2", "-", "+", ".", "-.", "+-1", "--1", "-+1",
    # exponents
    "1e5", "1E5", "1e+5", "1e-5", "1e", "1e+", "1e-", "e5", "E5", ".e5", "1.5e", "1.5E-", "1ee5", "1e5e5", "1e5.0", "1e+-5", "1d5", "1D5",
    "1e0005", "1e-0005", "1e00000000000000005", "1e000000000000000005", "1e0000000000000000005",
    "1e99999999999999999", "1e-99999999999999999", "1e2147483647", "1e2147483648", "1e-2147483648", "1e-2147483649",
    "1e4294967296", "1e4294967297", "1e4294967605", "1e-4294967604", "0e999999", "0.0e-999999", "-0e400", "0e400",
    # whitespace: ASCII (pandas skips), Unicode (Python strips, pandas does not)
    " 0.5", "0.5 ", "  0.5  ", "\t0.5", "0.5\t", "\v0.5\f", "0.5\r", "\n0.5\n", " \t\v\f\r\n0.5 \t", "0 .5", "0. 5", "- 0.5", "1 e5",
    "\u00a00.5", "0.5\u00a0", "\u20030.5", "0.5\u3000", "\u20280.5", "\x1c0.5", "0.5\x1f", "\x1e0.5\x1d", "\x850.5", "\u180e0.5", "\u200b0.5",
    " ", "  ", "\t",
    # underscores and other digits (Python's float accepts them, pandas' C parser does not)
    "1_000", "1_0.5", "0.1_5", "1e1_0", "1__0", "_1", "1_", "1_e5", "1._5", "1_.5",
    "\u0661\u0662\u0663", "\u0661.\u0665", "\uff10.\uff15", "\U0001d7cf.\U0001d7d3", "\u0966\u0967", "1\u0665",
    # inf / nan spellings
    "inf", "Inf", "INF", "+inf", "-inf", "+Inf", "-INF", "infinity", "Infinity", "INFINITY", "-Infinity", "+Infinity", "iNfInItY", "-iNf",
    "infinite", "in", "infinityy", " inf", "inf ", "+ inf", "--inf", "nan", "NaN", "NAN", "-nan", "+nan", "-NaN", "+NaN", "nAn", "-NAN", " nan", "nan ",
    "snan", "nan(123)", "NA", "N/A", "n/a", "na", "null", "NULL", "Null", "None", "none", "#N/A", "#N/A N/A", "#NA", "1.#IND", "-1.#IND",
    "1.#QNAN", "-1.#QNAN", "<NA>", "", "NaT", "True", "False", "TRUE", "true",
    # other rejects
    "0x10", "0x1p3", "1,5", "1.5.5", "1.5x", "x1.5", "1/2", "½", "١", "0.5\"", "'0.5'", "1e5 x", "12e",
    # long mantissas, long zero runs
    "0." + "1" * 30, "1" * 25, "1" * 400, "0." + "0" * 400 + "1", "0." + "0" * 15 + "12345", "0." + "0" * 16 + "12345",
    "0." + "0" * 17 + "12345", "0." + "0" * 20 + "1", "0.00000000000000000001", "0.000000000000000000000000000001",
    "1" + "0" * 22, "1" + "0" * 23, "1" + "0" * 308, "1" + "0" * 309, "0" * 50 + "1.5", "0" * 16 + "1.5", "0" * 17 + "1.5", "-" + "0" * 18 + "7",
    "123456789012345678901234567890e-10", "12345678901234567890", "9007199254740993", "9007199254740993.0", "9223372036854775807",
    "9223372036854775808", "18446744073709551615", "18446744073709551616", "-9223372036854775808", "-9223372036854775809",
    "0.1000000000000000055511151231257827021181583404541015625", "0.1000000000000000055511151231257827021181583404541015624",
    "0.30000000000000004", "0.30000000000000003", "0.3", "0.1", "0.2", repr(0.1 + 0.2), repr(0.1 * 3), repr(1 / 3), repr(2 / 3),
    "0.99999999999999989", "0.99999999999999994", "0.999999999999999944", "1.0000000000000002", "1.00000000000000011",
    "%.17g" % 0.1, "%.20f" % 0.1, "%.25f" % (1 / 3), "%.30f" % 1e-10, "%.17f" % 0.123456789,
    # the extremes
    "1e308", "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "1.8e308", "1e309", "-1e309", "-1e308",
    "179769313486231570000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
    "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
    "000000000000000000000000000000000000000000",
    "10e307", "0.1e309", "0.01e310", "100e306",
    "2.2250738585072014e-308", "2.2250738585072011e-308", "2.225073858507201e-308", "2.2250738585072009e-308", "1e-308", "1e-309",
    "1e-310", "1e-320", "-1e-320", "9.8813129168249309e-324", "4.9406564584124654e-324", "5e-324", "4e-324", "3e-324",
    "2.4703282292062328e-324", "2.4703282292062327e-324", "2e-324", "1e-324", "1e-400", "1e-616", "1e-617", "1e-1000",
    "1.5e-323", "123456789e-330", "0.000001e-318", "1000000e-330",
]
rng = random.Random(20260515)
randoms = []
for _ in range(6000):  # classifier scores: uniform in [0, 1)
    randoms.append(repr(rng.random()))
for _ in range(2000):  # scores on other scales
    randoms.append(repr(rng.uniform(-1, 1) * 10 ** rng.randint(-12, 12)))
while len(randoms) < 10000:  # any finite double (random bit patterns: all exponents, subnormals)
    v = struct.unpack(">d", rng.getrandbits(64).to_bytes(8, "big"))[0]
    if math.isfinite(v):
        randoms.append(repr(v))
for _ in range(1000):  # the same values as other tools print them
    v = rng.random()
    randoms.append(rng.choice(["%.17g", "%.18g", "%.20f", "%.25g", "%.16e", "%.12f"]) % v)

fields = []
for precision in [None, "round_trip"]:
    col = read_column(["0.5"] + randoms, precision)
    assert col.dtype == np.float64, "random values must all parse as float64"
    for i, s in enumerate(randoms):
        if precision is None:
            fields.append([s, bits(col.iloc[i + 1]), None, python_float(s)])
        else:
            fields[i][2] = bits(col.iloc[i + 1])

edge_start = len(fields)
for s in edge:
    row = [s, None, None, python_float(s)]
    for k, precision in [(1, None), (2, "round_trip")]:
        col = read_column(["0.5", s], precision)
        if col.dtype == np.float64:
            row[k] = bits(col.iloc[1])
    fields.append(row)

misrounded = sum(1 for f in fields[:10000] if f[1] != f[3])
meta = {
    "python": sys.version.split()[0], "pandas": pd.__version__, "numpy": np.__version__,
    "script": "tests/TestData/pandas_float/make_fixtures.py",
    "call": "pandas.read_csv(path, float_precision=None | 'round_trip'); float(text)",
    "random_fields": len(randoms), "edge_fields": len(edge),
    "random_repr_fields_where_default_differs_from_correct_rounding": misrounded,
}
with open(os.path.join(HERE, "fields.json"), "w", encoding="utf-8") as fh:
    fh.write('{"meta": ' + json.dumps(meta) + ',\n "fields": [\n')
    fh.write(",\n".join("  " + json.dumps(f, ensure_ascii=True) for f in fields))
    fh.write("\n ]\n}\n")

# --- whole columns ---------------------------------------------------------------------------
columns = {
    "integers": ["0", "1", "-0", "9007199254740993", "-9007199254740993", "123456789012345678", "  42 "],
    "unsigned_integers": ["1", "18446744073709551615", "9223372036854775808", "0"],
    "huge_integer_then_float": ["99999999999999999999", "0.30000000000000004", "0.1"],
    "uint64_integer_then_float": ["18446744073709551615", "0.30000000000000004", "0.1"],
    "float_then_huge_integer": ["0.30000000000000004", "99999999999999999999", "0.1"],
    "negative_and_unsigned_integers": ["-1", "18446744073709551615"],
    "booleans": ["True", "false", "TRUE", "False"],
    "underscore_makes_text": ["0.30000000000000004", "1_000", "0.8999999999999999", "0.49487760958693446"],
    "unicode_space_makes_text": ["0.30000000000000004", "\u00a00.25", "0.8999999999999999", "0.49487760958693446"],
    "exponent_overflow_makes_text": ["0.30000000000000004", "0e400", "0.8999999999999999", "0.49487760958693446"],
    "long_exponent_makes_text": ["0.30000000000000004", "1e000000000000000000001", "0.8999999999999999"],
    "full_precision_floats": ["0.30000000000000004", "0.8999999999999999", "0.49487760958693446", "1e-320", "0." + "0" * 17 + "12345"],
    "nan_field": ["0.5", "nan", "0.25"],
    "inf_field": ["0.5", "-Infinity", "0.25"],
    "text": ["0.5", "abc", "0.25"],
    "text_nan_spelling": ["0.5", "NAN", "0.25"],
}
os.makedirs(os.path.join(HERE, "columns"), exist_ok=True)
expected = {}
for name, values in columns.items():
    path = os.path.join(HERE, "columns", name + ".csv")
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write("input_path,object_name,label,siamese_score\n")
        for i, v in enumerate(values):
            fh.write(f"b,C{i},{'PASS' if i % 2 else 'NO_PASS'},{csv_field(v)}\n")
    entry = {"values": values}
    for precision, key in [(None, "high"), ("round_trip", "round_trip")]:
        df = pd.read_csv(path, float_precision=precision)
        entry[key + "_dtype"] = str(df["siamese_score"].dtype)
        try:
            entry[key] = [bits(v) for v in df["siamese_score"].astype(float)]
        except ValueError as e:
            entry[key] = None
            entry[key + "_error"] = str(e)
    expected[name] = entry
# --- label columns: what vcn_aoi.py compares and writes ------------------------------------------
label_columns = {
    "text_with_na": ["PASS", "", "NA", "pa\u00df", "\ufb01x", " Missing ", "\x1cpass\x1f", "None", "nan", "null", "NaN", " pass"],
    "integers": ["1", "01", " 2 ", "-0", "+7"],
    "integers_with_na": ["1", "", "2"],
    "booleans": ["True", "false", "TRUE"],
    "booleans_with_na": ["True", "", "false"],
    "floats": ["0.30000000000000004", "1e16", "0.5", "-0.0", "nan", "1e-5"],
    "unsigned_and_negative": ["18446744073709551615", "-1", "PASS"],
    "unsigned_with_na": ["18446744073709551615", "", "NA"],
    "unsigned": ["9223372036854775808", "5"],
    "overflow_then_text": ["99999999999999999999", "PASS", ""],
}
labels = {}
for name, values in label_columns.items():
    path = os.path.join(HERE, "columns", "label_" + name + ".csv")
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write("input_path,object_name,label,siamese_score\n")
        for i, v in enumerate(values):
            fh.write(f"b,C{i},{csv_field(v)},0.{i + 1}\n")
    df = pd.read_csv(path)
    labels[name] = {
        "values": values,
        "dtype": str(df["label"].dtype),
        "astype_str": df["label"].astype(str).tolist(),
        "key": df["label"].astype(str).str.strip().str.upper().tolist(),  # analyze_vcn_inference_gaps
        "is_pass": [str(r["label"]).strip().upper() == "PASS" for _, r in df.iterrows()],  # compute_vcn_optimal_threshold
        "output_label": [str(r["label"]).strip() for _, r in df.iterrows()],  # the parquet's label column
    }

with open(os.path.join(HERE, "columns.json"), "w", encoding="utf-8") as fh:
    json.dump({"meta": {k: meta[k] for k in ["python", "pandas", "numpy", "script"]} | {
        "call": "pandas.read_csv(path, float_precision=None | 'round_trip')['siamese_score'].astype(float)",
        "label_call": "df['label'].astype(str).str.strip().str.upper(); str(r['label']).strip() for df.iterrows()"},
        "columns": expected, "labels": labels}, fh, indent=1, ensure_ascii=True)
    fh.write("\n")
print(f"{len(fields)} fields ({misrounded} of the first 10000 parse differently from float()), {len(columns)} columns")

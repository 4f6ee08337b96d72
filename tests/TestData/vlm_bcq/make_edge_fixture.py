#!/usr/bin/env python3
"""Regenerates the vlm_bcq edge-case fixture and its expected outputs (run from this folder).

edge_predictions.json holds the awkward inputs (Unicode, escapes, U+2028, emoji, nested and non-string
questions, floats and big ints inside questions, duplicate keys, paths with '..', '//', absolute ids,
answers that only Python's rules classify right). The expected outputs are written by
bench/vlm_bcq_reference.py (json.load + re + pathlib, as TAO's script), in two modes:
  expected_videos_dir/  videos_dir=/nonexistent-gaplens/videos (no symlinks on the way)
  expected_cwd_root/    no videos_dir, run with cwd=/
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REF = os.path.join(HERE, "..", "..", "..", "bench", "vlm_bcq_reference.py")

items = r'''[
{"video_id": "clips/a.mp4", "question": "Is there a collision?", "response": "Yes.", "gt": "no"},
{"video_id": "clips/b.mp4", "question": "Is there a collision?", "response": "B. No", "gt": "yes"},
{"video_id": "clips/../c.mp4", "question": "Quote \" backslash \\ tab \t newline \n", "response": "Yes, \"quoted\"\ttab", "gt": "No\r\n"},
{"video_id": "/abs//d.mp4", "question": {"id": 7, "w": 1.50, "big": 123456789012345678901234567890, "e": 1e5, "neg": -0, "list": [true, false, null, "é"]}, "response": "yes 😀", "gt": "no"},
{"video_id": "e.mp4", "question": 42, "response": "İno", "gt": "yes"},
{"video_id": "f.mp4", "question": null, "response": "yes\u2028line", "gt": "no\u2029"},
{"video_id": "g.mp4", "question": ["a", 1.0, {"k": "v"}], "response": "Est-ce oui? yes", "gt": "NO"},
{"video_id": "h.mp4", "question": true, "response": "yeſ", "gt": "no"},
{"video_id": "i.mp4", "question": "dup", "response": "no", "gt": "no", "gt": "yes"},
{"video_id": "", "question": "empty id", "response": "yes\u0301", "gt": "no"},
{"video_id": "./j//k/./l.mp4", "question": "control \u0001\u001f\u007f", "response": "\u0000yes", "gt": "\u0008no\u000c"},
{"video_id": "m.mp4", "question": "ünïcödé 中文 \ud83d\ude00", "response": "No — 否", "gt": "yes"},
{"video_id": "n.mp4", "question": "skip", "response": "Yes/No", "gt": "yes"},
{"video_id": "o.mp4", "question": "skip gt", "response": "yes", "gt": "unknown"},
{"video_id": "p.mp4", "question": "tp", "response": "yes", "gt": "yes"},
{"video_id": "q.mp4", "question": "tn", "response": "no", "gt": "no"},
{"video_id": "r.mp4", "question": 0.1, "response": "yes", "gt": "no", "extra": {"ignored": [1, 2]}},
{"video_id": "s.mp4", "question": "long", "response": "no ''' + "x" * 120 + r'''", "gt": "yes"},
{"video_id": "../../../../t.mp4", "question": 1e400, "response": "yes", "gt": "no"}
]'''
with open(os.path.join(HERE, "edge_predictions.json"), "w", encoding="utf-8") as f:
    f.write(items + "\n")

def run(out, args, cwd):
    subprocess.run([sys.executable, REF, os.path.join(HERE, "edge_predictions.json"), os.path.join(HERE, out)] + args,
                   cwd=cwd, check=True, stderr=subprocess.DEVNULL)

run("expected_videos_dir", ["/nonexistent-gaplens/videos"], HERE)
run("expected_cwd_root", [], "/")
print("ok")

"""Generates Perception-Test-shaped data: annotations (one JSON object keyed by video id, spec 04),
answers files and confidence lines, deterministic for a seed. Used by make_perception_fixtures.py
(the small committed fixture) and bench/perception_bench.py (the ~19,000-question benchmark set).

Shapes follow google-deepmind/perception_test's README: metadata {split, video_id, frame_rate,
num_frames, resolution [h, w], ...}; object_tracking with normalised [x1, y1, x2, y2] boxes about one
per second; point_tracking, action_localisation, sound_localisation and grounded_question filled
with plausible content (so readers must skip them); mc_question with 3 options.
"""
import json

import numpy as np

TAG_AREA = {
    "change detection": "memory", "event recall": "memory", "sequencing": "memory", "visual discrimination": "memory",
    "action counting": "abstraction", "event counting": "abstraction", "feature matching": "abstraction",
    "object counting": "abstraction", "pattern breaking": "abstraction", "pattern discovery": "abstraction",
    "collision": "physics", "conservation": "physics", "containment": "physics", "material": "physics",
    "motion": "physics", "occlusion": "physics", "object attributes": "physics", "object permanence": "physics",
    "quantity": "physics", "solidity": "physics", "spatial relations": "physics", "stability": "physics",
    "action recognition": "semantics", "adversarial action": "semantics", "colour recognition": "semantics",
    "distractor action": "semantics", "distractor object": "semantics", "general knowledge": "semantics",
    "language": "semantics", "object recognition": "semantics", "part recognition": "semantics",
    "place recognition": "semantics", "state recognition": "semantics", "task completion": "semantics",
}
TAGS = list(TAG_AREA)
REASONING = ["descriptive", "explanatory", "predictive", "counterfactual"]
LABELS = ["cup", "ball", "box", "bottle", "spoon", "book", "phone", "bowl", "hand", "person", "table", "lid", "pen", "toy"]
COLOURS = ["red", "blue", "green", "yellow", "white", "black"]


def make_tasks(n_tasks, rng):
    """Task templates: a question text, its tags (1-3, sometimes two of one area), reasoning, and a
    pool of option triples; plus a latent difficulty used by the simulated models."""
    tasks = []
    for t in range(n_tasks):
        k = int(rng.integers(1, 4))
        tags = list(rng.choice(TAGS, size=k, replace=False))
        if t % 7 == 3:  # two tags of the same area: the area must count once
            tags = ["object counting", "action counting"]
        tasks.append({
            "question": f"Task {t}: what happens to the {LABELS[t % len(LABELS)]} in this video (variant {t // len(LABELS)})?",
            "tags": tags,
            "reasoning": REASONING[t % 4],
            "difficulty": float(rng.uniform(-1.5, 2.0)),
        })
    return tasks


def _box(rng):
    w, h = rng.uniform(0.05, 0.45), rng.uniform(0.05, 0.45)
    x, y = rng.uniform(0, 1 - w), rng.uniform(0, 1 - h)
    return [x, y, x + w, y + h]


def make_annotations(n_videos, questions_per_video, tasks, rng, objects_per_video=(2, 5), seconds=(8, 14), dense=False):
    """dense=True gives the full validation file's weight (about 16 objects a video, point tracks,
    action and sound segments)."""
    ann = {}
    for v in range(n_videos):
        vid = f"video_{10000 + v}"
        fps = 30.0
        dur = int(rng.integers(*seconds)) if not dense else int(rng.integers(18, 30))
        nf = int(fps * dur)
        height, width = (1080, 1920) if v % 3 else (720, 1280)
        meta = {"split": "valid", "video_id": vid, "frame_rate": fps, "num_frames": nf, "resolution": [height, width],
                "audio_samples": nf * 1600, "audio_sample_rate": 48000, "is_cup_game": bool(v % 11 == 0), "is_camera_moving": bool(v % 5 == 0)}
        n_obj = int(rng.integers(*objects_per_video)) if not dense else int(rng.integers(12, 21))
        objects = []
        for o in range(n_obj):
            start = int(rng.integers(0, max(1, dur // 3)))
            stop = int(rng.integers(start + 1, dur + 1))
            frame_ids = [s * 30 for s in range(start, stop)]
            b = _box(rng)
            boxes = []
            for _ in frame_ids:
                dx, dy = rng.normal(0, 0.02, 2)
                b = [min(max(b[0] + dx, 0.0), 0.9), min(max(b[1] + dy, 0.0), 0.9), 0, 0]
                b[2] = min(b[0] + rng.uniform(0.05, 0.4), 1.0)
                b[3] = min(b[1] + rng.uniform(0.05, 0.4), 1.0)
                boxes.append(b)
            objects.append({"id": v * 100 + o, "label": f"{COLOURS[o % len(COLOURS)]} {LABELS[(v + o) % len(LABELS)]}",
                            "is_occluder": bool(o == 0 and v % 11 == 0), "bounding_boxes": boxes, "initial_tracking_box": [1] + [0] * (len(boxes) - 1),
                            "frame_ids": frame_ids, "timestamps": [int(f / fps * 1e6) for f in frame_ids], "is_masked": [False] * len(boxes)})
        points = []
        if dense and v % 40 == 0:
            for p in range(8):
                fr = list(range(0, nf, 1))
                points.append({"id": p, "label": "point", "parent_objects": objects[0]["id"], "frame_ids": fr,
                               "points": [[float(rng.random()), float(rng.random())] for _ in fr]})
        actions = [{"id": a, "label": "Putting something into something", "parent_objects": [objects[0]["id"]],
                    "timestamps": [a * 1000000, a * 1000000 + 800000], "frame_ids": [a * 30, a * 30 + 24], "label_id": 7}
                   for a in range(int(rng.integers(2, 8 if dense else 4)))]
        sounds = [{"id": s, "label": "Human speech", "parent_objects": [-1], "timestamps": [s * 900000, s * 900000 + 500000],
                   "frame_ids": [s * 27, s * 27 + 15], "is_visible": bool(s % 2), "label_id": 3}
                  for s in range(int(rng.integers(2, 14 if dense else 4)))]
        nq = questions_per_video(v)
        chosen_tasks = rng.choice(len(tasks), size=nq, replace=False) if nq else []
        qs = []
        for i, t in enumerate(chosen_tasks):
            task = tasks[int(t)]
            opts = [f"{COLOURS[(v + i + j) % len(COLOURS)]} option {j} of task {int(t)}" for j in range(3)]
            qs.append({"id": i, "question": task["question"], "options": opts, "answer_id": int(rng.integers(0, 3)),
                       "area": TAG_AREA[task["tags"][0]].capitalize(), "reasoning": task["reasoning"], "tag": task["tags"]})
        ann[vid] = {"metadata": meta, "object_tracking": objects, "point_tracking": points, "action_localisation": actions,
                    "sound_localisation": sounds, "mc_question": qs, "grounded_question": []}
    return ann


def task_index(tasks):
    return {t["question"]: i for i, t in enumerate(tasks)}


def simulate_answers(ann, tasks, rng, skill, position_bias=(0.0, 0.0, 0.0)):
    """A simulated model: P(correct) = sigmoid(skill - difficulty); a wrong answer picks among the
    other options with a bias towards some positions. Returns (answers dict, per-question (video, q,
    chosen, correct, p_correct))."""
    ti = task_index(tasks)
    answers, rows = {}, []
    for vid, v in ann.items():
        out = []
        for q in v["mc_question"]:
            d = tasks[ti[q["question"]]]["difficulty"]
            p = 1 / (1 + np.exp(-(skill - d)))
            if rng.random() < p:
                k = q["answer_id"]
            else:
                others = [j for j in range(3) if j != q["answer_id"]]
                w = np.exp([position_bias[j] for j in others])
                k = int(rng.choice(others, p=w / w.sum()))
            out.append({"id": q["id"], "answer_id": int(k), "answer": q["options"][k]})
            rows.append((vid, q["id"], int(k), int(k == q["answer_id"]), float(p)))
        if out:
            answers[vid] = out
    return answers, rows


def write_json(path, obj, indent=None):
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(obj, fh, indent=indent, ensure_ascii=False)

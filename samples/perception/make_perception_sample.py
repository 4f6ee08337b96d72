"""Generates the Perception Test demo set for `./gaplens demo` and the README's commands (seeded: re-running
reproduces the files). Run from anywhere with Debian's python3 (numpy) and ffmpeg:

    /usr/bin/python3 samples/perception/make_perception_sample.py

Writes next to this script:
  annotations.json   12 videos x 3 multiple-choice questions (6 tasks) with object tracks (spec 04's shape)
  answers.json       a simulated model's answers (fails some tasks, favours option 0 a little)
  answers_v2.json    a second model: better on two tasks, for --compare
  confidence.jsonl   option log-probabilities, verbal confidence and 5 sampled answers per question
  maps/              attention maps [2 layers][2 heads][4 frames][8][8] (.npy + .json sidecar) per question:
                     layer 16 / head 0 looks at the objects (more so when the answer is right), the others less
  videos/            the 12 videos (640x360, 10 fps, 4 s, coloured objects moving over a grey table) for overlays
"""
import json
import os
import subprocess

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(12)
W, H, FPS, FRAMES = 640, 360, 10, 40
TASKS = [
    ("How many times does the person put an object into the box?", ["action counting", "containment"], "descriptive", 0.35),
    ("What colour is the object that is moved last?", ["colour recognition", "sequencing"], "descriptive", 0.85),
    ("Where is the ball at the end of the video?", ["object permanence", "occlusion"], "predictive", 0.5),
    ("What would happen if the cup were removed?", ["stability", "spatial relations"], "counterfactual", 0.3),
    ("Why does the lid fall?", ["collision", "motion"], "explanatory", 0.65),
    ("Which object is the person holding at the start?", ["object recognition", "event recall"], "descriptive", 0.9),
]
LABELS = [("cup", (220, 60, 50)), ("ball", (40, 120, 220)), ("box", (230, 180, 40)), ("lid", (60, 170, 90))]


def track(rng):
    """An object moving linearly: a box (normalised) per frame."""
    w, h = rng.uniform(0.15, 0.3), rng.uniform(0.15, 0.3)
    x0, y0 = rng.uniform(0, 1 - w), rng.uniform(0, 1 - h)
    x1, y1 = rng.uniform(0, 1 - w), rng.uniform(0, 1 - h)
    return [[x0 + (x1 - x0) * f / (FRAMES - 1), y0 + (y1 - y0) * f / (FRAMES - 1), 0, 0] for f in range(FRAMES)], w, h


def main():
    annotations, answers, answers_v2, confidence = {}, {}, {}, []
    os.makedirs(os.path.join(HERE, "videos"), exist_ok=True)
    for v in range(12):
        vid = f"video_{20000 + v}"
        objects, boxes_by_frame = [], []
        for k, (label, colour) in enumerate(LABELS[: 2 + v % 3]):
            path, w, h = track(RNG)
            boxes = [[round(x, 4), round(y, 4), round(x + w, 4), round(y + h, 4)] for x, y, _, _ in path]
            boxes_by_frame.append((boxes, colour))
            ids = list(range(0, FRAMES, FPS))
            objects.append({"id": k, "label": label, "is_occluder": False, "bounding_boxes": [boxes[f] for f in ids],
                            "frame_ids": ids, "timestamps": [f * 100000 for f in ids], "initial_tracking_box": [1] + [0] * (len(ids) - 1),
                            "is_masked": [False] * len(ids)})
        questions = []
        for qi, t in enumerate(((v + j) % len(TASKS) for j in range(3))):
            text, tags, reasoning, skill = TASKS[t]
            options = [f"{text.split()[0].lower()} answer {chr(65 + o)} (task {t})" for o in range(3)]
            truth = int(RNG.integers(0, 3))
            questions.append({"id": qi, "question": text, "options": options, "answer_id": truth, "area": "", "reasoning": reasoning, "tag": tags})
            right = RNG.random() < skill
            chosen = truth if right else int((truth + 1 + (RNG.random() < 0.5)) % 3)
            if not right and RNG.random() < 0.4:
                chosen = 0 if truth != 0 else chosen  # a little position bias towards option 0
            right = chosen == truth
            answers.setdefault(vid, []).append({"id": qi, "answer_id": chosen, "answer": options[chosen]})
            better = t in (0, 3) and RNG.random() < 0.6
            chosen2 = truth if better else chosen
            answers_v2.setdefault(vid, []).append({"id": qi, "answer_id": chosen2, "answer": options[chosen2]})
            # confidence: higher and sharper when right
            logits = RNG.normal(0, 0.6, 3)
            logits[chosen] += 1.6 if right else 0.7
            samples = [int(chosen if RNG.random() < (0.8 if right else 0.5) else RNG.integers(0, 3)) for _ in range(5)]
            confidence.append({"video_id": vid, "id": qi, "option_logprobs": [round(float(x - np.log(np.exp(logits).sum())), 6) for x in logits],
                               "verbal": round(float(np.clip(RNG.normal(0.8 if right else 0.7, 0.1), 0, 1)), 2), "samples": samples})
            write_map(vid, qi, boxes_by_frame, focus=0.85 if right else 0.45)
        annotations[vid] = {"metadata": {"split": "valid", "video_id": vid, "frame_rate": float(FPS), "num_frames": FRAMES, "resolution": [H, W]},
                            "object_tracking": objects, "point_tracking": [], "action_localisation": [], "sound_localisation": [],
                            "mc_question": questions, "grounded_question": []}
        write_video(os.path.join(HERE, "videos", vid + ".mp4"), boxes_by_frame)
    dump("annotations.json", annotations)
    dump("answers.json", answers)
    dump("answers_v2.json", answers_v2)
    with open(os.path.join(HERE, "confidence.jsonl"), "w") as fh:
        for line in confidence:
            fh.write(json.dumps(line) + "\n")


def dump(name, value):
    with open(os.path.join(HERE, name), "w") as fh:
        json.dump(value, fh, indent=1)
        fh.write("\n")


def write_map(vid, qid, boxes_by_frame, focus):
    frame_ids = [0, 12, 20, 31]  # any frames: boxes are matched to the nearest annotation
    g = 8
    ys, xs = np.mgrid[0:g, 0:g] + 0.5
    maps = np.zeros((2, 2, len(frame_ids), g, g), np.float32)
    for fi, f in enumerate(frame_ids):
        blob = np.zeros((g, g))
        for boxes, _ in boxes_by_frame:
            x1, y1, x2, y2 = boxes[f]
            cx, cy = (x1 + x2) / 2 * g, (y1 + y2) / 2 * g
            blob += np.exp(-((xs - cx) ** 2 + (ys - cy) ** 2) / 2.0)
        blob /= blob.sum()
        for layer in range(2):
            for head in range(2):
                f_here = focus if (layer, head) == (1, 0) else focus * 0.4 if layer == 1 else 0.1
                noise = RNG.random((g, g))
                maps[layer, head, fi] = f_here * blob + (1 - f_here) * noise / noise.sum()
    d = os.path.join(HERE, "maps", vid)
    os.makedirs(d, exist_ok=True)
    np.save(os.path.join(d, f"{qid}.npy"), maps)
    with open(os.path.join(d, f"{qid}.json"), "w") as fh:
        json.dump({"frame_ids": frame_ids, "axes": ["layer", "head", "frame", "y", "x"], "layers": [8, 16], "heads": [0, 1]}, fh)
        fh.write("\n")


def write_video(path, boxes_by_frame):
    frames = np.empty((FRAMES, H, W, 3), np.uint8)
    for f in range(FRAMES):
        img = np.full((H, W, 3), 150, np.uint8)
        img[int(H * 0.75):] = (120, 95, 70)  # table edge
        for boxes, colour in boxes_by_frame:
            x1, y1, x2, y2 = boxes[f]
            img[int(y1 * H):int(y2 * H), int(x1 * W):int(x2 * W)] = colour
        frames[f] = img
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{W}x{H}", "-r", str(FPS), "-i", "-",
                    "-c:v", "libx264", "-pix_fmt", "yuv420p", "-g", str(FPS), "-bitexact", path], input=frames.tobytes(), check=True)


if __name__ == "__main__":
    main()

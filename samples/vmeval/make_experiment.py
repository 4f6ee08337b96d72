#!/usr/bin/env python3
"""Regenerates samples/vmeval: a small VMEvalKit-shaped experiment for `gaplens demo` (judge + stats).

data/outputs/demo-exp/<model>/<task_type>/<task_id>/<run>/ for 3 simulated video models x 2 tasks
(maze_task: a dot walks a corridor maze to the exit; grid_task: cells of a 3x3 grid get filled) x 5
items. Each video is drawn frame by frame here and encoded with ffmpeg (libx264): some end on the
right final frame, some stop short or go wrong. Ground-truth final frames and human scores
(data/evaluations/human-eval/...) are written too; one item has no ground truth (-> skipped) and one
video is not a video (-> a judge failure). Seeded: re-running reproduces the same experiment.
Usage: python3 make_experiment.py   (needs ffmpeg)
"""
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from pngwrite import png  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")
S = 64
rng = random.Random(7)
MODELS = {"sim-veo": 0.75, "sim-luma": 0.5, "sim-wan": 0.25}   # chance of a correct ending


def canvas(color=(245, 245, 240)):
    return [[color for _ in range(S)] for _ in range(S)]


def rect(img, x0, y0, x1, y1, c):
    for y in range(max(0, y0), min(S, y1)):
        for x in range(max(0, x0), min(S, x1)):
            img[y][x] = c


def maze_frame(pos, walls):
    img = canvas()
    for (x0, y0, x1, y1) in walls:
        rect(img, x0, y0, x1, y1, (40, 40, 60))
    rect(img, 52, 52, 60, 60, (60, 170, 80))                           # exit
    px, py = pos
    rect(img, px - 3, py - 3, px + 3, py + 3, (220, 50, 50))           # the agent
    return img


def grid_frame(filled):
    img = canvas()
    for i in range(3):
        for j in range(3):
            x0, y0 = 6 + j * 18, 6 + i * 18
            rect(img, x0, y0, x0 + 16, y0 + 16, (200, 200, 205))
            if filled[i * 3 + j]:
                rect(img, x0 + 2, y0 + 2, x0 + 14, y0 + 14, (50, 90, 200))
    return img


def write_item(model, task_type, idx, frames, final_img, prompt, human, quality_note, gt=True, broken=False):
    task_id = f"{task_type[:-5]}_{idx:04d}"
    run = os.path.join(DATA, "outputs", "demo-exp", model, task_type, task_id, "run_0001")
    q = os.path.join(run, "question")
    png(os.path.join(q, "first_frame.png"), frames[0])
    if gt:
        png(os.path.join(q, "final_frame.png"), final_img)
    os.makedirs(q, exist_ok=True)
    open(os.path.join(q, "prompt.txt"), "w").write(prompt + "\n")
    json.dump({"id": task_id, "prompt": prompt, "task_category": task_type[:-5], "domain": task_type[:-5], "difficulty": "easy"},
              open(os.path.join(q, "question_metadata.json"), "w"), indent=1)
    json.dump({"model": model, "task_id": task_id, "frames": len(frames)}, open(os.path.join(run, "metadata.json"), "w"), indent=1)
    os.makedirs(os.path.join(run, "video"), exist_ok=True)
    mp4 = os.path.join(run, "video", f"{task_id}.mp4")
    if broken:
        open(mp4, "wb").write(b"this is not a video")
    else:
        with tempfile.TemporaryDirectory() as tmp:
            for k, f in enumerate(frames):
                png(os.path.join(tmp, f"f{k:03d}.png"), f)
            subprocess.run(["ffmpeg", "-v", "error", "-y", "-framerate", "6", "-i", os.path.join(tmp, "f%03d.png"),
                            "-c:v", "libx264", "-pix_fmt", "yuv420p", "-preset", "veryslow", "-crf", "18", mp4], check=True)
    hdir = os.path.join(DATA, "evaluations", "human-eval", "demo-exp", model, task_type, task_id)
    os.makedirs(hdir, exist_ok=True)
    json.dump({"metadata": {"evaluator": "human-eval", "annotator": rng.choice(["Ana", "Ben"]), "timestamp": "2026-11-20T10:00:00",
                            "model_name": model, "task_type": task_type, "task_id": task_id},
               "result": {"solution_correctness_score": human, "comments": quality_note, "status": "completed"}},
              open(os.path.join(hdir, "human-eval.json"), "w"), indent=1)


shutil.rmtree(DATA, ignore_errors=True)
walls = [(0, 20, 44, 24), (20, 40, 64, 44)]
path = [(6, 8)] + [(6 + 5 * k, 8) for k in range(1, 10)] + [(54, 8 + 4 * k) for k in range(1, 4)] + [(54 - 5 * k, 30) for k in range(1, 10)] \
    + [(8, 30 + 4 * k) for k in range(1, 6)] + [(8 + 6 * k, 54) for k in range(1, 8)]
for model, p_ok in MODELS.items():
    for idx in range(5):
        r = rng.random()
        if r < p_ok:
            stop, human, note = len(path), 5, "reaches the exit"
        elif r < p_ok + 0.2:
            stop, human, note = len(path) - 4, 4, "one step short of the exit"
        else:
            stop, human, note = rng.randint(6, len(path) // 2), rng.choice([1, 2]), "stops in the maze"
        frames = [maze_frame(path[k], walls) for k in range(stop)]
        frames += [frames[-1]] * 3
        gt = not (model == "sim-luma" and idx == 4)
        write_item(model, "maze_task", idx, frames, maze_frame(path[-1], walls), "Move the red dot through the maze to the green exit.",
                   human, note, gt=gt)
        # grid puzzle: fill all nine cells
        r = rng.random()
        order = list(range(9))
        rng.shuffle(order)
        if r < p_ok:
            n_fill, human, note = 9, 5, "all cells filled"
        elif r < p_ok + 0.25:
            n_fill, human, note = 7, 3, "two cells left empty"
        else:
            n_fill, human, note = rng.randint(1, 4), 1, "most cells empty"
        frames = []
        filled = [False] * 9
        frames.append(grid_frame(filled))
        for k in range(n_fill):
            filled[order[k]] = True
            frames.append(grid_frame(filled))
        frames += [frames[-1]] * 3
        write_item(model, "grid_task", idx, frames, grid_frame([True] * 9), "Fill every cell of the grid.", human, note,
                   broken=(model == "sim-wan" and idx == 3))
print("ok")

#!/usr/bin/env python3
"""Regenerates samples/vlm_bcq/predictions.json, the demo input of `gaplens demo` (vlm_bcq).

A made-up but realistic evaluation of a video VLM answering yes/no questions about dash-cam clips.
Each question has its own failure profile (the collision question misses events, the wrong-way
question raises false alarms), answers come in the styles real models produce ("Yes.", "B. No",
free text), and a few are ambiguous or off-format so they are skipped. Most video ids are relative
to the videos folder; a few are absolute. Deterministic: seeded, so the file only changes when this
script does.  Usage: python3 make_predictions.py > predictions.json
"""
import json
import random

rng = random.Random(20261123)

QUESTIONS = [
    # (question, P(gt yes), P(model says yes | gt yes), P(model says yes | gt no))
    ("Is there a collision in this video?", 0.30, 0.70, 0.04),
    ("Does a pedestrian cross the road in front of the ego vehicle?", 0.45, 0.90, 0.10),
    ("Is any vehicle driving the wrong way?", 0.15, 0.85, 0.22),
    ("Is the traffic light red when the ego vehicle enters the intersection?", 0.35, 0.80, 0.08),
    ("Est-ce qu'il pleut dans cette vidéo ?", 0.40, 0.95, 0.05),
]

YES_STYLES = ["Yes.", "yes", "A. Yes", "Yes, {detail}.", "YES", "Yes - {detail}."]
NO_STYLES = ["No.", "no", "B. No", "No, {detail}.", "NO", "No; {detail}."]
DETAILS_YES = ["it happens around 00:{s:02d}", "clearly visible near the end", "at the left of the frame"]
DETAILS_NO = ["nothing of the kind happens", "the scene stays calm", "not in any frame I can see"]
UNCLEAR = [
    "I cannot determine this from the frames provided.",
    "Nothing unusual happens.",
    "Yes and no: the view is partly occluded.",
    "Maybe, the resolution is too low to tell.",
    "Possibly; the last frames are blurry.",
]


def answer(says_yes):
    style = rng.choice(YES_STYLES if says_yes else NO_STYLES)
    detail = rng.choice(DETAILS_YES if says_yes else DETAILS_NO).format(s=rng.randrange(60))
    return style.format(detail=detail)


def main():
    items = []
    for i in range(420):
        qi = rng.choices(range(len(QUESTIONS)), weights=[30, 25, 20, 15, 10])[0]
        question, p_yes, p_tp, p_fp = QUESTIONS[qi]
        gt_yes = rng.random() < p_yes
        says_yes = rng.random() < (p_tp if gt_yes else p_fp)
        camera = rng.randrange(1, 9)
        clip = f"cam{camera:02d}/clip_{i:05d}.mp4"
        video_id = f"/mnt/fleet/2026-10/{clip}" if rng.random() < 0.08 else f"clips/{clip}"
        response = rng.choice(UNCLEAR) if rng.random() < 0.05 else answer(says_yes)
        gt = ("yes" if gt_yes else "no") if rng.random() < 0.9 else ("Yes" if gt_yes else "No")
        if rng.random() < 0.01:
            gt = "unknown"
        items.append({"video_id": video_id, "question": question, "response": response, "gt": gt})
    print(json.dumps(items, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()

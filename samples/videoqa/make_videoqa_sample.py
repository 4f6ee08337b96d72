"""A small long-video QA set (LVBench-shaped) for `gaplens demo` (seeded, deterministic: re-running
reproduces the files). Run from anywhere with Debian's python3 (numpy) and ffmpeg:

    /usr/bin/python3 samples/videoqa/make_videoqa_sample.py

Writes next to this script:
  videos/<key>.mp4   3 videos of 4 minutes (128x72, 2 fps): a grey street scene (a light square drifts
                     over a slowly changing, faintly blue grey; the last 15 s are plain grey) cut by
                     full-screen colour "events" of 8 seconds each (red, green, blue, yellow, magenta,
                     cyan), two events back to back at each moment
  data.json          12 multiple-choice questions in spec 03's JSON array form (key, uid, question with
                     options (A)-(D), answer, video_info.duration_minutes, question_type, time_reference):
                     "which colour comes right after / right before the <colour> screen?", and one per
                     video about a colour word the demo's scripted embedder does not know ("vermilion")

The demo answers them with a scripted tool-calling model (src/GapLens.Jobs/Demo/ScriptedVideoQaModel.cs):
it finds the named colour by similarity, reads the frames after it by id and answers with the colour it
sees; it misreads "before" as "after" (wrong answers after a retrieval hit) and cannot search for an
unknown word (its search lands on the plain grey ending, a retrieval miss, and it gives no answer), so
the demo's metrics show both kinds of failure.
"""
import json
import os
import subprocess

import numpy as np

W, H, FPS, SECONDS, ENDING = 128, 72, 2, 240, 15
HERE = os.path.dirname(os.path.abspath(__file__))
PALETTE = {
    "red": (220, 30, 30), "green": (30, 170, 60), "blue": (40, 70, 220),
    "yellow": (235, 215, 40), "magenta": (210, 40, 200), "cyan": (40, 200, 215),
}
# key -> [(start second, first colour, second colour)], each colour 8 s; and the questions' plans
VIDEOS = {
    "city_walk": [(30, "red", "blue"), (100, "yellow", "green"), (170, "cyan", "magenta")],
    "harbour_night": [(20, "green", "cyan"), (90, "blue", "yellow"), (160, "magenta", "red")],
    "market_day": [(40, "yellow", "red"), (110, "cyan", "blue"), (180, "red", "green")],
}


def hms(s):
    return f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}"


def frames(events, seed):
    rng = np.random.default_rng(seed)
    drift = np.cumsum(rng.normal(0, 0.6, SECONDS * FPS))
    out = np.empty((SECONDS * FPS, H, W, 3), np.uint8)
    for i in range(SECONDS * FPS):
        t = i / FPS
        grey = int(np.clip(115 + drift[i], 85, 150))
        # a faint blue tint, except in the plain grey ending (the greyest frames of the video)
        img = np.full((H, W, 3), grey, np.uint8)
        if t < SECONDS - ENDING:
            img[:, :, 2] = grey + 20
        x = int((t * 3) % (W - 16))
        img[28:44, x:x + 16] = min(grey + 45, 255)
        for start, first, second in events:
            for s, colour in ((start, first), (start + 8, second)):
                if s <= t < s + 8:
                    img[:, :] = PALETTE[colour]
                    img[28:44, x:x + 16] = [min(c + 30, 255) for c in PALETTE[colour]]
        out[i] = img
    return out


def options(correct, rng):
    names = [c for c in PALETTE if c != correct]
    rng.shuffle(names)
    opts = [correct, *names[:2], "grey"]
    rng.shuffle(opts)
    return opts


def question(uid, key, text, correct, types, window, rng):
    opts = options(correct, rng)
    letters = "ABCD"
    body = text + "\n" + "\n".join(f"({letters[i]}) {o}" for i, o in enumerate(opts))
    return {"key": key, "uid": uid, "question": body, "answer": letters[opts.index(correct)],
            "video_info": {"duration_minutes": SECONDS / 60}, "question_type": types,
            "time_reference": f"{hms(window[0])}-{hms(window[1])}"}


def main():
    rng = np.random.default_rng(11)
    os.makedirs(os.path.join(HERE, "videos"), exist_ok=True)
    items = []
    for v, (key, events) in enumerate(VIDEOS.items()):
        video = frames(events, 100 + v)
        path = os.path.join(HERE, "videos", key + ".mp4")
        subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{W}x{H}", "-r", str(FPS), "-i", "-",
                        "-c:v", "libx264", "-preset", "veryslow", "-crf", "28", "-pix_fmt", "yuv420p", "-g", str(FPS * 10), "-bitexact", path],
                       input=video.tobytes(), check=True)
        (s0, a0, b0), (s1, a1, b1), (s2, a2, b2) = events
        n = 0

        def uid():
            nonlocal n
            n += 1
            return f"{key}-q{n}"
        items.append(question(uid(), key, f"The screen turns {a0} for a few seconds. Which colour fills the screen right after the {a0}?",
                              b0, ["temporal grounding", "event understanding"], (s0, s0 + 15), rng))
        items.append(question(uid(), key, f"Which colour does the screen show right after the {a1} moment?",
                              b1, ["event understanding"], (s1, s1 + 15), rng))
        items.append(question(uid(), key, f"Which colour fills the screen just before it turns {b2}?",
                              a2, ["reasoning", "temporal grounding"], (s2, s2 + 15), rng))
        items.append(question(uid(), key, "A vermilion sign flashes on the screen. Which colour comes right after it?",
                              b0, ["key information retrieval"], (s0, s0 + 15), rng))
    with open(os.path.join(HERE, "data.json"), "w", encoding="utf-8") as f:
        json.dump(items, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Regenerates a tiny stand-in for SigLIP so400m-patch14-384 (Debian's /usr/bin/python3 with
python3-onnx 1.12, python3-sentencepiece 0.1.97, numpy, PIL). No real weights can be downloaded here,
so the C# code path (tokenizer -> ONNX text tower; image -> preprocessing -> ONNX vision tower;
L2 normalisation) is tested on models with the same input/output names, dtypes and shapes as the
exported towers, and compared with embeddings computed independently in numpy from the same weights.

Files:
  spiece.model       a SentencePiece unigram model laid out like SigLIP's (T5-style ids: <pad>=0,
                     </s>=1, <unk>=2, no BOS; nmt_nfkc normalisation, dummy prefix), trained on a small
                     built-in corpus
  text_model.onnx    input_ids int64 [batch, sequence] -> last_hidden_state float [batch, sequence, 16],
                     pooler_output float [batch, 16]. Like SigLIP's text tower, the pooled output is
                     the LAST position's hidden state through a linear head, so padding changes it.
  vision_model.onnx  pixel_values float [batch, 3, 384, 384] -> last_hidden_state [batch, 729, 16]
                     (27 x 27 patches of 14 x 14, as patch14-384), pooler_output [batch, 16]. ReLU,
                     not tanh, after the patch embedding: ONNX Runtime's vectorised tanh is an
                     approximation whose error (about 1e-6 after 729 patches) would hide real ones.
  img_*.png          test images (PNG: lossless, so the decoded pixels are exactly the numpy arrays)
  expected.json      token ids and L2-normalised embeddings per query (padding "max_length" to 64,
                     and "longest" over the whole query batch) and per image

Tokenisation follows Hugging Face's SiglipTokenizer: lowercase, remove ASCII punctuation
(string.punctuation), collapse whitespace, strip; SentencePiece encode; truncate to 63 ids; append
</s> (1); pad with </s> (SigLIP's pad token is </s>). Images: RGB, resized to 384 x 384 (these are
already that size, or a uniform colour that any resampling keeps), x / 255, then (x - 0.5) / 0.5.
"""
import io
import json
import os
import string
import sys
import re

import numpy as np
import onnx
import sentencepiece as spm
from onnx import TensorProto, helper, numpy_helper
from PIL import Image

here = os.path.dirname(os.path.abspath(__file__))
os.chdir(here)
rng = np.random.default_rng(384)
H = D = 16
MAXLEN = 64

# --- tokenizer -----------------------------------------------------------------------------------
words = ("a man walks a dog in the park while a woman reads a book on a bench near the river "
         "two children play football on the grass and a red car drives past the old church "
         "the camera pans to a kitchen where someone cuts vegetables and boils water for tea "
         "a cat sleeps on the window sill as rain falls outside the city lights turn on at night "
         "what is the person holding when the clock shows noon who opens the door first").split()
lines = []
for i in range(400):
    n = 4 + (i * 7) % 9
    lines.append(" ".join(words[(i * 13 + j * 5) % len(words)] for j in range(n)))
model = io.BytesIO()
spm.SentencePieceTrainer.train(sentence_iterator=iter(lines), model_writer=model, vocab_size=80, minloglevel=2,
                               model_type="unigram", pad_id=0, eos_id=1, unk_id=2, bos_id=-1,
                               pad_piece="<pad>", eos_piece="</s>", unk_piece="<unk>",
                               character_coverage=1.0, normalization_rule_name="nmt_nfkc")
with open("spiece.model", "wb") as f:
    f.write(model.getvalue())
sp = spm.SentencePieceProcessor(model_file="spiece.model")
V = sp.get_piece_size()
assert sp.pad_id() == 0 and sp.eos_id() == 1 and sp.unk_id() == 2


def canonicalize(text):
    text = text.lower().translate(str.maketrans("", "", string.punctuation))
    return re.sub(r"\s+", " ", text).strip()


def token_ids(text):
    ids = sp.encode(canonicalize(text))
    return ids[: MAXLEN - 1] + [sp.eos_id()]


queries = ["A man walks a dog.", "  the RED car, drives   past!  ", "what is the person holding?", "",
           "café ﬁne naïve", "who opens the door first " * 12, "x"]

# --- weights ---------------------------------------------------------------------------------------
E = rng.normal(0, 0.5, (V, H)).astype(np.float32)
P = rng.normal(0, 0.1, (MAXLEN, H)).astype(np.float32)
W1 = rng.normal(0, 0.3, (H, H)).astype(np.float32)
B1 = rng.normal(0, 0.1, (H,)).astype(np.float32)
WH = rng.normal(0, 0.3, (H, D)).astype(np.float32)
BH = rng.normal(0, 0.1, (D,)).astype(np.float32)
WC = rng.normal(0, 0.02, (H, 3, 14, 14)).astype(np.float32)
BC = rng.normal(0, 0.1, (H,)).astype(np.float32)
WV = rng.normal(0, 0.3, (H, D)).astype(np.float32)
BV = rng.normal(0, 0.1, (D,)).astype(np.float32)


def const(name, a):
    return numpy_helper.from_array(np.asarray(a), name)


# --- text tower --------------------------------------------------------------------------------
text_nodes = [
    helper.make_node("Gather", ["E", "input_ids"], ["tok"], axis=0),
    helper.make_node("Shape", ["input_ids"], ["ids_shape"]),
    helper.make_node("Slice", ["ids_shape", "one", "two"], ["seq_len"]),
    helper.make_node("Slice", ["P", "zero", "seq_len", "zero"], ["pos"]),
    helper.make_node("Add", ["tok", "pos"], ["emb"]),
    helper.make_node("MatMul", ["emb", "W1"], ["mm"]),
    helper.make_node("Add", ["mm", "B1"], ["pre"]),
    helper.make_node("Tanh", ["pre"], ["last_hidden_state"]),
    helper.make_node("Gather", ["last_hidden_state", "minus_one"], ["last"], axis=1),
    helper.make_node("MatMul", ["last", "WH"], ["head"]),
    helper.make_node("Add", ["head", "BH"], ["pooler_output"]),
]
text_graph = helper.make_graph(
    text_nodes, "tiny_siglip_text",
    [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch_size", "sequence_length"])],
    [helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT, ["batch_size", "sequence_length", H]),
     helper.make_tensor_value_info("pooler_output", TensorProto.FLOAT, ["batch_size", D])],
    [const("E", E), const("P", P), const("W1", W1), const("B1", B1), const("WH", WH), const("BH", BH),
     const("zero", np.array([0], np.int64)), const("one", np.array([1], np.int64)),
     const("two", np.array([2], np.int64)), const("minus_one", np.array(-1, np.int64))])
text_model = helper.make_model(text_graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="make_tiny_siglip.py")
text_model.ir_version = 7
onnx.checker.check_model(text_model)
onnx.save(text_model, "text_model.onnx")

# --- vision tower ------------------------------------------------------------------------------
vision_nodes = [
    helper.make_node("Conv", ["pixel_values", "WC", "BC"], ["patches"], kernel_shape=[14, 14], strides=[14, 14]),
    helper.make_node("Reshape", ["patches", "flat_shape"], ["flat"]),
    helper.make_node("Transpose", ["flat"], ["seq"], perm=[0, 2, 1]),
    helper.make_node("Relu", ["seq"], ["last_hidden_state"]),
    helper.make_node("ReduceMean", ["last_hidden_state"], ["mean"], axes=[1], keepdims=0),
    helper.make_node("MatMul", ["mean", "WV"], ["head"]),
    helper.make_node("Add", ["head", "BV"], ["pooler_output"]),
]
vision_graph = helper.make_graph(
    vision_nodes, "tiny_siglip_vision",
    [helper.make_tensor_value_info("pixel_values", TensorProto.FLOAT, ["batch_size", 3, 384, 384])],
    [helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT, ["batch_size", 729, H]),
     helper.make_tensor_value_info("pooler_output", TensorProto.FLOAT, ["batch_size", D])],
    [const("WC", WC), const("BC", BC), const("WV", WV), const("BV", BV),
     const("flat_shape", np.array([0, H, -1], np.int64))])
vision_model = helper.make_model(vision_graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="make_tiny_siglip.py")
vision_model.ir_version = 7
onnx.checker.check_model(vision_model)
onnx.save(vision_model, "vision_model.onnx")


# --- independent numpy forward passes (float64) ------------------------------------------------
def l2(v):
    return v / np.linalg.norm(v, axis=-1, keepdims=True)


def text_forward(batch_ids):
    ids = np.array(batch_ids, dtype=np.int64)
    s = ids.shape[1]
    h = np.tanh((E.astype(np.float64)[ids] + P.astype(np.float64)[:s]) @ W1 + B1)
    return l2(h[:, -1] @ WH + BH)


def pad(ids, length):
    return ids + [sp.eos_id()] * (length - len(ids))


def vision_forward(pixels_uint8):
    x = pixels_uint8.astype(np.float64).transpose(2, 0, 1) / 255.0
    x = (x - 0.5) / 0.5
    x = x[:, :378, :378]  # 27 patches of 14 cover 378 pixels; the convolution drops the last 6
    patches = x.reshape(3, 27, 14, 27, 14).transpose(1, 3, 0, 2, 4).reshape(729, 588)
    h = np.maximum(patches @ WC.reshape(H, 588).astype(np.float64).T + BC, 0)
    return l2(h.mean(0) @ WV + BV)


ids = [token_ids(q) for q in queries]
longest = max(len(i) for i in ids)
out = {"meta": {"python": sys.version.split()[0], "numpy": np.__version__, "onnx": onnx.__version__,
                "sentencepiece": spm.__version__, "script": "tests/TestData/siglip_tiny/make_tiny_siglip.py"},
       "max_length": MAXLEN, "pad_id": sp.eos_id(), "dim": D, "queries": []}
max_emb = text_forward([pad(i, MAXLEN) for i in ids])
long_emb = text_forward([pad(i, longest) for i in ids])
single_emb = [text_forward([i])[0] for i in ids]
for q, i, a, b, c in zip(queries, ids, max_emb, long_emb, single_emb):
    out["queries"].append({"text": q, "ids": i, "pieces": sp.encode(canonicalize(q), out_type=str),
                           "max_length": a.tolist(), "longest_in_batch": b.tolist(), "unpadded": c.tolist()})

images = []
for k in range(3):
    # Gradients (plus noise in the first), so any change of pixels would show.
    yy, xx = np.mgrid[0:384, 0:384]
    base = np.stack([(xx * (k + 1)) % 256, (yy * 2 + k * 40) % 256, ((xx + yy) // 3) % 256], axis=-1)
    noise = rng.integers(0, 40, (384, 384, 3)) if k == 0 else 0
    px = np.clip(base + noise, 0, 255).astype(np.uint8)
    Image.fromarray(px, "RGB").save(f"img_{k}.png")
    images.append({"file": f"img_{k}.png", "embedding": vision_forward(px).tolist()})
uniform = np.zeros((60, 100, 3), np.uint8)
uniform[:] = (200, 30, 90)
Image.fromarray(uniform, "RGB").save("img_uniform_100x60.png")
full = np.zeros((384, 384, 3), np.uint8)
full[:] = (200, 30, 90)
images.append({"file": "img_uniform_100x60.png", "embedding": vision_forward(full).tolist()})
out["images"] = images
with open("expected.json", "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print("vocab", V, "longest", longest, [len(i) for i in ids])

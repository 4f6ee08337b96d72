#!/usr/bin/python3
"""Regenerates the demo's stand-in for SigLIP: a tiny text tower and image tower with SigLIP's ONNX
input/output names and shapes whose embeddings make colour queries meaningful, so `./gaplens demo`
can run the video-QA agent end to end (prepare, retrieval, run) without the real 2 GB towers.
NOT SigLIP: it only knows colours. Debian's /usr/bin/python3 with python3-onnx 1.12,
python3-sentencepiece 0.1.97 and numpy.

The shared embedding space has one dimension per palette colour plus a constant "bias" dimension
(so no embedding is ever all zero):
  vision_model.onnx  pixel_values float [batch, 3, 384, 384] (SigLIP's (x/255 - 0.5) / 0.5)
                     -> last_hidden_state [batch, 729, 3] (the mean colour of each 14x14 patch)
                     -> pooler_output [batch, 9]: exp(-|mean RGB - palette colour|^2 / 0.02) per
                        palette colour, then 0.1 (the bias)
  text_model.onnx    input_ids int64 [batch, sequence] -> last_hidden_state [batch, sequence, 9]
                     (a one-hot row for each colour word's token, zero for every other token)
                     -> pooler_output [batch, 9]: the sum over the tokens, plus 0.1 on the bias
  spiece.model       a SentencePiece unigram model laid out like SigLIP's (<pad>=0, </s>=1, <unk>=2,
                     no BOS) in which every palette colour word is a single piece ("▁red")
So the query "a red screen" is nearest to the frames whose mean colour is red.
"""
import io
import os
import sys

import numpy as np
import onnx
import sentencepiece as spm
from onnx import TensorProto, helper, numpy_helper

here = os.path.dirname(os.path.abspath(__file__))
os.chdir(here)

PALETTE = [("red", (220, 40, 40)), ("green", (40, 170, 60)), ("blue", (40, 70, 210)), ("yellow", (235, 210, 50)),
           ("magenta", (200, 50, 190)), ("cyan", (40, 190, 200)), ("orange", (240, 130, 30)), ("white", (235, 235, 235))]
NAMES = [n for n, _ in PALETTE]
K = len(PALETTE)
D = K + 1
BIAS = 0.1
SIGMA2 = 0.02

# --- tokenizer: colour words are whole pieces ------------------------------------------------------
other = ("what which colour color fills the screen scene at start end of video right after before between "
         "a an is on shown appears comes last first opens with how many times does sea appear once twice "
         "frame frames boat fog sunset market stall night day sky water light dark bright long short").split()
lines = []
for i in range(600):
    words = [other[(i * 7 + j * 3) % len(other)] for j in range(2 + i % 3)]
    for j in range(4):
        words.insert((i + j) % len(words), NAMES[(i + 3 * j) % K])
    lines.append(" ".join(words))
model = io.BytesIO()
spm.SentencePieceTrainer.train(sentence_iterator=iter(lines), model_writer=model, vocab_size=96, minloglevel=2,
                               model_type="unigram", pad_id=0, eos_id=1, unk_id=2, bos_id=-1,
                               pad_piece="<pad>", eos_piece="</s>", unk_piece="<unk>",
                               character_coverage=1.0, normalization_rule_name="nmt_nfkc",
                               )
with open("spiece.model", "wb") as f:
    f.write(model.getvalue())
sp = spm.SentencePieceProcessor(model_file="spiece.model")
V = sp.get_piece_size()
for n in NAMES:
    pieces = sp.encode(n, out_type=str)
    assert pieces == ["\u2581" + n], (n, pieces)

E = np.zeros((V, D), np.float32)
for k, n in enumerate(NAMES):
    E[sp.piece_to_id("\u2581" + n), k] = 1.0
B = np.zeros((D,), np.float32)
B[K] = BIAS
C = np.array([c for _, c in PALETTE], np.float32) / 255.0  # [K, 3]


def const(name, a):
    return numpy_helper.from_array(np.asarray(a), name)


# --- text tower --------------------------------------------------------------------------------
text_graph = helper.make_graph(
    [helper.make_node("Gather", ["E", "input_ids"], ["last_hidden_state"], axis=0),
     helper.make_node("ReduceSum", ["last_hidden_state", "axis1"], ["summed"], keepdims=0),
     helper.make_node("Add", ["summed", "B"], ["pooler_output"])],
    "colour_text_tower",
    [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch_size", "sequence_length"])],
    [helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT, ["batch_size", "sequence_length", D]),
     helper.make_tensor_value_info("pooler_output", TensorProto.FLOAT, ["batch_size", D])],
    [const("E", E), const("B", B), const("axis1", np.array([1], np.int64))])
text_model = helper.make_model(text_graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="make_colour_towers.py")
text_model.ir_version = 7
onnx.checker.check_model(text_model)
onnx.save(text_model, "text_model.onnx")

# --- vision tower ------------------------------------------------------------------------------
# rgb = (pixel_values + 1) / 2, averaged over the image; squared distance to each palette colour
# |rgb|^2 - 2 rgb.c + |c|^2; features exp(-d / SIGMA2), then the bias.
vision_graph = helper.make_graph(
    [helper.make_node("AveragePool", ["pixel_values"], ["pooled"], kernel_shape=[14, 14], strides=[14, 14]),
     helper.make_node("Reshape", ["pooled", "flat_shape"], ["flat"]),
     helper.make_node("Transpose", ["flat"], ["patches01"], perm=[0, 2, 1]),
     helper.make_node("Add", ["patches01", "one"], ["p1"]),
     helper.make_node("Mul", ["p1", "half"], ["last_hidden_state"]),
     helper.make_node("ReduceMean", ["pixel_values"], ["mean4"], axes=[2, 3], keepdims=0),
     helper.make_node("Add", ["mean4", "one"], ["m1"]),
     helper.make_node("Mul", ["m1", "half"], ["rgb"]),
     helper.make_node("Mul", ["rgb", "rgb"], ["rgb2"]),
     helper.make_node("ReduceSum", ["rgb2", "axis1"], ["norm2"], keepdims=1),
     helper.make_node("MatMul", ["rgb", "CT"], ["dot"]),
     helper.make_node("Mul", ["dot", "minus_two"], ["m2dot"]),
     helper.make_node("Add", ["m2dot", "norm2"], ["d0"]),
     helper.make_node("Add", ["d0", "C2"], ["dist"]),
     helper.make_node("Mul", ["dist", "minus_inv_sigma"], ["logits"]),
     helper.make_node("Exp", ["logits"], ["feats"]),
     helper.make_node("Shape", ["feats"], ["fshape"]),
     helper.make_node("Slice", ["fshape", "zero", "one_i"], ["batch"]),
     helper.make_node("Concat", ["batch", "one_i"], ["bias_shape"], axis=0),
     helper.make_node("ConstantOfShape", ["bias_shape"], ["bias"], value=helper.make_tensor("v", TensorProto.FLOAT, [1], [BIAS])),
     helper.make_node("Concat", ["feats", "bias"], ["pooler_output"], axis=1)],
    "colour_vision_tower",
    [helper.make_tensor_value_info("pixel_values", TensorProto.FLOAT, ["batch_size", 3, 384, 384])],
    [helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT, ["batch_size", 729, 3]),
     helper.make_tensor_value_info("pooler_output", TensorProto.FLOAT, ["batch_size", D])],
    [const("flat_shape", np.array([0, 3, -1], np.int64)), const("one", np.float32(1.0)), const("half", np.float32(0.5)),
     const("axis1", np.array([1], np.int64)), const("CT", C.T.copy()), const("minus_two", np.float32(-2.0)),
     const("C2", (C * C).sum(1)), const("minus_inv_sigma", np.float32(-1.0 / SIGMA2)),
     const("zero", np.array([0], np.int64)), const("one_i", np.array([1], np.int64))])
vision_model = helper.make_model(vision_graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="make_colour_towers.py")
vision_model.ir_version = 7
onnx.checker.check_model(vision_model)
onnx.save(vision_model, "vision_model.onnx")

# --- a numpy check of the intent ------------------------------------------------------------------
def image_embedding(rgb255):
    rgb = np.asarray(rgb255, np.float64) / 255.0
    f = np.exp(-((rgb - C) ** 2).sum(1) / SIGMA2)
    v = np.append(f, BIAS)
    return v / np.linalg.norm(v)


def text_embedding(text):
    ids = sp.encode(text.lower())
    v = E[ids].sum(0).astype(np.float64) + B
    return v / np.linalg.norm(v)


for k, (n, c) in enumerate(PALETTE):
    scores = [float(text_embedding(f"a {n} screen") @ image_embedding(c2)) for _, c2 in PALETTE]
    assert int(np.argmax(scores)) == k, (n, scores)
print(f"vocab {V}, dim {D}: every colour query ranks its own colour first (numpy {np.__version__}, onnx {onnx.__version__}, "
      f"sentencepiece {spm.__version__}, python {sys.version.split()[0]})")

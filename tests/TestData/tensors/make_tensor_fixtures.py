#!/usr/bin/python3
"""Regenerates the tensor-file fixtures in this folder with real torch and numpy (Debian's
/usr/bin/python3: python3-torch, python3-numpy). Run from anywhere: /usr/bin/python3 make_tensor_fixtures.py

What it writes (all tiny), and expected.json with every tensor's dtype, shape and values (float32
values as Python floats, which round-trip exactly):

torch.save (zip format, torch >= 1.6 layout, written by torch itself):
  f32.pt, f16.pt, bf16.pt   {"filenames": [...5], "embeddings": Tensor[5, 8]} in that dtype
  view_offset.pt            embeddings = parent[2:7, 1:9] of a [9, 10] parent: storage offset 21,
                            row stride 10 (torch saves the parent's whole storage)
  transposed.pt             embeddings = parent.t() of an [8, 5] parent: strides (1, 5)
  cuda.pt                   the pickle records location 'cuda:0'. There is no GPU here, so the file is
                            written by torch.save itself with torch.serialization.location_tag patched to
                            answer 'cuda:0' (the string torch writes for a CUDA storage); everything else
                            (zip layout, record alignment, storage bytes) is torch's own. The script
                            checks that data.pkl holds 'cuda:0' and that torch.load(map_location='cpu')
                            reads it back.
  multi.pt                  a nested object: shared storage between two tensors, a list, a tuple, ints,
                            floats, None, a bool, and a 5-d float16 attention map [2, 3, 4, 5, 6]
  legacy.pt                 _use_new_zipfile_serialization=False (torch < 1.6 format, not a zip)
  int64.pt                  {"filenames": [...], "embeddings": LongTensor}: a dtype the reader refuses
numpy (np.save / np.lib.format.write_array):
  f4_c.npy (v1), f4_fortran.npy (v1, Fortran order), f2.npy, f8.npy, f4_v2.npy (header v2),
  f4_v3.npy (header v3), i8.npy (refused dtype), f4_be.npy (big-endian, refused),
  emb.npy + emb.json (embeddings [5, 8] and the filenames list)
safetensors (no safetensors package exists here: written from the published format, see
write_safetensors(); then parsed back by an independent minimal reader and compared with the torch
tensors they came from):
  st_f32.safetensors, st_f16.safetensors, st_bf16.safetensors, st_f64.safetensors
                            tensor "embeddings" + metadata {"filenames": "<JSON list>"}
  st_multi.safetensors      two tensors (F32 [2,3] "a", I64 [3] "ids") and metadata {"note": "x"}
Broken files for the error paths:
  truncated.pt / truncated.npy / truncated.safetensors   the same files cut short
  oversize.pt                 data.pkl claims [50, 8] over a 40-element storage (rewritten with zipfile)
  count_mismatch.safetensors  4 filenames for 5 rows
  nan.safetensors             a NaN in the matrix
  inf.pt                      an inf in the matrix
"""
import json
import os
import struct
import sys
import zipfile

import numpy as np
import torch

here = os.path.dirname(os.path.abspath(__file__))
os.chdir(here)
rng = np.random.default_rng(10)
expected = {"meta": {"python": sys.version.split()[0], "torch": torch.__version__, "numpy": np.__version__,
                     "script": "tests/TestData/tensors/make_tensor_fixtures.py"}, "tensors": {}}

FILENAMES = [f"frame_{i}.jpg" for i in range(5)]
base = torch.from_numpy(rng.standard_normal((5, 8)).astype(np.float32))


def record(name, t, **extra):
    """Expected values of one tensor: dtype, shape, strides, offset and the values widened to float."""
    expected["tensors"][name] = {
        "dtype": str(t.dtype).replace("torch.", ""),
        "shape": list(t.shape),
        "values": [float(v) for v in t.float().reshape(-1).tolist()],
        **extra,
    }


def save(obj, path, **kw):
    torch.save(obj, path, **kw)


# --- torch.save ---------------------------------------------------------------------------------
for dtype, name in [(torch.float32, "f32"), (torch.float16, "f16"), (torch.bfloat16, "bf16")]:
    t = base.to(dtype)
    save({"filenames": FILENAMES, "embeddings": t}, f"{name}.pt")
    record(f"{name}.pt", t)

parent = torch.from_numpy(rng.standard_normal((9, 10)).astype(np.float32))
view = parent[2:7, 1:9]
assert view.storage_offset() == 21 and view.stride() == (10, 1)
save({"filenames": FILENAMES, "embeddings": view}, "view_offset.pt")
record("view_offset.pt", view, storage_offset=21, strides=[10, 1])

parent_t = torch.from_numpy(rng.standard_normal((8, 5)).astype(np.float32))
tr = parent_t.t()
assert tr.stride() == (1, 5)
save({"filenames": FILENAMES, "embeddings": tr}, "transposed.pt")
record("transposed.pt", tr, strides=[1, 5])

import torch.serialization as ser  # noqa: E402
real_tag = ser.location_tag
ser.location_tag = lambda storage: "cuda:0"
try:
    save({"filenames": FILENAMES, "embeddings": base}, "cuda.pt")
finally:
    ser.location_tag = real_tag
with zipfile.ZipFile("cuda.pt") as z:
    pkl = z.read("cuda/data.pkl")
assert b"cuda:0" in pkl and b"cpu" not in pkl, pkl
back = torch.load("cuda.pt", map_location="cpu")
assert torch.equal(back["embeddings"], base)
record("cuda.pt", base)

shared = torch.from_numpy(rng.standard_normal((4, 3)).astype(np.float32))
attn = torch.from_numpy(rng.random((2, 3, 4, 5, 6)).astype(np.float32)).half()
multi = {
    "a": shared,
    "b": shared[1:],            # shares a's storage: saved once
    "items": [shared.t(), (1, 2.5, None, True, "s")],
    "attention": attn,
    "count": 7,
}
save(multi, "multi.pt")
with zipfile.ZipFile("multi.pt") as z:
    storages = [n for n in z.namelist() if "/data/" in n]
assert len(storages) == 2, storages  # a/b share one storage; attention has its own
record("multi.pt:a", shared)
record("multi.pt:b", shared[1:])
record("multi.pt:items.0", shared.t())
record("multi.pt:attention", attn)

save({"filenames": FILENAMES, "embeddings": base}, "legacy.pt", _use_new_zipfile_serialization=False)
with open("legacy.pt", "rb") as f:
    assert f.read(2) != b"PK"
save({"filenames": FILENAMES, "embeddings": torch.arange(40).reshape(5, 8)}, "int64.pt")

bad = base.clone()
bad[3, 2] = float("inf")
save({"filenames": FILENAMES, "embeddings": bad}, "inf.pt")

with open("f32.pt", "rb") as f:
    whole = f.read()
with open("truncated.pt", "wb") as f:   # cut inside the storage: the zip directory at the end is gone
    f.write(whole[: len(whole) - 300])

# The pickle claims a [50, 8] tensor over a 40-element storage: rewritten with zipfile (stored, like
# torch), replacing the size tuple's first element (BININT1 5 -> BININT1 50) in data.pkl.
with zipfile.ZipFile("f32.pt") as src, zipfile.ZipFile("oversize.pt", "w", zipfile.ZIP_STORED) as dst:
    for info in src.infolist():
        data = src.read(info.filename)
        if info.filename.endswith("data.pkl"):
            assert data.count(b"K\x05K\x08\x86") == 1
            data = data.replace(b"K\x05K\x08\x86", b"K\x32K\x08\x86")
        dst.writestr(info.filename.replace("f32/", "oversize/"), data)

# --- numpy --------------------------------------------------------------------------------------
a = base.numpy()
np.save("f4_c.npy", a)
np.save("f4_fortran.npy", np.asfortranarray(a))
assert np.load("f4_fortran.npy").flags.f_contiguous
np.save("f2.npy", a.astype(np.float16))
np.save("f8.npy", a.astype(np.float64) / 3.0)
for version, name in [((2, 0), "f4_v2.npy"), ((3, 0), "f4_v3.npy")]:
    with open(name, "wb") as f:
        np.lib.format.write_array(f, a, version=version)
np.save("i8.npy", np.arange(6, dtype=np.int64).reshape(2, 3))
np.save("f4_be.npy", a.astype(">f4"))
np.save("emb.npy", a)
with open("emb.json", "w") as f:
    json.dump(FILENAMES, f)
with open("f4_c.npy", "rb") as f:
    whole = f.read()
with open("truncated.npy", "wb") as f:
    f.write(whole[:-10])
for name, arr in [("f4_c.npy", a), ("f4_fortran.npy", a), ("f2.npy", a.astype(np.float16)),
                  ("f8.npy", a.astype(np.float64) / 3.0), ("f4_v2.npy", a), ("f4_v3.npy", a), ("emb.npy", a)]:
    expected["tensors"][name] = {"dtype": str(np.load(name).dtype), "shape": list(arr.shape),
                                 "values": [float(v) for v in arr.reshape(-1).tolist()]}


# --- safetensors, from the published format -----------------------------------------------------
# File = 8-byte little-endian u64 N, then N bytes of UTF-8 JSON header (padded with spaces to a
# multiple of 8), then the byte buffer. Header: {"__metadata__": {str: str}, name: {"dtype": "F32",
# "shape": [...], "data_offsets": [begin, end]}}, offsets relative to the buffer, tensors row-major
# little-endian, laid out back to back in header order.
ST_DTYPES = {torch.float32: ("F32", np.float32), torch.float16: ("F16", np.float16),
             torch.float64: ("F64", np.float64), torch.int64: ("I64", np.int64),
             torch.bfloat16: ("BF16", None)}


def tensor_bytes(t):
    t = t.contiguous()
    if t.dtype == torch.bfloat16:
        return t.view(torch.int16).numpy().astype("<i2").tobytes()
    return t.numpy().astype(np.dtype(ST_DTYPES[t.dtype][1]).newbyteorder("<")).tobytes()


def write_safetensors(path, tensors, metadata):
    header, blobs, offset = {}, [], 0
    if metadata is not None:
        header["__metadata__"] = metadata
    for name, t in tensors.items():
        b = tensor_bytes(t)
        header[name] = {"dtype": ST_DTYPES[t.dtype][0], "shape": list(t.shape), "data_offsets": [offset, offset + len(b)]}
        blobs.append(b)
        offset += len(b)
    h = json.dumps(header, separators=(",", ":")).encode("utf-8")
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


def read_safetensors(path):
    """Independent minimal reader for the cross-check."""
    with open(path, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n])
    buf = raw[8 + n:]
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        chunk = buf[begin:end]
        if info["dtype"] == "BF16":
            t = torch.from_numpy(np.frombuffer(chunk, dtype="<i2").copy()).view(torch.bfloat16)
        else:
            np_dtype = {"F32": "<f4", "F16": "<f2", "F64": "<f8", "I64": "<i8"}[info["dtype"]]
            t = torch.from_numpy(np.frombuffer(chunk, dtype=np_dtype).copy())
        out[name] = t.reshape(info["shape"])
    return header.get("__metadata__"), out


meta = {"filenames": json.dumps(FILENAMES)}
for dtype, name in [(torch.float32, "st_f32"), (torch.float16, "st_f16"), (torch.bfloat16, "st_bf16"),
                    (torch.float64, "st_f64")]:
    t = base.to(dtype) if dtype != torch.float64 else base.double() / 3.0
    write_safetensors(f"{name}.safetensors", {"embeddings": t}, meta)
    m, back = read_safetensors(f"{name}.safetensors")
    assert m == meta and back["embeddings"].dtype == t.dtype and torch.equal(back["embeddings"], t)
    record(f"{name}.safetensors", t)
st_a = torch.from_numpy(rng.standard_normal((2, 3)).astype(np.float32))
write_safetensors("st_multi.safetensors", {"a": st_a, "ids": torch.tensor([4, 5, 6])}, {"note": "x"})
m, back = read_safetensors("st_multi.safetensors")
assert torch.equal(back["a"], st_a) and back["ids"].tolist() == [4, 5, 6]
record("st_multi.safetensors:a", st_a)

write_safetensors("count_mismatch.safetensors", {"embeddings": base}, {"filenames": json.dumps(FILENAMES[:4])})
nan = base.clone()
nan[1, 4] = float("nan")
write_safetensors("nan.safetensors", {"embeddings": nan}, meta)
with open("st_f32.safetensors", "rb") as f:
    whole = f.read()
with open("truncated.safetensors", "wb") as f:
    f.write(whole[:-4])

expected["filenames"] = FILENAMES
with open("expected.json", "w") as f:
    json.dump(expected, f, indent=1)
    f.write("\n")
print("wrote", len(expected["tensors"]), "expected tensors")

#!/usr/bin/python3
"""Video-QA building blocks: GapLens against numpy / torch / ONNX Runtime on the same data.

Run with Debian's Python (numpy, torch): /usr/bin/python3 bench/videoqa_bench.py [--rows N] [--skip-big]

1. Top-5 cosine retrieval over a [rows, 1152] matrix of L2-normalised float32 rows (default 1,000,000
   rows = 4.6 GB), in memory (the .npy file memory-mapped by both sides and warmed into the page
   cache first): GapLens' exact search (`GapLens.Bench video retrieval`) vs numpy `M @ q` +
   `argpartition`, and vs the floor of streaming the matrix once (measured by the same C# process).
   The same again for a float16 copy of the matrix. The top-5 rows of both sides are compared.
2. Reading a 10,000 x 1,152 .pt file (torch.save of {"filenames", "embeddings"}): FrameEmbeddings.Open
   (unpickle, map, finite check over every value) vs torch.load, best of 5 warm runs each.
3. Text-encoder throughput on the tiny SigLIP stand-in (tests/TestData/siglip_tiny) at batch 1 and 32:
   the whole encoder (tokenise, run, normalise) vs the bare ONNX Runtime session.Run on the same ids.

Inputs go to bench/out/ (git-ignored) and are reused; the big matrices take 6.9 GB of disk.
Free memory is shared: the big matrix is generated in 50,000-row chunks, never held whole in Python.
"""
import argparse
import os
import resource
import subprocess
import sys
import time

import numpy as np
import torch

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
out = os.path.join(root, "bench", "out")
os.makedirs(out, exist_ok=True)
bench_dll = os.path.join(root, "bench", "GapLens.Bench", "bin", "Release", "net10.0", "GapLens.Bench.dll")


def run_bench(*args):
    r = subprocess.run(["dotnet", bench_dll, "video", *args], capture_output=True, text=True, check=True)
    values = {}
    for line in r.stdout.splitlines():
        for part in line.split(" "):
            if "=" in part:
                k, v = part.split("=", 1)
                values[k] = v
    return values


def make_matrix(path, rows, dim, dtype):
    if os.path.exists(path):
        return
    src = os.path.join(out, f"retrieval_{rows}_f32.npy")
    tmp = path + ".part"
    m = np.lib.format.open_memmap(tmp, mode="w+", dtype=dtype, shape=(rows, dim))
    chunk = 50_000
    if dtype == np.float32:
        rng = np.random.default_rng(2026)
        for s in range(0, rows, chunk):
            x = rng.standard_normal((min(chunk, rows - s), dim), dtype=np.float32)
            x /= np.linalg.norm(x, axis=1, keepdims=True)
            m[s:s + len(x)] = x
    else:
        f32 = np.load(src, mmap_mode="r")
        for s in range(0, rows, chunk):
            m[s:s + chunk] = f32[s:s + chunk].astype(dtype)
    m.flush()
    del m
    os.replace(tmp, path)


OPENBLAS = "/usr/lib/x86_64-linux-gnu/openblas-pthread"


def numpy_top5(path, qpath, runs, blas):
    """numpy in a child process, so the BLAS behind it can be chosen (Debian's numpy loads
    libblas.so.3: netlib's reference BLAS by default here; OpenBLAS from libopenblas0-pthread through
    LD_LIBRARY_PATH, without changing the machine's default)."""
    env = dict(os.environ)
    if blas == "openblas":
        env["LD_LIBRARY_PATH"] = OPENBLAS
    r = subprocess.run([sys.executable, os.path.abspath(__file__), "--numpy-ref", path, qpath, str(runs)],
                       capture_output=True, text=True, check=True, env=env)
    t, rows, lib = r.stdout.strip().split(" ", 2)
    return float(t), [int(x) for x in rows.split(",")], lib


def numpy_ref(path, qpath, runs):
    q = np.load(qpath)
    m = np.load(path, mmap_mode="r")
    qq = q.astype(m.dtype)
    best = float("inf")
    top = None
    for r in range(runs + 1):  # round 0 warms the page cache
        t = time.perf_counter()
        s = m @ qq
        idx = np.argpartition(-s, 5)[:5]
        idx = idx[np.lexsort((idx, -s[idx].astype(np.float64)))]
        dt = time.perf_counter() - t
        if r > 0:
            best = min(best, dt)
        top = idx
    try:
        from threadpoolctl import threadpool_info
        lib = ";".join(f"{i.get('internal_api')}:{i.get('num_threads')}" for i in threadpool_info() if i.get("user_api") == "blas") or "netlib"
    except ImportError:
        lib = "?"
    print(f"{best} {','.join(str(int(i)) for i in top)} {lib}")


def retrieval(rows, runs):
    dim = 1152
    f32 = os.path.join(out, f"retrieval_{rows}_f32.npy")
    f16 = os.path.join(out, f"retrieval_{rows}_f16.npy")
    t = time.perf_counter()
    make_matrix(f32, rows, dim, np.float32)
    make_matrix(f16, rows, dim, np.float16)
    qpath = os.path.join(out, "retrieval_query.npy")
    rng = np.random.default_rng(7)
    base = np.array(np.load(f32, mmap_mode="r")[rows // 3], dtype=np.float32)
    q = (base + 0.05 * rng.standard_normal(dim).astype(np.float32)).astype(np.float32)
    np.save(qpath, q)
    print(f"inputs ready in {time.perf_counter() - t:.1f} s", flush=True)
    blases = ["netlib"] + (["openblas"] if os.path.isdir(OPENBLAS) else [])
    for name, path, np_runs in [("float32", f32, runs), ("float16", f16, 1)]:
        g = run_bench("retrieval", path, qpath, str(runs))
        g_top = [int(x) for x in g["top5_rows"].split(",")]
        floor, search = float(g["floor_s"]), float(g["search_s"])
        print(f"{name}: {os.path.getsize(path) / 1e9:.2f} GB  floor (stream once) {floor:.3f} s  gaplens top-5 {search:.3f} s "
              f"= {search / floor:.2f}x the floor", flush=True)
        for blas in blases:
            n_time, n_top, lib = numpy_top5(path, qpath, np_runs, blas)
            print(f"  numpy matmul + argpartition ({blas}: {lib}) {n_time:.3f} s: gaplens {n_time / search:.2f}x faster; "
                  f"same top-5 rows: {g_top == n_top}", flush=True)
            if g_top != n_top:
                print(f"    gaplens {g_top}\n    numpy   {n_top}")


def pt_read(runs):
    path = os.path.join(out, "emb_10000x1152.pt")
    if not os.path.exists(path):
        g = torch.Generator().manual_seed(5)
        torch.save({"filenames": [f"frame_{i}.jpg" for i in range(10_000)],
                    "embeddings": torch.randn(10_000, 1152, generator=g)}, path)
    best = float("inf")
    for r in range(runs + 1):
        t = time.perf_counter()
        d = torch.load(path)
        _ = d["embeddings"].shape
        dt = time.perf_counter() - t
        if r > 0:
            best = min(best, dt)
    g = run_bench("pt-read", path, str(runs))
    ours = float(g["pt_read_s"])
    print(f".pt 10,000 x 1,152 ({os.path.getsize(path) / 1e6:.1f} MB): gaplens {ours * 1000:.1f} ms, torch.load {best * 1000:.1f} ms "
          f"(gaplens {best / ours:.1f}x faster)", flush=True)
    return ours, best


def text_encoder(queries):
    tiny = os.path.join(root, "tests", "TestData", "siglip_tiny")
    g = subprocess.run(["dotnet", bench_dll, "video", "text-encoder", os.path.join(tiny, "text_model.onnx"),
                        os.path.join(tiny, "spiece.model"), str(queries)], capture_output=True, text=True, check=True)
    print(g.stdout.strip(), flush=True)
    return g.stdout


def main():
    if len(sys.argv) == 5 and sys.argv[1] == "--numpy-ref":
        numpy_ref(sys.argv[2], sys.argv[3], int(sys.argv[4]))
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--skip-big", action="store_true", help="skip the retrieval benchmark")
    a = ap.parse_args()
    subprocess.run(["dotnet", "build", os.path.join(root, "bench", "GapLens.Bench", "GapLens.Bench.csproj"), "-c", "Release", "-nologo", "-v", "q"],
                   check=True, stdout=subprocess.DEVNULL)
    print(f"python {sys.version.split()[0]}, numpy {np.__version__}, torch {torch.__version__}, cores {os.cpu_count()}", flush=True)
    text_encoder(2000)
    pt_read(a.runs)
    if not a.skip_big:
        retrieval(a.rows, a.runs)
    print(f"python peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()

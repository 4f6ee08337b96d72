#!/usr/bin/env bash
# Benchmark: judge 20,000 VMEvalKit items with the OpenAI-compatible judge against the local test
# server (Kestrel on 127.0.0.1, answering instantly) at concurrency 32; prints items/s and peak RSS,
# and the cold ffmpeg frame-extraction rate for comparison. Usage: bench/judge_bench.sh [items] [concurrency]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
dotnet build "$here/bench/GapLens.Bench" -c Release -o "$here/bench/out/benchbin" -nologo -v q >/dev/null
exec dotnet "$here/bench/out/benchbin/GapLens.Bench.dll" judge "${1:-20000}" "${2:-32}" "$here/bench/out/judgebench"

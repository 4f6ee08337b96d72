#!/usr/bin/env bash
# Installs what the tests need when it is missing (saying what it installs), restores, builds with
# warnings as errors, runs every test project, and ends with the line "N passed, N failed".
set -uo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
cd "$here"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

say() { printf '[test.sh] %s\n' "$*"; }

# --- prerequisites -----------------------------------------------------------------------------
if ! command -v dotnet >/dev/null 2>&1; then
  say "the .NET SDK (dotnet, 10.0.100 or later) is required and is not on PATH; install it and re-run."
  exit 2
fi
say "dotnet $(dotnet --version)"

# Debian packages the tests use: Chromium for the report browser test (driven by Playwright with
# ExecutablePath /usr/bin/chromium; never "playwright install"), DejaVu fonts for plot text,
# ffmpeg for video frames (judge tests make small mp4s).
APT_PACKAGES=(chromium fonts-dejavu-core ffmpeg)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null \
    || { say "could not install ${missing[*]}"; exit 2; }
fi

# --- build -------------------------------------------------------------------------------------
say "restoring and building (warnings are errors)"
if ! build_log="$(dotnet build GapLens.slnx -c Release -nologo -v q 2>&1)"; then
  printf '%s\n' "$build_log" | grep -E 'error|warning' | sort -u | head -n 40
  say "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

# --- the native program ----------------------------------------------------------------------
# The process tests run the program users run: the ./gaplens launcher's Native AOT build
# (.build/cli/gaplens; built only when sources changed, about 4 minutes on 2 cores).
say "building the native program ./gaplens runs (Native AOT, when sources changed)"
if ! native_log="$(GAPLENS_PUBLISH=native ./gaplens --version 2>&1)" || [ "$(cat .build/cli.kind 2>/dev/null)" != native ]; then
  printf '%s\n' "$native_log" | tail -n 20
  [ -f .build/native-publish.log ] && grep -E 'error' .build/native-publish.log | sort -u | head -n 20
  say "the native build failed (.build/native-publish.log)"
  echo "0 passed, 1 failed"
  exit 1
fi
export GAPLENS_TEST_CLI="$here/.build/cli/gaplens"

# --- tests -------------------------------------------------------------------------------------
results="$here/TestResults"
rm -rf "$results"
mkdir -p "$results"
say "running tests"
# One result file per test project (named after it), run in parallel, so counts never collide.
projects=(tests/*.Tests/*.Tests.csproj)
pids=()
for proj in "${projects[@]}"; do
  name="$(basename "$proj" .csproj)"
  dotnet test "$proj" -c Release --no-build -nologo -v q \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" > "$results/$name.log" 2>&1 &
  pids+=($!)
done
status=0
for i in "${!pids[@]}"; do
  wait "${pids[$i]}" || status=1
  name="$(basename "${projects[$i]}" .csproj)"
  grep -vE "^\s*$|^A total of|^Test run for|^Results File" "$results/$name.log" || true
  rm -f "$results/$name.log"
done

passed=0; failed=0; skipped=0; total=0
shopt -s nullglob
trx_files=("$results"/*.trx)
for trx in "${trx_files[@]}"; do
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  get() { printf '%s' "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  t=$(get total); p=$(get passed); f=$(get failed); e=$(get error); n=$(get notExecuted)
  total=$((total + ${t:-0})); passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0}))
  skipped=$((skipped + ${n:-0}))
done
if [ "${#trx_files[@]}" -ne "${#projects[@]}" ]; then
  say "expected ${#projects[@]} test result files, found ${#trx_files[@]}"
  failed=$((failed + 1))
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi

line="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]

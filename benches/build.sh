#!/usr/bin/env bash
# Benchmark: the median wall time and peak memory of `vitrina build` on the demo site.
# Usage: bash benches/build.sh [RUNS]   (default 15). Quote the median, not the best run: the
# machines are noisy.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
cargo build --release --quiet
bin=target/release/vitrina
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$bin" build --out "$out/site" >/dev/null 2>&1   # warm the file cache
python3 - "$bin" "$out/site" "$runs" <<'PY'
import resource, statistics, subprocess, sys, time
bin, out, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
import shutil
# Baseline, interleaved with the builds so that both see the same machine: copying the built
# site with `cp -r`, which is about what writing it costs on this file system.
times, copies = [], []
for _ in range(runs):
    t = time.perf_counter()
    subprocess.run([bin, "build", "--out", out], check=True, stderr=subprocess.DEVNULL)
    times.append(time.perf_counter() - t)
    shutil.rmtree(out + "-copy", ignore_errors=True)
    t = time.perf_counter()
    subprocess.run(["cp", "-r", out, out + "-copy"], check=True)
    copies.append(time.perf_counter() - t)
peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
times.sort()
med, base = statistics.median(times), statistics.median(copies)
print(f"vitrina build (demo site), {runs} runs: median {med*1000:.1f} ms, "
      f"min {times[0]*1000:.1f} ms, max {times[-1]*1000:.1f} ms; peak RSS {peak_kib/1024:.1f} MiB")
print(f"cp -r of the built site: median {base*1000:.1f} ms; build / copy = {med/base:.2f}")
PY
"$bin" build --out "$out/site" --verbose 2>&1 | tail -6

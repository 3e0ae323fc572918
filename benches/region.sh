#!/usr/bin/env bash
# The benchmark of issue 15: a generated region (benches/region.py, fixed seed) of 60
# municipalities × 120 months with decisions and road maps.
#
#   bash benches/region.sh [RUNS]      (default 5)
#
# Measures the full build from nothing (no output, no spare, no card cache), the build again
# with nothing changed (the steady state of a publisher's machine or a cached CI folder), and
# `check` (beside a build's records, and on a folder never built); prints the median wall time and peak RSS of each (/usr/bin/time), and the published
# folder's weight (benches/sizes.py). Then `serve`: a saved month of one municipality to the open
# page (benches/serve_latency.py), a count changed on each save.
#
# Each build from nothing runs in a folder of its own, and no output is deleted until the end: on
# ext4, creating files just after tens of thousands were deleted costs the kernel a scan past
# every recently freed inode (`recently_deleted`; 14 s of system time instead of 3 s here), a
# cost a CI runner starting from a clean checkout never pays.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
cargo build --release --quiet
bin=$PWD/target/release/vitrina
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 benches/region.py "$work/r" 60 120 >/dev/null

measure() {
  local name=$1; shift
  /usr/bin/time -o "$work/one" -f "%e %M" "$@" >/dev/null 2>"$work/err" \
    || { cat "$work/err" >&2; exit 1; }
  echo "$name $(cat "$work/one")" >> "$work/times"
}

: > "$work/times"
for i in $(seq "$runs"); do
  mkdir "$work/cold-$i"
  cp -r "$work/r/data" "$work/cold-$i/"
  measure build-cold "$bin" build --root "$work/cold-$i"
done
mv "$work/cold-$runs/public" "$work/cold-$runs/.public.vitrina" "$work/r/"
# What a static host receives from the build from nothing (issue 20: 300 MB, 30,000 files,
# 100 MB as tar.gz, 60 KB a page, 30 KB a card).
python3 benches/sizes.py "$work/r/public"
for _ in $(seq "$runs"); do
  measure build-unchanged "$bin" build --root "$work/r"
done
for _ in $(seq "$runs"); do
  measure check "$bin" check --root "$work/r" --format json
done
# `check` as a pull request's CI runs it: on a clean checkout, with no build before it and so no
# records of unchanged municipalities to take.
mkdir "$work/fresh"
cp -r "$work/r/data" "$work/fresh/"
for _ in $(seq "$runs"); do
  measure check-fresh "$bin" check --root "$work/fresh" --format json
done
python3 - "$work/times" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    name, wall, kib = line.split()
    rows.setdefault(name, []).append((float(wall), int(kib)))
for name, v in rows.items():
    print(f"{name:16} median {statistics.median(w for w, _ in v):6.2f} s   peak RSS median {statistics.median(k for _, k in v) / 1024:6.0f} MiB   ({len(v)} runs)")
PY
python3 benches/serve_latency.py "$bin" 5 "$work/r" data/municipalities/mo-000/reports

#!/usr/bin/env bash
# The benchmark of issue 12: Vitrina against Hugo on the same files, in the same run.
#
#   bash benches/compare.sh [RUNS] [SIZES]      (defaults: 3 runs; sizes "1000 10000")
#
# 1. the demo site (Vitrina only: Hugo cannot build it): from nothing (no output, no spare, no
#    card cache), and again with nothing changed; beside it `cp -r` of the built site, the file
#    system's own cost of creating the same files;
# 2. for each size N, a generated corpus of N Markdown pages (~6 KB of Russian and English text,
#    front matter with title and date; benches/corpus.py) built by Vitrina as content pages of a
#    small site and by Debian's `hugo` with minimal single/list templates. The two tools
#    alternate run by run, so that both see the same machine; each rebuilds over its own previous
#    output, as a CI job or a publisher's machine does.
# 3. `vitrina serve` on the demo: a saved month to the open page (benches/serve_latency.py).
# Prints the median wall time and the median peak RSS (/usr/bin/time) of each, and the ratios
# Vitrina / Hugo. Machines here are noisy: quote medians and ratios from one run of this script.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
sizes=${2:-"1000 10000"}
command -v hugo >/dev/null || { echo "needs Debian's hugo: apt-get install -y hugo" >&2; exit 2; }
cargo build --release --quiet
bin=$PWD/target/release/vitrina
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# measure NAME CMD...: appends "NAME wall_seconds peak_kib" to $work/times.
measure() {
  local name=$1; shift
  /usr/bin/time -o "$work/one" -f "%e %M" "$@" >/dev/null 2>"$work/err" \
    || { cat "$work/err" >&2; exit 1; }
  echo "$name $(cat "$work/one")" >> "$work/times"
}

: > "$work/times"
for _ in $(seq "$runs"); do
  rm -rf "$work/d"
  measure demo-cold "$bin" build --out "$work/d/public"
  # The second build finds no spare yet (the first had no previous site to keep): the third is
  # the steady state of a publisher's machine or a cached CI folder.
  "$bin" build --out "$work/d/public" >/dev/null 2>&1
  measure demo-unchanged "$bin" build --out "$work/d/public"
  rm -rf "$work/d-copy"
  measure demo-cp cp -r "$work/d/public" "$work/d-copy"
done
for n in $sizes; do
  python3 benches/corpus.py "$n" "$work/c$n"
  "$bin" build --root "$work/c$n/vitrina" --out "$work/c$n/v-out" >/dev/null 2>&1
  "$bin" build --root "$work/c$n/vitrina" --out "$work/c$n/v-out" >/dev/null 2>&1
  hugo --quiet -s "$work/c$n/hugo" -d "$work/c$n/h-out" >/dev/null 2>&1
  for _ in $(seq "$runs"); do
    measure "vitrina-$n" "$bin" build --root "$work/c$n/vitrina" --out "$work/c$n/v-out"
    measure "hugo-$n" hugo --quiet -s "$work/c$n/hugo" -d "$work/c$n/h-out"
  done
done

python3 - "$work/times" "$runs" "$sizes" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    name, wall, kib = line.split()
    rows.setdefault(name, []).append((float(wall), int(kib)))
med = {k: (statistics.median(w for w, _ in v), statistics.median(m for _, m in v) / 1024)
       for k, v in rows.items()}
print(f"medians of {sys.argv[2]} runs each, Vitrina and Hugo alternating")
print(f"{'':24} {'wall':>9} {'peak RSS':>11}")
for key, label in (("demo-cold", "demo, from nothing"), ("demo-unchanged", "demo, nothing changed"),
                   ("demo-cp", "demo, cp -r of the site")):
    w, m = med[key]
    print(f"{label:24} {w:8.2f}s {m:8.1f} MiB")
for n in sys.argv[3].split():
    (vw, vm), (hw, hm) = med[f"vitrina-{n}"], med[f"hugo-{n}"]
    print(f"{n + ' pages, vitrina':24} {vw:8.2f}s {vm:8.1f} MiB")
    print(f"{n + ' pages, hugo':24} {hw:8.2f}s {hm:8.1f} MiB")
    print(f"{n + ' pages, ratio':24} {vw / hw:8.2f}x {vm / hm:8.2f}x   (vitrina / hugo)")
PY
python3 benches/serve_latency.py "$bin" 9

#!/usr/bin/env bash
# Side-by-side benchmark: FlowLab (DL4J) against the PyTorch reference recipe, interleaved on this machine.
# Usage: src/bench/compare.sh [rounds]   (from the repository root, after 'mvn -q package -DskipTests')
# Each round: `flowlab bench` (reference recipe and FlowLab's defaults, plus the density-grid/sampling ratio),
# optionally a second FlowLab jar (BASELINE_JAR=path, e.g. an older build, run with the same arguments),
# src/bench/torch_ref.py (PyTorch throughput), src/bench/torch_ttq.py (PyTorch time-to-quality and the RK4 rate).
# Needs Debian's python3-torch and libopenblas0-pthread (apt-get install -y python3-torch libopenblas0-pthread).
# TORCH_REF=path overrides the throughput script; it is called as `$TORCH_REF cpu THREADS` and its last line must be
# JSON with train_steps_per_s and euler_particle_steps_per_s. Prints each run's JSON and a table of ratios.
# Hold the machine for the whole run (e.g. `flock /tmp/flowlab-build.lock src/bench/compare.sh 2`).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${1:-2}
REF=${TORCH_REF:-src/bench/torch_ref.py}
BASE=${BASELINE_JAR:-}
THREADS=$(nproc)
export OMP_WAIT_POLICY=PASSIVE OPENBLAS_THREAD_TIMEOUT=4
OUT=$(mktemp -d)
echo "started $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for r in $(seq 1 "$ROUNDS"); do
  echo "round $r/$ROUNDS: FlowLab" >&2
  java -jar target/flowlab.jar bench --json --recipes reference,default | tail -n 1 > "$OUT/flowlab_$r.json"
  if [ -n "$BASE" ]; then
    echo "round $r/$ROUNDS: FlowLab baseline $BASE" >&2
    java -jar "$BASE" bench --json --recipes reference,default | tail -n 1 > "$OUT/base_$r.json"
  fi
  echo "round $r/$ROUNDS: PyTorch ($THREADS threads)" >&2
  /usr/bin/python3 "$REF" cpu "$THREADS" | tail -n 1 > "$OUT/torch_$r.json"
  echo "round $r/$ROUNDS: PyTorch time-to-quality" >&2
  /usr/bin/python3 src/bench/torch_ttq.py "$THREADS" 20 | tail -n 1 > "$OUT/ttq_$r.json"
done
echo "finished $(date -u +%Y-%m-%dT%H:%MZ); load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
/usr/bin/python3 - "$OUT" "$ROUNDS" "${BASE:+1}" <<'PY'
import json, os, sys, statistics as st
out, rounds, has_base = sys.argv[1], int(sys.argv[2]), len(sys.argv) > 3 and sys.argv[3] == "1"
load = lambda name: [json.load(open(f"{out}/{name}_{r}.json")) for r in range(1, rounds + 1)]
fl, tr, tq = load("flowlab"), load("torch"), load("ttq")
bs = load("base") if has_base else None
for r in range(rounds):
    print("flowlab ", json.dumps(fl[r]))
    if has_base:
        print("baseline", json.dumps(bs[r]))
    print("torch   ", json.dumps(tr[r]))
    print("ttq     ", json.dumps(tq[r]))
def med(rows, *path):
    vals = []
    for row in rows:
        v = row
        for p in path:
            v = v.get(p) if isinstance(v, dict) else None
            if v is None:
                break
        if v is not None:
            vals.append(v)
    return st.median(vals) if vals else None
print()
cols = ["FlowLab", "PyTorch", "ratio"] + (["baseline", "ratio"] if has_base else [])
print(f"{'measure':40s} " + " ".join(f"{c:>10s}" for c in cols))
def fmt(v, spec):
    return f"{v:{spec}}" if v is not None else f"{'—':>10s}"
def row(name, key, scale=1.0, higher_better=True, torch_rows=None):
    a = med(fl, *key)
    b = med(torch_rows or tr, *key)
    c = med(bs, *key) if has_base else None
    ratio = lambda x, y: (x / y if higher_better else y / x) if x and y else None
    cells = [fmt(a and a / scale, "10.1f"), fmt(b and b / scale, "10.1f"), fmt(ratio(a, b), "10.2f")]
    if has_base:
        cells += [fmt(c and c / scale, "10.1f"), fmt(ratio(c, b), "10.2f")]
    print(f"{name:40s} " + " ".join(cells))
for b in ["256", "1024", "4096"]:
    row(f"train steps/s, batch {b}", ("train_steps_per_s", b))
row("Euler particle-steps/s, 10k (×1000)", ("euler_particle_steps_per_s", "10000"), 1000)
row("RK4 particle-steps/s, 10k (×1000)", ("rk4_particle_steps_per_s", "10000"), 1000, torch_rows=tq)
row("reference recipe: s to 2× SW floor", ("recipes", "reference", "time_to_2x_floor_s"), higher_better=False,
    torch_rows=[{"recipes": {"reference": {"time_to_2x_floor_s": t.get("time_to_2x_floor_s")}}} for t in tq])
row("FlowLab defaults vs PyTorch reference", ("recipes", "default", "time_to_2x_floor_s"), higher_better=False,
    torch_rows=[{"recipes": {"default": {"time_to_2x_floor_s": t.get("time_to_2x_floor_s")}}} for t in tq])
floor = med(fl, "swd_noise_floor_2000")
print(f"{'SW2 / floor after 20 s: reference':40s} {med(fl, 'recipes', 'reference', 'swd_at_budget') / floor:10.2f} "
      f"{med(tq, 'swd_at_budget') / med(tq, 'swd_noise_floor_2000'):10.2f}")
print(f"{'SW2 / floor after 20 s: FlowLab defaults':40s} {med(fl, 'recipes', 'default', 'swd_at_budget') / floor:10.2f}")
d = med(fl, "density", "ratio")
if d is not None:
    print(f"{'density 256² / sampling, midpoint × 8':40s} {d:10.2f}   (FlowLab only: seconds of the grid ÷ "
          f"seconds to sample as many points; {med(fl, 'density', 'density_s'):.2f} s ÷ "
          f"{med(fl, 'density', 'sampling_s'):.2f} s)")
print(f"{'noise floor (mean SW2, 2000 vs 2000)':40s} {floor:10.4f} {med(tq, 'swd_noise_floor_2000'):10.4f}")
print("ratios > 1 mean FlowLab is faster (for times: PyTorch's time / FlowLab's); medians over", rounds,
      "interleaved rounds")
PY

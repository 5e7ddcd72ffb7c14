#!/usr/bin/env bash
# Side-by-side benchmark: FlowLab (DL4J) against the PyTorch reference recipe, interleaved on this machine.
# Usage: src/bench/compare.sh [rounds]   (from the repository root, after 'mvn -q package -DskipTests')
# Each round: `flowlab bench` (reference recipe and FlowLab's defaults), src/bench/torch_ref.py (PyTorch throughput),
# src/bench/torch_ttq.py (PyTorch time-to-quality and the RK4 rate the table uses).
# Needs Debian's python3-torch and libopenblas0-pthread (apt-get install -y python3-torch libopenblas0-pthread).
# TORCH_REF=path overrides the throughput script; it is called as `$TORCH_REF cpu THREADS` and its last line must be
# JSON with train_steps_per_s and euler_particle_steps_per_s. Prints each run's JSON and a table of ratios.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${1:-2}
REF=${TORCH_REF:-src/bench/torch_ref.py}
THREADS=$(nproc)
export OMP_WAIT_POLICY=PASSIVE OPENBLAS_THREAD_TIMEOUT=4
OUT=$(mktemp -d)
for r in $(seq 1 "$ROUNDS"); do
  echo "round $r/$ROUNDS: FlowLab" >&2
  java -jar target/flowlab.jar bench --json --recipes reference,default | tail -n 1 > "$OUT/flowlab_$r.json"
  echo "round $r/$ROUNDS: PyTorch ($THREADS threads)" >&2
  /usr/bin/python3 "$REF" cpu "$THREADS" | tail -n 1 > "$OUT/torch_$r.json"
  echo "round $r/$ROUNDS: PyTorch time-to-quality" >&2
  /usr/bin/python3 src/bench/torch_ttq.py "$THREADS" 20 | tail -n 1 > "$OUT/ttq_$r.json"
done
/usr/bin/python3 - "$OUT" "$ROUNDS" <<'PY'
import json, sys, statistics as st
out, rounds = sys.argv[1], int(sys.argv[2])
fl = [json.load(open(f"{out}/flowlab_{r}.json")) for r in range(1, rounds + 1)]
tr = [json.load(open(f"{out}/torch_{r}.json")) for r in range(1, rounds + 1)]
tq = [json.load(open(f"{out}/ttq_{r}.json")) for r in range(1, rounds + 1)]
for r in range(rounds):
    print("flowlab", json.dumps(fl[r]))
    print("torch  ", json.dumps(tr[r]))
    print("ttq    ", json.dumps(tq[r]))
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
print(f"{'measure':40s} {'FlowLab':>12s} {'PyTorch':>12s} {'ratio':>8s}")
def row(name, a, b, higher_better=True):
    ratio = (a / b if higher_better else b / a) if a and b else None
    print(f"{name:40s} {a if a is not None else float('nan'):12.1f} {b if b is not None else float('nan'):12.1f} "
          f"{ratio if ratio is not None else float('nan'):8.2f}")
for bs in ["256", "1024", "4096"]:
    row(f"train steps/s, batch {bs}", med(fl, "train_steps_per_s", bs), med(tr, "train_steps_per_s", bs))
row("Euler particle-steps/s, 10k (×1000)", (med(fl, "euler_particle_steps_per_s", "10000") or 0) / 1000,
    (med(tr, "euler_particle_steps_per_s", "10000") or 0) / 1000)
row("RK4 particle-steps/s, 10k (×1000)", (med(fl, "rk4_particle_steps_per_s", "10000") or 0) / 1000,
    (med(tq, "rk4_particle_steps_per_s", "10000") or 0) / 1000)
row("reference recipe: s to 2× SW floor", med(fl, "recipes", "reference", "time_to_2x_floor_s"),
    med(tq, "time_to_2x_floor_s"), higher_better=False)
row("FlowLab defaults vs PyTorch reference", med(fl, "recipes", "default", "time_to_2x_floor_s"),
    med(tq, "time_to_2x_floor_s"), higher_better=False)
print(f"{'SW2 / floor after 20 s: reference':40s} {med(fl, 'recipes', 'reference', 'swd_at_budget') / med(fl, 'swd_noise_floor_2000'):12.2f} "
      f"{med(tq, 'swd_at_budget') / med(tq, 'swd_noise_floor_2000'):12.2f}")
print(f"{'SW2 / floor after 20 s: FlowLab defaults':40s} {med(fl, 'recipes', 'default', 'swd_at_budget') / med(fl, 'swd_noise_floor_2000'):12.2f}")
print(f"{'noise floor (mean SW2, 2000 vs 2000)':40s} {med(fl, 'swd_noise_floor_2000'):12.4f} {med(tq, 'swd_noise_floor_2000'):12.4f}")
print("ratios > 1 mean FlowLab is faster (for times: PyTorch's time / FlowLab's); medians over", rounds, "interleaved rounds")
PY

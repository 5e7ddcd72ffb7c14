#!/usr/bin/env bash
# Side-by-side benchmark: FlowLab (DL4J) against the PyTorch reference recipe, interleaved on this machine.
# Usage: src/bench/compare.sh [rounds]   (from the repository root, after 'mvn -q package -DskipTests')
# Needs Debian's python3-torch and libopenblas0-pthread (apt-get install -y python3-torch libopenblas0-pthread)
# and ../shared/bench/torch_ref.py beside the checkout. Prints each run's JSON and a table of ratios.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${1:-2}
REF=${TORCH_REF:-../shared/bench/torch_ref.py}
THREADS=$(nproc)
export OMP_WAIT_POLICY=PASSIVE
OUT=$(mktemp -d)
for r in $(seq 1 "$ROUNDS"); do
  echo "round $r/$ROUNDS: FlowLab" >&2
  java -jar target/flowlab.jar bench --json | tail -n 1 > "$OUT/flowlab_$r.json"
  echo "round $r/$ROUNDS: PyTorch ($THREADS threads)" >&2
  /usr/bin/python3 "$REF" cpu "$THREADS" | tail -n 1 > "$OUT/torch_$r.json"
done
/usr/bin/python3 - "$OUT" "$ROUNDS" <<'PY'
import json, sys, statistics as st
out, rounds = sys.argv[1], int(sys.argv[2])
fl = [json.load(open(f"{out}/flowlab_{r}.json")) for r in range(1, rounds + 1)]
tr = [json.load(open(f"{out}/torch_{r}.json")) for r in range(1, rounds + 1)]
for r in range(rounds):
    print("flowlab", json.dumps(fl[r]))
    print("torch  ", json.dumps(tr[r]))
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
print(f"{'RK4 particle-steps/s, 10k (×1000)':40s} {(med(fl, 'rk4_particle_steps_per_s', '10000') or 0)/1000:12.1f} "
      f"{'—':>12s} {'—':>8s}")
t5000 = med(tr, "train_5000_steps_b1024_s")
print(f"{'PyTorch: 5000 steps at batch 1024 (s)':40s} {'':12s} {t5000:12.1f}")
print(f"{'PyTorch: SW2 after 5000 steps, Euler 100':40s} {'':12s} {med(tr, 'swd_euler100'):12.4f}")
print(f"{'FlowLab: seconds to 2× noise floor':40s} {med(fl, 'time_to_2x_floor_s') or float('nan'):12.1f}")
print(f"{'FlowLab: steps to 2× noise floor':40s} {med(fl, 'steps_to_2x_floor') or float('nan'):12.0f}")
print("ratios > 1 mean FlowLab is faster; medians over", rounds, "interleaved rounds")
PY

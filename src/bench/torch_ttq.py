"""PyTorch side of FlowLab's time-to-quality and RK4 measurements (src/bench/torch_ref.py: throughput).

Same recipe and network as src/bench/torch_ref.py (OT path, MLP 3x256 SiLU on [x, t], Adam 1e-3, batch 1024,
two moons from a 200k pool) and the same check as `flowlab bench`: every 100 steps, 2000 Euler-100 samples against
2000 fresh i.i.d. moons until SW2 < 2x the noise floor (mean SW2 between two independent 2000-point draws, 8 pairs),
then on to a budget of training seconds and the SW2 there. Training seconds exclude the checks. Also RK4 particle-steps/s (10k particles x 25 steps, as torch_ref.py measures it).
Usage: /usr/bin/python3 torch_ttq.py [threads] [budget_seconds]   (same environment as the Java side; budget 20 s)
Prints one JSON line.
"""
import json, math, sys, time
import numpy as np
import torch
import torch.nn as nn

if len(sys.argv) > 1 and sys.argv[1].isdigit():
    torch.set_num_threads(int(sys.argv[1]))
torch.manual_seed(0)
rng = np.random.default_rng(0)


def moons(n, noise=0.05):
    n1 = n // 2; n2 = n - n1
    a = np.linspace(0, math.pi, n1); b = np.linspace(0, math.pi, n2)
    x = np.concatenate([np.stack([np.cos(a), np.sin(a)], 1), np.stack([1 - np.cos(b), 1 - np.sin(b) - 0.5], 1)])
    x += rng.normal(0, noise, x.shape)
    x = (x - np.array([0.5, 0.25])) * 1.5
    return torch.tensor(x[rng.permutation(n)], dtype=torch.float32)


def moons_iid(n, noise=0.05):
    """I.i.d. draws (uniform angle, either moon), as FlowLab's Preset.MOONS: the noise floor of evenly spaced
    angles (moons() above) is several times lower than that of independent samples, which a model's samples are."""
    a = rng.uniform(0, math.pi, n); first = rng.random(n) < 0.5
    x = np.where(first, np.cos(a), 1 - np.cos(a)); y = np.where(first, np.sin(a), 1 - np.sin(a) - 0.5)
    p = np.stack([x, y], 1) + rng.normal(0, noise, (n, 2))
    return torch.tensor((p - np.array([0.5, 0.25])) * 1.5, dtype=torch.float32)


def swd(a, b, k=256):
    a = a.double(); b = b.double()
    th = torch.randn(2, k, dtype=torch.float64); th /= th.norm(dim=0, keepdim=True)
    pa = torch.sort(a @ th, 0).values; pb = torch.sort(b @ th, 0).values
    return float(((pa - pb) ** 2).mean().sqrt())


class Net(nn.Module):
    def __init__(s, h=256):
        super().__init__()
        s.net = nn.Sequential(nn.Linear(3, h), nn.SiLU(), nn.Linear(h, h), nn.SiLU(), nn.Linear(h, h), nn.SiLU(), nn.Linear(h, 2))

    def forward(s, x, t):
        return s.net(torch.cat([x, t], -1))


def step(m, opt, x1):
    x0 = torch.randn_like(x1); t = torch.rand(x1.shape[0], 1)
    xt = (1 - t) * x0 + t * x1
    loss = ((m(xt, t) - (x1 - x0)) ** 2).mean()
    opt.zero_grad(set_to_none=True); loss.backward(); opt.step()


@torch.no_grad()
def euler(m, n, steps):
    x = torch.randn(n, 2); dt = 1.0 / steps
    for i in range(steps):
        x = x + m(x, torch.full((n, 1), i * dt)) * dt
    return x


@torch.no_grad()
def rk4(m, n, steps):
    x = torch.randn(n, 2); h = 1.0 / steps
    f = lambda x, t: m(x, torch.full((n, 1), t))
    for i in range(steps):
        t = i * h
        k1 = f(x, t); k2 = f(x + 0.5 * h * k1, t + 0.5 * h); k3 = f(x + 0.5 * h * k2, t + 0.5 * h); k4 = f(x + h * k3, t + h)
        x = x + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
    return x


out = {"threads": torch.get_num_threads()}
m = Net()
rk4(m, 10_000, 2)
t0 = time.perf_counter(); rk4(m, 10_000, 25)
out["rk4_particle_steps_per_s"] = {"10000": 10_000 * 25 / (time.perf_counter() - t0)}

pool = moons(200_000)
ref = moons_iid(2000)
floor = sum(swd(moons_iid(2000), moons_iid(2000)) for _ in range(8)) / 8  # as FlowLab's bench: mean of 8 pairs
m = Net(); opt = torch.optim.Adam(m.parameters(), lr=1e-3)
budget = float(sys.argv[2]) if len(sys.argv) > 2 else 20.0
train_s = 0.0; steps = 0; sw = float("nan"); reached_s = None; reached_steps = None
while train_s < budget:
    t0 = time.perf_counter()
    for _ in range(100):
        step(m, opt, pool[torch.randint(0, len(pool), (1024,))])
    train_s += time.perf_counter() - t0; steps += 100
    if reached_steps is None or train_s >= budget:
        sw = swd(euler(m, 2000, 100), ref)
        if reached_steps is None and sw < 2 * floor:
            reached_s, reached_steps = train_s, steps
out["swd_noise_floor_2000"] = floor
out["time_to_2x_floor_s"] = reached_s
out["steps_to_2x_floor"] = reached_steps
out["budget_s"] = train_s
out["budget_steps"] = steps
out["swd_at_budget"] = sw
print(json.dumps(out))

#!/usr/bin/env python3
"""FlowLab's PyTorch reference benchmark: the flow-matching recipe `flowlab bench` reproduces on DL4J.

Recipe: two moons (noise 0.05, centred by (0.5, 0.25) and scaled by 1.5, as FlowLab's `moons` preset), the
optimal-transport path x_t = (1 - t) x0 + t x1 with x0 ~ N(0, I), regression target x1 - x0, an MLP with three
hidden layers of 256 SiLU units on [x, y, t], Adam with learning rate 1e-3.

Measurements, all on one device:
  * train_steps_per_s      training steps per second for each batch size (default 256, 1024, 4096)
  * euler_particle_steps_per_s / rk4_particle_steps_per_s
                           sampling throughput on 10 000 particles (Euler: 100 steps, RK4: 25 steps of 4 evaluations)
  * train_<N>_steps_b1024_s, swd_euler<k>, swd_noise_floor
                           quality after a fixed budget: N training steps at batch 1024 (default 5000), then the
                           sliced Wasserstein-2 distance of 10 000 Euler samples (1, 2, 5, 10, 100 steps) to
                           10 000 fresh moons, and the same distance between two moon draws (the floor)

Usage (from the repository root):
  OMP_WAIT_POLICY=PASSIVE OPENBLAS_THREAD_TIMEOUT=4 /usr/bin/python3 src/bench/torch_ref.py [cpu|cuda] [threads]
  ... src/bench/torch_ref.py --threads 2 --seconds 3 --quality-steps 5000
Needs Debian's python3-torch and libopenblas0-pthread (apt-get install -y python3-torch libopenblas0-pthread).
Set the same environment as the Java side and interleave runs with `flowlab bench` (src/bench/compare.sh does both).
The last line printed is one JSON object; src/bench/compare.sh reads train_steps_per_s and
euler_particle_steps_per_s from it.
"""
import argparse
import json
import math
import time

import numpy as np
import torch
from torch import nn

HIDDEN = 256
LEARNING_RATE = 1e-3
QUALITY_BATCH = 1024
POOL_SIZE = 200_000


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("device", nargs="?", choices=["cpu", "cuda"],
                   help="device to run on (default: cuda when available, else cpu)")
    p.add_argument("threads", nargs="?", type=int, help="intra-op threads (same as --threads)")
    p.add_argument("--threads", dest="threads_opt", metavar="N", type=int, help="intra-op threads (default: PyTorch's choice)")
    p.add_argument("--seconds", type=float, default=3.0, help="seconds per throughput measurement (default 3)")
    p.add_argument("--batches", default="256,1024,4096", help="batch sizes to time, comma-separated")
    p.add_argument("--particles", type=int, default=10_000, help="particles for the sampling throughput")
    p.add_argument("--quality-steps", type=int, default=5000,
                   help="training steps at batch 1024 before the quality check (0 skips it; default 5000)")
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args()
    a.threads = a.threads_opt if a.threads_opt is not None else a.threads
    a.device = a.device or ("cuda" if torch.cuda.is_available() else "cpu")
    a.batches = [int(b) for b in a.batches.split(",") if b.strip()]
    return a


def two_moons(n, rng, noise=0.05):
    """n points on two interleaved half circles, angles evenly spaced, Gaussian jitter, shuffled."""
    upper = n // 2
    theta_u = np.linspace(0.0, math.pi, upper)
    theta_l = np.linspace(0.0, math.pi, n - upper)
    pts = np.empty((n, 2))
    pts[:upper, 0], pts[:upper, 1] = np.cos(theta_u), np.sin(theta_u)
    pts[upper:, 0], pts[upper:, 1] = 1.0 - np.cos(theta_l), 0.5 - np.sin(theta_l)
    pts += rng.normal(0.0, noise, size=pts.shape)
    pts = 1.5 * (pts - np.array([0.5, 0.25]))
    return torch.from_numpy(pts[rng.permutation(n)]).float()


def sliced_w2(a, b, directions=256):
    """RMS over random unit directions of the 1-D Wasserstein-2 distance between equal-size point sets."""
    a, b = a.detach().cpu().double(), b.detach().cpu().double()
    dirs = torch.randn(2, directions, dtype=torch.float64)
    dirs = dirs / dirs.norm(dim=0, keepdim=True)
    proj_a, _ = torch.sort(a @ dirs, dim=0)
    proj_b, _ = torch.sort(b @ dirs, dim=0)
    return float(torch.sqrt(torch.mean((proj_a - proj_b) ** 2)))


class VelocityMLP(nn.Module):
    """v(x, t): [x, y, t] -> three SiLU layers of `hidden` units -> velocity (2)."""

    def __init__(self, hidden=HIDDEN):
        super().__init__()
        layers, width = [], 3
        for _ in range(3):
            layers += [nn.Linear(width, hidden), nn.SiLU()]
            width = hidden
        layers.append(nn.Linear(width, 2))
        self.layers = nn.Sequential(*layers)

    def forward(self, x, t):
        return self.layers(torch.cat((x, t), dim=1))


class Bench:
    def __init__(self, device, pool):
        self.device = device
        self.pool = pool

    def wait(self):
        if self.device == "cuda":
            torch.cuda.synchronize()

    def fresh_model(self):
        model = VelocityMLP().to(self.device)
        return model, torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)

    def batch(self, size):
        return self.pool[torch.randint(len(self.pool), (size,), device=self.device)]

    def train_step(self, model, opt, x1):
        """One conditional flow-matching step on the OT path."""
        x0 = torch.randn_like(x1)
        t = torch.rand(len(x1), 1, device=self.device)
        xt = t * x1 + (1.0 - t) * x0
        loss = (model(xt, t) - (x1 - x0)).pow(2).mean()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()

    @torch.no_grad()
    def euler(self, model, n, steps):
        x = torch.randn(n, 2, device=self.device)
        dt = 1.0 / steps
        for k in range(steps):
            x = x + dt * model(x, torch.full((n, 1), k * dt, device=self.device))
        return x

    @torch.no_grad()
    def rk4(self, model, n, steps):
        x = torch.randn(n, 2, device=self.device)
        h = 1.0 / steps

        def v(y, t):
            return model(y, torch.full((n, 1), t, device=self.device))

        for k in range(steps):
            t = k * h
            k1 = v(x, t)
            k2 = v(x + 0.5 * h * k1, t + 0.5 * h)
            k3 = v(x + 0.5 * h * k2, t + 0.5 * h)
            k4 = v(x + h * k3, t + h)
            x = x + (h / 6.0) * (k1 + 2.0 * k2 + 2.0 * k3 + k4)
        return x

    def steps_per_second(self, batch, seconds, warmup_steps=30):
        model, opt = self.fresh_model()
        for _ in range(warmup_steps):
            self.train_step(model, opt, self.batch(batch))
        self.wait()
        done, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds:
            self.train_step(model, opt, self.batch(batch))
            done += 1
        self.wait()
        return done / (time.perf_counter() - start)

    def particle_steps_per_second(self, solver, particles, steps):
        model, _ = self.fresh_model()  # weights do not change the cost
        solver(model, particles, 2)  # warm-up
        self.wait()
        start = time.perf_counter()
        solver(model, particles, steps)
        self.wait()
        return particles * steps / (time.perf_counter() - start)


def main():
    args = parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    bench = Bench(args.device, two_moons(POOL_SIZE, rng).to(args.device))

    result = {"device": args.device, "torch": torch.__version__, "threads": torch.get_num_threads()}
    if args.device == "cuda":
        result["gpu"] = torch.cuda.get_device_name()
    # keys are strings, as json.dumps makes them and as `flowlab bench --json` writes them
    result["train_steps_per_s"] = {str(b): bench.steps_per_second(b, args.seconds) for b in args.batches}
    n = args.particles
    result["euler_particle_steps_per_s"] = {str(n): bench.particle_steps_per_second(bench.euler, n, 100)}
    result["rk4_particle_steps_per_s"] = {str(n): bench.particle_steps_per_second(bench.rk4, n, 25)}

    if args.quality_steps > 0:
        model, opt = bench.fresh_model()
        start = time.perf_counter()
        for _ in range(args.quality_steps):
            bench.train_step(model, opt, bench.batch(QUALITY_BATCH))
        bench.wait()
        result[f"train_{args.quality_steps}_steps_b{QUALITY_BATCH}_s"] = time.perf_counter() - start
        target = two_moons(10_000, rng)
        result["swd_noise_floor"] = sliced_w2(two_moons(10_000, rng), target)
        for steps in (1, 2, 5, 10, 100):
            result[f"swd_euler{steps}"] = sliced_w2(bench.euler(model, 10_000, steps), target)

    print(json.dumps(result))


if __name__ == "__main__":
    main()

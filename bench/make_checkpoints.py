"""Writes a checkpoint series for bench/analyze_compare.sh: STEPS .npz files (np.savez, float32) of LAYERS n x n
matrices that drift by a low-rank update plus noise, as a training run would. Usage:
python3 bench/make_checkpoints.py DIR [--steps 20] [--layers 4] [--n 512] [--seed 0]"""
import argparse
import os

import numpy as np

p = argparse.ArgumentParser()
p.add_argument("dir")
p.add_argument("--steps", type=int, default=20)
p.add_argument("--layers", type=int, default=4)
p.add_argument("--n", type=int, default=512)
p.add_argument("--seed", type=int, default=0)
a = p.parse_args()
os.makedirs(a.dir, exist_ok=True)
rng = np.random.default_rng(a.seed)
ws = [rng.standard_normal((a.n, a.n)) / np.sqrt(a.n) for _ in range(a.layers)]
for step in range(a.steps):
    np.savez(os.path.join(a.dir, f"step-{100 * step:06d}.npz"),
             **{f"layers.{l}.weight": w.astype(np.float32) for l, w in enumerate(ws)})
    for w in ws:
        u = rng.standard_normal((a.n, 4))
        v = rng.standard_normal((4, a.n))
        w += 0.02 * (u @ v) / a.n + 1e-3 * rng.standard_normal((a.n, a.n)) / np.sqrt(a.n)

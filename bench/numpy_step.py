#!/usr/bin/env python3
"""The same full-batch GD step as Parsimony Lab's DeepLinearModel, in NumPy, for side-by-side timing.

Usage: numpy_step.py D L N [--form per-sample|moment] [--steps S] [--warmup W]

Per-sample form: forward H_l = W_l H_{l-1}, residual G = (H_L - Y)/(K N), back-propagation
grad_l = G_l H_{l-1}^T, G_{l-1} = W_l^T G_l, then W_l -= lr * grad_l ((6L-2) d^2 N flop).
Moment form: X = L Q (thin QR of X^T) once, then the same step on (L, Y Q^T) with d columns.
Prints one line: form, ms per step (median of 5 batches), steps/s, GFLOP/s, threads.
"""
import argparse
import os
import time

import numpy as np


def step(ws, x, y, grads, hs, lr, scale):
    h = x
    hs[0] = x
    for l, w in enumerate(ws):
        h = w @ h
        hs[l + 1] = h
    g = h - y
    loss = 0.5 * scale * float(np.vdot(g, g))
    g *= scale
    for l in range(len(ws) - 1, -1, -1):
        np.matmul(g, hs[l].T, out=grads[l])
        if l > 0:
            g = ws[l].T @ g
    for w, gr in zip(ws, grads):
        w -= lr * gr
    return loss


def main():
    p = argparse.ArgumentParser()
    p.add_argument("d", type=int)
    p.add_argument("L", type=int)
    p.add_argument("N", type=int)
    p.add_argument("--form", default="per-sample", choices=["per-sample", "moment"])
    p.add_argument("--steps", type=int, default=0, help="steps per timed batch (0: about 1 s)")
    p.add_argument("--warmup", type=int, default=2)
    a = p.parse_args()
    rng = np.random.default_rng(0)
    d, depth, n = a.d, a.L, a.N
    x = rng.standard_normal((d, n)) / np.sqrt(d)
    phi = rng.standard_normal((d, 5)) @ rng.standard_normal((5, d)) / np.sqrt(d)
    y = phi @ x
    scale = 1.0 / (d * n)
    flops = (6 * depth - 2) * d * d * n
    if a.form == "moment":
        q, r = np.linalg.qr(x.T)  # x^T = q r, x = r^T q^T
        x, y = np.ascontiguousarray(r.T), y @ q
        flops = (6 * depth - 2) * d * d * d
    ws = [np.linalg.qr(rng.standard_normal((d, d)))[0] for _ in range(depth)]
    grads = [np.empty((d, d)) for _ in range(depth)]
    hs = [None] * (depth + 1)
    lr = 1e-3 / scale
    for _ in range(a.warmup):
        step(ws, x, y, grads, hs, lr, scale)
    steps = a.steps
    if steps <= 0:
        t0 = time.perf_counter()
        step(ws, x, y, grads, hs, lr, scale)
        steps = max(1, int(1.0 / max(time.perf_counter() - t0, 1e-6)))
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        for _ in range(steps):
            step(ws, x, y, grads, hs, lr, scale)
        times.append((time.perf_counter() - t0) / steps)
    ms = sorted(times)[2] * 1e3
    threads = os.environ.get("OPENBLAS_NUM_THREADS", "default")
    print(f"numpy {np.__version__} form={a.form} d={d} L={depth} N={n} ms/step={ms:.4f} "
          f"steps/s={1e3 / ms:.2f} GFLOP/s={flops / (ms * 1e-3) / 1e9:.2f} threads={threads}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The same mini-batch SGD step as Parsimony Lab's MlpModel on Fashion-MNIST, in NumPy, for side-by-side timing.

Usage: numpy_mlp_step.py [--dir DIR] [--samples N] [--width W] [--depth L] [--batch B] [--activation gelu|relu]
                         [--steps S] [--warmup W] [--sample-major]

The network of presets/p2-fashion-mnist-lowrank.json (variant full): inputs X (784 x N, pixels / 255, the first N
training images, one column per sample), weights W_l (out x in, orthogonal init), no biases, exact GELU
phi(x) = x Phi(x) after every layer but the last, column-softmax cross-entropy averaged over the batch.
One step: gather the next B shuffled columns of X and Y (reshuffled every epoch), forward Z_l = W_l A_{l-1},
A_l = phi(Z_l), G_L = (softmax(Z_L) - Y) / B, back-propagation dW_l = G_l A_{l-1}^T,
G_{l-1} = (W_l^T G_l) * phi'(Z_{l-1}), then W_l -= lr * dW_l.
--sample-major keeps X and Y transposed (N x d, one sample per row, as Parsimony Lab's MlpModel does for its gather)
and takes the batch as XT[idx].T, a view that the products read with a transpose flag: the same numbers, without
the strided column copy of X[:, idx] (one cache line per entry).
Prints one line: ms per step (median of 5 batches of steps), ms per epoch (ceil(N/B) steps), GFLOP/s, threads.
"""
import argparse
import gzip
import os
import time

import numpy as np
from scipy.special import ndtr

INV_SQRT_2PI = 1.0 / np.sqrt(2.0 * np.pi)


def read_idx(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    dims = raw[3]
    shape = tuple(int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(dims))
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


class Mlp:
    def __init__(self, ws, x, y, batch, activation, seed, sample_major=False):
        self.ws, self.x, self.y, self.batch = ws, x, y, batch
        self.sample_major = sample_major
        if sample_major:
            self.xt, self.yt = np.ascontiguousarray(x.T), np.ascontiguousarray(y.T)
        self.relu = activation == "relu"
        self.n = x.shape[1]
        self.order = np.arange(self.n)
        self.rng = np.random.default_rng(seed)
        self.cursor = 0
        self.grads = [np.empty_like(w) for w in ws]

    def phi(self, z):
        if self.relu:
            return np.maximum(z, 0.0), (z > 0).astype(np.float64)
        cdf = ndtr(z)
        return z * cdf, cdf + z * np.exp(-0.5 * z * z) * INV_SQRT_2PI

    def step(self, lr):
        if self.cursor == 0:
            self.rng.shuffle(self.order)
        idx = self.order[self.cursor: self.cursor + self.batch]
        self.cursor += len(idx)
        if self.cursor >= self.n:
            self.cursor = 0
        if self.sample_major:
            xb, yb = self.xt[idx].T, self.yt[idx].T
        else:
            xb, yb = self.x[:, idx], self.y[:, idx]
        acts, derivs = [xb], []
        h = xb
        for l, w in enumerate(self.ws):
            z = w @ h
            if l < len(self.ws) - 1:
                h, d = self.phi(z)
                derivs.append(d)
            else:
                h = z
            acts.append(h)
        out = acts[-1]
        e = np.exp(out - out.max(axis=0, keepdims=True))
        p = e / e.sum(axis=0, keepdims=True)
        loss = -float(np.sum(yb * np.log(p))) / len(idx)
        g = (p - yb) / len(idx)
        for l in range(len(self.ws) - 1, -1, -1):
            np.matmul(g, acts[l].T, out=self.grads[l])
            if l > 0:
                g = (self.ws[l].T @ g) * derivs[l - 1]
        for w, gr in zip(self.ws, self.grads):
            w -= lr * gr
        return loss


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--dir", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--samples", type=int, default=10000)
    p.add_argument("--width", type=int, default=128)
    p.add_argument("--depth", type=int, default=4)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--activation", default="gelu", choices=["gelu", "relu"])
    p.add_argument("--lr", type=float, default=0.05)
    p.add_argument("--steps", type=int, default=0, help="steps per timed batch (0: about 1 s)")
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--sample-major", action="store_true", help="gather the batch from a transposed copy of X")
    a = p.parse_args()
    images = read_idx(os.path.join(a.dir, "train-images-idx3-ubyte.gz"))[: a.samples]
    labels = read_idx(os.path.join(a.dir, "train-labels-idx1-ubyte.gz"))[: a.samples]
    n = images.shape[0]
    x = np.ascontiguousarray(images.reshape(n, -1).T, dtype=np.float64) / 255.0  # 784 x N
    k = 10
    y = np.zeros((k, n))
    y[labels, np.arange(n)] = 1.0
    rng = np.random.default_rng(0)
    dims = [x.shape[0]] + [a.width] * (a.depth - 1) + [k]
    ws = []
    for l in range(a.depth):
        q, r = np.linalg.qr(rng.standard_normal((max(dims[l + 1], dims[l]), min(dims[l + 1], dims[l]))))
        q = q * np.sign(np.diag(r))
        ws.append(np.ascontiguousarray(q if dims[l + 1] >= dims[l] else q.T))
    model = Mlp(ws, x, y, a.batch, a.activation, 0, a.sample_major)
    flops = sum(2 * 2 * dims[l + 1] * dims[l] * a.batch + (2 * dims[l + 1] * dims[l] * a.batch if l > 0 else 0)
                for l in range(a.depth))
    for _ in range(a.warmup):
        model.step(a.lr)
    steps = a.steps
    if steps <= 0:
        t0 = time.perf_counter()
        model.step(a.lr)
        steps = max(1, int(1.0 / max(time.perf_counter() - t0, 1e-6)))
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        for _ in range(steps):
            model.step(a.lr)
        times.append((time.perf_counter() - t0) / steps)
    ms = sorted(times)[2] * 1e3
    per_epoch = -(-n // a.batch)
    threads = os.environ.get("OPENBLAS_NUM_THREADS", "default")
    print(f"numpy {np.__version__} mlp {'-'.join(map(str, dims))} {a.activation} batch={a.batch} N={n} "
          f"ms/step={ms:.4f} ms/epoch={ms * per_epoch:.1f} GFLOP/s={flops / (ms * 1e-3) / 1e9:.2f} "
          f"threads={threads} gather={'sample-major' if a.sample_major else 'column'}")


if __name__ == "__main__":
    main()

"""NumPy computing the same SVDs as `analyze` on a folder of .npz checkpoints, in step order: per matrix and step the
thin SVD of W (U, s, V), and from the reference (first) step on the singular values of W - W_ref and the principal
angles between the top-k singular subspaces (SVD of U_ref[:, :k]^T U[:, :k]). float64 by default, as `analyze`
computes; --float32 keeps the stored precision (LAPACK sgesdd). Usage: python3 bench/numpy_analyze.py DIR [--top-k 10]
Prints the OpenBLAS core (kernel) in use and the thread count."""
import argparse
import ctypes
import glob
import os
import time

import numpy as np

p = argparse.ArgumentParser()
p.add_argument("dir")
p.add_argument("--top-k", type=int, default=10)
p.add_argument("--float32", action="store_true")
a = p.parse_args()


def openblas_info():
    libs = glob.glob(os.path.join(os.path.dirname(np.__file__), "..", "numpy.libs", "libscipy_openblas*.so"))
    if not libs:
        return "unknown"
    lib = ctypes.CDLL(libs[0])
    for name in ("scipy_openblas_get_corename64_", "openblas_get_corename64_", "openblas_get_corename"):
        if hasattr(lib, name):
            f = getattr(lib, name)
            f.restype = ctypes.c_char_p
            threads = getattr(lib, name.replace("corename", "num_threads"), None)
            n = threads() if threads else "?"
            return f"{f().decode()} kernels, {n} threads"
    return "unknown"


start = time.perf_counter()
dtype = np.float32 if a.float32 else np.float64
k = a.top_k
ref = {}
total = 0.0
for path in sorted(glob.glob(os.path.join(a.dir, "*.npz"))):
    with np.load(path) as z:
        for name in z.files:
            w = z[name].astype(dtype)
            u, s, vt = np.linalg.svd(w, full_matrices=False)
            if name not in ref:
                ref[name] = (w, u[:, :k], vt[:k].T)
            w0, u0, v0 = ref[name]
            ds = np.linalg.svd(w - w0, compute_uv=False)
            cos_left = np.linalg.svd(u0.T @ u[:, :k], compute_uv=False)
            cos_right = np.linalg.svd(v0.T @ vt[:k].T, compute_uv=False)
            total += s[0] + ds[0] + cos_left[-1] + cos_right[-1]
print(f"numpy {np.__version__}, OpenBLAS {openblas_info()}, {'float32' if a.float32 else 'float64'}: "
      f"{time.perf_counter() - start:.2f} s (checksum {total:.6f})")

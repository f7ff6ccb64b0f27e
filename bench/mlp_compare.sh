#!/usr/bin/env bash
# Side-by-side timing of one mini-batch SGD step (and the epoch, ceil(N/B) steps) of the Fashion-MNIST preset's MLP
# (presets/p2-fashion-mnist-lowrank.json, variant full: 784-128-128-128-10, GELU, batches of 128, 10,000 images):
# Parsimony Lab (bench command) against NumPy doing the same algorithm (bench/numpy_mlp_step.py) on the same data and
# thread count, alternating A B A B for RUNS rounds in one run.
# Usage: bench/mlp_compare.sh [threads] [runs]   (defaults 1 and 3; needs the jar, python3 with numpy and scipy, and
# the Fashion-MNIST IDX files: apt-get install dataset-fashion-mnist)
# NUMPY_UNSET_CORETYPE=1 runs NumPy without OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE (where the machine sets them for old
# OpenBLAS builds, they hold a current NumPy to older kernels); the Java side keeps the environment as it is.
set -euo pipefail
cd "$(dirname "$0")/.."
threads=${1:-1}
runs=${2:-3}
export OPENBLAS_NUM_THREADS=$threads
jar=${PARSIMONY_JAR:-target/parsimony-lab.jar}  # PARSIMONY_JAR=other.jar times another build (before/after)
preset=presets/p2-fashion-mnist-lowrank.json
[ -f "$jar" ] || mvn -q -B -DskipTests package
java_line() { java -jar "$jar" bench "$preset" --variant full 2>/dev/null; }
numpy_env=()
[ "${NUMPY_UNSET_CORETYPE:-0}" = 1 ] && numpy_env=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE)
numpy_line() { "${numpy_env[@]}" python3 bench/numpy_mlp_step.py "$@"; }
backend=$(java_line | head -1)
# NumPy's BLAS and the kernel OpenBLAS picked at run time (its get_corename, through ctypes)
kernel=$("${numpy_env[@]}" python3 - <<'PY'
import ctypes, glob, os, numpy
c = numpy.show_config(mode="dicts")["Build Dependencies"]["blas"]
core = "?"
for lib in glob.glob(os.path.join(os.path.dirname(numpy.__file__) + ".libs", "lib*openblas*.so*")):
    h = ctypes.CDLL(lib)
    for name in ("scipy_openblas_get_corename64_", "scipy_openblas_get_corename", "openblas_get_corename"):
        if hasattr(h, name):
            f = getattr(h, name)
            f.restype = ctypes.c_char_p
            core = f().decode()
            break
print(f"numpy {numpy.__version__}, {c['name']} {c['version']}, kernel {core}")
PY
)
printf "threads=%s\njava: %s\nnumpy: %s\n" "$threads" "$backend" "$kernel"
# NumPy twice a round: its natural X[:, idx] (strided column copy) and --sample-major (XT[idx].T, the layout our
# gather uses; the same numbers); ratio = Java / NumPy for each
printf "%-6s %10s %12s %12s %10s %12s %12s %9s %9s\n" round "java" "numpy-col" "numpy-sm" "java" "numpy-col" \
  "numpy-sm" "ratio" "ratio"
printf "%-6s %10s %12s %12s %10s %12s %12s %9s %9s\n" "" "ms/step" "ms/step" "ms/step" "ms/epoch" "ms/epoch" \
  "ms/epoch" "vs col" "vs sm"
for r in $(seq 1 "$runs"); do
  j=$(java_line | awk '$1=="full" {print $4, $7}' | sed -E 's/ms\/epoch=//')
  n=$(numpy_line | sed -E 's/.*ms\/step=([0-9.]+) ms\/epoch=([0-9.]+).*/\1 \2/')
  m=$(numpy_line --sample-major | sed -E 's/.*ms\/step=([0-9.]+) ms\/epoch=([0-9.]+).*/\1 \2/')
  set -- $j $n $m
  printf "%-6s %10s %12s %12s %10s %12s %12s %9.2f %9.2f\n" "$r" "$1" "$3" "$5" "$2" "$4" "$6" \
    "$(echo "$1 / $3" | bc -l)" "$(echo "$1 / $5" | bc -l)"
done

#!/usr/bin/env bash
# `analyze` against NumPy computing the same SVDs on the same checkpoints (20 x 4 float32 512x512 .npz by default),
# same thread count, each timed as a whole process (JVM start and file reading included), best of RUNS.
# Usage: bench/analyze_compare.sh [threads] [runs]   (needs the jar, python3 and numpy)
# STEPS, LAYERS and N in the environment change the checkpoints (default 20, 4, 512).
# The environment may pin OpenBLAS's kernel (OPENBLAS_CORETYPE, OPENBLAS_L2_SIZE); the NumPy command runs without
# them so that its OpenBLAS picks the kernel of this CPU, and says which one it used.
set -euo pipefail
cd "$(dirname "$0")/.."
threads=${1:-1}
runs=${2:-3}
export OPENBLAS_NUM_THREADS=$threads
jar=target/parsimony-lab.jar
[ -f "$jar" ] || mvn -q -B -DskipTests package
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/make_checkpoints.py "$work/ckpt" --steps "${STEPS:-20}" --layers "${LAYERS:-4}" --n "${N:-512}"
best() { # command... -> best wall seconds of $runs runs
  local best=""
  for _ in $(seq "$runs"); do
    local t0 t1
    t0=$(date +%s.%N)
    "$@" >/dev/null 2>&1
    t1=$(date +%s.%N)
    best=$(echo "$t1 - $t0" | bc -l | awk -v b="$best" '{ if (b == "" || $1 < b) print $1; else print b }')
  done
  printf "%.2f" "$best"
}
run_java() { rm -rf "$work/out"; java -jar "$jar" analyze "$work/ckpt" --out "$work/out" --top-k 10; }
echo "threads=$threads; java: $(java -jar "$jar" analyze "$work/ckpt" --out "$work/probe" --top-k 10 2>&1 | head -1)"
echo "numpy: $(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 bench/numpy_analyze.py "$work/ckpt")"
j=$(best run_java)
n64=$(best env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 bench/numpy_analyze.py "$work/ckpt")
n32=$(best env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 bench/numpy_analyze.py "$work/ckpt" --float32)
printf "%-28s %8s s\n" "analyze (float64)" "$j" "numpy float64" "$n64" "numpy float32 (sgesdd)" "$n32"
printf "ratio analyze / numpy float64: %.2f\n" "$(echo "$j / $n64" | bc -l)"

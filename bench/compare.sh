#!/usr/bin/env bash
# Side-by-side timing of the GD step: Parsimony Lab (bench command) and NumPy doing the same algorithm,
# same thread count, in one run. Usage: bench/compare.sh [threads]   (default 1; needs the jar and python3+numpy)
set -euo pipefail
cd "$(dirname "$0")/.."
threads=${1:-1}
export OPENBLAS_NUM_THREADS=$threads
jar=target/parsimony-lab.jar
[ -f "$jar" ] || mvn -q -B -DskipTests package
java_ms() { # preset form -> ms/step
  java -jar "$jar" bench "$1" --form "$2" | awk -v f="$2" '$2==f {print $4}'
}
numpy_ms() { # d L N form -> ms/step
  python3 bench/numpy_step.py "$1" "$2" "$3" --form "$4" | sed -E 's/.*ms\/step=([0-9.]+).*/\1/'
}
printf "threads=%s; java backend: %s\n" "$threads" "$(java -jar "$jar" bench bench/step-d100-L5-N500.json --steps 1 --warmup 0 | head -1)"
printf "%-18s %-10s %12s %12s %8s\n" config form "java ms" "numpy ms" "ratio"
for cfg in "500 3 1000 bench/step-d500-L3-N1000.json" "100 5 500 bench/step-d100-L5-N500.json"; do
  set -- $cfg
  for form in per-sample moment; do
    j=$(java_ms "$4" "$form"); n=$(numpy_ms "$1" "$2" "$3" "$form")
    printf "%-18s %-10s %12s %12s %8.2f\n" "d=$1 L=$2 N=$3" "$form" "$j" "$n" "$(echo "$j / $n" | bc -l)"
  done
done

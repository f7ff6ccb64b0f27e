#!/usr/bin/env bash
# Per-run cost of each shipped preset: runs `run PRESET --steps S` (S steps per variant, 1 BLAS thread, as one sweep
# worker runs it), reads the training time of every variant from timings.csv, and extrapolates to the preset's own
# step budget: projected = Σ_variants budget_v / (steps/s)_v (an upper bound: runs with a loss tolerance stop early).
# Usage: bench/preset_cost.sh [JAR] [STEPS] [PRESET...]   (defaults: target/parsimony-lab.jar, 200, presets/*.json)
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${1:-target/parsimony-lab.jar}
S=${2:-200}
shift 2 || true
PRESETS=("$@")
[ ${#PRESETS[@]} -eq 0 ] && PRESETS=(presets/*.json)
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
printf '%-46s %8s %9s %10s %12s %12s %s\n' preset variants run-s "steps/s" budget-steps projected-s load
for P in "${PRESETS[@]}"; do
  name=$(basename "$P" .json)
  out="$TMP/$name"
  load=$(cut -d' ' -f1 /proc/loadavg)
  t0=$(date +%s.%N)
  if ! timeout "${TIMEOUT:-300}" java -XX:ActiveProcessorCount=1 -jar "$JAR" run "$P" --out "$out" --steps "$S" \
      > "$TMP/$name.log" 2>&1; then
    printf '%-46s failed or timed out (%s)\n' "$name" "$(tail -1 "$TMP/$name.log" | cut -c1-80)"
    continue
  fi
  t1=$(date +%s.%N)
  # Per variant: last step and last wall-seconds (training time) from timings.csv.
  rates=$(awk -F, 'NR>1 && $3=="wall-seconds" {s[$2]=$1; w[$2]=$6} END {for (v in s) if (w[v]>0) print v, s[v], w[v]}' \
      "$out/timings.csv")
  base=$(jq '.training.steps' "$P")
  budget=$(jq '[.variants // [] | .[] | (.training.steps // null)]' "$P")
  nvar=$(jq '(.variants // []) | length | if . == 0 then 1 else . end' "$P")
  # Budget per variant: its own training.steps, else the base; projected time from the variants' mean rate.
  total_budget=$(jq --argjson b "$base" '[(.variants // [{}]) | if length == 0 then [{}] else . end | .[] | (.training.steps // $b)] | add' "$P")
  read -r steps wall <<<"$(echo "$rates" | awk '{s+=$2; w+=$3} END {print s, w}')"
  rate=$(awk -v s="$steps" -v w="$wall" 'BEGIN {print (w > 0 ? s / w : 0)}')
  proj=$(awk -v b="$total_budget" -v r="$rate" -v t0="$t0" -v t1="$t1" -v w="$wall" \
      'BEGIN {over = (t1 - t0) - w; if (over < 0) over = 0; print (r > 0 ? b / r + over : 0)}')
  printf '%-46s %8s %9.1f %10.0f %12s %12.0f %s\n' "$name" "$nvar" "$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}')" \
      "$rate" "$total_budget" "$proj" "$load"
done

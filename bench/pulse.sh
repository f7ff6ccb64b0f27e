#!/usr/bin/env bash
# FX frame pacing while training (issue "A live instrument", item 7): the app under Xvfb with --measure-pulse,
# for E1, E8 and E1 at d = 500, each at the default speed (10 steps/s) and at max speed. Prints one markdown table
# row per condition: pulses, p50/p95/p99/max of the FX pulse interval, steps/s reached.
#
# Usage: bench/pulse.sh [SECONDS] [CONDITION...]
#   SECONDS    measuring time per condition after a 2 s warm-up (default 30)
#   CONDITION  any of e1-default e1-max e8-default e8-max e1d500-default e1d500-max (default: all six)
# Environment: JAR=target/parsimony-lab.jar runs the shaded jar (default when it exists; else mvn -o javafx:run),
#   OPENBLAS_NUM_THREADS passes through to a native BLAS, DISPLAYNUM (default 81) is the Xvfb display.
# Run it on a quiet machine: the pulse measures the load of everything else too (uptime is printed first).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH="${1:-30}"
shift || true
ALL=(e1-default e1-max e8-default e8-max e1d500-default e1d500-max)
CONDITIONS=("$@")
if [ "${#CONDITIONS[@]}" -eq 0 ]; then CONDITIONS=("${ALL[@]}"); fi
JAR="${JAR:-target/parsimony-lab.jar}"
D500="--set=data.dim=500 --set=data.outputDim=500 --set=network.width=500 --set=training.steps=1000000"

args_of() {
    case "$1" in
        e1-*) echo "--preset=e1-law-of-parsimony.json --set=training.steps=1000000" ;;
        e8-*) echo "--preset=e8-progressive-separation.json" ;;
        e1d500-*) echo "--preset=e1-law-of-parsimony.json $D500" ;;
        *) echo "unknown condition '$1' (allowed: ${ALL[*]})" >&2; exit 2 ;;
    esac
}

speed_of() {
    case "$1" in
        *-max) echo max ;;
        *) echo 10 ;;
    esac
}

run_app() {
    local args="$1"
    if [ -f "$JAR" ]; then
        # shellcheck disable=SC2086
        xvfb-run -a -n "${DISPLAYNUM:-81}" -s "-screen 0 1280x720x24" java -jar "$JAR" gui $args
    else
        xvfb-run -a -n "${DISPLAYNUM:-81}" -s "-screen 0 1280x720x24" mvn -q -o javafx:run -Djavafx.args="$args"
    fi
}

echo "load: $(uptime | sed 's/.*load average: //') · $(nproc) cores · BLAS threads: ${OPENBLAS_NUM_THREADS:-default}"
echo
echo "| condition | speed asked | pulses | p50 | p95 | p99 | max | steps/s reached | allocation | CPU | chart redraws/s |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
for c in "${CONDITIONS[@]}"; do
    a="$(args_of "$c") --speed=$(speed_of "$c") --measure-pulse=$SECONDS_EACH"
    line="$(run_app "$a" 2>/dev/null | grep 'FX pulse interval' | tail -1 || true)"
    if [ -z "$line" ]; then
        echo "| $c | $(speed_of "$c") | (no measurement: the app did not start) | | | | | | | | |"
        continue
    fi
    # "FX pulse interval while training (30.0 s, up to step N, X steps/s): P pulses: p50 a ms, p95 b ms, ...;
    #  allocated: FX .. MB/s, ...; CPU FX .. ms/s, renderer .. ms/s, trainer .. ms/s; chart redraws R/s"
    echo "$line" | sed -E "s/.*up to step [0-9]+, ([^ ]+) steps\/s\): ([0-9]+) pulses: p50 ([0-9.]+) ms, p95 ([0-9.]+) ms, p99 ([0-9.]+) ms, max ([0-9.]+) ms; allocated: ([^;]*); CPU ([^;]*); chart redraws ([0-9.]+)\/s$/| $c | $(speed_of "$c") | \2 | \3 ms | **\4 ms** | \5 ms | \6 ms | \1 | \7 | \8 | \9 |/"
done

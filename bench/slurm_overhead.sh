#!/usr/bin/env bash
# Slurm overhead per task on a private one-node cluster (slurm-wlm installed; .ci/run installs it): the same sweep of
# N trivial runs locally (W workers) and as a job array (1 CPU per task), submit -> last run done, and
# (slurm - local) / N. Usage: bench/slurm_overhead.sh [N=8] [W=2]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -o test-compile -Dspotless.check.skip=true
mvn -B -ntp -q -o dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test \
    > /dev/null
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    org.parsimonylab.sweep.SlurmOverheadBench "${1:-8}" "${2:-2}"

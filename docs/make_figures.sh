#!/usr/bin/env bash
# Regenerates docs/figures.md and the figures it shows (assets/figures/gallery/*.png, slide theme, PNG 1x).
# Usage: docs/make_figures.sh [path/to/parsimony-lab.jar]   (default target/parsimony-lab.jar; build with mvn package)
#    or: PARSIMONY_LAB="java -cp CLASSPATH org.parsimonylab.cli.Main" docs/make_figures.sh
# Trains each preset once (a few minutes in all; p2-fig1 takes the longest), runs E4 at a reduced size as a sweep,
# keeps only the PNGs the page shows,
# and fails if one is 100 KB or larger.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR="${1:-target/parsimony-lab.jar}"
LAB="${PARSIMONY_LAB:-java -jar $JAR}"
OUT=assets/figures/gallery
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# preset | figure keys shown (space-separated)
GALLERY="
e1-law-of-parsimony|sv-W1 angles-W1
e2-non-whitened|sv-W1
e3-momentum|sv-W1-momentum sv-W1-adam
e8-progressive-separation|separation
e10-separation-init-scale|separation
e6-equivalent-trajectory|trajectory twin-distance-compressed
p2-fig1-smooth-mlp-spectra|sv-W1-gelu sv-W1-relu
p2-two-layer-invariant-subspace|sv-W1-gelu sv-W1-relu
p2-lowrank-mlp-digits|loss
"

mkdir -p "$OUT"
echo "$GALLERY" | while IFS='|' read -r preset keys; do
  [ -z "$preset" ] && continue
  if ! $LAB figures "presets/$preset.json" --out "$TMP/$preset" --format png --scale 1 --theme slide \
      >/dev/null 2>"$TMP/$preset.log"; then
    cat "$TMP/$preset.log" >&2
    exit 1
  fi
  for k in $keys; do
    f="$TMP/$preset/$preset-$k.png"
    if [ -f "$f" ]; then
      size=$(wc -c <"$f")
      if [ "$size" -ge 102400 ]; then echo "error: $preset-$k.png is $size bytes (limit 100 KB)" >&2; exit 1; fi
      cp "$f" "$OUT/"
    else
      echo "warning: $preset has no chart $k" >&2
    fi
  done
  cp "$TMP/$preset/figures.json" "$TMP/$preset.manifest.json"
done

# E4 at a reduced size (d = 40, r = 4, widths 4-40, 3 trials, learning rate 50 for both depths, at most 60000 steps:
# 24 runs, about 10 min on one core; E4_SWEEP=0 skips it and keeps the gallery's E4 figures). The paper's size
# (d = 100, widths 10-100, 5 trials) takes hours.
if [ "${E4_SWEEP:-1}" = 1 ]; then
  if ! $LAB sweep presets/e4-depth-width.json --out "$TMP/e4-small" --set 'variants=[{"name":"main"}]' \
      --set data.dim=40 --set data.outputDim=40 --set data.rank=4 --set training.learningRate=50 \
      --grid network.depth=2,3 --grid network.width=4,10,20,40 --trials 3 --workers 1 --threads 1 \
      >/dev/null 2>"$TMP/e4.log"; then
    cat "$TMP/e4.log" >&2
    exit 1
  fi
  for m in recovery-error steps-to-tolerance; do
    $LAB sweep figures "$TMP/e4-small" --out "$TMP/e4-figs" --metric "$m" --format png --scale 1 --theme slide >/dev/null
    cp "$TMP/e4-figs/e4-depth-width-sweep-$m-vs-width.png" "$OUT/"
  done
fi

GALLERY="$GALLERY" python3 docs/make_figures.py "$TMP"
echo "wrote docs/figures.md and $(ls "$OUT" | wc -l) figures in $OUT"

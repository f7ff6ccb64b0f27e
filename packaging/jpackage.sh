#!/usr/bin/env bash
# Builds a self-contained app image (JDK runtime included) with the JDK's jpackage, and a .deb where dpkg-deb and
# fakeroot exist. The jpackage Maven plugins need Maven >= 3.9, so this is a script.
#
#   packaging/jpackage.sh [--no-deb] [--check]
#
# Output: target/dist/parsimony-lab/ (run bin/parsimony-lab; with no arguments it opens the app, with arguments it is
# the command line) and target/dist/parsimony-lab_<version>_<arch>.deb. --check runs the packaged launcher's
# `bench --help` and a short `run` and fails if either fails.
set -euo pipefail
cd "$(dirname "$0")/.."
deb=1
check=0
for arg in "$@"; do
  case "$arg" in
    --no-deb) deb=0 ;;
    --check) check=1 ;;
    *) echo "usage: packaging/jpackage.sh [--no-deb] [--check]" >&2; exit 2 ;;
  esac
done
command -v jpackage >/dev/null || { echo "error: jpackage not found: it comes with JDK 17+ (set JAVA_HOME or PATH)" >&2; exit 2; }

mvn -q -B -DskipTests package
manifest=$(unzip -p target/parsimony-lab.jar META-INF/MANIFEST.MF | tr -d '\r')
version=$(sed -n 's/^Implementation-Version: //p' <<<"$manifest")
version=${version%%-*}
main_class=$(sed -n 's/^Main-Class: //p' <<<"$manifest")
[ -n "$main_class" ] || { echo "error: target/parsimony-lab.jar has no Main-Class" >&2; exit 1; }

input=target/jpackage-input
rm -rf "$input" target/dist
mkdir -p "$input" target/dist
cp target/parsimony-lab.jar "$input/"
cp assets/icon.png "$input/parsimony-lab.png"

common=(--name parsimony-lab --app-version "$version" --input "$input" --main-jar parsimony-lab.jar
  --main-class "$main_class" --icon assets/icon.png --dest target/dist
  --description "Watch gradient descent train deep networks inside tiny subspaces"
  --vendor "Parsimony Lab" --copyright "GPL-3.0-or-later"
  --java-options "-Xss4m" --java-options "-Dprism.order=sw,es2")

jpackage --type app-image "${common[@]}"
echo "app image: target/dist/parsimony-lab (launcher bin/parsimony-lab)"

if [ "$deb" = 1 ]; then
  if command -v dpkg-deb >/dev/null && command -v fakeroot >/dev/null; then
    jpackage --type deb "${common[@]}" --license-file LICENSE --linux-shortcut --linux-menu-group Science \
      --linux-app-category science --resource-dir packaging/deb-resources
    ls target/dist/*.deb
  else
    echo "note: dpkg-deb or fakeroot missing; skipped the .deb (apt-get install fakeroot)" >&2
  fi
fi

if [ "$check" = 1 ]; then
  launcher=target/dist/parsimony-lab/bin/parsimony-lab
  "$launcher" bench --help | grep -q "steps/s" || { echo "error: packaged launcher: bench --help failed" >&2; exit 1; }
  out=$(mktemp -d)/run
  "$launcher" run presets/e1-law-of-parsimony.json --out "$out" --steps 5 >/dev/null
  [ -f "$out/metrics.csv" ] || { echo "error: packaged launcher: run wrote no metrics.csv" >&2; exit 1; }
  echo "check: the packaged launcher runs bench --help and a 5-step run"
fi

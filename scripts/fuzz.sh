#!/usr/bin/env bash
# Runs every Fuzz* target of the module, one after the other, for FUZZTIME each
# (default 5s): `make fuzz-short` in CI, `make fuzz` (FUZZTIME=60s) by hand.
# A target that finds a failing input fails the run; Go saves the input under the
# package's testdata/fuzz/<Target>/ so that it becomes a regression test once committed.
#   FUZZTIME=30s scripts/fuzz.sh                    # every target, 30 s each
#   FUZZTIME=1m  scripts/fuzz.sh ./internal/detect  # one package
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$HOME/go/bin:$PATH"
FUZZTIME="${FUZZTIME:-5s}"
pkgs=("$@")
[ ${#pkgs[@]} -eq 0 ] && pkgs=(./...)

files() { if [ -d "$1" ]; then find "$1" -type f | wc -l; else echo 0; fi; }
log=$(mktemp)
trap 'rm -f "$log"' EXIT
start=$SECONDS
n=0
flaked=0
failed=()
while read -r pkg dir; do
  # Fuzz targets are found in the test files themselves: listing them through the test
  # binary would build every package twice.
  targets=$(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //' | sort -u || true)
  for t in $targets; do
    n=$((n + 1))
    t0=$SECONDS
    name="${pkg#github.com/leakwatch/leakwatch/} $t"
    corpus="$dir/testdata/fuzz/$t"
    before=$(files "$corpus")
    if go test -run '^$' -fuzz "^${t}\$" -fuzztime "$FUZZTIME" "$pkg" >"$log" 2>&1; then
      printf '%-60s ok    %3ds\n' "$name" $((SECONDS - t0))
      continue
    fi
    after=$(files "$corpus")
    # Go 1.26's fuzz coordinator can fail a target with a bare "context deadline
    # exceeded" at the end of -fuzztime without having found anything (go.dev/issue/75804,
    # fixed in Go 1.27): only a failing input written to the corpus is a failure then.
    if [ "$after" -eq "$before" ] && grep -q '^    context deadline exceeded$' "$log"; then
      printf '%-60s flake %3ds (fuzz coordinator deadline race, no failing input)\n' "$name" $((SECONDS - t0))
      flaked=$((flaked + 1))
      continue
    fi
    printf '%-60s FAIL  %3ds\n' "$name" $((SECONDS - t0))
    cat "$log"
    failed+=("$pkg $t")
  done
done < <(go list -f '{{.ImportPath}} {{.Dir}}' "${pkgs[@]}")

echo "fuzz: $n targets, $FUZZTIME each, $((SECONDS - start))s in all ($flaked coordinator flakes)"
if [ ${#failed[@]} -gt 0 ]; then
  printf 'fuzz: failing input found in %s\n' "${failed[@]}" >&2
  exit 1
fi

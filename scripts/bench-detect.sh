#!/usr/bin/env bash
# Measures `leakwatch detect` against gitleaks on the labelled corpus from
# ../shared/corpus/gen.py: recall and precision (overall and per family), MB/s and peak
# RSS, both tools pinned to one core with GOMAXPROCS=1 in the same run; then streams
# REDACT_GB gigabytes through `leakwatch redact` to show that its memory stays flat.
#
#   ./scripts/bench-detect.sh            # 100 MB corpus (220000 rows), gitleaks on 20000 rows
#   ROWS=20000 GL_LINES=5000 ./scripts/bench-detect.sh
#
# gitleaks does well under 1 MB/s on this data, so it scans the first GL_LINES lines of
# the corpus (GL_LINES=0: all of it); leakwatch scans both the whole corpus and that slice.
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${ROWS:-220000}
SEED=${SEED:-1}
GL_LINES=${GL_LINES:-20000}
REDACT_GB=${REDACT_GB:-1}
CPU=${CPU:-0}
SHARED=${SHARED:-../shared}
OUT=${OUT:-bench-out/detect}
GITLEAKS_VERSION=v8.30.1
TOOLS=$PWD/bin/tools

if [ ! -f "$SHARED/corpus/gen.py" ]; then
	echo "bench-detect: $SHARED/corpus/gen.py not found; the corpus generator lives in the shared folder beside the repository" >&2
	exit 0
fi
command -v taskset >/dev/null || CPU=""

mkdir -p "$TOOLS" "$OUT"
if [ "$(cat "$TOOLS/.gitleaks-version" 2>/dev/null)" != "$GITLEAKS_VERSION" ] || [ ! -x "$TOOLS/gitleaks" ]; then
	echo "installing gitleaks $GITLEAKS_VERSION into $TOOLS" >&2
	GOBIN=$TOOLS go install "github.com/zricethezav/gitleaks/v8@$GITLEAKS_VERSION"
	echo "$GITLEAKS_VERSION" >"$TOOLS/.gitleaks-version"
fi
go build -o "$TOOLS/leakwatch-bench" ./cmd/leakwatch
go build -o "$TOOLS/benchdetect" ./tools/benchdetect

corpus=$OUT/corpus-$ROWS-$SEED
if [ ! -s "$corpus/log_stream.jsonl" ] || [ ! -s "$corpus/labels.jsonl" ]; then
	echo "generating the corpus ($ROWS rows, seed $SEED) in $corpus" >&2
	python3 "$SHARED/corpus/gen.py" "$corpus" --rows "$ROWS" --seed "$SEED"
fi

echo "leakwatch $(git describe --tags --always --dirty 2>/dev/null || echo dev), gitleaks $GITLEAKS_VERSION, $(nproc) CPUs, pinned to CPU '${CPU:-none}', GOMAXPROCS=1"
"$TOOLS/benchdetect" -corpus "$corpus" -leakwatch "$TOOLS/leakwatch-bench" -gitleaks "$TOOLS/gitleaks" \
	-gitleaks-lines "$GL_LINES" -redact-gb "$REDACT_GB" -cpu "$CPU" -out "$OUT"

#!/usr/bin/env bash
# Builds the lab servers that are not Debian packages, once per version, into a cache
# directory outside the repository: FerretDB and MinIO from the Go module proxy, and
# pouchdb-server from npm. A version already built is skipped, so `make test` pays the
# build (several minutes for MinIO) only the first time on a machine.
#
#   <cache>/<name>-<version>/   the build of one version
#   <cache>/bin/<name>          a link to the build the lab starts (internal/lab finds it here)
#
# <cache> is $LEAKWATCH_LAB_CACHE, else $XDG_CACHE_HOME/leakwatch-lab, else
# ~/.cache/leakwatch-lab. Nothing here is committed: the sources come from the module
# proxy and npm at build time.
set -euo pipefail

FERRETDB_VERSION=v1.24.2
# MinIO publishes no module versions, only commits: this is the newest on the proxy when
# it was pinned (RELEASE.2026-02 line). Change it on purpose, never to "latest".
MINIO_VERSION=v0.0.0-20260212201848-7aac2a2c5b7c
POUCHDB_SERVER_VERSION=4.2.0

CACHE="${LEAKWATCH_LAB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/leakwatch-lab}"
mkdir -p "$CACHE/bin"
export PATH="/usr/local/go/bin:$HOME/go/bin:$PATH"
# The servers' own builds must not inherit a caller's flags (a -race from the tests,
# say), and need no VCS stamping.
unset GOFLAGS
export CGO_ENABLED=0

# done NAME VERSION: is that version built already?
done_already() { [ -e "$CACHE/$1-$2/.complete" ]; }

# publish NAME VERSION PATH: make bin/NAME point at PATH inside the version's directory.
publish() {
  ln -sfn "$CACHE/$1-$2/$3" "$CACHE/bin/$1.tmp"
  mv -Tf "$CACHE/bin/$1.tmp" "$CACHE/bin/$1"
  touch "$CACHE/$1-$2/.complete"
}

# timed NAME FUNC: runs FUNC with its output in the cache's build.log, shown on failure.
timed() {
  local name=$1; shift
  local t0=$SECONDS log="$CACHE/build.log"
  echo "build-servers: building $name (once per version; see $log)…" >&2
  # In the background so that errexit holds inside FUNC (an if would switch it off).
  "$@" >"$log" 2>&1 &
  if ! wait $!; then
    tail -40 "$log" >&2
    echo "build-servers: building $name failed" >&2
    return 1
  fi
  echo "build-servers: $name built in $((SECONDS - t0)) s" >&2
}

build_ferretdb() {
  local out="$CACHE/ferretdb-$FERRETDB_VERSION"
  rm -rf "$out" && mkdir -p "$out"
  local src
  src=$(go mod download -json "github.com/FerretDB/FerretDB@$FERRETDB_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -n "$src" ] || { echo "build-servers: FerretDB module not downloaded" >&2; return 1; }
  # The release tarball's build step writes build/version/version.txt; the module on the
  # proxy lacks it and the binary panics at start without it, so build a copy that has it.
  cp -r "$src" "$out/src"
  chmod -R u+w "$out/src"
  printf '%s\n' "$FERRETDB_VERSION" >"$out/src/build/version/version.txt"
  (cd "$out/src" && go build -trimpath -o "$out/ferretdb" ./cmd/ferretdb)
  rm -rf "$out/src"
  publish ferretdb "$FERRETDB_VERSION" ferretdb
}

build_minio() {
  local out="$CACHE/minio-$MINIO_VERSION"
  rm -rf "$out" && mkdir -p "$out"
  # MinIO's release builds stamp their version with -X (buildscripts/gen-ldflags.go);
  # a plain go install reports "DEVELOPMENT.GOGET". Stamp the commit's own date and id,
  # taken from the pseudo-version, the way a release of that commit would say it.
  local stamp=${MINIO_VERSION#v0.0.0-} commit
  commit=${stamp#*-}
  stamp=${stamp%%-*}
  local date="${stamp:0:4}-${stamp:4:2}-${stamp:6:2}T${stamp:8:2}:${stamp:10:2}:${stamp:12:2}Z"
  local tag="RELEASE.${stamp:0:4}-${stamp:4:2}-${stamp:6:2}T${stamp:8:2}-${stamp:10:2}-${stamp:12:2}Z"
  local pkg=github.com/minio/minio/cmd
  GOBIN="$out" go install -trimpath \
    -ldflags "-s -w -X $pkg.Version=$date -X $pkg.ReleaseTag=$tag -X $pkg.CommitID=$commit -X $pkg.ShortCommitID=$commit" \
    "github.com/minio/minio@$MINIO_VERSION"
  publish minio "$MINIO_VERSION" minio
}

build_pouchdb_server() {
  local out="$CACHE/pouchdb-server-$POUCHDB_SERVER_VERSION"
  rm -rf "$out" && mkdir -p "$out"
  command -v npm >/dev/null || { echo "build-servers: npm is missing (install-deps.sh installs it)" >&2; return 1; }
  npm install --prefix "$out" --no-audit --no-fund --loglevel=error "pouchdb-server@$POUCHDB_SERVER_VERSION" >&2
  publish pouchdb-server "$POUCHDB_SERVER_VERSION" node_modules/.bin/pouchdb-server
}

want=("$@")
[ ${#want[@]} -gt 0 ] || want=(ferretdb minio pouchdb-server)
for w in "${want[@]}"; do
  case "$w" in
    ferretdb) done_already ferretdb "$FERRETDB_VERSION" || timed "FerretDB $FERRETDB_VERSION" build_ferretdb ;;
    minio) done_already minio "$MINIO_VERSION" || timed "MinIO $MINIO_VERSION" build_minio ;;
    pouchdb-server) done_already pouchdb-server "$POUCHDB_SERVER_VERSION" || timed "pouchdb-server $POUCHDB_SERVER_VERSION" build_pouchdb_server ;;
    *) echo "build-servers: unknown server $w (ferretdb, minio, pouchdb-server)" >&2; exit 2 ;;
  esac
done

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

# timed NAME LOG FUNC: runs FUNC with its output in LOG, shown on failure, and says how
# long it took.
timed() {
  local name=$1 log=$2; shift 2
  local t0=$SECONDS
  echo "build-servers: building $name (once per version; see $log)…" >&2
  # In the background so that errexit holds inside FUNC (an if would switch it off).
  "$@" >"$log" 2>&1 &
  if ! wait $!; then
    tail -40 "$log" >&2
    echo "build-servers: building $name failed after $((SECONDS - t0)) s" >&2
    return 1
  fi
  echo "build-servers: $name built in $((SECONDS - t0)) s" >&2
}

# Go flags of every build: no paths of this machine in the binaries, no symbol tables
# (smaller, faster links), and no optimisation or inlining — these are lab servers, and
# the compiler's optimising passes are a large share of the build time of MinIO's
# thousands of packages.
GO_BUILD_FLAGS=(-trimpath "-gcflags=all=-N -l")
GO_LDFLAGS="-s -w"

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
  (cd "$out/src" && go build "${GO_BUILD_FLAGS[@]}" -ldflags "$GO_LDFLAGS" -o "$out/ferretdb" ./cmd/ferretdb)
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
  GOBIN="$out" go install "${GO_BUILD_FLAGS[@]}" \
    -ldflags "$GO_LDFLAGS -X $pkg.Version=$date -X $pkg.ReleaseTag=$tag -X $pkg.CommitID=$commit -X $pkg.ShortCommitID=$commit" \
    "github.com/minio/minio@$MINIO_VERSION"
  publish minio "$MINIO_VERSION" minio
}

build_pouchdb_server() {
  local out="$CACHE/pouchdb-server-$POUCHDB_SERVER_VERSION"
  rm -rf "$out" && mkdir -p "$out"
  command -v npm >/dev/null || { echo "build-servers: npm is missing (install-deps.sh installs it)" >&2; return 1; }
  # No install scripts: the only two are leveldown's, which finds its prebuilt binary
  # at run time anyway, and sqlite3's, which compiles SQLite from source (its prebuilt
  # binaries are not on npm) for the --sqlite mode the lab does not use. No dev
  # dependencies, audit or funding requests either.
  npm install --prefix "$out" --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error \
    "pouchdb-server@$POUCHDB_SERVER_VERSION" >&2
  publish pouchdb-server "$POUCHDB_SERVER_VERSION" node_modules/.bin/pouchdb-server
}

want=("$@")
[ ${#want[@]} -gt 0 ] || want=(ferretdb minio pouchdb-server)
# The builds run side by side (BUILD_SERVERS_PARALLEL=0 runs them one after the other):
# the module and npm downloads are network-bound, and overlap the compilers' work.
pids=() names=()
start() {
  if [ "${BUILD_SERVERS_PARALLEL:-1}" = 0 ]; then
    "$@"
  else
    "$@" &
    pids+=($!) names+=("$2")
  fi
}
t0=$SECONDS
for w in "${want[@]}"; do
  case "$w" in
    ferretdb) done_already ferretdb "$FERRETDB_VERSION" ||
      start timed "FerretDB $FERRETDB_VERSION" "$CACHE/build-ferretdb.log" build_ferretdb ;;
    minio) done_already minio "$MINIO_VERSION" ||
      start timed "MinIO $MINIO_VERSION" "$CACHE/build-minio.log" build_minio ;;
    pouchdb-server) done_already pouchdb-server "$POUCHDB_SERVER_VERSION" ||
      start timed "pouchdb-server $POUCHDB_SERVER_VERSION" "$CACHE/build-pouchdb-server.log" build_pouchdb_server ;;
    *) echo "build-servers: unknown server $w (ferretdb, minio, pouchdb-server)" >&2; exit 2 ;;
  esac
done
failed=0
for i in "${!pids[@]}"; do
  wait "${pids[$i]}" || failed=1
done
[ "$failed" = 0 ] || { echo "build-servers: a build failed (see above)" >&2; exit 1; }
[ ${#pids[@]} -eq 0 ] || echo "build-servers: all built in $((SECONDS - t0)) s" >&2

#!/usr/bin/env bash
# Installs the Debian packages that leakwatch's tests, demo and benchmarks start as real
# servers. Idempotent: packages already present are skipped, so `make test` stays fast.
set -euo pipefail

PACKAGES=(
  clickhouse-server clickhouse-client   # the seed incident's data store (18.16 on Debian 12)
  python3                               # corpus generator for the detection benchmark
  postgresql                            # PostgreSQL 15: lab servers run as the postgres user
  mariadb-server mariadb-client         # MariaDB 10.11 (MySQL protocol)
  chromium                              # headless browser driving the dashboard tests (chromedp)
  redis-server                          # Redis 7.0
  memcached sasl2-bin                   # Memcached 1.6; saslpasswd2 for its SASL lab server
  etcd-server                           # etcd 3.4
  influxdb                              # InfluxDB 1.6
  prometheus                            # Prometheus 2.42
  nats-server                           # NATS 2.9 with JetStream: the work-queue mode's tests
  nmap iproute2 time                    # the scan benchmark: nmap -sT to compare, ip netns, GNU time
  docker.io busybox-static              # Docker Engine 20.10 (dockerd, containerd, runc); the lab's images wrap busybox
  masscan zmap                          # target lists written by other scanners (-l), read back in tests
  tmux                                  # a real terminal for the test that hostile names cannot take over
  bzip2                                 # bzip2 files for the detect tests (the standard library only reads them)
)
# npm installs pouchdb-server; a machine whose Node.js already brings npm keeps it
# (Debian's npm package would conflict with such a nodejs).
command -v npm >/dev/null || PACKAGES+=(npm)

# The servers that are no Debian package (FerretDB, MinIO, pouchdb-server) are built
# once per version into a cache outside the repository (a no-op once built).
build_servers() { "$(dirname "$0")/build-servers.sh" "$@"; }

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then build_servers; exit 0; fi

echo "installing: ${missing[*]}" >&2
# FerretDB and MinIO need nothing from apt: on a new machine their builds (the longest
# step) run while the packages download and install. pouchdb-server needs npm, after.
build_servers ferretdb minio &
go_builds=$!
cleanup() {
  kill "$go_builds" 2>/dev/null || true
  if [ -n "${policy_rc_d:-}" ]; then "${SUDO[@]}" rm -f /usr/sbin/policy-rc.d; fi
}
trap cleanup EXIT
SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then SUDO=(sudo); else
    echo "need root (or sudo) to install: ${missing[*]}" >&2; exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
# Package scripts must not start system-wide services: the tests start their own servers
# on loopback ports in temporary directories.
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' | "${SUDO[@]}" tee /usr/sbin/policy-rc.d >/dev/null
  "${SUDO[@]}" chmod +x /usr/sbin/policy-rc.d
  policy_rc_d=1
fi
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
build_servers pouchdb-server
wait "$go_builds" || { echo "install-deps: building FerretDB or MinIO failed (see above)" >&2; exit 1; }
go_builds=

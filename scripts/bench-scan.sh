#!/usr/bin/env bash
# Scan benchmark (`make bench-scan`): leakwatch's discovery and whole path against
# nmap -sT on 256, 4096 and 65536 addresses, each answering with a real ClickHouse,
# Redis and PostgreSQL. Everything runs in a network namespace made here, whose only
# interface is its own loopback: servers listen on 0.0.0.0 there, so every address of
# 127.0.0.0/8 answers, and nothing outside the namespace can be reached. Needs root.
#   SIZES=256,4096 MODES=nmap,discovery scripts/bench-scan.sh
# MODES=internet shapes 127.1.0.0/16 like the internet instead (1% real stores, 5% plain
# HTTP, 2% SSH banners, 0.5% tarpits, the rest closed) and runs leakwatch's whole path on
# it and on a 4,096-address slice, and nmap -sV on that slice, in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$HOME/go/bin:$PATH"

if [ "$(id -u)" -ne 0 ]; then
  echo "bench-scan: needs root (ip netns); run it as root or with sudo" >&2
  exit 1
fi
for c in ip nmap /usr/bin/time; do
  command -v "$c" >/dev/null || { echo "bench-scan: $c not found (make deps)" >&2; exit 1; }
done

mkdir -p bin
go build -o bin/leakwatch ./cmd/leakwatch
go build -o bin/scanbench ./internal/scanbench

ns="leakwatch-bench-$$"
ip netns add "$ns"
cleanup() {
  # Servers left behind by an interrupted run die with the namespace's processes.
  for pid in $(ip netns pids "$ns" 2>/dev/null); do kill "$pid" 2>/dev/null || true; done
  sleep 1
  for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$pid" 2>/dev/null || true; done
  ip netns delete "$ns" 2>/dev/null || true
}
trap cleanup EXIT
ip -n "$ns" link set lo up
# Queues as deep as a server on a busy network would have (these sysctls are the
# namespace's own): a full accept queue drops SYNs, and both scanners would lose ports
# to the lab rather than to their own work.
ip netns exec "$ns" sysctl -q -w net.core.somaxconn=65535 net.ipv4.tcp_max_syn_backlog=65535

# Connections in flight and the servers' sockets: the soft descriptor limit up to the
# hard one for everything started below.
ulimit -n "$(ulimit -Hn)"

ip netns exec "$ns" bin/scanbench -leakwatch bin/leakwatch \
  -sizes "${SIZES:-256,4096,65536}" -modes "${MODES:-nmap,discovery,full}" \
  -concurrency "${CONCURRENCY:-512}" -workers "${WORKERS:-32}"

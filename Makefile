# leakwatch — the two commands a newcomer runs are `make demo` and `make test`.
GO      ?= go
BIN     := bin
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X github.com/leakwatch/leakwatch/internal/cli.Version=$(VERSION)
LAB     := .lab

.PHONY: all build deps test lint fuzz fuzz-short bench bench-scan bench-monitor bench-stores demo lab-up lab-down clean

all: build

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN)/leakwatch ./cmd/leakwatch
	$(GO) build -o $(BIN)/leaklab ./cmd/leaklab

# Debian packages for the real servers the tests and the demo start (idempotent).
deps:
	./scripts/install-deps.sh

# Every test, with the race detector, against real servers started on loopback.
test: deps
	$(GO) vet ./...
	CI=$${CI:-} $(GO) test -race -count=1 -timeout 30m ./...
	# the linear-time tests skip under -race (it distorts timings) and the phone-plan identity
	# tests read a quarter under it (tenfold slower): run them whole without it
	$(GO) test -count=1 -timeout 15m -run 'Linear|PhonePlanJudgeSameAsLibrary|PhoneLibValidSameAsRef' ./internal/detect

lint:
	@test -z "$$(gofmt -l .)" || { gofmt -l .; echo "gofmt needed"; exit 1; }
	$(GO) vet ./...

# Starts the seeded lab (an open ClickHouse like the incident's and a password-protected
# twin; the same pair of every other store that runs here: cmd/leaklab), scans it, and
# stops it. leakwatch exits 1 when it finds something: that is the point.
demo: deps build
	$(BIN)/leaklab up --dir $(LAB)
	@status=0; $(BIN)/leakwatch scan $$($(BIN)/leaklab targets --dir $(LAB)) || status=$$?; \
	  $(BIN)/leaklab down --dir $(LAB); \
	  if [ $$status -gt 1 ]; then exit $$status; fi

# Detection benchmark: leakwatch detect vs gitleaks on the labelled corpus (needs ../shared).
bench:
	./scripts/bench-detect.sh

# Every Fuzz* target for a bounded time each: short in CI (after the tests), longer by hand.
fuzz-short:
	FUZZTIME=$${FUZZTIME:-5s} ./scripts/fuzz.sh

fuzz:
	FUZZTIME=$${FUZZTIME:-60s} ./scripts/fuzz.sh

# Store evaluation (issue 11): real servers of every kind on loopback, seeded with
# labelled secrets in fields of their own (halves a and b: names, layouts and encodings
# of their own), scanned with the default sample; recall and precision per store and
# half. STORES=redis,etcd for a few; MISSES=a lists half a's misses (b is held out).
bench-stores: deps build
	$(GO) run ./tools/storeeval -bin $(BIN)/leakwatch $${STORES:+-stores $$STORES} $${MISSES:+-misses $$MISSES}

# Scan benchmark: hosts/s and peak RSS for discovery and the whole path at 256, 4096 and
# 65536 addresses in a network namespace of its own, against nmap -sT (needs root).
# MODES=internet: an internet-shaped /16 (stores, web servers, SSH banners, tarpits),
# the whole path against nmap -sV; MODES=targets: one port at a time against nmap -sV.
bench-scan: deps
	./scripts/bench-scan.sh

# Monitor soak: a real `leakwatch monitor` for MINUTES (default 10) scanning four lab
# servers every 5 s and alerting a keep-alive receiver; prints RSS, goroutines, fds,
# receiver connections and history bytes per run, before and after warm-up.
bench-monitor: deps build
	$(GO) run ./tools/benchmonitor -bin $(BIN)/leakwatch -minutes $${MINUTES:-10}

lab-up: build
	$(BIN)/leaklab up --dir $(LAB)

lab-down:
	$(BIN)/leaklab down --dir $(LAB)

clean:
	rm -rf $(BIN) $(LAB)

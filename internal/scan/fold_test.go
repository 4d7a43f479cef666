package scan

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
)

// sameServer is one server answering on port 1 (HTTP: lists and samples) and port 2
// (native: a handshake only), as ClickHouse does on 8123 and 9000.
func sameServer() *behaviour {
	return &behaviour{results: map[int]func(context.Context) (*store.Result, error){
		1: func(context.Context) (*store.Result, error) {
			r := openResult()
			r.Service.Details = map[string]string{"display_name": "prod-1"}
			return r, nil
		},
		2: func(context.Context) (*store.Result, error) {
			r := openResult()
			r.Service.Protocol = "testdb-native"
			r.Service.Details = map[string]string{"display_name": "prod-1"}
			r.Service.Datasets = nil
			r.Samples = nil
			return r, nil
		},
	}}
}

func findingIDs(fs []finding.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%s %s:%d %s %s", f.ID, f.Host, f.Port, f.Category, f.Severity))
	}
	sort.Strings(out)
	return out
}

// A streamed scan (--format jsonl) folds one server seen on two ports exactly as the
// buffered report does: one exposure naming both ports, nothing reported twice.
func TestStreamFoldsSameServer(t *testing.T) {
	buffered := run(t, testConfig(sameServer()), 1, 2)

	cfg := testConfig(sameServer())
	var streamed []finding.Finding
	var services []finding.Service
	cfg.Stream = func(o Outcome) {
		streamed = append(streamed, o.Findings...)
		if o.Service != nil {
			services = append(services, *o.Service)
		}
	}
	rep := run(t, cfg, 1, 2)
	if a, b := strings.Join(findingIDs(streamed), "\n"), strings.Join(findingIDs(buffered.Findings), "\n"); a != b {
		t.Fatalf("streamed findings differ from the buffered report's:\n%s\n---\n%s", a, b)
	}
	exposures := 0
	for _, f := range streamed {
		if f.Category == finding.Exposure {
			exposures++
			if f.Port != 1 || !strings.Contains(f.Evidence, "also open on port 2") {
				t.Errorf("exposure %d: %s", f.Port, f.Evidence)
			}
		}
	}
	sort.Slice(services, func(i, j int) bool { return services[i].Port < services[j].Port })
	if exposures != 1 || len(services) != 2 || services[1].SameAs != "127.0.0.1:1" || rep.Stats.Services != 2 {
		t.Fatalf("%d exposures, services %+v, stats %+v", exposures, services, rep.Stats)
	}
}

// Held outcomes are bounded: past maxHeld the oldest group is written as it is.
func TestFolderBounded(t *testing.T) {
	cfg := testConfig(sameServer())
	written := 0
	cfg.Stream = func(Outcome) { written++ }
	rep := &finding.Report{}
	f := newFolder(&cfg, rep)
	for i := range maxHeld + 5 {
		f.add(Outcome{Service: &finding.Service{Host: "10.0.0.1", Port: 8123, Product: "clickhouse", Auth: finding.AuthNone,
			Details: map[string]string{"display_name": fmt.Sprint("server-", i)}}})
		if f.held > maxHeld {
			t.Fatalf("%d outcomes held", f.held)
		}
	}
	// Not a candidate: written at once.
	f.add(Outcome{Service: &finding.Service{Host: "10.0.0.2", Port: 5432, Product: "postgres", Auth: finding.AuthRequired}})
	if written != 6 {
		t.Fatalf("%d written before the end, want 6", written)
	}
	f.close()
	if written != maxHeld+6 || f.held != 0 || rep.Stats.Services != maxHeld+6 {
		t.Fatalf("%d written, %d held, stats %+v", written, f.held, rep.Stats)
	}
}

package couchdb

import (
	"encoding/json"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// TestHostileNestingBomb: a server whose documents nest as deep as JSON allows (9,990
// levels of arrays and of objects in every field, 60 documents; the encoders refuse
// 10,000), in answers of a few MiB. Its documents go through the whole pipeline a
// scan runs (the prober's sample, then detection on every cell): the probe must end
// within its deadline with the service reported and memory bounded, and a server
// probed after it must keep its findings.
func TestHostileNestingBomb(t *testing.T) {
	const depth = 9990
	deep := func(open, close string) json.RawMessage {
		return json.RawMessage(strings.Repeat(open, depth) + `"x"` + strings.Repeat(close, depth))
	}
	var docs []map[string]any
	for i := range 60 {
		docs = append(docs, map[string]any{"_id": fmt.Sprintf("n-%02d", i), "_rev": "1-967a00dff5e02add41819138abb3284d",
			"arr": deep("[", "]"), "obj": deep(`{"k":`, "}"), "mix": deep(`[{"k":`, "}]")})
	}
	p := New()
	p.epmdPort = fakeEPMD(t)
	hostile := probetest.HTTP(t, &fakeCouch{version: "2.3.1", dbs: map[string][]map[string]any{"nest": docs}})

	runtime.GC()
	var before, ms runtime.MemStats
	runtime.ReadMemStats(&before)
	stop, peakc := make(chan struct{}), make(chan uint64)
	go func() {
		var peak uint64
		for {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
			select {
			case <-stop:
				peakc <- peak
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	start := time.Now()
	svc, _ := probetest.Pipeline(t, p, hostile)
	took := time.Since(start)
	close(stop)
	var above uint64
	if peak := <-peakc; peak > before.HeapAlloc {
		above = peak - before.HeapAlloc
	}
	rows := int64(0)
	for _, d := range svc.Datasets {
		rows += d.Rows
	}
	t.Logf("nesting bomb: %v, heap peak %d MiB above the start; status %s, %d documents listed, error %q",
		took.Round(time.Millisecond), above>>20, svc.Status, rows, svc.Error)
	if took > 20*time.Second {
		t.Errorf("the pipeline took %v over a nesting bomb", took)
	}
	if above > 512<<20 {
		t.Errorf("the pipeline's heap peaked %d MiB above its start", above>>20)
	}
	if rows != int64(len(docs)) {
		t.Errorf("%d documents listed, %d served", rows, len(docs))
	}
	if !svc.Auth.Open() {
		t.Errorf("the admin party was not reported open: %+v", svc)
	}

	honest := probetest.HTTP(t, &fakeCouch{version: "3.1.0", admins: map[string]string{"admin": "password"}, dbs: seededDBs()})
	_, hby := probetest.Pipeline(t, p, honest)
	if !probetest.HasSecret(hby[finding.Secret], testGitHub) {
		t.Errorf("the honest server's token is not found after the nesting bomb: %+v", hby[finding.Secret])
	}
}

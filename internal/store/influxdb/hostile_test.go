package influxdb

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

func serve(t *testing.T, h http.HandlerFunc) store.Endpoint {
	t.Helper()
	return probetest.HTTP(t, h)
}

func probeFast(t *testing.T, ep store.Endpoint, o *store.Options) (*store.Result, error) {
	t.Helper()
	res, err, _ := probetest.Try(New(), ep, o, 10*time.Second)
	return res, err
}

func shortOptions() *store.Options {
	o := store.DefaultOptions()
	o.IOTimeout = time.Second
	o.MaxResponseBytes = 64 << 10
	return &o
}

func TestReadOnlyStatements(t *testing.T) {
	for q, want := range map[string]bool{
		"SHOW DATABASES": true, `SELECT * FROM "cpu" LIMIT 5`: true, `select * from "into" limit 1`: true,
		`SELECT * FROM "m" WHERE tag = 'a;b INTO x'`: true, "SHOW SERIES CARDINALITY FROM \"a\\\"b\"": true,
		"SELECT * INTO copy FROM cpu": false, "select * into \"x\" from y": false, "DROP DATABASE app": false,
		"CREATE USER x WITH PASSWORD 'y'": false, "SHOW DATABASES; DROP DATABASE app": false, "DELETE FROM cpu": false,
		"SELECT 1 -- comment": false, "SELECT 'unterminated": false, "": false, "  show measurements": true,
		"GRANT ALL TO x": false, "ALTER RETENTION POLICY x ON y DURATION 1h": false, "KILL QUERY 1": false,
	} {
		if got := readOnly(q); got != want {
			t.Errorf("readOnly(%q) = %v, want %v", q, got, want)
		}
	}
	s := &session{}
	if _, err := s.query(context.Background(), "", "DROP DATABASE x"); !errors.Is(err, ErrNotReadOnly) {
		t.Fatalf("DROP went through the guard: %v", err)
	}
}

func TestNotInfluxDB(t *testing.T) {
	for name, h := range map[string]http.HandlerFunc{
		"404":    func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) },
		"no hdr": func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) },
		"huge":   func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, strings.Repeat("x", 200_000)) },
		"teapot": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("X-Influxdb-Version", "1.8.10")
			w.WriteHeader(418)
		},
	} {
		t.Run(name, func(t *testing.T) {
			res, err := probeFast(t, serve(t, h), shortOptions())
			if res != nil || !errors.Is(err, store.ErrNoMatch) {
				t.Fatalf("res=%v err=%v", res, err)
			}
		})
	}
}

// influxV2 answers like InfluxDB 2.7 (API reference: GET /health, /api/v2/setup,
// /api/v2/buckets, POST /api/v2/signin), onboarded or not.
func influxV2(setupAllowed bool, token string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Influxdb-Build", "OSS")
		w.Header().Set("X-Influxdb-Version", "v2.7.1")
		switch r.URL.Path {
		case "/ping":
			w.WriteHeader(http.StatusNoContent)
		case "/health":
			io.WriteString(w, `{"name":"influxdb","message":"ready for queries and writes","status":"pass","checks":[],"version":"v2.7.1","commit":"407fa622e9"}`)
		case "/api/v2/setup":
			if setupAllowed {
				io.WriteString(w, `{"allowed":true}`)
			} else {
				io.WriteString(w, `{"allowed":false}`)
			}
		case "/api/v2/signin":
			w.WriteHeader(http.StatusUnauthorized)
			io.WriteString(w, `{"code":"unauthorized","message":"Unauthorized"}`)
		case "/api/v2/buckets":
			if r.Header.Get("Authorization") != "Token "+token {
				w.WriteHeader(http.StatusUnauthorized)
				io.WriteString(w, `{"code":"unauthorized","message":"unauthorized access"}`)
				return
			}
			io.WriteString(w, `{"links":{"self":"/api/v2/buckets?descending=false&limit=20&offset=0"},"buckets":[`+
				`{"id":"a1","orgID":"o1","type":"system","name":"_monitoring","retentionRules":[{"type":"expire","everySeconds":604800}]},`+
				`{"id":"a2","orgID":"o1","type":"user","name":"metrics","retentionRules":[]}]}`)
		default:
			http.NotFound(w, r)
		}
	}
}

func TestV2Capture(t *testing.T) {
	ep := serve(t, influxV2(false, "tok-123"))
	res, err := probeFast(t, ep, shortOptions())
	if err != nil || res.Service.Protocol != ProtoV2 || res.Service.Version != "2.7.1" || res.Service.Auth != finding.AuthRequired {
		t.Fatalf("res=%+v err=%v", res, err)
	}
	o := shortOptions()
	o.Credentials = []store.Credential{{Username: "admin", Password: "wrong"}, {Password: "tok-123"}}
	res, err = probeFast(t, ep, o)
	if err != nil || res.Service.Auth != finding.AuthCredentials || len(res.Service.Datasets) != 1 || res.Service.Datasets[0].Table != "metrics" {
		t.Fatalf("with token: res=%+v err=%v", res, err)
	}
	res, err = probeFast(t, serve(t, influxV2(true, "")), shortOptions())
	if err != nil || probetest.Finding(res.Findings, "influxdb-setup-open") == nil {
		t.Fatalf("setup open: res=%+v err=%v", res, err)
	}
}

// Hostile /query answers once identified: bounded, classified, partial results.
func TestHostileQueries(t *testing.T) {
	for name, body := range map[string]string{
		"huge":        `{"results":[{"series":[{"name":"databases","columns":["name"],"values":[["` + strings.Repeat("d", 100_000) + `"]]}]}]}`,
		"not json":    `<html>`,
		"empty":       `{"results":[]}`,
		"wrong shape": `{"results":[{"series":[{"columns":"x","values":7}]}]}`,
	} {
		t.Run(name, func(t *testing.T) {
			ep := serve(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("X-Influxdb-Version", "1.8.10")
				if r.URL.Path == "/ping" {
					w.WriteHeader(http.StatusNoContent)
					return
				}
				io.WriteString(w, body)
			})
			res, err := probeFast(t, ep, shortOptions())
			if res == nil || err == nil || res.Service.Product != "influxdb" {
				t.Fatalf("res=%v err=%v", res, err)
			}
		})
	}
}

// A hostile InfluxDB 2 answering GET /api/v2/buckets with far more buckets than the
// limit asked for: the listing is held to MaxTables like every other store's, and the
// service is marked truncated, whatever the response's size allows.
func TestHostileV2BucketFlood(t *testing.T) {
	const sent = 50_000
	var body strings.Builder
	body.WriteString(`{"buckets":[`)
	for i := range sent {
		if i > 0 {
			body.WriteByte(',')
		}
		fmt.Fprintf(&body, `{"id":"b%d","orgID":"o","type":"user","name":"b%d"}`, i, i)
	}
	body.WriteString(`]}`)
	ep := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Influxdb-Version", "v2.7.1")
		switch r.URL.Path {
		case "/ping":
			w.WriteHeader(http.StatusNoContent)
		case "/api/v2/setup":
			io.WriteString(w, `{"allowed":false}`)
		case "/api/v2/buckets":
			io.WriteString(w, body.String())
		default:
			http.NotFound(w, r)
		}
	})
	o := shortOptions()
	o.MaxResponseBytes = 8 << 20
	res, err := probeFast(t, ep, o)
	if err != nil || res == nil {
		t.Fatalf("res=%v err=%v", res, err)
	}
	if n := len(res.Service.Datasets); n == 0 || n > o.MaxTables {
		t.Fatalf("%d datasets from a server listing %d buckets; want 1..%d", n, sent, o.MaxTables)
	}
	if !res.Service.Truncated {
		t.Error("listing cut but the service is not marked truncated")
	}
	if got := res.Service.Details["buckets"]; got != strconv.Itoa(sent) {
		t.Errorf("buckets detail = %q, want the count the server listed (%d)", got, sent)
	}
}

// TestHostileResultFloods: query answers were decoded whole — 8 MiB of empty rows (2.8
// million), empty series or empty results each became a Go value, for every statement;
// rows, series and results are now decoded one at a time up to what a real answer
// holds: 454, 1,161 and 646 MiB allocated for each answer before, 16, 48 and 22 MiB
// after (nine answers each, one run each). The fake floods SHOW DATABASES only.
func TestHostileResultFloods(t *testing.T) {
	flood := strings.Repeat("[],", (8<<20-4096)/3) + "[]"
	objects := strings.Repeat("{},", (8<<20-4096)/3) + "{}"
	for name, body := range map[string]string{
		"rows":    `{"results":[{"series":[{"name":"databases","columns":["name"],"values":[["metrics"],` + flood + `]}]}]}`,
		"series":  `{"results":[{"series":[{"name":"databases","columns":["name"],"values":[["metrics"]]},` + objects + `]}]}`,
		"results": `{"results":[{"series":[{"name":"databases","columns":["name"],"values":[["metrics"]]}]},` + objects + `]}`,
	} {
		t.Run(name, func(t *testing.T) {
			var floods atomic.Int64
			ep := serve(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("X-Influxdb-Version", "1.8.10")
				if r.URL.Path == "/ping" {
					w.WriteHeader(http.StatusNoContent)
					return
				}
				if !strings.Contains(r.URL.Query().Get("q"), "SHOW DATABASES") {
					io.WriteString(w, `{"results":[{"statement_id":0}]}`)
					return
				}
				floods.Add(1)
				io.WriteString(w, body)
			})
			o := shortOptions()
			o.MaxResponseBytes = 8 << 20
			o.IOTimeout = 5 * time.Second
			var res *store.Result
			var err error
			allocated := probetest.Allocated(func() { res, err, _ = probetest.Try(New(), ep, o, 30*time.Second) })
			if res == nil {
				t.Fatalf("no result: %v", err)
			}
			n := uint64(max(floods.Load(), 1))
			t.Logf("allocated %d MiB for %d answers of 8 MiB (err %v)", allocated>>20, n, err)
			if allocated/n > 96<<20 {
				t.Fatalf("the probe allocated %d MiB for each 8 MiB answer", allocated/n>>20)
			}
		})
	}
}

// TestHostileRaw: servers that stall, trickle, never end their headers, promise a huge
// body or close at once cost an error within the time given, never an open service.
func TestHostileRaw(t *testing.T) { probetest.CheckRawCases(t, New(), 6*time.Second) }

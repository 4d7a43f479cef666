package etcd

import (
	"errors"
	"io"
	"net"
	"net/http"
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

func shortOptions() *store.Options {
	o := store.DefaultOptions()
	o.ConnectTimeout = time.Second
	o.IOTimeout = time.Second
	o.SampleRows = 3
	o.MaxResponseBytes = 64 << 10
	return &o
}

func probeFast(t *testing.T, ep store.Endpoint, o *store.Options) (*store.Result, error, time.Duration) {
	t.Helper()
	return probetest.Try(New(), ep, o, 10*time.Second)
}

func TestNotEtcd(t *testing.T) {
	for name, h := range map[string]http.HandlerFunc{
		"404":         func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) },
		"html":        func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "<html>hello</html>") },
		"other json":  func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, `{"version":"1.2.3"}`) },
		"bad version": func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, `{"etcdserver":"banana"}`) },
		"huge version": func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, `{"etcdserver":"`+strings.Repeat("9", 100_000)+`"}`)
		},
	} {
		t.Run(name, func(t *testing.T) {
			res, err, _ := probeFast(t, serve(t, h), shortOptions())
			if res != nil || !errors.Is(err, store.ErrNoMatch) {
				t.Fatalf("res=%v err=%v", res, err)
			}
		})
	}
	// Not HTTP at all.
	ep := probetest.Raw(t, func(_ int, c net.Conn) { c.Write([]byte("+PONG\r\n")) })
	if res, err, d := probeFast(t, ep, shortOptions()); res != nil || err == nil || d > 5*time.Second {
		t.Fatalf("res=%v err=%v after %v", res, err, d)
	}
}

// An etcd 3.3 (gateway at /v3beta) with authentication on, answering in the shapes of
// the 3.3 gateway (error bodies {"error","code"} without "message").
func TestV33Capture(t *testing.T) {
	var paths []string
	ep := serve(t, func(w http.ResponseWriter, r *http.Request) {
		paths = append(paths, r.URL.Path)
		switch r.URL.Path {
		case "/version":
			io.WriteString(w, `{"etcdserver":"3.3.11","etcdcluster":"3.3.0"}`)
		case "/v3beta/kv/range":
			w.WriteHeader(http.StatusBadRequest)
			io.WriteString(w, `{"error":"etcdserver: user name is empty","code":3}`)
		case "/v3beta/auth/authenticate":
			w.WriteHeader(http.StatusBadRequest)
			io.WriteString(w, `{"error":"etcdserver: authentication failed, invalid user ID or password","code":3}`)
		default:
			w.WriteHeader(http.StatusNotFound)
		}
	})
	res, err, _ := probeFast(t, ep, shortOptions())
	if err != nil || res.Service.Auth != finding.AuthRequired || res.Service.Version != "3.3.11" || res.Service.Details["api"] != "/v3beta" {
		t.Fatalf("res=%+v err=%v", res, err)
	}
	if f := probetest.Finding(res.Findings, "etcd-known-vulnerabilities"); f == nil || !strings.Contains(f.Detail, "CVE-2020-15115") {
		t.Fatalf("CVE finding %+v", f)
	}
	for _, p := range paths {
		if strings.HasPrefix(p, "/v3/") {
			t.Fatalf("called %s on a 3.3 server", p)
		}
	}
}

// An etcd 2.x: no v3 API; /v2/keys/ answers its top-level directory.
func TestV2Capture(t *testing.T) {
	ep := serve(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/version":
			io.WriteString(w, `{"etcdserver":"2.3.8","etcdcluster":"2.3.0"}`)
		case "/v2/keys/":
			io.WriteString(w, `{"action":"get","node":{"dir":true,"nodes":[{"key":"/config","dir":true,"modifiedIndex":4,"createdIndex":4},{"key":"/flag","value":"on","modifiedIndex":5,"createdIndex":5}]}}`)
		default:
			http.NotFound(w, r)
		}
	})
	res, err, _ := probeFast(t, ep, shortOptions())
	if err != nil || res.Service.Auth != finding.AuthNone || len(res.Service.Datasets) != 2 || res.Service.Datasets[0].Kind != "directory" {
		t.Fatalf("res=%+v err=%v", res, err)
	}
}

// Hostile answers after identification: oversized and malformed ranges give a
// partial result and a classified error, quickly.
func TestHostileRanges(t *testing.T) {
	for name, body := range map[string]string{
		"huge":       `{"count":"1","kvs":[{"key":"YQ==","value":"` + strings.Repeat("QUFB", 100_000) + `"}]}`,
		"bad base64": `{"count":"1","kvs":[{"key":"%%%","value":"x"}]}`,
		"bad count":  `{"count":"-5"}`,
		"not json":   `<html>`,
		"stall":      "",
	} {
		t.Run(name, func(t *testing.T) {
			ep := serve(t, func(w http.ResponseWriter, r *http.Request) {
				switch r.URL.Path {
				case "/version":
					io.WriteString(w, `{"etcdserver":"3.4.23","etcdcluster":"3.4.0"}`)
				case "/v3/kv/range":
					if body == "" {
						time.Sleep(3 * time.Second)
						return
					}
					io.WriteString(w, body)
				default:
					http.NotFound(w, r)
				}
			})
			res, err, d := probeFast(t, ep, shortOptions())
			if res == nil || err == nil || d > 5*time.Second {
				t.Fatalf("res=%v err=%v after %v", res, err, d)
			}
			if res.Service.Product != "etcd" {
				t.Fatalf("service %+v", res.Service)
			}
		})
	}
}

func TestPrefixOf(t *testing.T) {
	for in, want := range map[string]string{
		"/registry/secrets/default/x": "/registry/secrets/", "/registry/pods": "/registry/", "/app/config/prod": "/app/",
		"/flat": noPrefix, "feature:beta": "feature:", "plain": noPrefix, "a/b/c": "a/", "": noPrefix,
		"/kubernetes.io/secrets/ns/x": "/kubernetes.io/secrets/",
	} {
		if got := prefixOf(in); got != want {
			t.Errorf("prefixOf(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"/app/": "/app0", "a\xff": "b", "\xff\xff": "\x00"} {
		if got := prefixEnd(in); got != want {
			t.Errorf("prefixEnd(%q) = %q, want %q", in, got, want)
		}
	}
	if got := valueText("k8s\x00\n\x0c\n\x02v1\x12\x06Secret\x12\x10password\x12\x14hunter2hunter2"); got != "Secret password hunter2hunter2" {
		t.Errorf("valueText = %q", got)
	}
}

// TestHostileRangeFlood: a member that ignores a range's limit and answers with 8 MiB
// of empty key-values (2.8 million) had every one decoded before the list was cut to
// the limit: 605 MiB allocated for each answer, now 25 MiB (four answers, one run
// each); they are decoded one at a time up to it.
func TestHostileRangeFlood(t *testing.T) {
	body := `{"count":"3","more":true,"kvs":[{"key":"YQ==","value":"Yg=="},` + strings.Repeat("{},", (8<<20-4096)/3) + "{}]}"
	var floods atomic.Int64
	ep := serve(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/version":
			io.WriteString(w, `{"etcdserver":"3.4.23","etcdcluster":"3.4.0"}`)
		case "/v3/kv/range":
			req, _ := io.ReadAll(r.Body)
			if strings.Contains(string(req), `"count_only":true`) {
				io.WriteString(w, `{"count":"3"}`)
				return
			}
			floods.Add(1)
			io.WriteString(w, body)
		default:
			http.NotFound(w, r)
		}
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
	if allocated/n > 48<<20 {
		t.Fatalf("the probe allocated %d MiB for each 8 MiB answer", allocated/n>>20)
	}
}

// TestHostileV2KeysFlood: an etcd 2.x whose top directory lists 8 MiB of empty nodes
// (2.8 million) had every one decoded before the listing was cut to 200; they are now
// decoded up to it and the rest counted from the bytes.
func TestHostileV2KeysFlood(t *testing.T) {
	body := `{"action":"get","node":{"dir":true,"nodes":[{"key":"/a","dir":true},` + strings.Repeat("{},", (8<<20-4096)/3) + "{}]}}"
	ep := serve(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/version":
			io.WriteString(w, `{"etcdserver":"2.3.8","etcdcluster":"2.3.0"}`)
		case "/v2/keys/":
			io.WriteString(w, body)
		default:
			http.NotFound(w, r)
		}
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
	t.Logf("allocated %d MiB for an 8 MiB listing (err %v)", allocated>>20, err)
	if len(res.Service.Datasets) != 200 || res.Service.Datasets[0].Table != "/a" || !res.Service.Truncated {
		t.Errorf("listing: %d datasets, truncated %v", len(res.Service.Datasets), res.Service.Truncated)
	}
	if allocated > 48<<20 {
		t.Fatalf("the probe allocated %d MiB for an 8 MiB listing", allocated>>20)
	}
}

// TestHostileRaw: servers that stall, trickle, never end their headers, promise a huge
// body or close at once cost an error within the time given, never an open service.
func TestHostileRaw(t *testing.T) { probetest.CheckRawCases(t, New(), 6*time.Second) }

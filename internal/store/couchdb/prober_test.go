package couchdb

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

func run(t *testing.T, p *Prober, h http.Handler, mod func(*store.Options)) (*store.Result, error) {
	t.Helper()
	return probetest.Run(t, p, probetest.HTTP(t, h), 30*time.Second, mod)
}

// rules indexes findings by rule.
var rules = probetest.ByRule

func readOnly(t *testing.T, f *fakeCouch) {
	t.Helper()
	for _, r := range f.requests() {
		if !strings.HasPrefix(r, "GET ") {
			t.Errorf("not a GET: %s", r)
		}
	}
}

func TestAdminParty(t *testing.T) {
	f := &fakeCouch{version: "2.1.0", dbs: seededDBs()}
	p := New()
	p.epmdPort = fakeEPMD(t, "couchdb")
	res, err := run(t, p, f, nil)
	if err != nil {
		t.Fatal(err)
	}
	svc := res.Service
	if svc.Product != "couchdb" || svc.Version != "2.1.0" || svc.Auth != finding.AuthNone || svc.Details["databases"] != "4" {
		t.Fatalf("%+v", svc)
	}
	if len(svc.Datasets) != 4 {
		t.Fatalf("datasets %+v", svc.Datasets)
	}
	var orders finding.Dataset
	for _, d := range svc.Datasets {
		if d.Table == "orders" {
			orders = d
		}
	}
	if orders.Rows != 15 || orders.Bytes == 0 || orders.Sampled != 5 || len(orders.Columns) != 4 || orders.Columns[3].Type != "number" {
		t.Fatalf("orders %+v", orders)
	}
	var gh, dsn bool
	for _, s := range res.Samples {
		for _, r := range s.Rows {
			j := strings.Join(r, "|")
			gh = gh || strings.Contains(j, testGitHub)
			dsn = dsn || strings.Contains(j, testDSN)
			if strings.Contains(j, "1-967a00dff5e02add41819138abb3284d") {
				t.Fatal("_rev sampled")
			}
		}
	}
	if !gh || !dsn {
		t.Fatal("samples miss the token in deploy or the DSN in _replicator")
	}
	r := rules(res.Findings)
	if r["couchdb-admin-party"].Severity != finding.Critical {
		t.Fatalf("%+v", res.Findings)
	}
	cve := r["couchdb-known-vulnerabilities"]
	for _, id := range []string{"CVE-2017-12635", "CVE-2017-12636", "CVE-2022-24706"} {
		if !strings.Contains(cve.Detail, id) {
			t.Fatalf("%s missing: %s", id, cve.Detail)
		}
	}
	if !strings.Contains(cve.Evidence, "couchdb:9100") || svc.Details["epmd_nodes"] != "couchdb:9100" {
		t.Fatalf("EPMD evidence: %q %v", cve.Evidence, svc.Details)
	}
	readOnly(t, f)
}

func TestCouch3(t *testing.T) {
	strong := &fakeCouch{version: "3.3.3", admins: map[string]string{"admin": "Zq9-long-admin"}, users: map[string]string{"reader": "rd-pw"}, dbs: seededDBs()}
	res, err := run(t, New(), strong, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Service.Auth != finding.AuthRequired || len(res.Service.Datasets) != 0 || res.Service.Version != "3.3.3" {
		t.Fatalf("%+v", res.Service)
	}
	if _, ok := rules(res.Findings)["couchdb-known-vulnerabilities"]; ok {
		t.Fatal("3.3.3 flagged")
	}
	res, err = run(t, New(), strong, func(o *store.Options) {
		o.Credentials = []store.Credential{{Username: "admin", Password: "Zq9-long-admin"}}
	})
	if err != nil || res.Service.Auth != finding.AuthCredentials || len(res.Service.Datasets) != 4 {
		t.Fatalf("%+v %v", res.Service, err)
	}

	weak := &fakeCouch{version: "3.2.1", admins: map[string]string{"admin": "password"}, dbs: seededDBs()}
	p := New()
	p.epmdPort = fakeEPMD(t)
	res, err = run(t, p, weak, nil)
	if err != nil {
		t.Fatal(err)
	}
	r := rules(res.Findings)
	if res.Service.Auth != finding.AuthDefault || res.Service.User != "admin" || r["couchdb-default-admin"].Severity != finding.Critical ||
		!strings.Contains(r["couchdb-known-vulnerabilities"].Detail, "CVE-2022-24706") {
		t.Fatalf("%+v %+v", res.Service, res.Findings)
	}
	readOnly(t, weak)
}

func TestRequireValidUser(t *testing.T) {
	f := &fakeCouch{version: "3.3.3", admins: map[string]string{"admin": "long-pw-x"}, requireValid: true, dbs: seededDBs()}
	res, err := run(t, New(), f, nil)
	if err != nil || res.Service.Product != "couchdb" || res.Service.Auth != finding.AuthRequired || res.Service.Version != "3.3.3" {
		t.Fatalf("%+v %v", res, err)
	}
}

func TestPublicDatabases(t *testing.T) {
	f := &fakeCouch{version: "2.3.1", admins: map[string]string{"admin": "long-pw-x"}, publicDBs: true, dbs: seededDBs()}
	res, err := run(t, New(), f, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Service.Auth != finding.AuthNone || rules(res.Findings)["couchdb-public-databases"].Severity != finding.High {
		t.Fatalf("%+v %+v", res.Service, res.Findings)
	}
	// _users and _replicator stay closed: listed, with why they were not read; the two
	// public databases are read.
	read, refused := 0, 0
	for _, ds := range res.Service.Datasets {
		switch {
		case ds.Error == "" && ds.Rows > 0:
			read++
		case strings.HasPrefix(ds.Error, "not readable as anonymous access: ") && strings.Contains(ds.Error, "HTTP 401"):
			refused++
		}
	}
	if read != 2 || refused != 2 || len(res.Service.Datasets) != 4 {
		t.Fatalf("%+v", res.Service.Datasets)
	}
}

func TestNotCouch(t *testing.T) {
	for name, h := range map[string]http.HandlerFunc{
		"elasticsearch": func(w http.ResponseWriter, r *http.Request) {
			w.Write([]byte(`{"name":"x","version":{"number":"7.1.0"},"tagline":"You Know, for Search"}`))
		},
		"401 elsewhere": func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(401) },
	} {
		res, err := run(t, New(), h, nil)
		if !errors.Is(err, store.ErrNoMatch) || res != nil {
			t.Fatalf("%s: %+v %v", name, res, err)
		}
	}
}

func TestHostileRaw(t *testing.T) { probetest.CheckRawCases(t, New(), 6*time.Second) }

func TestHostileCouch(t *testing.T) {
	probetest.PrepareBomb()
	for _, tc := range []struct{ name, path string }{{"all_docs endless", "/_all_docs"}, {"all_dbs endless", "/_all_dbs"}, {"root bomb", "/"}} {
		t.Run(tc.name, func(t *testing.T) {
			f := &fakeCouch{version: "2.1.0", dbs: seededDBs()}
			h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				switch {
				case tc.path == "/" && r.URL.Path == "/":
					probetest.GzipBomb(w, "application/json")
				case tc.path != "/" && strings.HasSuffix(r.URL.Path, tc.path):
					probetest.Endless(w, r, "application/json")
				default:
					f.ServeHTTP(w, r)
				}
			})
			t0 := time.Now()
			res, err := run(t, New(), h, func(o *store.Options) { o.IOTimeout = 700 * time.Millisecond })
			if time.Since(t0) > 8*time.Second {
				t.Fatalf("took %v", time.Since(t0))
			}
			if tc.path == "/" {
				if res != nil || !errors.Is(err, store.ErrNoMatch) {
					t.Fatalf("%+v %v", res, err)
				}
				return
			}
			if res == nil || err == nil && tc.path == "/_all_dbs" {
				t.Fatalf("%+v %v", res, err)
			}
		})
	}
}

func FuzzParseEPMDNames(f *testing.F) {
	f.Add([]byte("\x00\x00\x11\x11name couchdb at port 9100\n"))
	f.Add([]byte{0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		names, err := parseEPMDNames(b)
		if err == nil && len(names) > 20 {
			t.Fatalf("%d names", len(names))
		}
	})
}

func FuzzDocsToSample(f *testing.F) {
	f.Add([]byte(`{"_id":"a","_rev":"1-x","k":{"n":[1,2]},"s":"héllo"}`), 3, 5)
	f.Fuzz(func(t *testing.T, doc []byte, rowBytes, total int) {
		if rowBytes <= 0 || total <= 0 {
			return
		}
		o := probetest.Options()
		o.MaxRowBytes, o.MaxSampleBytes = rowBytes, total
		smp, _ := docsToSample("d", []json.RawMessage{doc, doc}, &o)
		sum := 0
		for _, r := range smp.Rows {
			for _, c := range r {
				sum += len(c)
			}
		}
		if sum > total {
			t.Fatalf("%d > %d", sum, total)
		}
	})
}

// An _all_dbs answer of 8 MiB of names (2.8 million) is decoded only up to maxAllDBs:
// the service is marked truncated and the first names are still read.
func TestHostileAllDBsFlood(t *testing.T) {
	body := `["orders",` + strings.Repeat(`"",`, (8<<20-4096)/3) + `""]`
	f := &fakeCouch{version: "2.1.0", dbs: seededDBs()}
	h := probetest.ServeJSONAt("/_all_dbs", body, f)
	var res *store.Result
	var err error
	allocated := probetest.Allocated(func() {
		res, err = run(t, New(), h, func(o *store.Options) { o.MaxResponseBytes = 8 << 20 })
	})
	if res == nil {
		t.Fatalf("no result: %v", err)
	}
	t.Logf("allocated %d MiB for an answer of 8 MiB; databases %q", allocated>>20, res.Service.Details["databases"])
	if !res.Service.Truncated || res.Service.Details["databases"] != "more than 100000" {
		t.Fatalf("truncated %v, databases %q", res.Service.Truncated, res.Service.Details["databases"])
	}
	if allocated > 128<<20 {
		t.Fatalf("the probe allocated %d MiB for an 8 MiB answer", allocated>>20)
	}
}

// TestHostileAllDocsFlood: a server that ignores limit= on _all_docs and answers with
// 8 MiB of empty rows (2.8 million) had every one decoded (and its document kept) for
// each database sampled: 3,525 MiB allocated by the probe (the first answer alone, in
// 7 s), now 49 MiB for three answers; the rows are decoded one at a time up to the
// limit asked.
func TestHostileAllDocsFlood(t *testing.T) {
	body := `{"total_rows":1,"offset":0,"rows":[` + strings.Repeat("{},", (8<<20-4096)/3) + "{}]}"
	f := &fakeCouch{version: "2.1.0", dbs: seededDBs()}
	var floods atomic.Int64
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/_all_docs") {
			floods.Add(1)
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, body)
			return
		}
		f.ServeHTTP(w, r)
	})
	var res *store.Result
	var err error
	allocated := probetest.Allocated(func() {
		res, err = run(t, New(), h, func(o *store.Options) { o.MaxResponseBytes = 8 << 20 })
	})
	if res == nil {
		t.Fatalf("no result: %v", err)
	}
	n := uint64(max(floods.Load(), 1))
	t.Logf("allocated %d MiB for %d answers of 8 MiB", allocated>>20, n)
	if allocated/n > 48<<20 {
		t.Fatalf("the probe allocated %d MiB for each 8 MiB answer", allocated/n>>20)
	}
}

package minio

import (
	"bytes"
	"compress/gzip"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/hostile"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

func run(t *testing.T, h http.Handler, mod func(*store.Options)) (*store.Result, error) {
	t.Helper()
	return probetest.Run(t, New(), probetest.HTTP(t, h), 20*time.Second, mod)
}

// rules indexes findings by rule.
var rules = probetest.ByRule

func readOnly(t *testing.T, f *fakeMinIO) {
	t.Helper()
	for _, r := range f.requests() {
		if !strings.HasPrefix(r, "GET ") && !strings.HasPrefix(r, "HEAD ") {
			t.Errorf("not a read (GET or HEAD): %s", r)
		}
	}
}

func samplesText(res *store.Result) string {
	var b strings.Builder
	for _, s := range res.Samples {
		for _, r := range s.Rows {
			b.WriteString(strings.Join(r, "|"))
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func TestDefaultRoot(t *testing.T) {
	f := &fakeMinIO{keys: map[string]string{"minioadmin": "minioadmin"}, buckets: seededBuckets()}
	res, err := run(t, f, nil)
	if err != nil {
		t.Fatal(err)
	}
	svc := res.Service
	if svc.Product != "minio" || svc.Auth != finding.AuthDefault || svc.User != "minioadmin" || svc.Details["buckets"] != "2" || len(svc.Datasets) != 2 {
		t.Fatalf("%+v", svc)
	}
	var backups finding.Dataset
	for _, d := range svc.Datasets {
		if d.Table == "backups" {
			backups = d
		}
	}
	if backups.Rows != 2 || backups.Bytes == 0 || backups.Sampled != 2 || backups.TimeRange == nil || backups.TimeRange.Max != "2024-06-02T08:00:00Z" {
		t.Fatalf("%+v", backups)
	}
	text := samplesText(res)
	if !strings.Contains(text, "AWS_SECRET_ACCESS_KEY="+testAWSSecret) || !strings.Contains(text, testSlack) {
		t.Fatalf("samples miss object contents:\n%s", text)
	}
	if strings.Contains(text, "binary") {
		t.Fatal("a .gz object was read")
	}
	for _, s := range res.Samples {
		for _, r := range s.Rows {
			if n := len(strings.Join(r, "")); n > 4<<10 {
				t.Fatalf("row of %d bytes", n)
			}
		}
	}
	if rules(res.Findings)["minio-default-root"].Severity != finding.Critical {
		t.Fatalf("%+v", res.Findings)
	}
	readOnly(t, f)
}

func TestProtectedMinIO(t *testing.T) {
	f := &fakeMinIO{keys: map[string]string{"root-9f2": "long-secret-value-1", "app": "app-secret-2"}, buckets: seededBuckets()}
	res, err := run(t, f, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Service.Product != "minio" || res.Service.Auth != finding.AuthRequired || len(res.Service.Datasets) != 0 {
		t.Fatalf("%+v", res.Service)
	}
	res, err = run(t, f, func(o *store.Options) {
		o.Credentials = []store.Credential{{Username: "app", Password: "wrong"}, {Username: "app", Password: "app-secret-2"}}
	})
	if err != nil || res.Service.Auth != finding.AuthCredentials || len(res.Service.Datasets) != 2 {
		t.Fatalf("%+v %v", res.Service, err)
	}
	readOnly(t, f)
}

func TestPublicBucketGuessed(t *testing.T) {
	f := &fakeMinIO{keys: map[string]string{"root-9f2": "long-secret-value-1"}, publicB: map[string]bool{"backups": true}, buckets: seededBuckets()}
	res, err := run(t, f, nil)
	if err != nil {
		t.Fatal(err)
	}
	svc := res.Service
	if svc.Auth != finding.AuthNone || len(svc.Datasets) != 1 || svc.Datasets[0].Table != "backups" {
		t.Fatalf("%+v", svc)
	}
	if r := rules(res.Findings)["s3-public-bucket"]; r.Evidence != "backups" {
		t.Fatalf("%+v", res.Findings)
	}
	if !strings.Contains(samplesText(res), testAWSSecret) {
		t.Fatal("public object not sampled")
	}
}

func TestAnonymousS3Compatible(t *testing.T) {
	f := &fakeMinIO{notMinIO: true, anonList: true, buckets: seededBuckets()}
	res, err := run(t, f, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Service.Product != "s3" || res.Service.Auth != finding.AuthNone || len(res.Service.Datasets) != 2 ||
		rules(res.Findings)["s3-anonymous-list-buckets"].Severity != finding.Critical {
		t.Fatalf("%+v %+v", res.Service, res.Findings)
	}
}

func TestNotS3(t *testing.T) {
	for name, h := range map[string]http.HandlerFunc{
		"clickhouse native": func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(400)
			w.Write([]byte("Port 9000 is for clickhouse-client program.\r\nYou must use port 8123 for HTTP.\r\n"))
		},
		"html":     func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("<html><body>hi</body></html>")) },
		"xml":      func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("<rss></rss>")) },
		"json 403": func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(403); w.Write([]byte(`{"error":"no"}`)) },
	} {
		if res, err := run(t, h, nil); !errors.Is(err, store.ErrNoMatch) || res != nil {
			t.Fatalf("%s: %+v %v", name, res, err)
		}
	}
}

func TestHostileRaw(t *testing.T) { probetest.CheckRawCases(t, New(), 6*time.Second) }

func TestHostileS3(t *testing.T) {
	probetest.PrepareBomb()
	for _, tc := range []struct{ name, match string }{{"listing endless", "list-type"}, {"object endless", ".env"}, {"root bomb", "root"}} {
		t.Run(tc.name, func(t *testing.T) {
			f := &fakeMinIO{keys: map[string]string{"minioadmin": "minioadmin"}, buckets: seededBuckets()}
			h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				switch {
				case tc.match == "root" && r.URL.Path == "/" && r.Header.Get("Authorization") == "":
					probetest.GzipBomb(w, "application/xml")
				case tc.match != "root" && strings.Contains(r.URL.RequestURI(), tc.match):
					w.Header().Set("Server", "MinIO")
					probetest.Endless(w, r, "application/xml")
				default:
					f.ServeHTTP(w, r)
				}
			})
			t0 := time.Now()
			res, err := run(t, h, func(o *store.Options) { o.IOTimeout = 700 * time.Millisecond })
			if time.Since(t0) > 8*time.Second {
				t.Fatalf("took %v", time.Since(t0))
			}
			switch tc.match {
			case "root":
				if res != nil || !errors.Is(err, store.ErrNoMatch) {
					t.Fatalf("%+v %v", res, err)
				}
			case "list-type":
				if err != nil || res.Service.Auth != finding.AuthDefault || res.Service.Datasets[0].Error == "" {
					t.Fatalf("%+v %v", res, err)
				}
			default:
				if err != nil || !strings.Contains(samplesText(res), "config/.env|") {
					t.Fatalf("%+v %v", res, err)
				}
				for _, s := range res.Samples {
					if len(s.Columns) != 1 || s.Columns[0] != "content" {
						continue
					}
					if len(s.Rows[0][0]) > 4<<10 {
						t.Fatalf("object %s read as %d bytes, cap 4 KiB", s.Table, len(s.Rows[0][0]))
					}
				}
			}
		})
	}
}

func FuzzParseS3XML(f *testing.F) {
	f.Add([]byte(`<ListAllMyBucketsResult><Buckets><Bucket><Name>a</Name></Bucket></Buckets></ListAllMyBucketsResult>`))
	f.Add([]byte(`<ListBucketResult><Name>a</Name><IsTruncated>true</IsTruncated><Contents><Key>k</Key><Size>3</Size></Contents></ListBucketResult>`))
	f.Add([]byte(`<?xml version="1.0"?><Error><Code>AccessDenied</Code></Error>`))
	f.Add([]byte(`<!DOCTYPE x [<!ENTITY a "aaaa">]><Error><Code>&a;</Code></Error>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		if bs, err := parseListBuckets(b); err == nil && len(bs) > maxXMLBuckets {
			t.Fatalf("%d buckets", len(bs))
		}
		_, _ = parseListObjects(b)
		if e := parseError(b); e != nil && e.Code == "" {
			t.Fatal("error without code")
		}
	})
}

// The red-team's flood: an S3 API with 200 buckets of 1,000 text objects of 64 KiB, all
// within the per-table caps, took one scan of one endpoint to 256 MiB of samples. Here
// 60 such buckets (75 MiB of samples without a budget; fewer buckets keep the test
// short under -race) cost at most the default endpoint budget; every bucket is still
// listed with its object count.
func TestHostileObjectFloodWithinDefaultBudget(t *testing.T) {
	if testing.Short() {
		t.Skip("lists 60 buckets and reads 32 MiB")
	}
	const buckets = 60
	ep := probetest.HTTP(t, &hostile.S3Flood{Buckets: buckets, Objects: 1000, Size: 64 << 10})
	o := store.DefaultOptions().ForEndpoint(ep)
	o.IOTimeout = 5 * time.Second
	o.InventoryTimeout = 2 * time.Minute
	res, _ := probetest.Probe(t, New(), ep, &o)
	got := probetest.SampleBytes(res)
	if got > store.DefaultMaxEndpointSampleBytes || !o.Samples.Cut() {
		t.Fatalf("sampled %d bytes with the default budget of %d (cut %v)", got, store.DefaultMaxEndpointSampleBytes, o.Samples.Cut())
	}
	if len(res.Service.Datasets) != buckets {
		t.Fatalf("%d buckets listed, want %d", len(res.Service.Datasets), buckets)
	}
	notSampled := 0
	for _, ds := range res.Service.Datasets {
		if ds.Rows != 1000 || ds.Error != "" {
			t.Fatalf("bucket %s: %d objects counted, error %q", ds.Table, ds.Rows, ds.Error)
		}
		if ds.NotSampled == probekit.NotSampledBudget {
			notSampled++
		}
	}
	t.Logf("%d bytes sampled, %d of %d buckets not sampled", got, notSampled, buckets)
	if notSampled == 0 {
		t.Fatal("no bucket marked as not sampled")
	}
}

// gunzipHead decompresses at most max bytes, whatever the stream expands to, and keeps
// what a stream cut short (a ranged GET's head) gave before it ended.
func TestGunzipHeadBounded(t *testing.T) {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	_, _ = w.Write(bytes.Repeat([]byte("SECRET_KEY=abc\n"), 1<<16)) // ~1 MiB, a few KiB compressed
	_ = w.Close()
	if out := gunzipHead(b.Bytes(), 1000); len(out) != 1000 || !bytes.HasPrefix(out, []byte("SECRET_KEY=abc\n")) {
		t.Fatalf("bounded: %d bytes", len(out))
	}
	if out := gunzipHead(b.Bytes()[:b.Len()/2], 1<<30); len(out) == 0 || len(out) >= 1<<20 {
		t.Fatalf("a stream cut short gave %d bytes", len(out))
	}
	if out := gunzipHead([]byte("\x1f\x8b not gzip"), 100); len(out) != 0 {
		t.Fatalf("not gzip: %q", out)
	}
	for key, want := range map[string]bool{"a/dump.sql.gz": true, ".env.gz": true, "site.tar.gz": false, "x.tgz": false, "a.gz/": false, "notes.txt": false} {
		if _, ok := gzipped(key); ok != want {
			t.Errorf("gzipped(%q) = %v", key, ok)
		}
	}
}

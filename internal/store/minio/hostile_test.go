package minio

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// xmlFlood is an S3 API that calls itself MinIO and answers with XML documents of up
// to 8 MiB of tiny elements: a bucket list, object lists that ignore max-keys, junk
// nested inside an answer's root, an error document padded the same way. No real
// server sends these; any server can.
type xmlFlood struct {
	buckets string // the body of GET / to a signed request
	objects string // the body of every bucket listing
	status  int    // the status of bucket listings (200 when 0)
}

func (f *xmlFlood) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Server", "MinIO")
	w.Header().Set("Content-Type", "application/xml")
	bucket, _, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
	switch {
	case r.URL.Path == "/minio/health/live":
	case bucket == "" && r.Header.Get("Authorization") == "":
		w.WriteHeader(http.StatusForbidden)
		io.WriteString(w, `<Error><Code>AccessDenied</Code><Message>Access Denied.</Message></Error>`)
	case bucket == "":
		io.WriteString(w, f.buckets)
	case r.Header.Get("Authorization") == "":
		w.WriteHeader(http.StatusForbidden)
		io.WriteString(w, `<Error><Code>AccessDenied</Code></Error>`)
	default:
		if f.status != 0 {
			w.WriteHeader(f.status)
		}
		io.WriteString(w, f.objects)
	}
}

// flood repeats unit to fill about 8 MiB between head and tail.
func flood(head, unit, tail string) string {
	return head + strings.Repeat(unit, (8<<20-len(head)-len(tail)-64)/len(unit)) + tail
}

const threeBuckets = `<ListAllMyBucketsResult><Owner><ID>x</ID></Owner><Buckets>` +
	`<Bucket><Name>a</Name></Bucket><Bucket><Name>b</Name></Bucket><Bucket><Name>c</Name></Bucket>` +
	`</Buckets></ListAllMyBucketsResult>`

// TestHostileXMLFloods: S3 answers were decoded whole with encoding/xml and cut to size
// afterwards (buckets) or not at all (objects: a server ignoring max-keys had every one
// of 760,000 empty <Contents/> counted), about 430 MiB allocated and a second of CPU
// for each 8 MiB answer — once per bucket, up to --max-tables of them. They are now
// read one element at a time up to their caps, and the decoder's tokens are counted,
// so junk around or inside the elements costs no more.
func TestHostileXMLFloods(t *testing.T) {
	cases := []struct {
		name  string
		f     *xmlFlood
		check func(t *testing.T, res *store.Result)
	}{
		{"objects ignoring max-keys", &xmlFlood{buckets: threeBuckets,
			objects: flood(`<ListBucketResult><Name>a</Name><IsTruncated>false</IsTruncated>`, `<Contents/>`, `</ListBucketResult>`)},
			func(t *testing.T, res *store.Result) {
				for _, ds := range res.Service.Datasets {
					if ds.Rows != maxListKeys || !ds.RowsEstimated || ds.Error != "" {
						t.Errorf("bucket %s: %d objects, estimated %v, error %q", ds.Table, ds.Rows, ds.RowsEstimated, ds.Error)
					}
				}
				if !res.Service.Truncated {
					t.Error("service not marked truncated")
				}
			}},
		{"buckets", &xmlFlood{buckets: flood(`<ListAllMyBucketsResult><Buckets>`, `<Bucket><Name>b</Name></Bucket>`, `</Buckets></ListAllMyBucketsResult>`),
			objects: `<ListBucketResult><Name>b</Name></ListBucketResult>`},
			func(t *testing.T, res *store.Result) {
				if res.Service.Details["buckets"] != "10000" || !res.Service.Truncated {
					t.Errorf("buckets %q, truncated %v", res.Service.Details["buckets"], res.Service.Truncated)
				}
			}},
		{"junk inside the root", &xmlFlood{buckets: flood(`<ListAllMyBucketsResult><Owner>`, `<a/>`, `</Owner><Buckets><Bucket><Name>a</Name></Bucket></Buckets></ListAllMyBucketsResult>`),
			objects: flood(`<ListBucketResult><Name>a</Name><Contents><Key>k.bin</Key><Size>5</Size></Contents><Owner>`, `<a/>`, `</Owner></ListBucketResult>`)},
			nil},
		{"junk inside an element", &xmlFlood{buckets: threeBuckets,
			objects: flood(`<ListBucketResult><Name>a</Name><Contents><Key>k.bin</Key><Owner>`, `<a/>`, `</Owner></Contents></ListBucketResult>`)},
			nil},
		{"padded error", &xmlFlood{buckets: threeBuckets, status: http.StatusForbidden,
			objects: flood(`<Error><Code>AccessDenied</Code><Resource>`, `<a/>`, `</Resource></Error>`)},
			nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var res *store.Result
			var err error
			allocated := probetest.Allocated(func() {
				res, err = run(t, c.f, func(o *store.Options) { o.MaxResponseBytes = 8 << 20 })
			})
			if res == nil {
				t.Fatalf("no result: %v", err)
			}
			t.Logf("allocated %d MiB for 8 MiB answers (%d datasets)", allocated>>20, len(res.Service.Datasets))
			if c.check != nil {
				c.check(t, res)
			}
			if allocated > 160<<20 {
				t.Fatalf("the probe allocated %d MiB", allocated>>20)
			}
		})
	}
}

// TestHostileAdminInfoFlood: GET /minio/admin/v3/info's servers were decoded whole,
// though only the first one's version is read: 8 MiB of empty servers is 2.8 million
// structs. Only the first is decoded now.
func TestHostileAdminInfoFlood(t *testing.T) {
	body := []byte(flood(`{"mode":"online","servers":[{"version":"2026-02-12T20:18:48Z"},`, `{},`, `{}]}`))
	ep := probetest.HTTP(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(body)
	}))
	o := store.DefaultOptions()
	o.MaxResponseBytes = 8 << 20
	s := probekit.NewSession(ep, &o, false)
	defer s.Close()
	var v string
	allocated := probetest.Allocated(func() { v = minioAdminVersion(context.Background(), s) })
	t.Logf("allocated %d MiB for an 8 MiB answer", allocated>>20)
	if v != "RELEASE.2026-02-12T20-18-48Z" {
		t.Errorf("version %q", v)
	}
	if allocated > 40<<20 {
		t.Fatalf("allocated %d MiB for an 8 MiB answer", allocated>>20)
	}
}

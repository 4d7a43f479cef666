package minio

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/lab"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/clickhouse"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

func TestMain(m *testing.M) { os.Exit(labtest.Run(m)) }

// Port 9000 is ClickHouse's native port and MinIO's API port. Neither prober may claim
// the other's server: MinIO's against a real ClickHouse (native and HTTP ports), and
// ClickHouse's against the MinIO fake.
func TestPort9000IsFingerprintedNotAssumed(t *testing.T) {
	ch := labtest.ClickHouseOpen(t)
	o := probetest.Options()
	o.IOTimeout = 3 * time.Second
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for _, addr := range []string{ch.NativeAddr(), ch.HTTPAddr()} {
		res, err := New().Probe(ctx, probetest.Endpoint(t, addr), &o)
		if !errors.Is(err, store.ErrNoMatch) || res != nil {
			t.Fatalf("MinIO prober claimed ClickHouse at %s: %+v %v", addr, res, err)
		}
	}
	for _, f := range []*fakeMinIO{
		{keys: map[string]string{"minioadmin": "minioadmin"}, buckets: seededBuckets()},
		{keys: map[string]string{"root": "long-secret"}, buckets: seededBuckets()},
	} {
		ep := probetest.HTTP(t, f)
		res, err := clickhouse.New().Probe(ctx, ep, &o)
		if !errors.Is(err, store.ErrNoMatch) || res != nil {
			t.Fatalf("ClickHouse prober claimed MinIO: %+v %v", res, err)
		}
		if res, err := New().Probe(ctx, ep, &o); err != nil || res.Service.Product != "minio" {
			t.Fatalf("MinIO prober missed its fake: %+v %v", res, err)
		}
	}
}

// Tests against real MinIO servers (built once by scripts/build-servers.sh) on
// loopback: one with the built-in root account minioadmin/minioadmin, one with its
// own; their audit logs go to a receiver in the test process.

func TestMinIOOpen(t *testing.T) {
	m := labtest.MinIOOpen(t)
	_, before := m.AuditEntries(0)
	svc, fs := probetest.Scan(t, New(), probetest.At(m.Host, m.Port))
	if svc.Product != "minio" || svc.Version != m.Version || svc.Auth != finding.AuthDefault || svc.Status != finding.StatusOpen {
		t.Fatalf("service %s %q (want %q) auth=%s status=%s err=%s", svc.Product, svc.Version, m.Version, svc.Auth, svc.Status, svc.Error)
	}
	probetest.CheckPlanted(t, fs, lab.MinIOPlanted())
	if e := probetest.Finding(fs, "minio-default-credentials"); e == nil || !strings.HasPrefix(e.Title, "MinIO accepts") {
		t.Fatalf("exposure finding %+v", e)
	}
	calls, _ := m.AuditEntries(before)
	if len(calls) < 5 {
		t.Fatalf("the audit log has %d calls: %q", len(calls), calls)
	}
	for _, c := range calls {
		if c == "" {
			// Identification's "GET / HTTP/1.0" without a Host header: MinIO refuses it
			// (400) before routing it to any API, so the entry names none.
			continue
		}
		api, method, _ := strings.Cut(c, " ")
		// MinIO's entries name the API; the method is checked where an entry has one.
		if (method != "" && method != "GET" && method != "HEAD") || !readAPIs[api] {
			t.Fatalf("the scan made %q (all: %q)", c, calls)
		}
	}
	t.Logf("%d calls: %q", len(calls), calls)
}

func TestMinIOProtected(t *testing.T) {
	m := labtest.MinIOProtected(t)
	ep := probetest.At(m.Host, m.Port)
	svc, fs := probetest.Scan(t, New(), ep)
	if svc.Product != "minio" || svc.Auth != finding.AuthRequired || svc.Status != finding.StatusAuthRequired {
		t.Fatalf("service %s %s auth=%s status=%s err=%s", svc.Product, svc.Version, svc.Auth, svc.Status, svc.Error)
	}
	for _, f := range fs {
		if f.Category == finding.Secret || f.Category == finding.Exposure {
			t.Fatalf("protected server leaked: %+v", f)
		}
	}
	svc, fs = probetest.Scan(t, New(), ep, store.Credential{Username: labtest.MinIORootUser, Password: labtest.MinIORootPassword})
	if svc.Auth != finding.AuthCredentials || svc.Version != m.Version {
		t.Fatalf("with the root account: auth=%s version=%q err=%s", svc.Auth, svc.Version, svc.Error)
	}
	probetest.CheckPlanted(t, fs, lab.MinIOPlanted())
}

// readAPIs are the S3 and admin calls that read: what MinIO's audit log may show of a
// scan.
var readAPIs = map[string]bool{"ListBuckets": true, "ListObjectsV2": true, "GetObject": true, "HeadObject": true,
	"HeadBucket": true, "GetBucketLocation": true, "ServerInfo": true}

// A store holding thousands of readable text objects, each within the per-table caps,
// costs a scan no more than the endpoint's sample budget: a real MinIO seeded with 20
// buckets of 25 text objects of 16 KiB (8 MiB readable; about 6 MiB sampled without a
// budget) is scanned with a budget of 512 KiB. Every bucket is still listed and counted.
func TestSampleBudgetBoundsObjectFlood(t *testing.T) {
	m := labtest.MinIOFresh(t, lab.MinIOConfig{})
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	const buckets, objects = 20, 25
	if err := m.SeedFlood(ctx, buckets, objects, 16<<10); err != nil {
		t.Fatal(err)
	}
	res := probetest.CheckSampleBudget(t, New(), probetest.At(m.Host, m.Port), 512<<10, nil)
	flood := 0
	for _, ds := range res.Service.Datasets {
		if strings.HasPrefix(ds.Database, "flood-") {
			flood++
			if ds.Rows != objects {
				t.Fatalf("bucket %s counted %d objects, want %d", ds.Database, ds.Rows, objects)
			}
		}
	}
	if flood != buckets {
		t.Fatalf("%d flood buckets listed, want %d", flood, buckets)
	}
}

// An object's user metadata is a record of its own: a token kept in x-amz-meta-* beside
// binary content, or beside a text object's content, is found by its metadata name, and
// the scan still only reads (GetObject, HeadObject).
func TestObjectMetadataSampled(t *testing.T) {
	m := labtest.MinIOFresh(t, lab.MinIOConfig{})
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	const (
		uploadToken = "Jt5Kq9Wx3Zr7Nb1Vc6Lm0Hd4Fs8Gp2Ya"
		apiKey      = "Cb8Nv2Xz6Lk0Jh4Gf9Ds3Aq7Wr1Ey5Tu"
	)
	if err := m.PutObjectMeta(ctx, "uploads", "scans/page-001.png", []byte{0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0},
		map[string]string{"Upload-Token": uploadToken, "Owner": "ops"}); err != nil {
		t.Fatal(err)
	}
	if err := m.PutObjectMeta(ctx, "uploads", "exports/notes.txt", []byte("weekly export, nothing secret\n"),
		map[string]string{"Api-Key": apiKey}); err != nil {
		t.Fatal(err)
	}
	_, before := m.AuditEntries(0)
	res, _ := probetest.Probe(t, New(), probetest.At(m.Host, m.Port), probetest.LabOptions(5, 600, 100_000))
	labtest.CheckFound(t, res.Samples, uploadToken, apiKey)
	calls, _ := m.AuditEntries(before)
	for _, c := range calls {
		if api, _, _ := strings.Cut(c, " "); c != "" && !readAPIs[api] {
			t.Fatalf("the scan made %q", c)
		}
	}
}

// A bucket's objects are read by what their names say, not in listing order: with room
// to read five objects, the five credential files listed after a dozen logs and a
// photo are the five read, and each is found. The logs and the photo are not read (the
// photo's name says it is binary), and the scan only reads.
func TestCredentialFilesReadFirst(t *testing.T) {
	m := labtest.MinIOFresh(t, lab.MinIOConfig{})
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	const (
		pgPass   = "Wd5!rLp8@zQm2#vKx"
		npmTok   = "Qe7Rt2Yu9Io4Pa6Sd1Fg8Hj3Kl5Zx0Cv"
		kubeTok  = "Mn3Bv8Cx1Zl6Kj4Hg9Fd2Sa7Qw5Er0Ty"
		gitTok   = "Ub6Yn1Tm8Rc3Ex5Wz0Qa7Ps2Od9If4Lg"
		dbPasswd = "Tower#Mango-5527!reef"
	)
	objs := map[string]string{
		"zz-ops/.pgpass":                 "db.internal:5432:ledger:ledger_app:" + pgPass + "\n",
		"zz-ops/.npmrc":                  "//registry.npmjs.org/:_authToken=" + npmTok + "\n",
		"zz-ops/kubeconfig":              "apiVersion: v1\nkind: Config\nusers:\n- name: deployer\n  user:\n    token: " + kubeTok + "\n",
		"zz-ops/deploy/.git-credentials": "https://release-bot:" + gitTok + "@git.example.net\n",
		"zz-ops/site/wp-config.php":      "<?php\ndefine( 'DB_PASSWORD', '" + dbPasswd + "' );\n",
		"logs/photo.jpg":                 "\xff\xd8\xff\xe0\x00\x10JFIF\x00",
	}
	for i := range 12 {
		objs[fmt.Sprintf("logs/2025-03-%02d.log", i+1)] = "GET /healthz 200 3ms\n"
	}
	for k, v := range objs {
		if err := m.PutObject(ctx, "team-share", k, []byte(v)); err != nil {
			t.Fatal(k, err)
		}
	}
	_, before := m.AuditEntries(0)
	o := probetest.LabOptions(5, 600, 100_000)
	res, _ := probetest.Probe(t, New(), probetest.At(m.Host, m.Port), o)
	labtest.CheckFound(t, res.Samples, pgPass, npmTok, kubeTok, gitTok, dbPasswd)
	for _, s := range res.Samples {
		if s.Database == "team-share" && len(s.Columns) == 1 && s.Columns[0] == "content" && !strings.HasPrefix(s.Table, "zz-ops/") {
			t.Errorf("%s read before the credential files", s.Table)
		}
	}
	calls, _ := m.AuditEntries(before)
	gets := 0
	for _, c := range calls {
		api, _, _ := strings.Cut(c, " ")
		if c != "" && !readAPIs[api] {
			t.Fatalf("the scan made %q", c)
		}
		if api == "GetObject" {
			gets++
		}
	}
	if gets > o.SampleRows*len(res.Service.Datasets) {
		t.Fatalf("%d GetObject calls for %d buckets, %d each at most", gets, len(res.Service.Datasets), o.SampleRows)
	}
}

// One file kept gzip-compressed (a dump, a .env) is read through the compression: the
// start of its stream (a ranged GET) decompressed within the row's bytes. An archive
// of many files (.tar.gz) is not read.
func TestGzippedTextRead(t *testing.T) {
	m := labtest.MinIOFresh(t, lab.MinIOConfig{})
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	const (
		envTok = "Yc5Vt0Bq8Nw3Mz6Lx1Kp4Jr9Hs2Gd7Fa"
		dumpPw = "Meadow!Falcon-4471#pine"
	)
	gz := func(s string) []byte {
		var b bytes.Buffer
		w := gzip.NewWriter(&b)
		_, _ = w.Write([]byte(s))
		_ = w.Close()
		return b.Bytes()
	}
	filler := strings.Repeat("INSERT INTO audit VALUES (1, 'login ok');\n", 200)
	objs := map[string][]byte{
		"backups/prod.env.gz":  gz("APP_ENV=production\nDEPLOY_TOKEN=" + envTok + "\n"),
		"backups/users.sql.gz": gz("CREATE TABLE users (login text, password text);\nINSERT INTO users VALUES ('ops', '" + dumpPw + "');\n" + filler),
		"backups/site.tar.gz":  gz("not read: an archive\n"),
	}
	for k, v := range objs {
		if err := m.PutObject(ctx, "nightly", k, v); err != nil {
			t.Fatal(k, err)
		}
	}
	res, _ := probetest.Probe(t, New(), probetest.At(m.Host, m.Port), probetest.LabOptions(5, 600, 100_000))
	labtest.CheckFound(t, res.Samples, envTok, dumpPw)
	for _, s := range res.Samples {
		if s.Table == "backups/site.tar.gz" && len(s.Columns) == 1 && s.Columns[0] == "content" {
			t.Errorf("the archive was read: %q", s.Rows)
		}
		for _, r := range s.Rows {
			if n := len(strings.Join(r, "")); n > 600 {
				t.Errorf("%s: a row of %d bytes", s.Table, n)
			}
		}
	}
}

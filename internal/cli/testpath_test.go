package cli

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/internal/detect"
)

// TestDetectMarksTestPaths: a finding in test code or test data, on disk or inside an
// archive, carries test_path in JSON lines and SARIF; one anywhere else does not.
func TestDetectMarksTestPaths(t *testing.T) {
	ghp := "ghp_" + detect.ExpandExample("{gh}")
	line := []byte("token = " + ghp + "\n")
	dir := t.TempDir()
	for _, p := range []string{"app/config.yml", "app/testdata/config.yml", "pkg/client_test.go"} {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, line, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "lib.zip"), mkZip(t, member{"fixtures/a.env", line}, member{"conf/a.env", line}), 0o600); err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{
		"app/config.yml": false, "app/testdata/config.yml": true, "pkg/client_test.go": true,
		"lib.zip!fixtures/a.env": true, "lib.zip!conf/a.env": false,
	}

	code, out, errOut := runLeakwatch(t, "", "detect", "--format", "jsonl", "--rules", "github-pat", dir)
	if code != 1 {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
	got := map[string]bool{}
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var f struct {
			File     string `json:"file"`
			TestPath bool   `json:"test_path"`
		}
		if err := json.Unmarshal([]byte(l), &f); err != nil {
			t.Fatalf("%v: %s", err, l)
		}
		got[filepath.ToSlash(strings.TrimPrefix(f.File, dir+string(filepath.Separator)))] = f.TestPath
	}
	if len(got) != len(want) {
		t.Fatalf("findings in %v, want %v", got, want)
	}
	for p, w := range want {
		if g, ok := got[p]; !ok || g != w {
			t.Errorf("%s: test_path %v (found %v), want %v", p, g, ok, w)
		}
	}

	_, out, _ = runLeakwatch(t, "", "detect", "--format", "sarif", "--rules", "github-pat", dir)
	var log struct {
		Runs []struct {
			Results []struct {
				Properties map[string]any `json:"properties"`
				Locations  []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil || len(log.Runs) != 1 {
		t.Fatalf("sarif: %v", err)
	}
	marked := 0
	for _, r := range log.Runs[0].Results {
		uri := r.Locations[0].PhysicalLocation.ArtifactLocation.URI
		isTest := strings.Contains(uri, "testdata") || strings.Contains(uri, "_test.go") || strings.Contains(uri, "fixtures")
		if tp, _ := r.Properties["test_path"].(bool); tp != isTest {
			t.Errorf("sarif %s: test_path %v, want %v", uri, tp, isTest)
		}
		if isTest {
			marked++
		}
	}
	if marked != 3 || len(log.Runs[0].Results) != 5 {
		t.Errorf("sarif: %d results, %d marked; want 5 and 3", len(log.Runs[0].Results), marked)
	}
}

// TestDetectMarksFixtureKeys: key material whose directory marks it as test fixtures
// (a README calling it test credentials, test code beside it), on disk and in a zip,
// carries test_path; the same key in a directory without such a sign does not.
func TestDetectMarksFixtureKeys(t *testing.T) {
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	key := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
	readme := []byte("The test credentials below were made with openssl.\n")
	dir := t.TempDir()
	files := map[string][]byte{
		"a/certs/server.key": key, "a/certs/README": readme, // fixture: README
		"b/certs/server.key": key, "b/certs/load_test.go": []byte("package certs\n"), // fixture: test code
		"c/certs/server.key": key, "c/certs/README": []byte("Production keys; rotate yearly.\n"), // no sign
		"lib.zip": mkZip(t, member{"x/certs/client.key", key}, member{"x/certs/README.md", readme},
			member{"y/certs/client.key", key}, member{"y/README.md", readme}), // the README is in another directory
	}
	for p, b := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	want := map[string]bool{"a/certs/server.key": true, "b/certs/server.key": true, "c/certs/server.key": false,
		"lib.zip!x/certs/client.key": true, "lib.zip!y/certs/client.key": false}
	_, out, errOut := runLeakwatch(t, "", "detect", "--format", "jsonl", dir)
	got := map[string]bool{}
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var f struct {
			File     string `json:"file"`
			Category string `json:"category"`
			TestPath bool   `json:"test_path"`
		}
		if err := json.Unmarshal([]byte(l), &f); err != nil {
			t.Fatalf("%v: %s (stderr %s)", err, l, errOut)
		}
		if f.Category == "secret" {
			got[filepath.ToSlash(strings.TrimPrefix(f.File, dir+string(filepath.Separator)))] = f.TestPath
		}
	}
	for p, w := range want {
		if g, ok := got[p]; !ok || g != w {
			t.Errorf("%s: test_path %v (found %v), want %v; all: %v", p, g, ok, w, got)
		}
	}
}

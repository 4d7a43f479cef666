package main

import "testing"

// TestTestPath: what the real-tree target leaves out as test code or test data, and
// what it keeps (a certs directory or docs are not tests, whatever they hold).
func TestTestPath(t *testing.T) {
	for _, c := range []struct {
		path string
		want bool
	}{
		{"/m/x@v1/pkg/a_test.go", true},
		{"/m/x@v1/testdata/key.pem", true},
		{"/m/x@v1/fixtures/certs/key.pem", true},
		{"/m/x@v1/e2e/internal/fixture/cfg.json", true},
		{"/m/x@v1/openpgp/keys_test_data.go", true},
		{"/m/x@v1/certs/server.key", false},
		{"/m/x@v1/docs/sts/assume-role.md", false},
		{"/m/x@v1/fixturesgen/main.go", false},
	} {
		if got := testPath(c.path); got != c.want {
			t.Errorf("testPath(%q) = %v, want %v", c.path, got, c.want)
		}
	}
}

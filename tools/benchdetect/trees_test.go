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
		{"/usr/share/doc/libxmlsec1-dev/examples/rsakey.pem", true},
		{"/m/x@v1/documentation/examples/prometheus.yml", true},
		{"/m/x@v1/_example/main.go", true},
		{"/m/x@v1/cmd/ssl/samplecerts/client-key.pem", true},
		{"/m/x@v1/testcerts/private.key", true},
		{"/m/x@v1/contrib/docker-integration/certs/signing.key", true},
		{"/m/x@v1/e2e/cfg.yml", true},
		{"/m/x@v1/docs/examples.md", false},          // a file, not a directory of examples
		{"/m/x@v1/exampleapp/config.yml", false},     // an application's name
		{"/m/x@v1/integrations/slack/cfg.go", false}, // a product's integrations
		{"/m/x@v1/.ci/certs/testnode.key", false},
	} {
		if got := testPath(c.path); got != c.want {
			t.Errorf("testPath(%q) = %v, want %v", c.path, got, c.want)
		}
	}
}

package testpath

import "testing"

// TestIs: what the real-tree target counts apart as test code or test data, and
// what it keeps (a certs directory or docs are not tests, whatever they hold).
func TestIs(t *testing.T) {
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
		{"/m/x@v1/pkg/util/e2eutil/util.go", true},     // end-to-end test helpers
		{"/m/x@v1/pkg/pki/x509/e2ex509/util.go", true}, // likewise
		{"/m/x@v1/pkg/e2ee/keys.go", false},            // end-to-end encryption
		{"/m/x@v1/pkg/fuzz/jar_utils.go", true},        // fuzz targets
		{"/m/x@v1/fuzzing/corpus/cfg.yml", true},
		{"/m/x@v1/pkg/fuzzy/match.go", false},        // fuzzy matching
		{"/m/x@v1/docs/examples.md", false},          // a file, not a directory of examples
		{"/m/x@v1/exampleapp/config.yml", false},     // an application's name
		{"/m/x@v1/integrations/slack/cfg.go", false}, // a product's integrations
		{"/m/x@v1/.ci/certs/testnode.key", true},     // a stem that starts with test
		{"/m/x@v1/.ci/certs/node.key", false},
		// Conventions of other ecosystems.
		{"/p/web/src/__tests__/api.js", true},
		{"/p/web/src/__mocks__/client.js", true},
		{"/p/web/src/api.test.ts", true},
		{"/p/web/src/api.spec.ts", true},
		{"/p/gem/spec/models/user_spec.rb", true},
		{"/p/py/pkg/test_client.py", true},
		{"/p/py/pkg/conftest.py", true},
		{"/p/py/pkg/tests.py", true},
		{"/p/j/src/main/java/org/x/ClientTest.java", true},
		{"/p/j/src/main/java/org/x/TestClient.java", true},
		{"/p/j/gradle/unitTests.gradle", true},
		{"/p/j/src/test/resources/app.properties", true},
		{"/p/.github/workflows/test.yml", true},
		{"/p/go/mockresponses.go", true},
		{"/p/go/gcs-fake-service-account.json", true},
		{"/p/py/dummyserver/certs/server.key", true},
		{"/p/go/internal/testutil/keys.go", true},
		{"/p/go/integration-tests/cfg.yml", true},
		{"/p/tutorial/go/server.key", true},
		{"/p/lib.jar!certs/fake-client.key", true},
		{"/p/lib.jar!certs/client.key", false},
		// Names that only look like the conventions.
		{"/p/rpm/client.spec", false},          // an RPM spec: the extension is no word
		{"/p/cfg/latest.json", false},          // test inside a word, not at its start
		{"/p/go/attestation/verify.go", false}, // likewise
		{"/p/app/config.example.yml", false},   // an example file, where real secrets get pasted
		{"/p/app/.env.sample", false},          // likewise
		{"/p/.github/workflows/release.yml", false},
	} {
		if got := Is(c.path); got != c.want {
			t.Errorf("Is(%q) = %v, want %v", c.path, got, c.want)
		}
	}
}

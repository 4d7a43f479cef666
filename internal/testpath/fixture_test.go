package testpath

import "testing"

// TestFixtureDir: the files beside key material that mark it as test fixtures, and
// look-alikes that do not.
func TestFixtureDir(t *testing.T) {
	for _, c := range []struct {
		name  string
		files map[string]string
		want  bool
	}{
		{"test code beside the keys", map[string]string{"loader.go": "", "loader_test.go": ""}, true},
		{"a README calling them test certificates", map[string]string{"README.md": "Throwaway test certificates for the TLS suite."}, true},
		{"a README saying they are for testing", map[string]string{"README": "Keys here exist for testing the handshake only."}, true},
		{"a recipe running mkcert", map[string]string{"Makefile": "gen:\n\tmkcert -cert-file srv.pem -key-file srv-key.pem localhost\n"}, true},
		{"a script running mkcert after cd", map[string]string{"gen.sh": "cd out && mkcert -install\n"}, true},
		// look-alikes
		{"nothing beside them", map[string]string{}, false},
		{"a README on how to test a deployment", map[string]string{"README.md": "Install the key, then test the connection with psql."}, false},
		{"a README naming the word test elsewhere", map[string]string{"README": "These certificates serve production; run make test first."}, false},
		{"a recipe that mentions mkcert in prose", map[string]string{"Makefile": "# unlike mkcert, this signs with the HSM\nall:\n\topenssl req -new\n"}, false},
		{"a README in another directory", map[string]string{"docs.txt": "test certificates"}, false},
	} {
		var names []string
		for n := range c.files {
			names = append(names, n)
		}
		read := func(n string, max int) []byte {
			b := []byte(c.files[n])
			return b[:min(len(b), max)]
		}
		if got := FixtureDir(names, read); got != c.want {
			t.Errorf("%s: FixtureDir = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestKeyMaterial(t *testing.T) {
	for n, want := range map[string]bool{"server.key": true, "client-key.PEM": true, "store.jks": true, "keys.go": false, "README": false, "key": false} {
		if got := KeyMaterial(n); got != want {
			t.Errorf("KeyMaterial(%q) = %v, want %v", n, got, want)
		}
	}
}

package etcd

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/leakwatch/leakwatch/internal/store/probekit"
	"github.com/leakwatch/leakwatch/internal/store/vuln"
)

// FuzzValueText: any value renders as valid text, no longer than the value.
func FuzzValueText(f *testing.F) {
	f.Add("k8s\x00\n\x0c\n\x02v1\x12\x06Secret")
	f.Add("plain text")
	f.Add("\xff\xfe\x00abcd\x01efgh")
	f.Fuzz(func(t *testing.T, v string) {
		got := valueText(v)
		if !utf8.ValidString(got) || len(got) > len(v) || strings.ContainsRune(got, 0) {
			t.Fatalf("valueText(%q) = %q", v, got)
		}
	})
}

// FuzzPrefixOf: the dataset of a key is a prefix of it (or the no-prefix name), and
// its range end sorts after it.
func FuzzPrefixOf(f *testing.F) {
	f.Add("/registry/secrets/default/x")
	f.Add("a:b/c")
	f.Add("\xff/\xff")
	f.Fuzz(func(t *testing.T, key string) {
		p := prefixOf(key)
		if p != noPrefix && !strings.HasPrefix(key, p) {
			t.Fatalf("prefixOf(%q) = %q", key, p)
		}
		if p != noPrefix {
			if end := prefixEnd(p); end != "\x00" && end <= key {
				t.Fatalf("prefixEnd(%q) = %q not after %q", p, end, key)
			}
		}
	})
}

// FuzzParseVersion: /version bodies parse to a version or ErrNoMatch.
func FuzzParseVersion(f *testing.F) {
	f.Add([]byte(`{"etcdserver":"3.4.23","etcdcluster":"3.4.0"}`))
	f.Add([]byte(`{"etcdserver":1}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		v, err := parseVersion(&probekit.Response{Status: 200, Body: body})
		if err == nil {
			if _, ok := vuln.Parse(v.Server); !ok || len(v.Server) > 64 {
				t.Fatalf("accepted %+v", v)
			}
		}
	})
}

package detect

import "testing"

// TestOwnNameProvider: a provider's name in the part of a field's path that says where
// the field is kept (a key prefix, a container named by the application) does not
// claim a token stored below it; in the field's own name it still does.
func TestOwnNameProvider(t *testing.T) {
	e := Default()
	tok := "7c0e5a91d2b84f63a1e9d07b5c28f4e6a3b19d0c7e25f8a4"
	doc := `{"params":[{"name":"region","value":"eu-north-1"},{"name":"accessToken","value":"` + tok + `"}]}`
	found := func(rec []Field) bool {
		ok := false
		e.ScanRecord(rec, func(m FieldMatch) {
			if m.Value == tok && m.Rule.Category == "secret" {
				ok = true
			}
		})
		return ok
	}
	for _, prefix := range []string{"/harvest-12/svc-3", "/harvest/svc-3", "queue:courier:41", "/plain-12/svc-3"} {
		if !found([]Field{{Path: "", Value: prefix}, {Path: prefix, Value: doc}}) {
			t.Errorf("key %q: the token was not found", prefix)
		}
	}
	// the provider named by the field itself: a value of another shape is not its key
	if found([]Field{{Path: "id", Value: "4"}, {Path: "cfg", Value: `{"harvest":{"token":"` + tok + `"}}`}}) {
		t.Errorf("cfg.harvest.token: a value of another shape taken for a generic key")
	}
	for _, c := range []struct{ in, want string }{
		{"/a/b/c.d.e", "d.e"}, {"a.b", "a.b"}, {"k", "k"}, {"t:7:cfg", "7:cfg"}, {"/x/y/", "x/y/"},
	} {
		if got := ownName(c.in); got != c.want {
			t.Errorf("ownName(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

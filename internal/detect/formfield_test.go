package detect

import (
	"encoding/base64"
	"net/url"
	"strings"
	"testing"
)

// TestRecordFormField: a form-encoded body kept in one field is read pair by pair —
// each value decoded ('+' a blank, %XX a byte) and stored under its own name — whether
// it is the whole field or a string inside a document in the field.
func TestRecordFormField(t *testing.T) {
	e := Default()
	pw := "Lerche 5530 Damm!"
	key := ExpandExample("{a:32}")
	form := url.Values{"mode": {"sync"}, "kennwort": {pw}, "client_secret": {key + "/+="}, "note": {"two words & more"}}.Encode()
	if !strings.Contains(form, "+") || !strings.Contains(form, "%2F") {
		t.Fatalf("the form %q should hold both escapes", form)
	}
	want := map[string]string{pw: "kennwort", key + "/+=": "client_secret"}
	for _, c := range []struct {
		name, prefix string
		rec          []Field
	}{
		{"whole cell", "blob.", []Field{{Path: "id", Value: "7"}, {Path: "blob", Value: form}}},
		{"key-value store", "/queue/req-9.", []Field{{Path: "", Value: "/queue/req-9"}, {Path: "/queue/req-9", Value: form}}},
		{"string in a document", "doc.request.body.", []Field{{Path: "doc", Value: `{"request": {"method": "POST", "body": "` + form + `"}}`}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := map[string]string{}
			e.ScanRecord(c.rec, func(m FieldMatch) {
				if m.Rule.Category != "secret" {
					return
				}
				got[m.Value] = m.Path
				v := c.rec[m.Field].Value
				if m.Start < 0 || m.End > len(v) || m.Start >= m.End {
					t.Errorf("%q: span %d-%d out of the field", m.Value, m.Start, m.End)
				}
			})
			for v, name := range want {
				if p, ok := got[v]; !ok || p != c.prefix+name {
					t.Errorf("%q: got path %q (found %v), want %q; all: %q", v, p, ok, c.prefix+name, got)
				}
			}
			if len(got) != len(want) {
				t.Errorf("got %q, want only %q", got, want)
			}
		})
	}
}

func TestFormPairs(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
	}{
		{"a=1&b=x%2Fy+z", 2},
		{"user[name]=bo&user[pass]=x", 2},
		{"a=1", 0},                       // one pair: a line of a configuration file
		{"if a=1 && b=2", 0},             // code
		{"x=%zz&y=1", 0},                 // a broken escape
		{`{"a":"1&b=2"}`, 0},             // a document
		{"see docs?a=1&b=2 for more", 0}, // a sentence
		{"a=1&=2", 0},                    // a pair with no name
	} {
		pairs, ok := formPairs([]byte(c.in))
		if len(pairs) != c.want || ok != (c.want > 0) {
			t.Errorf("formPairs(%q) = %d pairs, %v; want %d", c.in, len(pairs), ok, c.want)
		}
	}
	if got := formName("user[pass]"); got != "user.pass" {
		t.Errorf("formName: %q", got)
	}
}

// TestRecordArraysOfRecords: records nested in arrays and deep paths, in a JSON or
// YAML document or a form with bracketed names, keep each value's own name.
func TestRecordArraysOfRecords(t *testing.T) {
	e := Default()
	tok := ExpandExample("{a:30}")
	pw := "Reiher 2207 Ufer?"
	for _, c := range []struct{ name, doc, want string }{
		{"json array", `{"hooks":[{"name":"build","retries":2},{"name":"deploy","deploy_token":"` + tok + `"}]}`, "doc.hooks.deploy_token"},
		{"json deep", `{"a":{"b":{"c":[{"d":{"e":[{"f":{"service_token":"` + tok + `"}}]}}]}}}`, "doc.a.b.c.d.e.f.service_token"},
		{"yaml array", "hooks:\n  - name: build\n  - name: deploy\n    deploy_token: " + tok + "\n", "doc.hooks.deploy_token"},
		{"form brackets", "hooks[0][name]=build&hooks[1][name]=deploy&hooks[1][deploy_token]=" + url.QueryEscape(tok), "doc.hooks.1.deploy_token"},
		{"form password", "hooks[1][name]=deploy&hooks[1][smtp_password]=" + url.QueryEscape(pw), "doc.hooks.1.smtp_password"},
	} {
		want := tok
		if strings.Contains(c.name, "password") {
			want = pw
		}
		var got []string
		e.ScanRecord([]Field{{Path: "doc", Value: c.doc}}, func(m FieldMatch) {
			if m.Rule.Category == "secret" && m.Value == want {
				got = append(got, m.Path)
			}
		})
		if len(got) != 1 || got[0] != c.want {
			t.Errorf("%s: got %q, want one match at %q", c.name, got, c.want)
		}
	}
}

// TestRecordBase64Document: a document kept in base64 in a field is read as the record
// it is — its values under their names, abbreviated ones too — and each secret is
// reported over the characters that encode it.
func TestRecordBase64Document(t *testing.T) {
	e := Default()
	tok := ExpandExample("{a:28}")
	pw := "Brachvogel#3318"
	doc := `{"region":"ap-east-1","refreshTok":"` + tok + `","kata_sandi":"` + pw + `"}`
	b64 := base64.StdEncoding.EncodeToString([]byte(doc))
	rec := []Field{{Path: "id", Value: "5"}, {Path: "state", Value: b64}}
	got := map[string]string{}
	e.ScanRecord(rec, func(m FieldMatch) {
		if m.Rule.Category == "secret" {
			got[m.Value] = m.Path
			if m.Start < 0 || m.End > len(b64) || m.End-m.Start >= len(b64) {
				t.Errorf("%q: span %d-%d should be its own part of the base64 text", m.Value, m.Start, m.End)
			}
		}
	})
	for v, p := range map[string]string{tok: "state.refreshTok", pw: "state.kata_sandi"} {
		if got[v] != p {
			t.Errorf("%q: got path %q, want %q (all: %q)", v, got[v], p, got)
		}
	}
}

package detect

import (
	"encoding/base64"
	"slices"
	"strings"
	"testing"
)

// TestRecordStoreShapes: shapes the store evaluation (tools/storeeval) planted secrets
// in, as a scan hands them to ScanRecord.
func TestRecordStoreShapes(t *testing.T) {
	e := Default()
	pw := "Lindenblatt6620&ore"
	key := ExpandExample("{a:36}")
	doc := `{"region": "sa-east-1", "smtpPassword": "` + pw + `", "clientSecret": "` + key + `"}`
	for _, c := range []struct {
		name string
		rec  []Field
		want []string
	}{
		// Every secret of a base64 document stands, not one of them: each is reported over
		// the characters that encode it, where they all shared the whole value before.
		{"base64 document in a cell", []Field{{Path: "id", Value: "4"}, {Path: "packed", Value: base64.StdEncoding.EncodeToString([]byte(doc))}}, []string{pw, key}},
		{"base64 document in a document", []Field{{Path: "state", Value: `{"blob": "` + base64.StdEncoding.EncodeToString([]byte(doc)) + `"}`}}, []string{pw, key}},
		// Name/value columns known by their words, not only by the common names.
		{"setting_key/setting_value", []Field{{Path: "setting_key", Value: "smtpPassword"}, {Path: "setting_value", Value: pw}}, []string{pw}},
		{"optName/optVal", []Field{{Path: "optName", Value: "client_secret"}, {Path: "optVal", Value: key}}, []string{key}},
		{"attr/content", []Field{{Path: "attr", Value: "relay.password"}, {Path: "content", Value: pw}}, []string{pw}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			e.ScanRecord(c.rec, func(m FieldMatch) {
				if m.Rule.Category == "secret" {
					got = append(got, m.Value)
				}
			})
			for _, w := range c.want {
				if !slices.Contains(got, w) {
					t.Errorf("%q not found; got %q", w, got)
				}
			}
		})
	}
	// The words of a name/value table do not make any pair one.
	for _, rec := range [][]Field{
		{{Path: "attr", Value: "Reset password"}, {Path: "content", Value: pw}},           // a sentence names no setting
		{{Path: "user_name", Value: "client_secret"}, {Path: "file_content", Value: key}}, // other words
		{{Path: "attr", Value: "theme"}, {Path: "content", Value: "dark"}},
	} {
		e.ScanRecord(rec, func(m FieldMatch) {
			if m.Rule.Category == "secret" {
				t.Errorf("%v: unexpected %s %q", rec, m.Rule.ID, m.Value)
			}
		})
	}
}

func TestB64Span(t *testing.T) {
	doc := `{"a": "xyz", "token": "QWERTYUIOPASDFGH"}`
	enc := base64.StdEncoding.EncodeToString([]byte(doc))
	i := len(`{"a": "xyz", "token": "`)
	s, e := b64Span(10, 10+len(enc), i, i+16, 2)
	dec, err := base64.StdEncoding.DecodeString(enc[s-10 : e-10])
	if err != nil {
		t.Fatalf("span %d-%d of %q: %v", s, e, enc, err)
	}
	if got := string(dec); !strings.Contains(got, "QWERTYUIOPASDFGH") || len(got) > 16+4 {
		t.Errorf("span %d-%d decodes to %q, want the token in it", s, e, got)
	}
	if s, e := b64Span(0, 8, 10, 20, 2); s != 0 || e != 8 {
		t.Errorf("out of range: %d-%d, want the whole value", s, e)
	}
	if s, e := b64Span(10, 10+len(enc), i, i+16, 1); s != 10 || e != 10+len(enc) {
		t.Errorf("the only secret: %d-%d, want the whole value", s, e)
	}
}

// TestObjectKeyNotSecret: an object listing's "key" column holds file paths, not keys;
// a key written with '/' and '.' stays one.
func TestObjectKeyNotSecret(t *testing.T) {
	e := Default()
	for _, rec := range [][]Field{
		{{Path: "key", Value: "quarry7/app.properties"}, {Path: "size", Value: "212"}},
		{{Path: "s3_key", Value: "uploads/2025/04/avatar_9f3k2.png"}},
		{{Path: "object_key", Value: "exports/tenant-41/ledger.csv.gz"}},
	} {
		e.ScanRecord(rec, func(m FieldMatch) {
			if m.Rule.Category == "secret" {
				t.Errorf("%v: unexpected %s %q", rec, m.Rule.ID, m.Value)
			}
		})
	}
	key := "Zq8/" + ExpandExample("{a:30}") + "/x.Ke"
	found := false
	e.ScanRecord([]Field{{Path: "api_key", Value: key}}, func(m FieldMatch) { found = found || m.Value == key })
	if !found {
		t.Errorf("api_key %q: not found", key)
	}
}

// TestPolicyPasswordUnderSecretName: a password as a policy asks for it, under a
// secret's or a token's name, is a credential; format strings, templates and e-mail
// addresses there are not.
func TestPolicyPasswordUnderSecretName(t *testing.T) {
	e := Default()
	for _, c := range [][2]string{{"webhookSecret", "Lantern7781&Corvid"}, {"PUSH_TOKEN", "bqzo83RTW-KmPa7x!"}, {"signing_key", "Heliotrope#5521ab"}, {"deploy_token", "Quill5582&orb"}, {"encryptionKey", "river5740#falcon"}} {
		found := false
		e.ScanRecord([]Field{{Path: c[0], Value: c[1]}}, func(m FieldMatch) { found = found || m.Value == c[1] })
		if !found {
			t.Errorf("%s=%q: not found", c[0], c[1])
		}
	}
	for _, c := range [][2]string{{"token", "ops.team@corp-mail.example"}, {"auth_token", "%s-%d-token-value1"},
		{"secret", "${SECRET_VALUE_12345}"}, {"api_key", "<insert-your-key-9>"}, {"token", "Bearer realm=api1"}, {"secret", "x1.y@z.example"}, {"api_key", "key-%s-%d-abc"}, {"token", "v2.1.0-rc1+b7"},
		// one case joined by separators only is a name, not a password: etcd's
		// --initial-cluster-token, a generated token's letters with one symbol
		{"initial-cluster-token", "etcd-cluster-1"}, {"cluster_token", "prod_cluster_2024"}, {"api_token", "k7q2@x9w4m3z"}} {
		e.ScanRecord([]Field{{Path: c[0], Value: c[1]}}, func(m FieldMatch) {
			if m.Rule.Category == "secret" {
				t.Errorf("%s=%q: unexpected %s", c[0], c[1], m.Rule.ID)
			}
		})
	}
}

// TestSlashBase64: base64 that begins with '/' is a key or a password, not a path.
func TestSlashBase64(t *testing.T) {
	e := Default()
	k := "/9+ekQ8zE1AQvi9ZtiH2VgY8IcYBU/uvnKUHLMs+eulXXLOvfA=="
	p := "/y1Jiv1N0rWHzfJ67ZDlXHlbhDzBE7ZxujK3Hhuz+KTahg=="
	for _, c := range [][2]string{{"secret", k}, {"db_password", p}} {
		found := false
		e.ScanRecord([]Field{{Path: c[0], Value: c[1]}}, func(m FieldMatch) { found = found || m.Value == c[1] })
		if !found {
			t.Errorf("%s=%q: not found", c[0], c[1])
		}
	}
	for _, c := range [][2]string{{"secret", "/etc/ssl/private/server.key"}, {"password_file", "/run/secrets/Db2Pass"}, {"token", "/var/lib/Tok3n/cache+tmp"}} {
		e.ScanRecord([]Field{{Path: c[0], Value: c[1]}}, func(m FieldMatch) {
			if m.Rule.Category == "secret" {
				t.Errorf("%s=%q: unexpected %s", c[0], c[1], m.Rule.ID)
			}
		})
	}
}

package detect

import (
	"strings"
	"testing"
)

// TestScanRecord checks that a field's name is read as the key of its value (issue 11:
// secrets in a field of their own were missed when cells were scanned alone).
func TestScanRecord(t *testing.T) {
	e := Default()
	aws := ExpandExample("{b:40}")
	key := ExpandExample("{a:32}")
	for _, c := range []struct {
		name       string
		rec        []Field
		rule, path string
		value      string
	}{
		{"column", []Field{{Path: "aws_secret_access_key", Value: aws}}, "aws-secret-access-key", "aws_secret_access_key", aws},
		{"password column", []Field{{Path: "id", Value: "7"}, {Path: "password", Value: "Winter2024!Blue"}}, "password-assignment", "password", "Winter2024!Blue"},
		{"api_key column", []Field{{Path: "api_key", Value: key}}, "generic-api-key", "api_key", key},
		{"camelCase column", []Field{{Path: "storageAccountKey", Value: key}}, "generic-api-key", "storageAccountKey", key},
		{"document path", []Field{{Path: "doc", Value: `{"settings": {"aws": {"secret": "` + aws + `"}}}`}}, "aws-secret-access-key", "doc.settings.aws.secret", aws},
		{"name/value table", []Field{{Path: "name", Value: "aws_secret_access_key"}, {Path: "value", Value: aws}}, "aws-secret-access-key", "aws_secret_access_key", aws},
		{"name/value in a document", []Field{{Path: "env", Value: `[{"name": "DB_PASSWORD", "value": "Harbor7731?x"}]`}}, "password-assignment", "env.DB_PASSWORD", "Harbor7731?x"},
		{"sibling names the provider", []Field{{Path: "provider", Value: "qwen"}, {Path: "key", Value: "sk-" + ExpandExample("{h:32}")}}, "dashscope-api-key", "key", ""},
		{"env file in a cell", []Field{{Path: "content", Value: "A=1\nSMTP_PASSWORD=correct horse 7\n", Format: "backup/.env"}}, "password-assignment", "content.SMTP_PASSWORD", "correct horse 7"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			ok := false
			e.ScanRecord(c.rec, func(m FieldMatch) {
				got = append(got, m.Rule.ID+"@"+m.Path+"="+m.Value)
				if m.Rule.ID == c.rule && m.Path == c.path && (c.value == "" || m.Value == c.value) {
					ok = true
				}
			})
			if !ok {
				t.Errorf("want %s at %s, got %v", c.rule, c.path, got)
			}
		})
	}
	// Names that say nothing keep values quiet, as in text.
	for _, rec := range [][]Field{
		{{Path: "etag", Value: aws}},
		{{Path: "password_hash", Value: "$2b$12$" + ExpandExample("{a:53}")}},
		{{Path: "(key name)", Value: "config:aws"}},
		{{Path: "name", Value: "theme"}, {Path: "value", Value: "dark"}},
	} {
		e.ScanRecord(rec, func(m FieldMatch) {
			if m.Rule.Category == "secret" {
				t.Errorf("%v: unexpected %s %q", rec, m.Rule.ID, m.Value)
			}
		})
	}
}

// TestStructure checks the named spans of each structured format.
func TestStructure(t *testing.T) {
	for _, c := range []struct {
		format, text string
		want         map[string]string // path → value
	}{
		{"json", `{"a": {"b": "x1", "c": [ {"d": 42} ]}, "e": "q\"r"}`, map[string]string{"a.b": "x1", "a.c.d": "42", "e": `q\"r`}},
		{"ndjson", "{\"k\": \"v1\"}\n{\"k\": \"v2\", \"n\": {\"m\": \"v3\"}}\n", map[string]string{"n.m": "v3"}},
		{"csv", "id,email,\"api key\"\n1,a@b.io,\"k,1\"\n", map[string]string{"email": "a@b.io", "api key": "k,1"}},
		{"csv", "name,value\nsmtp_password,p4ss\n", map[string]string{"smtp_password": "p4ss"}},
		{"tsv", "a\tb\n1\t2\n", map[string]string{"b": "2"}},
		{"yaml", "db:\n  main:\n    password: \"s3cr et\" # c\n  port: 5432\nenv:\n  - name: TOKEN\n    value: abc123\nkey: |\n  line1\n  line2\n", map[string]string{"db.main.password": "s3cr et", "db.port": "5432", "env.TOKEN": "abc123", "key": "line1\n  line2"}},
		{"ini", "[aws]\naws_secret_access_key = abc def ; c\nexport TOKEN=\"q w\"\nurl: x\n", map[string]string{"aws.aws_secret_access_key": "abc def", "aws.TOKEN": "q w", "aws.url": "x"}},
		{"xml", `<cfg><db><password>p&amp;w</password></db><add key="ApiKey" value="v1"/><![CDATA[x]]></cfg>`, map[string]string{"cfg.db.password": "p&amp;w", "cfg.ApiKey": "v1"}},
		{"sql", "CREATE TABLE `u` (\n `id` int,\n `pw` text,\n PRIMARY KEY (`id`)\n);\nINSERT INTO `u` VALUES (1,'a''b'),(2,'c');\nINSERT INTO t (x, y) VALUES ('1', 'z');\nCOPY public.k (id, tok) FROM stdin;\n1\tabc\n\\.\n",
			map[string]string{"pw": "c", "y": "z", "tok": "abc"}},
		{"app.properties", "spring.datasource.password=hunter 2\n", map[string]string{"spring.datasource.password": "hunter 2"}},
	} {
		spans := Structure(c.format, []byte(c.text))
		got := map[string]string{}
		for _, s := range spans {
			got[s.Path] = c.text[s.Start:s.End]
		}
		for p, v := range c.want {
			if got[p] != v {
				t.Errorf("%s %q: %s = %q, want %q (all %q)", c.format, c.text, p, got[p], v, got)
			}
		}
	}
	// Sniffing, and text that is no structure.
	for in, want := range map[string]string{`{"a":1}`: "json", "<x>1</x>": "xml", "A=1\nB=2\n": "ini", "a: 1\nb: 2\n": "yaml",
		"INSERT INTO t VALUES (1);": "sql", "just some words here\nand more": ""} {
		if got := sniff([]byte(in)); got != want {
			t.Errorf("sniff(%q) = %q, want %q", in, got, want)
		}
	}
	if FormatOf("conf/.env.production") != "env" || FormatOf("a/b/settings.YAML") != "yaml" || FormatOf("main.go") != "" {
		t.Error("FormatOf")
	}
	if s := Structure("json", []byte(strings.Repeat("[", 100000))); len(s) != 0 {
		t.Errorf("deep nesting gave %d spans", len(s))
	}
}

// TestScanDocumentLines checks that matches in structured files keep their lines.
func TestScanDocumentLines(t *testing.T) {
	key := ExpandExample("{a:32}")
	doc := "id,name,api_key\n1,x," + key + "\n"
	var got []LineMatch
	ScanDocument(Default(), "csv", []byte(doc), func(l LineMatch) { got = append(got, l) })
	if len(got) != 1 || got[0].Rule.ID != "generic-api-key" || got[0].Line != 2 || got[0].Start != 4 || got[0].End != 4+len(key) {
		t.Fatalf("got %+v", got)
	}
}

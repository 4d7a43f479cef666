package detect

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

// Fuzz targets for everything that parses untrusted bytes: the scanner and its
// detectors, redaction, the JSON/URL decoders and the assignment parser. The seeds are
// every rule's examples and counter-examples plus generated log lines.

func addSeeds(f *testing.F) {
	for _, r := range AllRules() {
		for _, t := range append(append([]string(nil), r.Examples...), r.NotExamples...) {
			f.Add([]byte(ExpandExample(t)))
		}
	}
	g := newLineGen(99)
	for i := 0; i < 20; i++ {
		s, _ := g.line(i, true)
		f.Add([]byte(s))
	}
	// the parsers added for held3's classes: format arguments, base64-wrapped JSON,
	// client flags, setter calls
	f.Add([]byte(`x := fmt.Sprintf("password=%s %s", "a", `))
	f.Add([]byte(`s = string.Format("Password={9};", "a")`))
	f.Add([]byte("C=eyJwYXNzd29yZCI6IkFiY2RlZiMxMjM0In0="))
	// blank-separated settings (Kingfisher's classes): quoted, unquoted, cut short
	f.Add([]byte("  api.token   Wd4kR8xT2mLq7Zp3Vb9Y;\n"))
	f.Add([]byte("apiKey \"Wd4kR8xT2mLq7Zp3Vb9Y"))
	f.Add([]byte("\tproxy_pass http://upstream;\r\nAPI_TOKEN "))
	f.Add([]byte("curl -u a:'b"))
	f.Add([]byte("sshpass -p '"))
	f.Add([]byte(`.password("`))
	// held5's line formats and commands, cut short: SQL literals, Redis replies and
	// inline AUTH, .pgpass, sasl_passwd, table functions, var_dump, setters, LDIF
	f.Add([]byte("ALTER ROLE r PASSWORD '"))
	f.Add([]byte("CREATE USER u IDENTIFIED BY 'a''"))
	f.Add([]byte(`1 [0 x] "AUTH" "a\`))
	f.Add([]byte(`w(5, "AUTH a b\r\n`))
	f.Add([]byte("h.lan:5432:d:u:"))
	f.Add([]byte("[h]:587 u:"))
	f.Add([]byte("SELECT * FROM s3('u', 'AKIAQWERTYUIOPASDFGH', '"))
	f.Add([]byte("[\"password\"]=>\nstring(3) \""))
	f.Add([]byte("1) \"pw\"\n2) \""))
	f.Add([]byte("aws configure set a"))
	f.Add([]byte("userPassword:: ="))
	f.Add([]byte("Passwort f=C3"))
	f.Add([]byte(""))
	f.Add([]byte("\\\\\\\"password\\\\\\\":\\\\\\\""))
	f.Add([]byte("-----BEGIN PRIVATE KEY-----\\\\\\n"))
	// held6's parsers, cut short: named XML elements and table cells, chpasswd, net use,
	// JAAS options, a JWK's "d", a template parameter's Default, caret escapes
	f.Add([]byte(`<string name="db_password">`))
	f.Add([]byte(`<td>smtp_password</td> <td><code>`))
	f.Add([]byte(`echo 'r:' | chpasswd`))
	f.Add([]byte(`'|sudo chpasswd`))
	f.Add([]byte(`net use Z: \\h\s /user:`))
	f.Add([]byte("PlainLoginModule required\n user_a=\""))
	f.Add([]byte(`{"kty":"EC","d":"`))
	f.Add([]byte("DbPassword:\n  Default: '"))
	f.Add([]byte("set DBPASS=a^&b^"))
	f.Add([]byte("ENV PGPASSWORD="))
}

func FuzzScan(f *testing.F) {
	addSeeds(f)
	e := Default()
	f.Fuzz(func(t *testing.T, data []byte) {
		var ms []Match
		e.Scan(data, func(m Match) { ms = append(ms, m) })
		last := 0
		for _, m := range ms {
			if m.Start < last || m.End <= m.Start || m.End > len(data) || m.Value == "" || m.Rule == nil {
				t.Fatalf("bad match %s in %q", describe([]Match{m}), data)
			}
			last = m.End
		}
		n := 0
		e.Scan(data, func(m Match) {
			if n >= len(ms) || ms[n] != m {
				t.Fatalf("second scan differs at match %d", n)
			}
			n++
		})
		if n != len(ms) {
			t.Fatalf("second scan found %d, first %d", n, len(ms))
		}
	})
}

// FuzzRedactLine checks the redaction property on arbitrary input: the output is the
// input with exactly the redacted matches replaced, every other byte kept.
func FuzzRedactLine(f *testing.F) {
	addSeeds(f)
	e := Default()
	f.Fuzz(func(t *testing.T, data []byte) {
		var want []byte
		last := 0
		e.Scan(data, func(m Match) {
			if !e.redacts(m.Rule) {
				return
			}
			want = append(want, data[last:m.Start]...)
			want = AppendPlaceholder(want, m.Rule.ID, m.Value)
			last = m.End
		})
		want = append(want, data[last:]...)
		if got := e.RedactLine(nil, data); !bytes.Equal(got, want) {
			t.Fatalf("RedactLine(%q) = %q, want %q", data, got, want)
		}
	})
}

func FuzzRedactStream(f *testing.F) {
	addSeeds(f)
	e := Default()
	f.Fuzz(func(t *testing.T, data []byte) {
		// The reference redacts a line at a time, as the stream does, and like the
		// stream lets the detectors see up to redactContext bytes before the line
		// (a provider named on the line above the value).
		if (bytes.Contains(data, []byte("=3D")) || containsFold(data, "quoted-printable")) && bytes.Contains(data, []byte("=\n")) {
			return // quoted-printable soft breaks join lines: the stream sees what it has read of the next
		}
		var want []byte
		ls := 0
		for _, l := range bytes.SplitAfter(data, []byte("\n")) {
			if bytes.Contains(l, []byte("-----BEGIN ")) || bytes.Contains(l, []byte("-----END ")) {
				return // blocks that span lines are redacted whole, not line by line
			}
			le := ls + len(bytes.TrimSuffix(l, []byte("\n")))
			cs := max(0, ls-redactContext)
			last := ls
			e.Scan(data[cs:le], func(m Match) {
				if m.Start+cs < last || !e.redacts(m.Rule) {
					return
				}
				want = append(want, data[last:m.Start+cs]...)
				want = AppendPlaceholder(want, m.Rule.ID, m.Value)
				last = m.End + cs
			})
			want = append(want, data[last:ls+len(l)]...)
			ls += len(l)
		}
		var out bytes.Buffer
		if err := e.RedactStream(&chunkReader{data: data, n: 7}, &out); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out.Bytes(), want) {
			t.Fatalf("RedactStream(%q) = %q, want %q", data, out.Bytes(), want)
		}
	})
}

// FuzzUnescapeJSON compares the lenient decoder with encoding/json on every input that
// encoding/json accepts as a string body.
func FuzzUnescapeJSON(f *testing.F) {
	for _, s := range []string{`a\"b`, `\u00e9\n\t\\`, `\ud83d\ude00`, `\ud800`, `\/x`, `bad\q`, `\u12`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := unescapeJSON(nil, []byte(s))
		if !utf8.ValidString(s) {
			return
		}
		var want string
		if err := json.Unmarshal([]byte(`"`+s+`"`), &want); err != nil {
			return
		}
		if string(got) != want {
			t.Fatalf("unescapeJSON(%q) = %q, encoding/json %q", s, got, want)
		}
	})
}

func FuzzPercentDecode(f *testing.F) {
	for _, s := range []string{"a%20b", "%", "%4", "%zz%41", "100%"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := percentDecode([]byte(s))
		if !strings.Contains(s, "%") && string(got) != s {
			t.Fatalf("percentDecode changed %q", s)
		}
		if len(got) > len(s) {
			t.Fatalf("percentDecode grew %q", s)
		}
	})
}

func FuzzParseAssign(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		for at := 0; at < len(data); at++ {
			a, ok := parseAssign(data, at)
			if ok {
				if a.keyStart < 0 || a.keyStart >= a.keyEnd || a.keyEnd > a.valStart || a.valStart >= a.valEnd || a.valEnd > len(data) {
					t.Fatalf("parseAssign(%q, %d) = %+v", data, at, a)
				}
				_ = a.value(data)
			}
			if ks, ke, ok := keyBefore(data, at); ok && (ks < 0 || ks >= ke || ke > at) {
				t.Fatalf("keyBefore(%q, %d) = %d, %d", data, at, ks, ke)
			}
		}
	})
}

func FuzzClassifyChat(f *testing.F) {
	f.Add(`{"role": "user", "content": "hi"}` + "\x00" + `{"role":"assistant","content":"hello"}`)
	f.Add("user\x00assistant\x00user")
	f.Add(`{"prompt": "a", "completion": "b"}`)
	f.Add("User: hi\\nAssistant: hello")
	f.Fuzz(func(t *testing.T, joined string) {
		ok, why := ClassifyChat(strings.Split(joined, "\x00"))
		if why == "" {
			t.Fatalf("no reason given (chat=%v)", ok)
		}
	})
}

// FuzzStructure feeds the structure parsers what a hostile server or file may hold:
// spans must lie inside the data, and scanning a record of them must not panic.
func FuzzStructure(f *testing.F) {
	for _, s := range []string{`{"a": {"b": "x"}, "c": [1, "y"]}`, "id,pw\n1,\"a\"\"b\"\n", "a:\n  b: 'c'\n  - name: X\n    value: y\n",
		"[s]\nk = v ; c\n", `<a x="1"><b>t</b><![CDATA[z]]></a>`, "INSERT INTO t (a) VALUES ('x'),(2);\nCOPY t (a) FROM stdin;\nq\n\\.\n",
		"{\"name\": \"DB_PASSWORD\", \"value\": \"p\"}", "<", "[[[", "a: |\n", "CREATE TABLE t (",
		// held5: a base64 value, a change record
		"content: U1VQQUJBU0VfVE9LRU49c2JwX2FhYQo=\n", `{"p": {"old": "a", "new": "b"}}`} {
		f.Add("", []byte(s))
	}
	f.Fuzz(func(t *testing.T, format string, data []byte) {
		for _, fm := range []string{format, "json", "csv", "yaml", "ini", "xml", "sql", "ndjson", ""} {
			for _, s := range Structure(fm, data) {
				if s.Start < 0 || s.End > len(data) || s.Start > s.End {
					t.Fatalf("%s: span %+v outside %d bytes", fm, s, len(data))
				}
			}
		}
		Default().ScanRecord([]Field{{Path: "password", Value: string(data), Format: format}, {Path: string(data), Value: "x"}}, func(m FieldMatch) {
			if m.Start < 0 || m.End > len(data) && m.Field == 0 {
				t.Fatalf("match %+v outside the field", m)
			}
		})
	})
}

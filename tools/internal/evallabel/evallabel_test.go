package evallabel

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	in := []Label{
		{File: "conf/0001-app.ini", Line: 7, Family: "password", Kind: "secret", Value: `Tr<uck>&"9q\z`, Core: `Tr<uck>&"9q\z`},
		{File: "logs/0002-x.log", Line: 1, Family: "email", Kind: "pii", Value: "zora@host.test", Core: "zora@host.test"},
		{Line: 3, Family: "ip_address", Kind: "neutral", Value: "10.9.8.7", Core: "10.9.8.7"},
	}
	var buf bytes.Buffer
	w := NewWriter(&buf)
	for _, l := range in {
		if err := w.Write(l); err != nil {
			t.Fatal(err)
		}
	}
	if n := strings.Count(buf.String(), "\n"); n != len(in) {
		t.Fatalf("%d lines written for %d labels:\n%s", n, len(in), buf.String())
	}
	if strings.Contains(buf.String(), `\u003c`) || strings.Contains(buf.String(), `\u0026`) {
		t.Errorf("values are HTML-escaped: %s", buf.String())
	}
	p := filepath.Join(t.TempDir(), FileName)
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(in, out) {
		t.Fatalf("read back %+v, wrote %+v", out, in)
	}
}

// The older readers took both orders of keys, blank lines and a last line without its
// line break; so does Read.
func TestReadLoose(t *testing.T) {
	src := "{\"line\": 2, \"family\": \"generic\", \"kind\": \"secret\", \"value\": \"q7Vx\", \"core\": \"q7Vx\"}\n\n  \n" +
		`{"file":"a/b.env","line":5,"family":"password","kind":"secret","value":"p","core":"p"}`
	ls, err := Read(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(ls) != 2 || ls[0].Line != 2 || ls[0].Core != "q7Vx" || ls[1].File != "a/b.env" || ls[1].Line != 5 {
		t.Fatalf("got %+v", ls)
	}
}

func TestReadMalformed(t *testing.T) {
	cases := []struct{ src, want string }{
		{`{"file":"a","line":1}` + "\n" + `{"file":"b","line":2` + "\n", "line 2: "},
		{"\n" + `{"file":"a","line":"3"}` + "\n", "line 2: "},
		{`{"file":"a","line":1} {"file":"b","line":2}`, "line 1: "},
		{`{"file":"a","line":0}`, "line 1: label line 0"},
	}
	for _, c := range cases {
		_, err := Read(strings.NewReader(c.src))
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("Read(%q) = %v, want an error starting %q", c.src, err, c.want)
		}
	}
	p := filepath.Join(t.TempDir(), FileName)
	if err := os.WriteFile(p, []byte("{\"line\":1}\nnot json\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := ReadFile(p)
	if err == nil || !strings.HasPrefix(err.Error(), p+": line 2: ") {
		t.Errorf("ReadFile = %v, want an error naming %s and line 2", err, p)
	}
	if _, err := ReadFile(filepath.Join(t.TempDir(), "absent.jsonl")); err == nil {
		t.Error("ReadFile of a missing file gave no error")
	}
}

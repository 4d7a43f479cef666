package detect

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"
)

// TestScanFindsPlanted checks recall and precision on the generated corpus: every
// planted value is found with its rule and exact span, and nothing is reported outside
// the planted spans except IP addresses.
func TestScanFindsPlanted(t *testing.T) {
	e := Default()
	g := newLineGen(7)
	for i := 0; i < 2000; i++ {
		line, ps := g.line(i, i%3 != 0)
		ms := scanAll(e, line)
		for _, p := range ps {
			ok := false
			for _, m := range ms {
				if m.Rule.ID == p.rule && m.Start == p.start && m.End == p.end && m.Value == p.value {
					ok = true
				}
			}
			if !ok {
				t.Fatalf("line %d: planted %s %q not found; got %s", i, p.rule, line[p.start:p.end], describe(ms))
			}
		}
		for _, m := range ms {
			if m.Rule.ID == "ip-address" {
				continue
			}
			ok := false
			for _, p := range ps {
				if m.Start == p.start && m.End == p.end {
					ok = true
				}
			}
			if !ok {
				t.Fatalf("line %d: unexpected %s", i, describe([]Match{m}))
			}
		}
	}
}

// TestScanLargeEqualsLines compares the interleaved scan of a large buffer with scans of
// each line: same matches, shifted by the line's offset.
func TestScanLargeEqualsLines(t *testing.T) {
	e := Default()
	data, _ := newLineGen(11).corpus(1 << 20)
	var want []string
	off := 0
	for _, l := range bytes.SplitAfter(data, []byte("\n")) {
		e.Scan(l, func(m Match) {
			want = append(want, fmt.Sprintf("%s %d %d %q", m.Rule.ID, off+m.Start, off+m.End, m.Value))
		})
		off += len(l)
	}
	var got []string
	e.Scan(data, func(m Match) { got = append(got, fmt.Sprintf("%s %d %d %q", m.Rule.ID, m.Start, m.End, m.Value)) })
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("large scan differs from per-line scans: %d vs %d matches", len(got), len(want))
	}
	if len(got) < 1000 {
		t.Fatalf("only %d matches", len(got))
	}
}

func TestScanConcurrent(t *testing.T) {
	e := Default()
	data, _ := newLineGen(12).corpus(256 << 10)
	var want int
	e.Scan(data, func(Match) { want++ })
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 4; k++ {
				n := 0
				e.Scan(data, func(Match) { n++ })
				if n != want {
					t.Errorf("concurrent scan found %d, want %d", n, want)
				}
			}
		}()
	}
	wg.Wait()
}

func TestSelect(t *testing.T) {
	e := Default()
	in := "ghp_" + ExpandExample("{gh}") + " mail li.wei@qq.com"
	only, err := e.Select([]string{"email"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ms := scanAll(only, in)
	if len(ms) != 1 || ms[0].Rule.ID != "email" {
		t.Fatalf("--rules email: %s", describe(ms))
	}
	without, err := e.Select(nil, []string{"email"})
	if err != nil {
		t.Fatal(err)
	}
	ms = scanAll(without, in)
	if len(ms) != 1 || ms[0].Rule.ID != "github-pat" {
		t.Fatalf("--exclude-rules email: %s", describe(ms))
	}
	if _, err := e.Select([]string{"no-such-rule"}, nil); err == nil {
		t.Fatal("unknown rule id accepted")
	}
	// A rule that needs context words still gets them in a subset engine.
	ds, err := e.Select([]string{"dashscope-api-key"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if ms := scanAll(ds, ExpandExample(`{"model": "qwen-max", "key": "sk-{h:32}"}`)); len(ms) != 1 {
		t.Fatalf("dashscope in a subset engine: %s", describe(ms))
	}
}

// TestDecoysNeverMatch runs the look-alikes that the corpus generator uses to trap naive
// detectors, in the places they appear.
func TestDecoysNeverMatch(t *testing.T) {
	e := Default()
	g := newLineGen(13)
	for i := 0; i < 500; i++ {
		for _, d := range decoyKinds {
			v := d(g)
			for _, k := range decoyKeys {
				in := fmt.Sprintf(`{"string_tags": "{\"%s\": \"%s\"}"}`, k, v)
				if ms := scanAll(e, in); len(ms) > 0 {
					t.Fatalf("decoy %q under %q matched: %s", v, k, describe(ms))
				}
			}
		}
	}
}

func TestEncodedForms(t *testing.T) {
	e := Default()
	tok := "ghp_" + ExpandExample("{gh}")
	pw := "Tr0ub4dor&3"
	cases := []struct {
		name, in, rule, value string
	}{
		{"json-escaped quotes", `{"a": "{\"token\": \"` + tok + `\"}"}`, "github-pat", tok},
		{"newline escape before", `msg\n` + tok, "github-pat", tok},
		{"unicode escape before", `\u003c` + tok, "github-pat", tok},
		{"url-encoded before", `q=%22` + tok + `%22`, "github-pat", tok},
		{"escaped slash url", `"url": "postgres:\/\/app:S3cretPassw0rd@db.internal\/x"`, "postgres-connection-string", "S3cretPassw0rd"},
		{"url-encoded password", `postgres://app:p%40ss%3Aw0rd99@db.internal/x`, "postgres-connection-string", "p@ss:w0rd99"},
		{"json unicode in value", `{"password": "Tr0ub4dor\u00263"}`, "password-assignment", pw},
		{"nested json value", `{"t": "{\"password\": \"Tr0ub4dor&3\"}"}`, "password-assignment", pw},
		{"nested escaped quote", `{"t": "{\"password\": \"a\\\"b123456\"}"}`, "password-assignment", `a"b123456`},
		{"url-encoded json", `d=%7B%22password%22%3A%22Tr0ub4dor%263%22%7D`, "password-assignment", pw},
		{"query parameter", `GET /login?user=x&password=Tr0ub4dor%263 HTTP/1.1`, "password-assignment", pw},
		{"basic auth", "Authorization: Basic " + "ZGVwbG95OlRyMHViNGRvciYz", "basic-auth", "deploy:" + pw},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, m := range scanAll(e, c.in) {
				if m.Rule.ID == c.rule && m.Value == c.value {
					return
				}
			}
			t.Fatalf("%q: want %s %q, got %s", c.in, c.rule, c.value, describe(scanAll(e, c.in)))
		})
	}
}

func TestPEMForms(t *testing.T) {
	e := Default()
	raw := ExpandExample("{pem:RSA PRIVATE KEY}")
	for _, nl := range []string{"\n", "\r\n", `\n`, `\\n`, `\r\n`} {
		in := `{"k": "` + strings.ReplaceAll(raw, "\n", nl) + `"}`
		ms := scanAll(e, in)
		if len(ms) != 1 || ms[0].Rule.ID != "private-key-rsa" || ms[0].Value != raw {
			t.Errorf("newline %q: %s", nl, describe(ms))
		}
	}
	// A key cut off by a truncated log line is still reported.
	cut := raw[:len(raw)/2]
	if ms := scanAll(e, cut); len(ms) != 1 || ms[0].Rule.ID != "private-key-rsa" {
		t.Errorf("truncated key: %s", describe(ms))
	}
}

func TestScanLinesPositions(t *testing.T) {
	e := Default()
	// Lines long enough that windows are cut several times.
	data, _ := newLineGen(5).corpus(10 << 20)
	lines := bytes.SplitAfter(data, []byte("\n"))
	starts := make([]int, len(lines)+1)
	for i, l := range lines {
		starts[i+1] = starts[i] + len(l)
	}
	n := 0
	err := ScanLines(e, bytes.NewReader(data), func(m LineMatch) {
		n++
		if m.Line < 1 || m.Line > len(lines) {
			t.Fatalf("line %d out of range", m.Line)
		}
		if int64(starts[m.Line-1]+m.Start) != m.Offset {
			t.Fatalf("line %d start %d does not agree with offset %d", m.Line, m.Start, m.Offset)
		}
		l := lines[m.Line-1]
		if m.End > len(l) || m.Start < 0 {
			t.Fatalf("line %d: span %d:%d outside the line", m.Line, m.Start, m.End)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	var want int
	for _, l := range lines {
		e.Scan(l, func(Match) { want++ })
	}
	if n != want {
		t.Fatalf("ScanLines found %d, per-line scans %d", n, want)
	}
}

func TestScanLinesMultilinePEM(t *testing.T) {
	e := Default()
	in := "first line\nkey follows:\n" + ExpandExample("{pem:EC PRIVATE KEY}") + "\nlast\n"
	var got []LineMatch
	if err := ScanLines(e, strings.NewReader(in), func(m LineMatch) { got = append(got, m) }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Line != 3 || got[0].Start != 0 || got[0].Rule.ID != "private-key-ec" {
		t.Fatalf("got %+v", got)
	}
}

// A context word vouches only for values on its own line: in a log each line is a
// record, and "qwen" in the next one says nothing about this one's key.
func TestContextWordStaysOnItsLine(t *testing.T) {
	key := "sk-4f9a2c81d0b3e6f75a1c9e2b8d4f6a03"
	cases := map[string]string{
		"key=" + key + "\n{\"model\":\"qwen-max\"}\n":      "deepseek-api-key",
		"{\"model\":\"qwen-max\",\"key\":\"" + key + "\"}": "dashscope-api-key",
		"{\"model\":\"qwen-max\"}\nkey=" + key:             "deepseek-api-key",
	}
	for in, want := range cases {
		var got []string
		Default().Scan([]byte(in), func(m Match) { got = append(got, m.Rule.ID) })
		if len(got) != 1 || got[0] != want {
			t.Errorf("%q: rules %v, want [%s]", in, got, want)
		}
	}
}

package cli

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/report"
)

var awkward = []string{"", "plain", `quote " and \ backslash`, "tab\tnew\nline\rret\bbs\fff", "<script>&amp;</script>",
	"ctl \x00\x01\x1f\x7f", "unicode 身份证 é", "bad utf8 \xff\xfe end", "line sep \u2028 para \u2029", "emoji 😀"}

// fillAll sets every field of a Finding, so that a field added to the struct later makes
// the comparison below fail until the fast encoder knows it too.
func fillAll(t *testing.T, s string, n int) finding.Finding {
	var f finding.Finding
	v := reflect.ValueOf(&f).Elem()
	for i := 0; i < v.NumField(); i++ {
		fv := v.Field(i)
		switch fv.Kind() {
		case reflect.String:
			fv.SetString(s + v.Type().Field(i).Name)
		case reflect.Int:
			fv.SetInt(int64(n + i))
		case reflect.Bool:
			fv.SetBool(true)
		case reflect.Slice:
			if fv.Type().Elem().Kind() != reflect.String {
				t.Fatalf("field %s: unhandled slice type", v.Type().Field(i).Name)
			}
			fv.Set(reflect.ValueOf([]string{s, "x"}))
		default:
			t.Fatalf("field %s of kind %s: teach appendFindingJSON about it", v.Type().Field(i).Name, fv.Kind())
		}
	}
	f.Severity = finding.High
	f.Category = finding.Secret
	return f
}

func TestAppendFindingJSONMatchesReport(t *testing.T) {
	var cases []finding.Finding
	for i, s := range awkward {
		cases = append(cases, fillAll(t, s, i))
		cases = append(cases, finding.Finding{Severity: finding.Severity(i % 5), Category: finding.PII, Rule: "email", Title: s,
			File: s, Line: i, Start: 0, End: i * 3, Value: s, Redacted: s, SHA256: finding.Fingerprint(s)})
		f := fillAll(t, s, -i)
		f.Line = 0
		cases = append(cases, f)
	}
	var cache stringCache
	for _, f := range cases {
		var want bytes.Buffer
		if err := (report.JSONLines{}).Write(&want, &finding.Report{Findings: []finding.Finding{f}}); err != nil {
			t.Fatal(err)
		}
		got := append(appendFindingJSON(nil, &f), '\n')
		if !bytes.Equal(got, want.Bytes()) {
			t.Errorf("encoders differ:\n fast   %s\n report %s", got, want.Bytes())
		}
		// and through the cache, twice (the second time from the cache)
		for i := 0; i < 2; i++ {
			if got := append(appendFindingJSONCached(nil, &f, &cache), '\n'); !bytes.Equal(got, want.Bytes()) {
				t.Errorf("cached encoder differs:\n fast   %s\n report %s", got, want.Bytes())
			}
		}
	}
}

func TestFindingIDMatchesComputeID(t *testing.T) {
	for i, s := range awkward {
		f := fillAll(t, s, i)
		f.ComputeID()
		got, _ := findingID(&f, nil)
		if got != f.ID {
			t.Errorf("findingID %s, ComputeID %s", got, f.ID)
		}
	}
}

// TestAppendJSONStringEveryByte: the fast path that reads eight plain bytes at a time
// never lets through a byte that needs escaping, at any place in the word: every byte
// value at every offset of a plain text, and random texts, quote as encoding/json does.
func TestAppendJSONStringEveryByte(t *testing.T) {
	check := func(s string) {
		t.Helper()
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendJSONString(nil, s); !bytes.Equal(got, want) {
			t.Fatalf("%q: got %s, want %s", s, got, want)
		}
	}
	for c := range 256 {
		for p := range 16 {
			b := []byte("abcdefghijklmnopq")
			b[p] = byte(c)
			check(string(b))
			allPlain := true
			for _, x := range b[p&^7 : p&^7+8] {
				allPlain = allPlain && jsonPlain[x]
			}
			if got := plain8(string(b[p&^7 : p&^7+8])); got != allPlain {
				t.Fatalf("plain8(%q) = %v, want %v", b[p&^7:p&^7+8], got, allPlain)
			}
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte("abcXYZ019 _-./:=\"\\<>&\t\n\x00\x1f\x7f\xc3\xa9\xe2\x80\xa8\xff")
	for range 20000 {
		b := make([]byte, rng.IntN(40))
		for i := range b {
			if rng.IntN(4) == 0 {
				b[i] = alphabet[rng.IntN(len(alphabet))]
			} else {
				b[i] = byte('a' + rng.IntN(26))
			}
		}
		check(string(b))
	}
}

// TestStringCacheManyStrings interleaves more long strings than the cache has slots,
// many of one length (slots shared), and checks every append against the plain encoder.
func TestStringCacheManyStrings(t *testing.T) {
	var c stringCache
	var ss []string
	for i := range 600 {
		s := string(bytes.Repeat([]byte{byte('a' + i%26)}, 24+i%7)) + "<&\"" + string(rune('A'+i%26)) + string(rune('0'+i%10))
		ss = append(ss, s)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		s := ss[r.IntN(len(ss))]
		if got, want := c.append([]byte("x"), s), appendJSONString([]byte("x"), s); !bytes.Equal(got, want) {
			t.Fatalf("cached encoding of %q = %s, want %s", s, got, want)
		}
	}
}

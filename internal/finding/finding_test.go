package finding

import (
	"encoding/hex"
	"encoding/json"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestRedact(t *testing.T) {
	cases := map[string]string{
		"":                                    "…(0)",
		"Summer1234!":                         "S…(11)",
		"sk-5f0123456789abcdef0123456789abcd": "sk-5f…(35)",
		strings.Repeat("a", 200):              "aaaaaa…(200)",
		"密码密码密码密码":                            "密…(8)",
	}
	for in, want := range cases {
		if got := Redact(in); got != want {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
	}
	// Invalid UTF-8 counts a character a byte and shows as U+FFFD, as a conversion to
	// runes does.
	ref := func(v string, div, most int) string {
		r := []rune(v)
		return string(r[:min(len(r)/div, most)]) + "…(" + strconv.Itoa(len(r)) + ")"
	}
	for _, in := range []string{"\xff\xfe\xfdabcdefghijkl", "ab\xc3", "\xe2\x82secret-value-here", "密\x80码密码密码密码", strings.Repeat("\xff", 80)} {
		if got, want := Redact(in), ref(in, 6, 6); got != want {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
		if got, want := RedactLowEntropy(in), ref(in, 8, 1); got != want {
			t.Errorf("RedactLowEntropy(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSetSecretRevealOnlyWhenAsked(t *testing.T) {
	var f Finding
	f.SetSecret("hunter2hunter2", false)
	if f.Value != "" || f.SHA256 != Fingerprint("hunter2hunter2") || f.Redacted != "hu…(14)" {
		t.Fatalf("unexpected %+v", f)
	}
	f.SetSecret("hunter2hunter2", true)
	if f.Value != "hunter2hunter2" {
		t.Fatal("reveal did not keep the value")
	}
}

func TestSeverityRoundTrip(t *testing.T) {
	for s := Info; s <= Critical; s++ {
		b, _ := json.Marshal(s)
		var back Severity
		if err := json.Unmarshal(b, &back); err != nil || back != s {
			t.Errorf("%v: %s -> %v %v", s, b, back, err)
		}
	}
	if _, err := ParseSeverity("severe"); err == nil {
		t.Error("accepted an unknown severity")
	}
	if s, err := ParseSeverity(" HIGH "); err != nil || s != High {
		t.Errorf("ParseSeverity(HIGH) = %v %v", s, err)
	}
}

func TestMarshalStartWhenLineKnown(t *testing.T) {
	b, _ := json.Marshal(Finding{Rule: "x", Line: 2, Start: 0, End: 5})
	if !strings.Contains(string(b), `"start":0`) || !strings.Contains(string(b), `"end":5`) {
		t.Errorf("start/end missing: %s", b)
	}
	b, _ = json.Marshal(Finding{Rule: "x", Host: "h"})
	if strings.Contains(string(b), `"start"`) {
		t.Errorf("start present without a line: %s", b)
	}
}

func TestComputeIDStableAndDistinct(t *testing.T) {
	a := Finding{Host: "127.0.0.1", Port: 8123, Table: "t", Rule: "r", SHA256: "x"}
	b := a
	a.ComputeID()
	b.ComputeID()
	if a.ID == "" || a.ID != b.ID {
		t.Fatalf("ids %q %q", a.ID, b.ID)
	}
	b.Table = "u"
	b.ComputeID()
	if a.ID == b.ID {
		t.Fatal("different locations share an id")
	}
}

func TestSortAndMax(t *testing.T) {
	fs := []Finding{{Severity: Low, Rule: "b"}, {Severity: Critical, Rule: "a"}, {Severity: Medium, Rule: "c"}}
	Sort(fs)
	if fs[0].Severity != Critical || fs[2].Severity != Low {
		t.Fatalf("order %v", fs)
	}
	if m, ok := Max(fs); !ok || m != Critical {
		t.Fatalf("Max = %v %v", m, ok)
	}
	if _, ok := Max(nil); ok {
		t.Fatal("Max of nothing")
	}
	if !AtLeast(fs, High) || AtLeast(fs[1:], High) {
		t.Fatal("AtLeast")
	}
}

// TestCompareMatchesSort: Compare orders findings as Sort's formatted keys do, lines and
// ports past their padding and negative ones included, so a stable sort by Compare (and
// a merge of runs sorted by it) gives Sort's order.
func TestCompareMatchesSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	pick := func(vs ...string) string { return vs[rng.IntN(len(vs))] }
	ints := []int{0, 1, 2, 9, 10, 99999, 100000, 123456, -1, -20, 999999999, 1000000000, 1234567890, 5}
	cats := []Category{Secret, PII, Config, Exposure, Infrastructure, "zz", "aa", CredentialHash}
	var fs []Finding
	for i := range 3000 {
		fs = append(fs, Finding{
			ID:       strconv.Itoa(i),
			Severity: Severity(rng.IntN(5)),
			Category: cats[rng.IntN(len(cats))],
			Host:     pick("", "a", "b"),
			Port:     ints[rng.IntN(len(ints))],
			File:     pick("x", "y", "x/z", ""),
			Line:     ints[rng.IntN(len(ints))],
			Database: pick("", "d"),
			Table:    pick("", "t"),
			Column:   pick("", "c"),
			Rule:     pick("r1", "r2"),
			Redacted: pick("", "a…(3)", "b…(4)"),
			Start:    rng.IntN(3) - 1,
		})
	}
	want := slices.Clone(fs)
	Sort(want)
	got := slices.Clone(fs)
	slices.SortStableFunc(got, func(a, b Finding) int { return Compare(&a, &b) })
	for i := range want {
		if want[i].ID != got[i].ID {
			t.Fatalf("at %d: Sort has %+v, Compare %+v", i, want[i], got[i])
		}
	}
}

func TestEncodeHexMatchesLibrary(t *testing.T) {
	src := make([]byte, 256)
	for i := range src {
		src[i] = byte(i)
	}
	for _, n := range []int{0, 1, 10, 32, 256} {
		got := make([]byte, 2*n)
		EncodeHex(got, src[256-n:])
		if want := hex.EncodeToString(src[256-n:]); string(got) != want {
			t.Fatalf("EncodeHex of %d bytes = %q, want %q", n, got, want)
		}
	}
}

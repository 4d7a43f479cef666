package main

import (
	"strconv"
	"testing"
)

// TestSlCases: a message's range counts UTF-16 code units of the source (a non-ASCII
// letter before the secret moves it by one, an emoji by two); an input without messages
// is one negative; a directory that configures the rule is left out; a binary input or
// a range outside the text cannot be read.
func TestSlCases(t *testing.T) {
	out := func(file, src string, ranges ...[2]int) []byte {
		s := `{"filePath": "[SNAPSHOT]/x/` + file + `", "messages": [`
		for i, r := range ranges {
			if i > 0 {
				s += ","
			}
			s += `{"range": [` + strconv.Itoa(r[0]) + `,` + strconv.Itoa(r[1]) + `]}`
		}
		return []byte(s + `], "sourceContent": ` + strconv.Quote(src) + `}`)
	}
	src := "é 😀 tok=zq_Vb8x2Qm9Lk\nother=ab_Qq7Wz2\n"
	// é is one UTF-16 unit, 😀 two: "tok=" starts at unit 5, the value at 9
	cs, setting, bad := slCases("acme", "ng.two", slDir{"input.txt": []byte(src), "output.json": out("input.txt", src, [2]int{9, 22}, [2]int{29, 38})})
	if setting || bad || len(cs) != 2 {
		t.Fatalf("ng: %d cases, setting %v, bad %v", len(cs), setting, bad)
	}
	if cs[0].Want[0] != "zq_Vb8x2Qm9Lk" || cs[1].Want[0] != "ab_Qq7Wz2" || !cs[0].Positive || cs[0].Ext != "txt" || cs[0].Input != src {
		t.Errorf("ng cases: %+v", cs)
	}
	cs, _, _ = slCases("acme", "ok.valid", slDir{"input.yaml": []byte("a: b\n"), "output.json": out("input.yaml", "a: b\n")})
	if len(cs) != 1 || cs[0].Positive || cs[0].Ext != "yaml" {
		t.Errorf("ok case: %+v", cs)
	}
	if _, setting, _ := slCases("acme", "ok.allows", slDir{".secretlintrc.json": []byte("{}"), "input.txt": []byte("x"), "output.json": out("input.txt", "x")}); !setting {
		t.Error("a directory that configures the rule was read")
	}
	for name, d := range map[string]slDir{
		"binary":       {"input.p12": []byte{0x30, 0x82, 0, 1}, "output.json": out("input.p12", "")},
		"range beyond": {"input.txt": []byte("ab"), "output.json": out("input.txt", "ab", [2]int{1, 9})},
		"no input":     {"output.json": out("input.txt", "ab")},
	} {
		if cs, _, bad := slCases("acme", name, d); !bad || cs != nil {
			t.Errorf("%s: read as %+v", name, cs)
		}
	}
}

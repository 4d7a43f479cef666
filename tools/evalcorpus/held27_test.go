package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"math/rand/v2"
	"path"
	"strings"
	"testing"
)

// TestHeld27Labels checks the halves with checkPairedHalves (deterministic rendering,
// every label's value in its line and its core in its value, distinct template names
// across halves, a secret or personal datum in every file) and that each half draws on
// all twenty families.
func TestHeld27Labels(t *testing.T) {
	if len(held27Families) != 20 {
		t.Fatalf("%d families, want 20", len(held27Families))
	}
	checkPairedHalves(t, held27aTemplates, held27bTemplates, 27,
		"secret/password", "secret/generic", "secret/private-key", "pii/email", "pii/phone", "pii/national-id", "pii/bank-account")
	checkPairedHalves(t, held27aTemplates, held27bTemplates, 0x6e6f742e, "secret/password", "pii/email")
	for i, fam := range held27Families {
		if fam.a.dir+"/"+fam.a.name == fam.b.dir+"/"+fam.b.name {
			t.Errorf("family %d: %s/%s and %s/%s are not different shapes", i, fam.a.dir, fam.a.name, fam.b.dir, fam.b.name)
		}
	}
	for half, ts := range map[string][]template{"a": held27aTemplates, "b": held27bTemplates} {
		if len(ts) != 20 {
			t.Errorf("half %s: %d templates", half, len(ts))
		}
	}
}

// TestHeld27Mix checks that each half plants secrets, personal data and neutral values
// in roughly held18's proportions (about half secrets, a third or more personal data,
// some neutral values) and that no label is empty.
func TestHeld27Mix(t *testing.T) {
	for half, ts := range map[string][]template{"a": held27aTemplates, "b": held27bTemplates} {
		kinds := map[string]int{}
		for _, f := range fillAll(ts, 99) {
			for _, l := range f.labels {
				if strings.TrimSpace(l.Value) == "" {
					t.Errorf("%s %s:%d: empty value", half, f.name, l.Line)
				}
				kinds[l.Kind]++
			}
		}
		n := kinds["secret"] + kinds["pii"] + kinds["neutral"]
		if kinds["secret"]*10 < n*3 || kinds["pii"]*10 < n*2 || kinds["neutral"] == 0 {
			t.Errorf("half %s: kinds %v", half, kinds)
		}
	}
}

// TestHeld27Parse checks that the JSON, XML and CSV files parse with the standard
// library's parsers, and that CSV exports with a header have the same number of fields
// in every row.
func TestHeld27Parse(t *testing.T) {
	seen := map[string]bool{}
	for _, ts := range [][]template{held27aTemplates, held27bTemplates} {
		for _, f := range fillAll(ts, 5) {
			text := strings.Join(f.lines, "\n") + "\n"
			switch path.Ext(f.name) {
			case ".json":
				seen["json"] = true
				if !json.Valid([]byte(text)) {
					t.Errorf("%s: invalid JSON:\n%s", f.name, text)
				}
			case ".xml":
				seen["xml"] = true
				d := xml.NewDecoder(strings.NewReader(text))
				for {
					_, err := d.Token()
					if errors.Is(err, io.EOF) {
						break
					}
					if err != nil {
						t.Errorf("%s: invalid XML: %v", f.name, err)
						break
					}
				}
			case ".csv":
				seen["csv"] = true
				r := csv.NewReader(bytes.NewReader([]byte(text)))
				if strings.HasPrefix(text, "2010,") {
					r.FieldsPerRecord = -1 // e@syFile rows are code,value pairs of any length
				}
				if _, err := r.ReadAll(); err != nil {
					t.Errorf("%s: invalid CSV: %v", f.name, err)
				}
			}
		}
	}
	for _, k := range []string{"json", "xml", "csv"} {
		if !seen[k] {
			t.Errorf("no %s file rendered", k)
		}
	}
}

// TestHeld27Checksums checks the personal-data generators against their check rules,
// written out here another way: CURP and RFC check characters, CLABE weights, South
// African identity numbers and cards by Luhn, IBANs by mod 97.
func TestHeld27Checksums(t *testing.T) {
	g := &gen{r: rand.New(rand.NewPCG(27, 28))}
	curpVal := func(r rune) int {
		switch {
		case r >= '0' && r <= '9':
			return int(r - '0')
		case r >= 'A' && r <= 'N':
			return int(r-'A') + 10
		case r == 'Ñ':
			return 24
		default:
			return int(r-'O') + 25
		}
	}
	rfcVal := func(r rune) int {
		switch {
		case r >= '0' && r <= '9':
			return int(r - '0')
		case r >= 'A' && r <= 'N':
			return int(r-'A') + 10
		case r == '&':
			return 24
		case r >= 'O' && r <= 'Z':
			return int(r-'O') + 25
		case r == ' ':
			return 37
		}
		return 38
	}
	for i := 0; i < 500; i++ {
		c := []rune(g.h27curp())
		s := 0
		for j := 0; j < 17; j++ {
			s += curpVal(c[j]) * (18 - j)
		}
		if len(c) != 18 || int(c[17]-'0') != (10-s%10)%10 {
			t.Fatalf("bad CURP %s", string(c))
		}
		rfc := g.h27rfc(string(c))
		s = 0
		for j, r := range rfc[:12] {
			s += rfcVal(r) * (13 - j)
		}
		want := map[int]string{0: "0", 1: "A"}[s%11]
		if want == "" {
			want = string(rune('0' + 11 - s%11))
		}
		if len(rfc) != 13 || rfc[12:] != want {
			t.Fatalf("bad RFC %s (want check %s)", rfc, want)
		}
		cl := g.h27clabe()
		s = 0
		for j := 0; j < 17; j++ {
			s += int(cl[j]-'0') * []int{3, 7, 1}[j%3] % 10
		}
		if len(cl) != 18 || (s+int(cl[17]-'0'))%10 != 0 {
			t.Fatalf("bad CLABE %s", cl)
		}
		if id := g.h27saID(); len(id) != 13 || !h27luhn(id) {
			t.Fatalf("bad SA ID %s", id)
		}
		if cd := g.card(false); !h27luhn(cd) {
			t.Fatalf("bad card %s", cd)
		}
		if ib := g.h27iban(); !ibanOK(ib) {
			t.Fatalf("bad IBAN %s", ib)
		}
	}
}

// h27luhn reports whether the digits of s pass the Luhn check.
func h27luhn(s string) bool {
	sum, double := 0, false
	for i := len(s) - 1; i >= 0; i-- {
		d := int(s[i] - '0')
		if double {
			d = d * 2 % 9
			if d == 0 && s[i] == '9' {
				d = 9
			}
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}

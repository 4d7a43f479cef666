package detect

import (
	"fmt"
	"testing"

	"github.com/nyaruka/phonenumbers"
)

// phoneLibValidRef is phoneLibValid as it was before the plans' starts were read
// (plMayHold): every region the length admits is parsed and validated.
func phoneLibValidRef(v []byte) bool {
	d, groups := digitGroups(v)
	ds := string(d)
	for _, r := range phoneLibRegions() {
		nsn := ds
		switch {
		case r.prefix != "" && len(ds) > len(r.prefix) && ds[:len(r.prefix)] == r.prefix:
			nsn = ds[len(r.prefix):]
		case v[0] == '(':
		default:
			continue
		}
		if !plLenOK(r.lens, len(nsn)) {
			continue
		}
		num, err := phonenumbers.Parse(ds, r.code)
		if err != nil || !phonenumbers.IsValidNumberForRegion(num, r.code) {
			continue
		}
		switch phonenumbers.GetNumberType(num) {
		case phonenumbers.FIXED_LINE, phonenumbers.MOBILE, phonenumbers.FIXED_LINE_OR_MOBILE, phonenumbers.PERSONAL_NUMBER:
		default:
			continue
		}
		if sameGroups(groups, phonenumbers.Format(num, phonenumbers.NATIONAL)) {
			return true
		}
	}
	return false
}

// phoneLibCandidates are written numbers of 6 to 15 digits: every region's example
// numbers of each type in its national notation (and regrouped), and numbers of many
// leading digits with and without a trunk "0", in parentheses or not, grouped variously.
func phoneLibCandidates(perShape int) []string {
	var out []string
	r := uint32(7)
	next := func(n uint32) uint32 { r = r*1664525 + 1013904223; return (r >> 8) % n }
	digits := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte('0' + next(10))
		}
		return string(b)
	}
	group := func(d string, sizes []int, sep string) string {
		s, i := "", 0
		for k, g := range sizes {
			if i+g > len(d) || k == len(sizes)-1 {
				g = len(d) - i
			}
			if k > 0 {
				s += sep
			}
			s += d[i : i+g]
			i += g
			if i >= len(d) {
				break
			}
		}
		return s
	}
	for reg := range phonenumbers.GetSupportedRegions() {
		for _, ty := range []phonenumbers.PhoneNumberType{phonenumbers.FIXED_LINE, phonenumbers.MOBILE, phonenumbers.PERSONAL_NUMBER, phonenumbers.TOLL_FREE} {
			num := phonenumbers.GetExampleNumberForType(reg, ty)
			if num == nil {
				continue
			}
			f := phonenumbers.Format(num, phonenumbers.NATIONAL)
			nsn := phonenumbers.GetNationalSignificantNumber(num)
			out = append(out, f, "0"+nsn, "("+nsn[:min(3, len(nsn))]+") "+nsn[min(3, len(nsn)):], group("0"+nsn, []int{3, 3, 2, 2, 2}, " "), group("0"+nsn, []int{2, 3, 9}, "-"))
		}
	}
	seps := []string{" ", "-"}
	for n := 6; n <= 15; n++ {
		for lead := 0; lead < 100; lead++ {
			for k := 0; k < perShape; k++ {
				d := fmt.Sprintf("%02d", lead) + digits(n-2)
				sizes := []int{2 + int(next(3)), 3, 2 + int(next(3)), 2, 2}
				sep := seps[next(2)]
				out = append(out, group(d, sizes, sep))                                      // as written
				out = append(out, group("0"+d[1:], sizes, sep))                              // with a trunk 0
				out = append(out, "("+d[:sizes[0]]+") "+group(d[sizes[0]:], sizes[1:], sep)) // area code in parentheses
				out = append(out, "0 ("+d[1:sizes[0]+1]+") "+group(d[sizes[0]+1:], sizes[1:], " "))
			}
		}
	}
	return out
}

// TestPhoneLibValidSameAsRef: the quick test of the plans' starts changes no answer of
// the plans on numbers of every length, leading digits and notation, valid ones of every
// region among them; and no region where the library finds a number valid is skipped.
func TestPhoneLibValidSameAsRef(t *testing.T) {
	cands := phoneLibCandidates(1)
	// under the race detector a quarter (the Makefile runs it whole without it)
	if testing.Short() || raceEnabled {
		cands = cands[:len(cands)/4]
	}
	valid, validRegion := 0, 0
	for _, v := range cands {
		if v == "" || !isDigit(v[0]) && v[0] != '(' {
			continue
		}
		got, want := phoneLibValid([]byte(v)), phoneLibValidRef([]byte(v))
		if got != want {
			t.Errorf("phoneLibValid(%q) = %v, reference %v", v, got, want)
		}
		if want {
			valid++
		}
		// each region the library finds the digits a person's valid line of passes the
		// quick test
		var ds []byte
		for i := 0; i < len(v); i++ {
			if isDigit(v[i]) {
				ds = append(ds, v[i])
			}
		}
		regions := phoneLibRegions()
		for i := range regions {
			r := regions[i].ready()
			num, err := phonenumbers.Parse(string(ds), r.code)
			if err != nil || !phonenumbers.IsValidNumberForRegion(num, r.code) {
				continue
			}
			switch phonenumbers.GetNumberType(num) {
			case phonenumbers.FIXED_LINE, phonenumbers.MOBILE, phonenumbers.FIXED_LINE_OR_MOBILE, phonenumbers.PERSONAL_NUMBER:
			default:
				continue
			}
			validRegion++
			if !r.any && !plMayHold(r, string(ds)) {
				t.Errorf("%q is a valid line in %s, but the quick test skips the region", v, r.code)
			}
		}
	}
	t.Logf("%d candidates, %d valid in national notation, %d valid for a region", len(cands), valid, validRegion)
	if valid < 100 || validRegion < 1000 {
		t.Fatalf("only %d valid candidates and %d valid region answers: the comparison reads too little", valid, validRegion)
	}
}

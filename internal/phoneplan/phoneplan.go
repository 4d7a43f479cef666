// Package phoneplan writes out, from github.com/nyaruka/phonenumbers, the part of
// libphonenumber's metadata that leakwatch's phone numbering-plan check reads
// (internal/detect/phonelib.go): every calling code's regions, and for each region its
// prefixes, its number types' patterns and lengths and its national formats. It is
// imported only by tools/phoneplan, which writes internal/detect/phoneplan_data.go, and
// by tests, so the library's metadata is not parsed when leakwatch starts.
//
// The text is one field a line, in the library's own order:
//
//	C <calling codes>        then per calling code: "<code> <region> <region> …" (main region first)
//	R <regions>              then per region:
//	  id, country code, international prefix, national prefix, national prefix for
//	  parsing, its transform rule, leading digits, same mobile and fixed-line pattern (0/1),
//	  then eleven descriptions (general, fixed line, mobile, toll free, premium rate,
//	  shared cost, VoIP, personal, pager, UAN, voicemail) as a pattern line and a
//	  lengths line ("4,5,-1"; the general one's local-only lengths after "/"),
//	  then the number of national formats and per format: pattern, format, whether it
//	  has leading digits (0/1) and its last leading digits pattern, national prefix
//	  formatting rule.
package phoneplan

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// Data returns the text described above.
func Data() (string, error) {
	coll, err := phonenumbers.MetadataCollection()
	if err != nil {
		return "", err
	}
	var b strings.Builder
	line := func(s string) error {
		if strings.ContainsAny(s, "\n\r") {
			return fmt.Errorf("phoneplan: a field holds a line break: %q", s)
		}
		b.WriteString(s)
		b.WriteByte('\n')
		return nil
	}
	var ccs []int
	for cc := range phonenumbers.GetSupportedCallingCodes() {
		ccs = append(ccs, cc)
	}
	slices.Sort(ccs)
	line("phoneplan 1") // format version
	line("C " + strconv.Itoa(len(ccs)))
	for _, cc := range ccs {
		line(strconv.Itoa(cc) + " " + strings.Join(phonenumbers.GetRegionCodesForCountryCode(cc), " "))
	}
	supported := phonenumbers.GetSupportedRegions()
	var mds []*phonenumbers.PhoneMetadata
	for _, md := range coll.GetMetadata() {
		if supported[md.GetId()] {
			mds = append(mds, md)
		}
	}
	line("R " + strconv.Itoa(len(mds)))
	lens := func(l []int32) string {
		s := make([]string, len(l))
		for i, n := range l {
			s[i] = strconv.Itoa(int(n))
		}
		return strings.Join(s, ",")
	}
	bit := func(v bool) string {
		if v {
			return "1"
		}
		return "0"
	}
	for _, md := range mds {
		for _, f := range []string{md.GetId(), strconv.Itoa(int(md.GetCountryCode())), md.GetInternationalPrefix(), md.GetNationalPrefix(),
			md.GetNationalPrefixForParsing(), md.GetNationalPrefixTransformRule(), md.GetLeadingDigits(), bit(md.GetSameMobileAndFixedLinePattern())} {
			if err := line(f); err != nil {
				return "", err
			}
		}
		for i, d := range []*phonenumbers.PhoneNumberDesc{md.GetGeneralDesc(), md.GetFixedLine(), md.GetMobile(), md.GetTollFree(), md.GetPremiumRate(),
			md.GetSharedCost(), md.GetVoip(), md.GetPersonalNumber(), md.GetPager(), md.GetUan(), md.GetVoicemail()} {
			if d == nil {
				// (the library reads every description of a region it validates under)
				return "", fmt.Errorf("phoneplan: %s lacks description %d", md.GetId(), i)
			}
			if err := line(d.GetNationalNumberPattern()); err != nil {
				return "", err
			}
			l := lens(d.PossibleLength)
			if i == 0 {
				if len(d.PossibleLength) == 0 {
					return "", fmt.Errorf("phoneplan: %s has no possible lengths", md.GetId())
				}
				l += "/" + lens(d.PossibleLengthLocalOnly)
			}
			line(l)
		}
		line(strconv.Itoa(len(md.GetNumberFormat())))
		for _, nf := range md.GetNumberFormat() {
			lead := ""
			if ld := nf.GetLeadingDigitsPattern(); len(ld) > 0 {
				lead = ld[len(ld)-1]
			}
			for _, f := range []string{nf.GetPattern(), nf.GetFormat(), bit(len(nf.GetLeadingDigitsPattern()) > 0), lead, nf.GetNationalPrefixFormattingRule()} {
				if err := line(f); err != nil {
					return "", err
				}
			}
		}
	}
	return b.String(), nil
}

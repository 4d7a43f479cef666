package cli

import (
	"bytes"
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

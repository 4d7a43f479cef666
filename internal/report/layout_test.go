package report

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/untrusted"
)

var ansi = regexp.MustCompile("\x1b\\[[0-9;]*m")

// widest is the display width of the widest line of out (colour sequences aside) and
// that line.
func widest(out string) (int, string) {
	w, line := 0, ""
	for _, l := range strings.Split(out, "\n") {
		if n := runewidth.StringWidth(ansi.ReplaceAllString(l, "")); n > w {
			w, line = n, l
		}
	}
	return w, line
}

func TestWrap(t *testing.T) {
	inputs := []string{
		"",
		"short",
		"a sentence of several words that must wrap at spaces where it can",
		"default.log_stream.string_tags_and_a_very_long_column_name_without_any_space",
		"ключ/значение/ещё/один/длинный/путь/без/пробелов",
		"数据库表名非常长没有空格的字符串数据库表名非常长没有空格的字符串",
		untrusted.Text("\x1b]0;PWNED-TITLE\x07\u202e evil\r\nnext line"),
		"emoji 🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑 keys",
	}
	for _, in := range inputs {
		for width := 2; width <= 50; width++ {
			lines := wrap(in, width)
			for _, l := range lines {
				if n := runewidth.StringWidth(l); n > width {
					t.Fatalf("wrap(%q, %d): line %q is %d wide", in, width, l, n)
				}
			}
			// Nothing is lost but the spaces it broke at.
			if got, want := strings.ReplaceAll(strings.Join(lines, ""), " ", ""), strings.ReplaceAll(in, " ", ""); got != want {
				t.Fatalf("wrap(%q, %d) lost text: %q", in, width, lines)
			}
		}
	}
	if got := wrap("default.log_stream.string_tags", 20); got[0] != "default.log_stream." {
		t.Errorf("a long name is cut after its last dot that fits: %q", got)
	}
}

func TestTruncate(t *testing.T) {
	for _, c := range []struct {
		in    string
		width int
		want  string
	}{
		{"clickhouse-native", 8, "clickho…"},
		{"short", 8, "short"},
		{"数据库表名", 6, "数据…"},
	} {
		if got := truncate(c.in, c.width); got != c.want || runewidth.StringWidth(got) > c.width {
			t.Errorf("truncate(%q, %d) = %q, want %q", c.in, c.width, got, c.want)
		}
	}
}

// wideReport adds to the sample report what makes lines long: many datasets with long,
// wide-character and hostile names, long titles and evidence.
func wideReport() *finding.Report {
	r := hostileReport(false)
	s := &r.Services[0]
	for i := range 12 {
		s.Datasets = append(s.Datasets, finding.Dataset{Database: "数据库", Table: fmt.Sprintf("表_%d_%s", i, strings.Repeat("長い名前", i)),
			Rows: int64(i) * 123456789, Bytes: int64(i) << 30, Engine: "ReplicatedReplacingMergeTree",
			TimeRange: &finding.TimeRange{Column: "created_at_timestamp_utc", Min: "2025-01-06 00:00:00.000000", Max: "2025-12-31 23:59:59.999999"},
			Classes:   []string{"chat", "pii", "secrets"}})
	}
	for i := range 8 {
		f := finding.Finding{Host: s.Host, Port: s.Port, Protocol: s.Protocol, Database: "数据库", Table: "表", Column: strings.Repeat("column_", i+1),
			Severity: finding.High, Category: finding.Secret, Rule: "rule-" + fmt.Sprint(i), Title: strings.Repeat("A very long rule title ", i+1)}
		f.SetSecret(strings.Repeat("秘密", 10)+fmt.Sprint(i), false)
		r.Findings = append(r.Findings, f)
	}
	finding.Sort(r.Findings)
	return r
}

// TestTextFitsWidth is issue 14's "fits the terminal" on reports made to be wide: at
// every width, no line of the text report is wider than the width as a terminal draws
// it — after untrusted.Text has lengthened every hostile string, with and without
// colour — and --wide cuts nothing.
func TestTextFitsWidth(t *testing.T) {
	reports := map[string]*finding.Report{"sample": sampleReport(false), "hostile": hostileReport(true), "wide": wideReport()}
	for name, r := range reports {
		for _, width := range []int{40, 60, 80, 100, 120, 160} {
			for _, color := range []bool{false, true} {
				var buf bytes.Buffer
				if err := (&Text{Options: Options{Width: width, Color: color}}).Write(&buf, r); err != nil {
					t.Fatal(err)
				}
				if w, line := widest(buf.String()); w > width {
					t.Errorf("%s at %d (colour %v): a line is %d wide:\n%s", name, width, color, w, line)
				}
			}
		}
	}
	var wide bytes.Buffer
	if err := (&Text{Options: Options{Wide: true}}).Write(&wide, wideReport()); err != nil {
		t.Fatal(err)
	}
	if w, _ := widest(wide.String()); w <= 160 {
		t.Errorf("--wide output is only %d wide: something was cut", w)
	}
	for _, want := range []string{"ReplicatedReplacingMergeTree", "2025-12-31 23:59:59.999999", "EVIDENCE"} {
		if !strings.Contains(wide.String(), want) {
			t.Errorf("--wide output lacks %q", want)
		}
	}
}

// TestTextDropsLowValueColumns: when the narrowest useful widths do not fit, the
// columns of least value go first (evidence before what and where).
func TestTextDropsLowValueColumns(t *testing.T) {
	render := func(width int) string {
		var buf bytes.Buffer
		if err := (&Text{Options: Options{Width: width}}).Write(&buf, wideReport()); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	narrow, roomy := render(80), render(160)
	header := func(out, first string) string {
		for _, l := range strings.Split(out, "\n") {
			if strings.Contains(l, first) {
				return l
			}
		}
		return ""
	}
	if h := header(narrow, "│ SEVERITY "); !strings.Contains(h, "WHAT") || !strings.Contains(h, "WHERE") || strings.Contains(h, "EVIDENCE") {
		t.Errorf("at 80 columns the data table header is %q", h)
	}
	if h := header(roomy, "│ SEVERITY "); !strings.Contains(h, "EVIDENCE") {
		t.Errorf("at 160 columns the data table header is %q", h)
	}
	if h := header(narrow, "│ DATASET "); strings.Contains(h, "ENGINE") || !strings.Contains(h, "ROWS") {
		t.Errorf("at 80 columns the dataset table header is %q", h)
	}
}

// FuzzWrap holds wrap's promises for any text (escaped first, as the report does) and
// width: no line wider than the width, and nothing lost but the spaces broken at.
func FuzzWrap(f *testing.F) {
	for _, s := range []string{"a sentence of words", "default.log_stream.string_tags", "数据库表名非常长", "🔑🔑 x", "\x1b]0;t\x07 \u202e"} {
		f.Add(s, 7)
	}
	f.Fuzz(func(t *testing.T, s string, width int) {
		if width < 2 || width > 200 {
			return
		}
		s = untrusted.Text(s)
		lines := wrap(s, width)
		for _, l := range lines {
			if n := runewidth.StringWidth(l); n > width {
				t.Fatalf("wrap(%q, %d): line %q is %d wide", s, width, l, n)
			}
		}
		if got, want := strings.ReplaceAll(strings.Join(lines, ""), " ", ""), strings.ReplaceAll(s, " ", ""); got != want {
			t.Fatalf("wrap(%q, %d) lost text: %q", s, width, lines)
		}
	})
}

// The services table names the product and, for a product with more than one protocol,
// which one — without saying the protocol twice when the product's name ends with it.
func TestServiceNameSaysProtocolOnce(t *testing.T) {
	r := &finding.Report{}
	for _, tc := range []struct{ product, protocol, want string }{
		{"clickhouse", "clickhouse-http", "ClickHouse http"},
		{"clickhouse", "clickhouse-native", "ClickHouse native"},
		{"docker", "docker-api", "Docker Engine API"},
		{"redis", "redis", "Redis"},
	} {
		s := &finding.Service{Product: tc.product, Protocol: tc.protocol}
		if got := serviceName(r, s); got != tc.want {
			t.Errorf("%s/%s: %q, want %q", tc.product, tc.protocol, got, tc.want)
		}
	}
}

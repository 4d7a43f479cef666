package report

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/jedib0t/go-pretty/v6/text"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// maxOthersListed bounds the open ports that are not data stores listed one by one in
// the human formats; the rest are counted (JSON lists them all).
const maxOthersListed = 50

// writeOthers lists the open ports identified as something other than a data store,
// with what they said — which a server chose, so through untrusted.Text.
func (t *Text) writeOthers(w io.Writer, r *finding.Report) {
	if len(r.Others) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s %s\n", t.paint("OTHER OPEN PORTS", text.Bold), othersSummary(r.Others, escapeText))
	listed, more := othersListed(r.Others)
	for _, o := range listed {
		t.para(w, "  ", plain(hostPort(o.Host, o.Port))+" "+describeOther(o, escapeText), nil)
	}
	if more > 0 {
		fmt.Fprintf(w, "  … and %d more (--format json lists them all)\n", more)
	}
}

// describeOther is one line about o: its name, TLS, version and the start of what it
// said, every server-chosen part cut to length and escaped by esc for the format's sink.
func describeOther(o finding.Other, esc func(s string, max int) string) string {
	var b strings.Builder
	b.WriteString(esc(o.Service, 40))
	if o.TLS {
		b.WriteString(" (TLS)")
	}
	if o.Version != "" {
		b.WriteString(" " + esc(o.Version, 80))
	}
	switch {
	case o.Banner != "" && o.Service == "unknown":
		b.WriteString(" said " + `"` + esc(o.Banner, 60) + `"`)
	case o.Details["reason"] != "":
		b.WriteString(" — " + esc(o.Details["reason"], 120))
	}
	if l := o.Details["looked_like"]; l != "" {
		b.WriteString(" (looked like " + esc(l, 40) + ", not confirmed)")
	}
	return b.String()
}

// othersSummary counts the others by service: "(12: 7 http, 3 ssh, 2 unknown)".
func othersSummary(os []finding.Other, esc func(s string, max int) string) string {
	n := map[string]int{}
	for _, o := range os {
		n[o.Service]++
	}
	names := make([]string, 0, len(n))
	for k := range n {
		names = append(names, k)
	}
	sort.Slice(names, func(i, j int) bool {
		return n[names[i]] > n[names[j]] || n[names[i]] == n[names[j]] && names[i] < names[j]
	})
	parts := make([]string, len(names))
	for i, k := range names {
		parts[i] = fmt.Sprintf("%d %s", n[k], esc(k, 20))
	}
	return fmt.Sprintf("(%d: %s)", len(os), strings.Join(parts, ", "))
}

// escapeText makes text a server chose safe for one terminal line (untrusted.Text),
// cut first to max runes.
func escapeText(s string, max int) string { return plain(cut(s, max)) }

// cut shortens s to max runes, marking the cut.
func cut(s string, max int) string {
	if utf8.RuneCountInString(s) > max {
		r := []rune(s)
		s = string(r[:max]) + "…"
	}
	return s
}

// othersListed is what the human formats list of others: the first maxOthersListed,
// and how many more there are.
func othersListed(os []finding.Other) ([]finding.Other, int) {
	if len(os) > maxOthersListed {
		return os[:maxOthersListed], len(os) - maxOthersListed
	}
	return os, 0
}

package report

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jedib0t/go-pretty/v6/text"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// maxOthersListed bounds the open ports that are not data stores listed one by one in
// the human formats; the rest are counted (JSON lists them all).
const maxOthersListed = 50

// writeOthers lists the open ports identified as something other than a data store,
// with what they said — which a server chose, so escaped for a terminal.
func (t *Text) writeOthers(w io.Writer, r *finding.Report) {
	if len(r.Others) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s %s\n", t.paint("OTHER OPEN PORTS", text.Bold), othersSummary(r.Others))
	for i, o := range r.Others {
		if i == maxOthersListed {
			fmt.Fprintf(w, "  … and %d more (--format json lists them all)\n", len(r.Others)-maxOthersListed)
			break
		}
		fmt.Fprintf(w, "  %s %s\n", hostPort(o.Host, o.Port), describeOther(o))
	}
}

// describeOther is one line about o: its name, TLS, version and the start of what it
// said, every server-chosen byte escaped.
func describeOther(o finding.Other) string {
	var b strings.Builder
	b.WriteString(o.Service)
	if o.TLS {
		b.WriteString(" (TLS)")
	}
	if o.Version != "" {
		b.WriteString(" " + escapeText(o.Version, 80))
	}
	switch {
	case o.Banner != "" && o.Service == "unknown":
		b.WriteString(" said " + `"` + escapeText(o.Banner, 60) + `"`)
	case o.Details["reason"] != "":
		b.WriteString(" — " + escapeText(o.Details["reason"], 120))
	}
	if l := o.Details["looked_like"]; l != "" {
		b.WriteString(" (looked like " + escapeText(l, 40) + ", not confirmed)")
	}
	return b.String()
}

// othersSummary counts the others by service: "(12: 7 http, 3 ssh, 2 unknown)".
func othersSummary(os []finding.Other) string {
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
		parts[i] = fmt.Sprintf("%d %s", n[k], escapeText(k, 20))
	}
	return fmt.Sprintf("(%d: %s)", len(os), strings.Join(parts, ", "))
}

// escapeText makes text a server chose safe for one terminal line: control characters
// (escape sequences included), invalid UTF-8 and anything not printable become \xNN or
// \u{…}, and the result is cut to max runes.
func escapeText(s string, max int) string {
	var b strings.Builder
	n := 0
	for i := 0; i < len(s); {
		if n == max {
			b.WriteString("…")
			break
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\\':
			b.WriteString(`\\`)
		case r < 0x80 && !unicode.IsPrint(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case !unicode.IsPrint(r) || unicode.Is(unicode.Bidi_Control, r):
			fmt.Fprintf(&b, `\u{%x}`, r)
		default:
			b.WriteRune(r)
		}
		i += size
		n++
	}
	return b.String()
}

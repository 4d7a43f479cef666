package disclose

import (
	"fmt"
	"io"
	"strings"

	"github.com/leakwatch/leakwatch/internal/untrusted"
)

// A notice is built as a small document of headings, paragraphs and list items, and
// written in markdown or plain text. Every piece of text goes through the sink's
// sanitiser (untrusted.Markdown or untrusted.Text) as it is written, leakwatch's own
// words included: the structure (headings, bullets, bold labels) is the only markup
// either format gets, so nothing a server chose can add to it.

type blockKind int

const (
	title blockKind = iota // the subject line
	heading
	subheading
	para
	item    // a list item
	subitem // an item of a nested list
	step    // an item of a numbered list
)

type block struct {
	kind  blockKind
	label string // a bold lead-in ("Data"), our own words
	text  string
	n     int // a step's number
}

type document struct{ blocks []block }

func (d *document) add(kind blockKind, label, text string) {
	d.blocks = append(d.blocks, block{kind: kind, label: label, text: text})
}
func (d *document) title(s string)              { d.add(title, "", s) }
func (d *document) heading(s string)            { d.add(heading, "", s) }
func (d *document) subheading(s string)         { d.add(subheading, "", s) }
func (d *document) para(s string)               { d.add(para, "", s) }
func (d *document) item(label, s string)        { d.add(item, label, s) }
func (d *document) subitem(s string)            { d.add(subitem, "", s) }
func (d *document) itemf(f string, a ...any)    { d.add(item, "", fmt.Sprintf(f, a...)) }
func (d *document) paraf(f string, a ...any)    { d.add(para, "", fmt.Sprintf(f, a...)) }
func (d *document) labelled(label, s string)    { d.add(para, label, s) }
func (d *document) subitemf(f string, a ...any) { d.add(subitem, "", fmt.Sprintf(f, a...)) }
func (d *document) step(n int, s string) {
	d.blocks = append(d.blocks, block{kind: step, text: s, n: n})
}

// writeMarkdown renders the document as markdown.
func (d *document) writeMarkdown(w io.Writer) error {
	var b strings.Builder
	prev := blockKind(-1)
	for _, bl := range d.blocks {
		text := untrusted.Markdown(bl.text)
		if bl.label != "" {
			text = strings.TrimSpace("**" + untrusted.Markdown(bl.label) + ":** " + text)
		}
		if b.Len() > 0 && !(listish(bl.kind) && listish(prev)) {
			b.WriteString("\n")
		}
		switch bl.kind {
		case title:
			b.WriteString("# " + text + "\n")
		case heading:
			b.WriteString("## " + text + "\n")
		case subheading:
			b.WriteString("### " + text + "\n")
		case para:
			b.WriteString(text + "\n")
		case item:
			b.WriteString("- " + text + "\n")
		case subitem:
			b.WriteString("  - " + text + "\n")
		case step:
			fmt.Fprintf(&b, "%d. %s\n", bl.n, text)
		}
		prev = bl.kind
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func listish(k blockKind) bool { return k == item || k == subitem || k == step }

// textWidth is the width plain-text notices are wrapped at, as e-mail bodies are.
const textWidth = 76

// writeText renders the document as plain text, wrapped for an e-mail body.
func (d *document) writeText(w io.Writer) error {
	var b strings.Builder
	prev := blockKind(-1)
	for _, bl := range d.blocks {
		text := untrusted.Text(bl.text)
		if bl.label != "" {
			text = strings.TrimSpace(untrusted.Text(bl.label) + ": " + text)
		}
		if b.Len() > 0 && !(listish(bl.kind) && listish(prev)) {
			b.WriteString("\n")
		}
		switch bl.kind {
		case title:
			writeWrapped(&b, "", "", text)
			b.WriteString(strings.Repeat("=", min(textWidth, runeLen(text))) + "\n")
		case heading:
			up := strings.ToUpper(text)
			writeWrapped(&b, "", "", up)
			b.WriteString(strings.Repeat("-", min(textWidth, runeLen(up))) + "\n")
		case subheading:
			writeWrapped(&b, "", "", text)
		case para:
			writeWrapped(&b, "", "", text)
		case item:
			writeWrapped(&b, "- ", "  ", text)
		case subitem:
			writeWrapped(&b, "  - ", "    ", text)
		case step:
			num := fmt.Sprintf("%d. ", bl.n)
			writeWrapped(&b, num, strings.Repeat(" ", len(num)), text)
		}
		prev = bl.kind
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func runeLen(s string) int { return len([]rune(s)) }

// writeWrapped writes s wrapped at textWidth at spaces, the first line after first and
// the others after rest. A word longer than a line stays whole (a URL must not break).
func writeWrapped(b *strings.Builder, first, rest, s string) {
	lead := first
	line := 0
	for i, word := range strings.Fields(s) {
		n := runeLen(word)
		switch {
		case i == 0:
			b.WriteString(lead)
			line = runeLen(lead)
		case line+1+n > textWidth:
			b.WriteString("\n" + rest)
			line = runeLen(rest)
		default:
			b.WriteByte(' ')
			line++
		}
		b.WriteString(word)
		line += n
	}
	b.WriteString("\n")
}

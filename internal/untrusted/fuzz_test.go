package untrusted

import "testing"

func addSeeds(f *testing.F) {
	for _, s := range hostile {
		f.Add(s)
	}
}

// FuzzText: no control, bidi or invisible character survives, the output is valid
// UTF-8 on one line, and Text is idempotent.
func FuzzText(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		checkText(t, s, Text(s))
		for _, l := range Lines(s) {
			checkText(t, l, l)
		}
	})
}

// FuzzMarkdown: in a paragraph, a table cell, a list item and a heading, goldmark with
// GitHub's extensions parses Markdown(s) as plain text that shows exactly Text(s): no
// link, image, autolink, HTML, emphasis, code span or table break.
func FuzzMarkdown(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) { checkMarkdown(t, s) })
}

// FuzzSinks: Slack mrkdwn, e-mail headers, SARIF message text and log records.
func FuzzSinks(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		checkSlack(t, s)
		checkMailHeader(t, s)
		checkSARIF(t, s)
		checkLog(t, s)
	})
}

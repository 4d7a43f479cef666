// Package untrusted renders text that a scanned server chose — database, table, column
// and key names, versions, banners, error messages, values, query-log fields — for the
// places leakwatch shows it to people. Every such string is hostile: it may carry
// terminal escape sequences (set the window title, clear the screen, write OSC-8 links),
// bidi overrides that reorder what is read, invisible characters, line breaks that
// forge report lines, or the metacharacters of the format it lands in (markdown links,
// Slack mentions, mail headers).
//
// There is one function per sink, and each renders the whole string visibly rather than
// dropping parts of it:
//
//	Text        terminal, plain-text files, e-mail bodies, HTML under html/template
//	Lines       multi-line text leakwatch composed itself (one Text per line)
//	Markdown    inline markdown (CommonMark and GitHub's extensions)
//	Slack       Slack mrkdwn (and the Slack-compatible webhooks of Mattermost & co.)
//	MailHeader  an e-mail header value
//	SARIF       SARIF message text (plain text with embedded-link syntax)
//	LogHandler  a slog.Handler wrapper for log records
//
// Machine formats (JSON, JSON lines, SARIF properties and locations) keep exact values:
// their encoders escape what their syntax needs, and consumers get the bytes the server
// sent. Only their fields meant to be read as prose go through a function here.
//
// Why functions at the sinks and not a distinct string type: the finding model's string
// fields are a JSON contract used by every package, and the same value needs a different
// rendering in each format (a name is escaped differently for a terminal, markdown and
// Slack). The sinks are few and each has a test that fills every string of a report with
// hostile text; a type would move the burden to every producer instead.
package untrusted

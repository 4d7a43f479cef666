package untrusted

import "strings"

// Slack renders s for a Slack mrkdwn message as inline code: Slack applies no formatting
// and makes no link inside inline code, and with &, < and > escaped as Slack requires
// no control sequence can form (<!channel>, <!here>, <@U…> mentions, <http…|…> links).
// A backtick, which would end the code span and cannot be escaped in mrkdwn, is shown as
// U+02CB (ˋ). The empty string stays empty (an empty code span shows as two backticks).
func Slack(s string) string {
	t := Text(s)
	if t == "" {
		return ""
	}
	return "`" + slackReplacer.Replace(t) + "`"
}

var slackReplacer = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "`", "\u02cb")

// SlackPlain escapes text that leakwatch wrote itself for a Slack message (&, < and >,
// which Slack requires), leaving its formatting alone. Never use it for a server's
// strings: use Slack.
func SlackPlain(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(Text(s))
}

// Package alert turns what changed between two monitoring runs into alerts and delivers
// them: a signed JSON webhook, a Slack-compatible webhook, e-mail over SMTP, or a local
// command. Alerts go through the history store's outbox first, so an alert that cannot
// be delivered is retried with exponential back-off until it is, across restarts, and
// each carries an idempotency key so that receivers can drop a repeat.
package alert

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/history"
	"github.com/leakwatch/leakwatch/internal/untrusted"
)

// Event kinds that raise an alert.
const (
	NewExposure   = "new-exposure"    // a data store newly readable without real credentials
	NewSecretKind = "new-secret-kind" // a kind of secret not seen before on a service
	AuthLost      = "auth-lost"       // a service that required a password no longer does
	Resolved      = "resolved"        // a finding is gone from a service that was checked
	KeyLive       = "key-live"        // a found secret's issuer accepts it (verify: true), newly
	KeyRevoked    = "key-revoked"     // a found secret's issuer now rejects it
)

// Kinds lists every event kind, in the order alerts show them.
func Kinds() []string {
	return []string{NewExposure, AuthLost, KeyLive, NewSecretKind, KeyRevoked, Resolved}
}

// Event is one reason for an alert. Evidence is always redacted.
type Event struct {
	Kind      string           `json:"kind"`
	Severity  finding.Severity `json:"severity"`
	Title     string           `json:"title"`
	Host      string           `json:"host,omitempty"`
	Port      int              `json:"port,omitempty"`
	Protocol  string           `json:"protocol,omitempty"`
	Database  string           `json:"database,omitempty"`
	Table     string           `json:"table,omitempty"`
	Rule      string           `json:"rule,omitempty"`
	Redacted  string           `json:"redacted,omitempty"`
	FindingID string           `json:"finding_id,omitempty"`
	Detail    string           `json:"detail,omitempty"`
}

// Alert is the payload every route receives (as JSON, or rendered as text).
type Alert struct {
	// Key is the idempotency key of this alert on this route.
	Key      string    `json:"key"`
	Route    string    `json:"route"`
	Group    string    `json:"group"`
	Run      int64     `json:"run"`
	Previous int64     `json:"previous,omitempty"`
	Time     time.Time `json:"time"`
	Summary  string    `json:"summary"`
	Events   []Event   `json:"events"`
	// More counts the events left out of Events past MaxEvents (the summary counts them
	// all).
	More int `json:"more,omitempty"`
	// URL links to the run on the dashboard, when one is configured.
	URL string `json:"url,omitempty"`
}

// Events picks the alert-worthy events out of a diff: new exposures, services that lost
// their password, new kinds of secret, and resolved findings. Other changes (a table
// that grew, another value of a known secret kind) are recorded in history but do not
// page anyone.
func Events(d history.Diff) []Event {
	var out []Event
	for _, f := range d.New {
		if f.Category == finding.Exposure {
			out = append(out, fromFinding(NewExposure, f))
		}
	}
	for _, c := range d.Changed {
		switch c.Kind {
		case history.ChangeAuthLost:
			out = append(out, Event{Kind: AuthLost, Severity: c.Severity, Title: c.Detail, Host: c.Host, Port: c.Port,
				Protocol: c.Protocol, Detail: c.Detail})
		case history.ChangeKeyLive, history.ChangeKeyRevoked:
			kind := map[string]string{history.ChangeKeyLive: KeyLive, history.ChangeKeyRevoked: KeyRevoked}[c.Kind]
			ev := Event{Kind: kind, Severity: c.Severity, Title: c.Detail, Host: c.Host, Port: c.Port, Protocol: c.Protocol,
				Database: c.Database, Table: c.Table, Detail: c.Detail}
			out = append(out, ev)
		case history.ChangeNewSecretKind:
			ev := Event{Kind: NewSecretKind, Severity: c.Severity, Title: "new kind of secret: " + c.To, Host: c.Host, Port: c.Port,
				Protocol: c.Protocol, Database: c.Database, Table: c.Table, Rule: c.To, Detail: c.Detail}
			// Name one redacted example of the kind.
			for _, f := range d.New {
				if f.Category == finding.Secret && f.Rule == c.To && f.Host == c.Host && f.Port == c.Port {
					ev.Redacted, ev.FindingID = f.Redacted, f.ID
					break
				}
			}
			out = append(out, ev)
		}
	}
	for _, f := range d.Resolved {
		out = append(out, fromFinding(Resolved, f))
	}
	slices.SortStableFunc(out, func(a, b Event) int {
		return slices.Index(Kinds(), a.Kind) - slices.Index(Kinds(), b.Kind)
	})
	return out
}

func fromFinding(kind string, f finding.Finding) Event {
	return Event{Kind: kind, Severity: f.Severity, Title: f.Title, Host: f.Host, Port: f.Port, Protocol: f.Protocol,
		Database: f.Database, Table: f.Table, Rule: f.Rule, Redacted: f.Redacted, FindingID: f.ID, Detail: f.Evidence}
}

// Filter keeps the events a route wants: of the given kinds (all when empty) and at or
// above minimum severity.
func Filter(events []Event, kinds []string, minimum finding.Severity) []Event {
	var out []Event
	for _, e := range events {
		if e.Severity < minimum || (len(kinds) > 0 && !slices.Contains(kinds, e.Kind)) {
			continue
		}
		out = append(out, e)
	}
	return out
}

// Key derives the idempotency key of the alert about run (compared with previous) on
// route: the same run never alerts a route twice, whoever builds the alert.
func Key(group string, previous, run int64, route string) string {
	h := sha256.New()
	for _, s := range []string{group, strconv.FormatInt(previous, 10), strconv.FormatInt(run, 10), route} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return "lw-" + hex.EncodeToString(h.Sum(nil)[:16])
}

// Summarize says in one line what the events are.
func Summarize(group string, events []Event) string {
	count := map[string]int{}
	for _, e := range events {
		count[e.Kind]++
	}
	var parts []string
	for _, k := range Kinds() {
		if n := count[k]; n > 0 {
			label := map[string]string{NewExposure: "new exposure", AuthLost: "service lost its password",
				NewSecretKind: "new kind of secret", Resolved: "resolved"}[k]
			if n > 1 && k != Resolved {
				label = map[string]string{NewExposure: "new exposures", AuthLost: "services lost their password",
					NewSecretKind: "new kinds of secret"}[k]
			}
			parts = append(parts, fmt.Sprintf("%d %s", n, label))
		}
	}
	return fmt.Sprintf("leakwatch %s: %s", group, strings.Join(parts, ", "))
}

// Text renders the alert as plain text for people (e-mail), at most maxLines events.
// Titles, names and values may come from a scanned server: each is rendered with
// untrusted.Text, so none can break a line or carry a control character.
func (a *Alert) Text(maxLines int) string {
	return a.render(maxLines, textStyle{
		header: "%s\n", afterTime: "\n\n", bullet: "- [%s]", urlBefore: "\n",
		own: untrusted.Text, theirs: untrusted.Text,
	})
}

// SlackText renders the alert as a Slack mrkdwn message, at most maxLines events. What
// may come from a scanned server (locations, titles, values) is shown as inline code by
// untrusted.Slack, so a table named "<!channel> <https://…|…>" pings nobody and links
// nowhere; leakwatch's own words are escaped as Slack requires.
func (a *Alert) SlackText(maxLines int) string {
	// The dashboard's address (the last line) comes from the configuration: own words.
	return a.render(maxLines, textStyle{
		header: "*%s*\n", afterTime: "\n", bullet: "• *%s*",
		own: untrusted.SlackPlain, theirs: untrusted.Slack,
	})
}

// textStyle is how Text and SlackText mark up and escape an alert.
type textStyle struct {
	header    string // format of the summary line
	afterTime string // what ends the run line
	bullet    string // format of an event's severity
	urlBefore string // what comes before the dashboard's address
	// own escapes leakwatch's own words (the summary, event kinds, the dashboard's
	// address); theirs escapes what may come from a scanned server.
	own, theirs func(string) string
}

func (a *Alert) render(maxLines int, st textStyle) string {
	var b strings.Builder
	fmt.Fprintf(&b, st.header, st.own(a.Summary))
	fmt.Fprintf(&b, "run %d", a.Run)
	if a.Previous > 0 {
		fmt.Fprintf(&b, " (compared with run %d)", a.Previous)
	}
	fmt.Fprintf(&b, ", %s%s", a.Time.UTC().Format(time.RFC3339), st.afterTime)
	kept := a.Events
	if maxLines >= 0 {
		kept = keepEvents(a.Events, maxLines)
	}
	shown := len(kept)
	for _, e := range kept {
		fmt.Fprintf(&b, st.bullet, strings.ToUpper(e.Severity.String()))
		fmt.Fprintf(&b, " %s %s: %s", st.own(e.Kind), st.theirs(location(e)), st.theirs(e.Title))
		if e.Redacted != "" {
			fmt.Fprintf(&b, " (%s)", st.theirs(e.Redacted))
		}
		b.WriteString("\n")
	}
	if more := len(a.Events) - shown + max(a.More, 0); more > 0 {
		fmt.Fprintf(&b, "… and %d more\n", more)
	}
	if a.URL != "" {
		b.WriteString(st.urlBefore + st.own(a.URL) + "\n")
	}
	return b.String()
}

func location(e Event) string {
	s := e.Host
	if e.Port != 0 {
		s += ":" + strconv.Itoa(e.Port)
	}
	if e.Table != "" {
		s += " "
		if e.Database != "" {
			s += e.Database + "."
		}
		s += e.Table
	}
	return s
}

// Marshal encodes the alert as the JSON every route sends. The fields meant to be read
// as prose (summary, titles, details) are rendered with untrusted.Text, since receivers
// show them as they are; the names, locations and values keep exact values.
//
// At most MaxEvents events are sent, the rest counted in More: a run can have as many
// new findings as a hostile server has tables, and one body held them all (5,000 new
// exposures made a 2.5 MB body: TestAlertPayloadBounded).
func (a *Alert) Marshal() ([]byte, error) {
	c := *a
	c.Summary = untrusted.Text(a.Summary)
	events := keepEvents(a.Events, MaxEvents)
	c.More = max(a.More, 0) + len(a.Events) - len(events)
	c.Events = make([]Event, len(events))
	for i, e := range events {
		e.Title, e.Detail = untrusted.Text(e.Title), untrusted.Text(e.Detail)
		c.Events[i] = e
	}
	return json.Marshal(&c)
}

// MaxEvents bounds the events one alert payload carries; the summary still counts all
// of them.
const MaxEvents = 200

// keepEvents returns at most n of events, in their order: past n, a kind at a time in
// turn, each kind's first ones, so that hundreds of events of one kind (a hostile
// server's tables, each a new exposure) do not leave out every event of the kinds after
// it, a live key or a lost password (TestAlertBoundKeepsEveryKind).
func keepEvents(events []Event, n int) []Event {
	if len(events) <= n {
		return events
	}
	if n <= 0 {
		return nil
	}
	var kinds []string
	byKind := map[string][]int{}
	for i, e := range events {
		if byKind[e.Kind] == nil {
			kinds = append(kinds, e.Kind)
		}
		byKind[e.Kind] = append(byKind[e.Kind], i)
	}
	keep := make([]bool, len(events))
	for taken, turn := 0, 0; taken < n; turn++ {
		for _, k := range kinds {
			if turn < len(byKind[k]) && taken < n {
				keep[byKind[k][turn]] = true
				taken++
			}
		}
	}
	out := make([]Event, 0, n)
	for i, e := range events {
		if keep[i] {
			out = append(out, e)
		}
	}
	return out
}

// Route is where alerts go and which of them.
type Route struct {
	Name string
	// Kinds of event wanted; empty means all.
	Kinds       []string
	MinSeverity finding.Severity
}

// Outbox builds one outbox item per route that wants at least one of events, for the
// run of group compared with previous (0 for a first run). url, when set, links to the
// run on the dashboard.
func Outbox(group string, previous, run int64, events []Event, routes []Route, url string, now time.Time) ([]history.OutboxItem, error) {
	var out []history.OutboxItem
	for _, r := range routes {
		evs := Filter(events, r.Kinds, r.MinSeverity)
		if len(evs) == 0 {
			continue
		}
		a := Alert{Key: Key(group, previous, run, r.Name), Route: r.Name, Group: group, Run: run, Previous: previous,
			Time: now.UTC(), Summary: Summarize(group, evs), Events: evs, URL: url}
		b, err := a.Marshal()
		if err != nil {
			return nil, err
		}
		out = append(out, history.OutboxItem{Key: a.Key, Route: r.Name, RunID: run, Payload: b, NextAt: now})
	}
	return out, nil
}

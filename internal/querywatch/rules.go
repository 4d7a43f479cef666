package querywatch

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/netip"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/leakwatch/leakwatch/internal/detect"
	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store/clickhouse"
	"github.com/leakwatch/leakwatch/internal/untrusted"
)

type rule struct {
	ID, Title, Remediation string
}

var refs = []string{"https://clickhouse.com/docs/en/operations/system-tables/query_log"}

var (
	ruleNotAllowed = &rule{"querywatch-client-not-allowed", "Query from an address outside the allowed networks",
		"Block the address at the firewall, restrict every user's <networks> to the hosts that need it, change the " +
			"passwords of the users it used, and review what it read (system.query_log WHERE address = …)."}
	ruleDefaultRemote = &rule{"querywatch-default-user-remote", "The default user was used from another host",
		"Give 'default' a password and restrict its <networks> to ::1 and 127.0.0.1; give applications their own " +
			"users with hashed passwords and narrow networks."}
	ruleEnumeration = &rule{"querywatch-enumeration", "Database and table enumeration by one client",
		"Check whether the client is known. If not: block it, change passwords, and review the queries it ran next " +
			"(bulk SELECTs, table functions)."}
	ruleTableFunction = &rule{"querywatch-table-function", "Query used a table function that reaches outside the server",
		"Give users that do not need url(), file(), remote(), s3() … a profile with readonly=1 (which forbids table " +
			"functions), set remote_url_allow_hosts, and review the query: it can read files, pivot to other servers " +
			"or exfiltrate data."}
	ruleBulkRead = &rule{"querywatch-sensitive-bulk-read", "Bulk read of a table holding sensitive data",
		"Confirm the reader is a known job. If not: treat the table's contents as leaked (rotate the credentials it " +
			"holds, notify as required), block the client and change passwords."}
	ruleAuthFailures = &rule{"querywatch-auth-failures", "Burst of failed logins",
		"Block the source if it is not yours, make sure no user has an empty or default password, and restrict " +
			"<networks>; repeated failures are password guessing."}
)

// detectorState is what the detector remembers between polls (and restarts).
type detectorState struct {
	Enum    map[string][]enumHit `json:"enum,omitempty"`
	Auth    map[string][]authHit `json:"auth,omitempty"`
	Alerted map[string]int64     `json:"alerted,omitempty"` // rule|key → Unix time until which repeats stay quiet
}

type enumHit struct {
	T    int64  `json:"t"`
	Q    uint64 `json:"q"`
	Kind string `json:"k"`
}

type authHit struct {
	T    int64  `json:"t"`
	User string `json:"u,omitempty"`
	Code int    `json:"c,omitempty"`
}

// detector turns events into findings.
type detector struct {
	cfg       *Config
	st        *detectorState
	host      string
	port      int
	proto     string
	ownPrefix string
	engine    *detect.Engine
	// stats
	self int
	// out collects a poll's findings; pending indexes the aggregate alerts raised in this
	// poll, which later events of the same poll update instead of being dropped.
	out     []finding.Finding
	pending map[string]int
}

// SensitiveTable is a table whose bulk reads are reported.
type SensitiveTable struct {
	Database, Table string
	Classes         []string // what a scan found in it: secrets, pii, chat
}

// allowed reports whether a client address is expected: this host's addresses always
// are, then the configured networks (or, with none, loopback and private networks).
func (d *detector) allowed(a netip.Addr) bool {
	if !a.IsValid() || d.local(a) {
		return true
	}
	if len(d.cfg.Allow) == 0 {
		return a.IsLoopback() || a.IsPrivate() || a.IsLinkLocalUnicast()
	}
	for _, p := range d.cfg.Allow {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

func (d *detector) local(a netip.Addr) bool {
	if !a.IsValid() {
		return true
	}
	for _, p := range d.cfg.Local {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// analysed is an event with its query taken apart once.
type analysed struct {
	*Event
	toks   []token
	funcs  []string
	tables []string
}

func (d *detector) analyse(e *Event) *analysed {
	a := &analysed{Event: e, toks: tokenize(e.Query)}
	a.funcs = tableFunctions(a.toks)
	for _, f := range e.TableFunctions {
		if n, ok := riskyFunctions[strings.ToLower(f)]; ok && !contains(a.funcs, n) {
			a.funcs = append(a.funcs, n)
		}
	}
	a.tables = tableRefs(a.toks)
	for _, frag := range e.Fragments {
		ft := tokenize(frag)
		for _, f := range tableFunctions(ft) {
			if !contains(a.funcs, f) {
				a.funcs = append(a.funcs, f)
			}
		}
		for _, t := range tableRefs(ft) {
			if !contains(a.tables, t) {
				a.tables = append(a.tables, t)
			}
		}
	}
	for _, t := range e.Tables {
		if t = strings.ToLower(t); !contains(a.tables, t) {
			a.tables = append(a.tables, t)
		}
	}
	return a
}

// isSelf recognises leakwatch's own queries: this watcher's, and a scan's (query id
// prefix and user agent). Neither ever calls a table function nor reads in bulk, so such
// a query is reported whatever it claims to be.
func (d *detector) isSelf(a *analysed) bool {
	mine := d.ownPrefix != "" && strings.HasPrefix(a.QueryID, d.ownPrefix)
	scan := !d.cfg.NoIgnoreSelf && strings.HasPrefix(a.QueryID, clickhouse.QueryIDPrefix) && a.UserAgent == clickhouse.UserAgent
	if !mine && !scan {
		return false
	}
	return len(a.funcs) == 0 && a.ResultRows < d.cfg.BulkRows && a.ResultBytes < d.cfg.BulkBytes
}

// authCodes are the exception codes of refused logins (192 unknown user, 193 wrong
// password, 194 password required, 195 address not allowed; 516 on 20.x+).
var authCodes = map[int]bool{192: true, 193: true, 194: true, 195: true, 516: true}

// exceptionCode reads "Code: 193" from an exception text when the server logs no code.
func exceptionCode(e *Event) int {
	if e.ExceptionCode != 0 {
		return e.ExceptionCode
	}
	s := e.Exception
	i := strings.Index(s, "Code: ")
	if i < 0 {
		return 0
	}
	j := i + 6
	for j < len(s) && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	n, _ := strconv.Atoi(s[i+6 : j])
	return n
}

// process runs every rule over events (sorted by time) and returns new findings.
func (d *detector) process(events []Event) []finding.Finding {
	if d.st.Enum == nil {
		d.st.Enum = map[string][]enumHit{}
	}
	if d.st.Auth == nil {
		d.st.Auth = map[string][]authHit{}
	}
	if d.st.Alerted == nil {
		d.st.Alerted = map[string]int64{}
	}
	sort.SliceStable(events, func(i, j int) bool { return events[i].Time.Before(events[j].Time) })
	d.out, d.pending = nil, map[string]int{}
	var latest int64
	for i := range events {
		a := d.analyse(&events[i])
		latest = max(latest, a.Time.Unix())
		if d.isSelf(a) {
			d.self++
			continue
		}
		switch a.Kind {
		case LoginFailure:
			d.authFailure(a)
		case ExceptionBeforeStart:
			if authCodes[exceptionCode(a.Event)] {
				d.authFailure(a)
				continue
			}
			d.started(a)
		case QueryStart:
			d.started(a)
		case QueryFinish, ExceptionWhileProcessing:
			d.finished(a)
		}
	}
	d.prune(latest)
	return d.out
}

// emit adds a finding; pendingKey, when set, lets later events of this poll update it.
func (d *detector) emit(f finding.Finding, pendingKey string) {
	d.out = append(d.out, f)
	if pendingKey != "" {
		d.pending[pendingKey] = len(d.out) - 1
	}
}

// once reports whether rule|key may alert at t, and if so keeps it quiet for a window.
func (d *detector) once(r *rule, key string, t int64) bool {
	k := r.ID + "|" + key
	if until, ok := d.st.Alerted[k]; ok && t < until {
		return false
	}
	d.st.Alerted[k] = t + int64(d.cfg.Window/time.Second)
	return true
}

func (d *detector) prune(latest int64) {
	if latest == 0 {
		return
	}
	cut := latest - int64(d.cfg.Window/time.Second)
	for k, hits := range d.st.Enum {
		i := sort.Search(len(hits), func(i int) bool { return hits[i].T >= cut })
		if hits = hits[i:]; len(hits) == 0 {
			delete(d.st.Enum, k)
		} else {
			d.st.Enum[k] = hits
		}
	}
	for k, hits := range d.st.Auth {
		i := sort.Search(len(hits), func(i int) bool { return hits[i].T >= cut })
		if hits = hits[i:]; len(hits) == 0 {
			delete(d.st.Auth, k)
		} else {
			d.st.Auth[k] = hits
		}
	}
	for k, until := range d.st.Alerted {
		if until < latest {
			delete(d.st.Alerted, k)
		}
	}
}

func (d *detector) started(a *analysed) {
	if !a.Initial {
		return // a sub-query of a distributed query: its address is another server
	}
	t := a.Time.Unix()
	allowed := d.allowed(a.Addr)
	remoteDefault := a.User == "default" && !d.local(a.Addr)
	suspicious := !allowed || remoteDefault
	if !allowed && d.once(ruleNotAllowed, a.client(), t) {
		d.emit(d.newFinding(ruleNotAllowed, finding.High, a, a.client(),
			fmt.Sprintf("%s sent a query as %q, and is not in the allowed networks (%s).", addrText(a.Addr), a.User, d.allowText()), "", ""), "")
	}
	if remoteDefault && d.once(ruleDefaultRemote, a.Addr.String(), t) {
		d.emit(d.newFinding(ruleDefaultRemote, finding.High, a, a.Addr.String(),
			fmt.Sprintf("The default user — password-less on a stock install — was used from %s, which is not this host.", addrText(a.Addr)), "", ""), "")
	}
	for _, f := range a.funcs {
		sev := finding.High
		if suspicious {
			sev = finding.Critical
		}
		if d.once(ruleTableFunction, a.client()+"|"+f, t) {
			d.emit(d.newFinding(ruleTableFunction, sev, a, a.client()+"|"+f,
				fmt.Sprintf("%s called %s() as %q: %s", addrText(a.Addr), untrusted.Text(f), a.User, functionRisk(f)), "", ""), "")
		}
	}
	kind := enumerationKind(a.toks)
	for _, frag := range a.Fragments {
		if kind == "" {
			kind = enumerationKind(tokenize(frag))
		}
	}
	if kind != "" {
		key := a.client()
		hits := append(d.st.Enum[key], enumHit{T: t, Q: hashString(normalize(a.Query)), Kind: kind})
		d.st.Enum[key] = hits
		distinct := map[uint64]bool{}
		var kinds []string
		for _, h := range hits {
			if h.T >= t-int64(d.cfg.Window/time.Second) {
				distinct[h.Q] = true
				if !contains(kinds, h.Kind) {
					kinds = append(kinds, h.Kind)
				}
			}
		}
		detail := fmt.Sprintf("%s ran %d different listing queries as %q within %s (%s): the first steps of someone "+
			"mapping what the server holds.", addrText(a.Addr), len(distinct), a.User, shortDuration(d.cfg.Window), strings.Join(kinds, ", "))
		pk := ruleEnumeration.ID + "|" + key
		if i, ok := d.pending[pk]; ok {
			d.out[i].Detail, d.out[i].Count = detail, len(distinct)
			return
		}
		if len(distinct) >= d.cfg.EnumThreshold && d.once(ruleEnumeration, key, t) {
			sev := finding.Medium
			if suspicious {
				sev = finding.High
			}
			f := d.newFinding(ruleEnumeration, sev, a, key, detail, "", "")
			f.Count = len(distinct)
			d.emit(f, pk)
		}
	}
}

func (d *detector) finished(a *analysed) {
	if !a.Initial || (a.ResultRows < d.cfg.BulkRows && a.ResultBytes < d.cfg.BulkBytes) {
		return
	}
	for _, ref := range a.tables {
		st, ok := d.sensitive(ref, a.CurrentDatabase)
		if !ok {
			continue
		}
		sev := finding.High
		if !d.allowed(a.Addr) || (a.User == "default" && !d.local(a.Addr)) {
			sev = finding.Critical
		}
		key := a.client() + "|" + st.Database + "." + st.Table
		if !d.once(ruleBulkRead, key, a.Time.Unix()) {
			continue
		}
		what := "sensitive data"
		if len(st.Classes) > 0 {
			what = strings.Join(st.Classes, ", ")
		}
		f := d.newFinding(ruleBulkRead, sev, a, key,
			fmt.Sprintf("%s read %d rows (%d bytes) of %s.%s, which holds %s, as %q.", addrText(a.Addr), a.ResultRows,
				a.ResultBytes, untrusted.Text(st.Database), untrusted.Text(st.Table), untrusted.Text(what), a.User), st.Database, st.Table)
		f.Count = int(min(a.ResultRows, int64(^uint32(0)>>1)))
		d.emit(f, "")
	}
}

// sensitive matches a table reference ("db.table" or "table") against the sensitive set.
func (d *detector) sensitive(ref, currentDB string) (SensitiveTable, bool) {
	db, table, qualified := strings.Cut(ref, ".")
	if !qualified {
		db, table = strings.ToLower(currentDB), db
	}
	for _, s := range d.cfg.Sensitive {
		if !strings.EqualFold(s.Table, table) {
			continue
		}
		if db == "" || strings.EqualFold(s.Database, db) {
			return s, true
		}
	}
	return SensitiveTable{}, false
}

func (d *detector) authFailure(a *analysed) {
	key := "user:" + a.User
	if a.Addr.IsValid() {
		key = a.Addr.String()
	}
	t := a.Time.Unix()
	hits := append(d.st.Auth[key], authHit{T: t, User: a.User, Code: exceptionCode(a.Event)})
	d.st.Auth[key] = hits
	n := 0
	var users []string
	for _, h := range hits {
		if h.T >= t-int64(d.cfg.Window/time.Second) {
			n++
			if u := untrusted.Text(h.User); u != "" && !contains(users, u) {
				users = append(users, u)
			}
		}
	}
	sev := finding.Medium
	if (a.Addr.IsValid() && !d.allowed(a.Addr)) || n >= 3*d.cfg.AuthFailures {
		sev = finding.High
	}
	src := addrText(a.Addr)
	if !a.Addr.IsValid() {
		src = "an unrecorded address (this server version does not log it)"
	}
	detail := fmt.Sprintf("%d failed logins within %s from %s, for user(s) %s.", n, shortDuration(d.cfg.Window), src, strings.Join(users, ", "))
	pk := ruleAuthFailures.ID + "|" + key
	if i, ok := d.pending[pk]; ok {
		d.out[i].Detail, d.out[i].Count, d.out[i].Severity = detail, n, max(d.out[i].Severity, sev)
		return
	}
	if n < d.cfg.AuthFailures || !d.once(ruleAuthFailures, key, t) {
		return
	}
	f := d.newFinding(ruleAuthFailures, sev, a, key, detail, "", "")
	f.Count = n
	d.emit(f, pk)
}

func (d *detector) allowText() string {
	if len(d.cfg.Allow) == 0 {
		return "loopback and private networks"
	}
	var s []string
	for _, p := range d.cfg.Allow {
		s = append(s, p.String())
	}
	return strings.Join(s, ", ")
}

func addrText(a netip.Addr) string {
	if !a.IsValid() {
		return "an unknown address"
	}
	return a.String()
}

func functionRisk(f string) string {
	switch f {
	case "file", "fileCluster", "sqlite", "icebergLocal", "deltaLakeLocal":
		return "it reads (or writes) files on the server."
	case "url", "urlCluster":
		return "it makes the server send HTTP requests anywhere it can reach (SSRF, exfiltration)."
	case "remote", "remoteSecure":
		return "it makes the server connect to another ClickHouse server (pivoting, exfiltration)."
	case "executable":
		return "it runs a program on the server."
	}
	return "it makes the server reach an external system."
}

func hashString(s string) uint64 {
	h := sha256.Sum256([]byte(s))
	var v uint64
	for _, b := range h[:8] {
		v = v<<8 | uint64(b)
	}
	return v
}

// maxEvidenceQuery bounds how much of a query a finding quotes.
const maxEvidenceQuery = 400

// redactQuery makes a query safe and short to show: credentials passed to table
// functions and in URLs are hidden, comments and runs of white space (where padding
// hides) are dropped, the detection engine replaces any secret it recognises, and the
// fragments the server extracted from a query too long to read whole are appended.
func (d *detector) redactQuery(a *analysed) string {
	q := redactCredentials(a.Query, a.toks)
	q = compact(q, tokenize(q))
	if len(a.Fragments) > 0 {
		var parts []string
		for _, f := range a.Fragments {
			r := redactCredentials(f, tokenize(f))
			parts = append(parts, compact(r, tokenize(r)))
		}
		q = truncate(q, maxEvidenceQuery/2) + " [further in the query: " + strings.Join(parts, " | ") + "]"
	}
	if d.engine != nil {
		q = string(d.engine.RedactLine(nil, []byte(q)))
	}
	return truncate(q, maxEvidenceQuery)
}

// compact rebuilds q from its tokens, one space wherever white space or a comment
// separated two of them.
func compact(q string, toks []token) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 && t.start > toks[i-1].end {
			b.WriteByte(' ')
		}
		b.WriteString(q[t.start:t.end])
	}
	return b.String()
}

func (d *detector) newFinding(r *rule, sev finding.Severity, a *analysed, key, detail, db, table string) finding.Finding {
	// Everything in a query-log row but the time and the address was chosen by the client
	// (user, user agent, client name, query id, query text) or quotes it (the exception):
	// the evidence shows it through untrusted.Text, so that a finding's text can carry no
	// escape sequence or line break into a terminal, a report or an alert.
	u := untrusted.Text
	var ev strings.Builder
	fmt.Fprintf(&ev, "%s client %s", a.Time.UTC().Format(time.RFC3339), addrText(a.Addr))
	if a.Port != 0 {
		fmt.Fprintf(&ev, ":%d", a.Port)
	}
	if a.User != "" {
		fmt.Fprintf(&ev, " user %s", u(a.User))
	}
	if a.Interface != "" {
		fmt.Fprintf(&ev, " via %s", u(a.Interface))
	}
	if a.UserAgent != "" {
		fmt.Fprintf(&ev, " (%s)", truncate(u(a.UserAgent), 80))
	} else if a.ClientName != "" {
		fmt.Fprintf(&ev, " (%s)", truncate(u(a.ClientName), 80))
	}
	if a.QueryID != "" {
		fmt.Fprintf(&ev, " query_id %s", truncate(u(a.QueryID), 80))
	}
	if a.Query != "" {
		fmt.Fprintf(&ev, ": %s", u(d.redactQuery(a)))
	}
	if a.Exception != "" {
		fmt.Fprintf(&ev, " → %s", truncate(u(strings.Join(strings.Fields(a.Exception), " ")), 160))
	}
	f := finding.Finding{
		Severity: sev, Category: finding.Intrusion, Rule: r.ID, Title: r.Title, Detail: detail,
		Host: d.host, Port: d.port, Protocol: d.proto, Database: db, Table: table,
		Evidence: ev.String(), Remediation: r.Remediation, References: refs,
		Tags: []string{"client:" + addrText(a.Addr), "user:" + a.User, "source:" + a.Source},
	}
	h := sha256.New()
	for _, s := range []string{r.ID, d.host, strconv.Itoa(d.port), key, strconv.FormatInt(a.Time.Unix(), 10), a.QueryID} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	f.ID = hex.EncodeToString(h.Sum(nil)[:10])
	return f
}

// shortDuration prints 10m rather than 10m0s.
func shortDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

package summary

import (
	"fmt"
	"slices"
	"strings"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/lazyre"
)

// An Exposure is what one exposed server gives away, for its headline: who can get in,
// how much data and from when, how much of it is chat, the kinds of secrets and personal
// data found, what else anyone could do, and whom to tell.
type Exposure struct {
	Service *finding.Service
	// Name is the product as people write it ("ClickHouse").
	Name string
	// Also are the other ports of the same server (their datasets and findings are
	// Service's).
	Also     []*finding.Service
	Severity finding.Severity
	// Open is set when anyone could have read the service as leakwatch did.
	Open bool

	Datasets      int
	Rows          int64
	RowsEstimated bool
	// From and To are the first and last dates (YYYY-MM-DD) of the datasets' time ranges.
	From, To string
	// Chat are the datasets (or key patterns) found to hold chat transcripts.
	Chat []Place

	SecretKinds  []string // rule titles, in order of first appearance
	SecretValues int
	// Live and Revoked count the secrets their issuers judged (--verify).
	Live, Revoked int
	PIIKinds      []string
	PIIValues     int
	// InfraKinds and InfraValues are the data about machines rather than people
	// (public client addresses in access logs, …), counted apart from personal data.
	InfraKinds  []string
	InfraValues int
	// HashKinds and HashValues are the stored password hashes found (category
	// credential-hash): crackable offline, counted apart from secrets.
	HashKinds  []string
	HashValues int
	// Abilities are the titles of what else anyone could do (capabilities) or did
	// already (signs of intrusion), most severe first.
	Abilities []string

	Contact Contact
	// Issues are the service's findings about itself (exposure first), Data the values
	// found in what it holds.
	Issues []*Group
	Data   []*Group
}

// Place is a dataset or a key pattern and its size.
type Place struct {
	Name     string
	Rows     int64
	Unit     string // "rows", "keys", …
	From, To string
}

// NoteByAddress is the contact note of a service scanned by address: security.txt is
// looked up only for host names.
const NoteByAddress = "not looked up: scanned by address (leakwatch disclose asks the address's registry)"

// Contact is whom to tell about a service, from what the report holds.
type Contact struct {
	// Addresses are the contacts found (mailto: and https: URIs as written).
	Addresses []string
	// Source says where they were found ("security.txt at https://…").
	Source string
	// Note says why none was found, or where else to look.
	Note string
}

// ProductName names a service's product as people write it: the name the scan recorded,
// else the one its exposure finding gives, else a known name, else the product id.
func ProductName(r *finding.Report, svc *finding.Service) string {
	if svc.Name != "" {
		return svc.Name
	}
	for _, f := range r.Findings {
		if f.Category != finding.Exposure || f.Host != svc.Host || f.Port != svc.Port {
			continue
		}
		for _, tail := range []string{" answers without a password", " accepts a well-known default password"} {
			if n, _, ok := strings.Cut(f.Title, tail); ok && n != "" {
				return n
			}
		}
	}
	if n, ok := knownNames[svc.Product]; ok {
		return n
	}
	return cmpOr(svc.Product, svc.Protocol, "service")
}

// knownNames are the display names of the products whose probers name only themselves,
// for reports written before services carried a name.
var knownNames = map[string]string{
	"clickhouse": "ClickHouse", "postgres": "PostgreSQL", "mysql": "MySQL", "mariadb": "MariaDB",
	"redis": "Redis", "memcached": "Memcached", "etcd": "etcd", "influxdb": "InfluxDB",
	"prometheus": "Prometheus", "mongodb": "MongoDB", "couchdb": "CouchDB",
	"elasticsearch": "Elasticsearch", "opensearch": "OpenSearch", "kibana": "Kibana",
	"docker": "Docker Engine API", "minio": "MinIO",
}

func cmpOr(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

// exposures picks the services worth a headline: those anyone could read, those read
// with the user's credentials that hold data, and those that let anyone do something
// serious (a capability or a sign of intrusion of high severity or more).
func exposures(r *finding.Report, s *Summary) []*Exposure {
	bySvc := map[string]*ServiceFindings{}
	for _, sf := range s.Services {
		if sf.Service != nil {
			bySvc[endpointKey(sf.Service.Host, sf.Service.Port)] = sf
		}
	}
	var out []*Exposure
	for i := range r.Services {
		svc := &r.Services[i]
		if svc.SameAs != "" {
			continue
		}
		e := &Exposure{Service: svc, Name: ProductName(r, svc), Open: svc.Auth.Open()}
		for j := range r.Services {
			if r.Services[j].SameAs == endpointKey(svc.Host, svc.Port) {
				e.Also = append(e.Also, &r.Services[j])
			}
		}
		for _, ep := range append([]*finding.Service{svc}, e.Also...) {
			if sf := bySvc[endpointKey(ep.Host, ep.Port)]; sf != nil {
				e.Issues = append(e.Issues, sf.Issues...)
				e.Data = append(e.Data, sf.Data...)
			}
		}
		serious := false
		for _, g := range append(slices.Clone(e.Issues), e.Data...) {
			e.Severity = max(e.Severity, g.Severity)
			if (g.Category == finding.Capability || g.Category == finding.Intrusion) && g.Severity >= finding.High {
				serious = true
			}
		}
		if !e.Open && !serious && !(svc.Auth == finding.AuthCredentials && len(svc.Datasets) > 0) {
			continue
		}
		e.fill(r)
		out = append(out, e)
	}
	slices.SortStableFunc(out, func(a, b *Exposure) int { return int(b.Severity) - int(a.Severity) })
	return out
}

var datePrefix = lazyre.New(`^\d{4}-\d{2}-\d{2}`)

// Date is the YYYY-MM-DD a time range value starts with, or "".
func Date(s string) string { return datePrefix.FindString(s) }

func (e *Exposure) fill(r *finding.Report) {
	svc := e.Service
	e.Datasets = len(svc.Datasets)
	for _, d := range svc.Datasets {
		e.Rows += d.Rows
		e.RowsEstimated = e.RowsEstimated || d.RowsEstimated
		if d.TimeRange != nil {
			e.From = earliest(e.From, Date(d.TimeRange.Min))
			e.To = latest(e.To, Date(d.TimeRange.Max))
		}
		if slices.Contains(d.Classes, "chat") && !slices.Contains(keyKinds, d.Kind) {
			p := Place{Name: Object(d.Database, d.Table, ""), Rows: d.Rows, Unit: rowUnit([]finding.Dataset{d})}
			if d.TimeRange != nil {
				p.From, p.To = Date(d.TimeRange.Min), Date(d.TimeRange.Max)
			}
			e.Chat = append(e.Chat, p)
		}
	}
	seenSecret, seenPII, seenInfra, seenHash := map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, g := range e.Data {
		switch g.Category {
		case finding.Secret:
			if !seenSecret[g.Rule] {
				seenSecret[g.Rule] = true
				e.SecretKinds = append(e.SecretKinds, g.Title)
			}
			e.SecretValues += g.Values()
			for _, f := range g.Findings {
				switch f.Verified {
				case finding.VerifiedLive:
					e.Live++
				case finding.VerifiedRevoked:
					e.Revoked++
				}
			}
		case finding.PII:
			if !seenPII[g.Rule] {
				seenPII[g.Rule] = true
				e.PIIKinds = append(e.PIIKinds, g.Title)
			}
			e.PIIValues += g.Values()
		case finding.Infrastructure:
			if !seenInfra[g.Rule] {
				seenInfra[g.Rule] = true
				e.InfraKinds = append(e.InfraKinds, g.Title)
			}
			e.InfraValues += g.Values()
		case finding.CredentialHash:
			if !seenHash[g.Rule] {
				seenHash[g.Rule] = true
				e.HashKinds = append(e.HashKinds, g.Title)
			}
			e.HashValues += g.Values()
		case finding.Chat:
			if g.KeyPattern {
				p := Place{Name: g.Location(), Rows: int64(len(g.Keys)), Unit: "keys"}
				if g.Listed != nil {
					p.Rows = g.Listed.Listed
				}
				e.Chat = append(e.Chat, p)
			}
		}
	}
	for _, g := range e.Issues {
		if (g.Category == finding.Capability || g.Category == finding.Intrusion) && g.Severity >= finding.Medium {
			e.Abilities = append(e.Abilities, g.Title)
		}
	}
	e.Contact = contactFor(r, svc)
}

func earliest(a, b string) string {
	if a == "" || (b != "" && b < a) {
		return b
	}
	return a
}

func latest(a, b string) string {
	if b > a {
		return b
	}
	return a
}

func contactFor(r *finding.Report, svc *finding.Service) Contact {
	for _, c := range r.Contacts {
		if c.Host != svc.Hostname && c.Host != svc.Host {
			continue
		}
		if len(c.Contact) > 0 {
			return Contact{Addresses: c.Contact, Source: "security.txt at " + c.URL}
		}
		note := "no security.txt at " + c.Host
		if c.Error != "" {
			note += " (" + c.Error + ")"
		}
		return Contact{Note: note}
	}
	if svc.Hostname == "" {
		return Contact{Note: NoteByAddress}
	}
	return Contact{Note: "security.txt not looked up"}
}

// Unit words for the rows of datasets of a kind, and for the datasets themselves.
var (
	rowUnits = map[string]string{"table": "rows", "view": "rows", "keyspace": "keys", "cache": "keys", "prefix": "keys",
		"collection": "documents", "index": "documents", "database": "documents", "bucket": "objects", "measurement": "series"}
	datasetNouns = map[string][2]string{"table": {"table", "tables"}, "view": {"table", "tables"},
		"keyspace": {"database", "databases"}, "cache": {"cache", "caches"}, "prefix": {"key prefix", "key prefixes"},
		"collection": {"collection", "collections"}, "index": {"index", "indices"}, "database": {"database", "databases"},
		"bucket": {"bucket", "buckets"}, "measurement": {"measurement", "measurements"}}
)

// rowUnit names what the rows of ds are: "keys" when every one is a key space, "rows"
// when they differ or the kind is not known.
func rowUnit(ds []finding.Dataset) string {
	u := ""
	for _, d := range ds {
		v := rowUnits[d.Kind]
		if v == "" {
			v = "rows"
		}
		if u != "" && u != v {
			return "rows"
		}
		u = v
	}
	return cmpOr(u, "rows")
}

func datasetNoun(ds []finding.Dataset) [2]string {
	var n [2]string
	for _, d := range ds {
		v, ok := datasetNouns[d.Kind]
		if !ok || (n[0] != "" && n != v) {
			return [2]string{"dataset", "datasets"}
		}
		n = v
	}
	if n[0] == "" {
		return [2]string{"dataset", "datasets"}
	}
	return n
}

// Endpoint is the service's address, with the other ports of the same server:
// "127.0.0.1:8123 (also 9000, 9440)".
func (e *Exposure) Endpoint() string {
	s := HostPort(e.Service.Host, e.Service.Port)
	if e.Service.Hostname != "" && e.Service.Hostname != e.Service.Host {
		s = e.Service.Hostname + " " + s
	}
	if len(e.Also) > 0 {
		ports := make([]string, len(e.Also))
		for i, a := range e.Also {
			ports[i] = fmt.Sprint(a.Port)
		}
		s += " (also " + strings.Join(ports, ", ") + ")"
	}
	return s
}

// Access says who can get in: "open to anyone", "open to anyone with the default
// password of user "admin"", "readable with the credentials given", ….
func (e *Exposure) Access() string {
	svc := e.Service
	switch svc.Auth {
	case finding.AuthNone:
		return "open to anyone"
	case finding.AuthDefault:
		if svc.User != "" {
			return fmt.Sprintf("open to anyone: default password of user %q", svc.User)
		}
		return "open to anyone: default password"
	case finding.AuthCredentials:
		return "readable with the credentials given"
	case finding.AuthRequired:
		return "password required"
	}
	return "access not decided"
}

// DataLine is how much data there is and from when: "1,305,014 rows in 6 tables from
// 2024-03-01 to 2025-05-13"; "" when nothing was listed.
func (e *Exposure) DataLine() string {
	if e.Datasets == 0 {
		return ""
	}
	ds := e.Service.Datasets
	noun := datasetNoun(ds)
	rows := Number(e.Rows)
	if e.RowsEstimated {
		rows = "about " + rows
	}
	s := fmt.Sprintf("%s %s in %s", rows, rowUnit(ds), Count(e.Datasets, noun[0], noun[1]))
	if cut := CutShort(e.Service); cut != "" {
		s += " (" + cut + ")"
	}
	return s + span(e.From, e.To)
}

func span(from, to string) string {
	switch {
	case from == "":
		return ""
	case to == "" || to == from:
		return " from " + from
	}
	return " from " + from + " to " + to
}

// ChatLine is how much chat it holds: "1,100,000 rows of chat logs in default.log_stream
// from 2025-01-06 to 2025-05-13"; "" when none was found.
func (e *Exposure) ChatLine() string {
	if len(e.Chat) == 0 {
		return ""
	}
	var rows int64
	unit, from, to := e.Chat[0].Unit, "", ""
	names := make([]string, 0, len(e.Chat))
	for _, c := range e.Chat {
		rows += c.Rows
		if c.Unit != unit {
			unit = "rows"
		}
		from, to = earliest(from, c.From), latest(to, c.To)
		names = append(names, c.Name)
	}
	where := strings.Join(names, ", ")
	if len(names) > 3 {
		where = strings.Join(names[:3], ", ") + fmt.Sprintf(" and %d more", len(names)-3)
	}
	return fmt.Sprintf("%s %s of chat logs in %s%s", Number(rows), unit, where, span(from, to))
}

// SecretsLine counts the kinds of secrets and the values: "12 kinds of secrets (37
// values)", "1 kind of secret (1 value)", and with --verify what the issuers said: "(37
// values, 3 verified live, 2 revoked)"; "" when none.
func (e *Exposure) SecretsLine() string {
	if len(e.SecretKinds) == 0 {
		return ""
	}
	values := Count(e.SecretValues, "value", "values")
	var verdicts []string
	if e.Live > 0 {
		verdicts = append(verdicts, fmt.Sprintf("%d verified live", e.Live))
	}
	if e.Revoked > 0 {
		verdicts = append(verdicts, fmt.Sprintf("%d revoked", e.Revoked))
	}
	if len(verdicts) > 0 {
		values += ", " + strings.Join(verdicts, ", ")
	}
	return fmt.Sprintf("%s (%s)", Count(len(e.SecretKinds), "kind of secret", "kinds of secrets"), values)
}

// SecretsList names the kinds of secrets found.
func (e *Exposure) SecretsList() string { return strings.Join(e.SecretKinds, ", ") }

// PIILine says what personal data was found: "personal data (60 values): E-mail
// address, Phone number"; "" when none.
func (e *Exposure) PIILine() string { return kindsLine("personal data", e.PIIKinds, e.PIIValues) }

// PIIDetail is PIILine for a labelled list: "E-mail address, Phone number (60 values)".
func (e *Exposure) PIIDetail() string { return kindsDetail(e.PIIKinds, e.PIIValues) }

// InfraLine says what data about machines was found, apart from personal data:
// "infrastructure data (14 values): IP address"; "" when none.
func (e *Exposure) InfraLine() string {
	return kindsLine("infrastructure data", e.InfraKinds, e.InfraValues)
}

// InfraDetail is InfraLine for a labelled list: "IP address (14 values)".
func (e *Exposure) InfraDetail() string { return kindsDetail(e.InfraKinds, e.InfraValues) }

// HashLine says what password hashes were found, apart from secrets: "password hashes
// (3 values): bcrypt password hash"; "" when none.
func (e *Exposure) HashLine() string { return kindsLine("password hashes", e.HashKinds, e.HashValues) }

// kindsLine is "label (n values): kind, kind"; "" when there are no kinds.
func kindsLine(label string, kinds []string, n int) string {
	if len(kinds) == 0 {
		return ""
	}
	return fmt.Sprintf("%s (%s): %s", label, Count(n, "value", "values"), strings.Join(kinds, ", "))
}

// kindsDetail is "kind, kind (n values)"; "" when there are no kinds.
func kindsDetail(kinds []string, n int) string {
	if len(kinds) == 0 {
		return ""
	}
	return fmt.Sprintf("%s (%s)", strings.Join(kinds, ", "), Count(n, "value", "values"))
}

// AbilitiesLine names what else anyone could do, at most three: "also: …; …; and 2
// more"; "" when nothing.
func (e *Exposure) AbilitiesLine() string {
	if len(e.Abilities) == 0 {
		return ""
	}
	a := e.Abilities
	more := ""
	if len(a) > 3 {
		more = fmt.Sprintf("; and %d more", len(a)-3)
		a = a[:3]
	}
	return "also: " + strings.Join(a, "; ") + more
}

// ContactLine says whom to tell: "contact: mailto:security@example.com (security.txt at
// https://…)" or why no one was found.
func (e *Exposure) ContactLine() string {
	if len(e.Contact.Addresses) > 0 {
		return "contact: " + strings.Join(e.Contact.Addresses, ", ") + " (" + e.Contact.Source + ")"
	}
	return "contact: " + e.Contact.Note
}

// Headline is the service's headline as parts to join with " — ": product and
// address, access, data, chat, secrets, personal data, infrastructure data, abilities,
// contact. Empty parts
// are left out.
func (e *Exposure) Headline() []string {
	parts := []string{e.Name + " " + e.Endpoint(), e.Access(), e.DataLine(), e.ChatLine(), e.SecretsLine(), e.PIILine(), e.InfraLine(), e.HashLine(), e.AbilitiesLine(), e.ContactLine()}
	return slices.DeleteFunc(parts, func(s string) bool { return s == "" })
}

// Line is one labelled line of an exposure in the formats that label them (markdown,
// HTML): "Data", "Secrets", "Whom to tell", …; Text is still the servers' to escape.
type Line struct {
	Label, Text string
}

// Lines are the exposure's labelled lines, in report order, the empty ones left out.
func (e *Exposure) Lines() []Line {
	var out []Line
	add := func(label, s string) {
		if s != "" {
			out = append(out, Line{label, s})
		}
	}
	add("Data", e.DataLine())
	add("Chat", e.ChatLine())
	if l := e.SecretsLine(); l != "" {
		add("Secrets", l+": "+e.SecretsList())
	}
	add("Personal data", e.PIIDetail())
	add("Infrastructure data", e.InfraDetail())
	add("Password hashes", kindsDetail(e.HashKinds, e.HashValues))
	for _, a := range e.Abilities {
		add("Anyone could also", a)
	}
	add("Whom to tell", strings.TrimPrefix(e.ContactLine(), "contact: "))
	return out
}

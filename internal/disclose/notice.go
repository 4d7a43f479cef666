package disclose

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/report/summary"
)

// NoticeOptions say what to write about and where to look for contacts.
type NoticeOptions struct {
	// Host is the address or host name (optionally with ":port", to keep to one
	// service) whose services the notice is about.
	Host string
	// RDAP asks the address's registry for its abuse contact (LookupAbuse).
	RDAP        bool
	RDAPOptions RDAPOptions
	// Sender signs the notice ("" leaves a placeholder to fill in).
	Sender string
}

// Notice is a ready-to-send notification to the owner of exposed services: what is
// exposed, how it was observed, the risk, how to fix it, and whom it is addressed to.
// It never holds a raw secret: values are dropped from the report before anything is
// composed, and whatever a server chose is escaped when the notice is written.
type Notice struct {
	doc *document
	// Subject is the notice's subject line (raw: escape it for its sink).
	Subject string
	// To are the contacts found; Tried says where they were looked for.
	To    []Recipient
	Tried []string
}

// Recipient is one contact address and where it came from.
type Recipient struct {
	Address string
	Source  string
}

// ErrNoService means the report holds no service of the host asked about.
var ErrNoService = errors.New("no service of this host in the report")

// maxDatasetsListed bounds the datasets a notice lists per service (largest first).
const maxDatasetsListed = 10

// BuildNotice writes the notice about opts.Host from a scan report. r is not modified.
func BuildNotice(ctx context.Context, r *finding.Report, opts NoticeOptions) (*Notice, error) {
	rep, raws := scrub(r)
	sub, err := selectHost(rep, opts.Host)
	if err != nil {
		return nil, err
	}
	sum := summary.Of(sub)
	exposures := sum.Exposures
	if len(exposures) == 0 {
		return nil, fmt.Errorf("%w: %s has services in the report, but none is exposed (open, or with a serious capability)", ErrNoService, opts.Host)
	}
	n := &Notice{doc: &document{}}
	n.findContacts(ctx, sub, exposures, opts)
	n.compose(sub, exposures, opts)
	n.scrubRaw(raws)
	return n, nil
}

// scrub copies r without any raw value (a report written with --reveal holds them) and
// returns those values, so that the finished notice can be checked for them too.
func scrub(r *finding.Report) (*finding.Report, []string) {
	out := *r
	out.Findings = slices.Clone(r.Findings)
	var raws []string
	for i := range out.Findings {
		if v := out.Findings[i].Value; v != "" {
			if len(v) >= 4 {
				raws = append(raws, v)
			}
			out.Findings[i].Value = ""
		}
	}
	return &out, raws
}

// selectHost keeps the services (and their findings and contacts) of host: an address,
// a host name the scan was given, or either with ":port".
func selectHost(r *finding.Report, host string) (*finding.Report, error) {
	host = strings.TrimSpace(host)
	if host == "" {
		return nil, errors.New("no host given")
	}
	name, port := host, 0
	if ap, err := netip.ParseAddrPort(host); err == nil {
		name, port = ap.Addr().Unmap().String(), int(ap.Port())
	} else if h, p, ok := strings.Cut(host, ":"); ok && !strings.Contains(p, ":") {
		var n int
		if _, err := fmt.Sscanf(p, "%d", &n); err == nil && n > 0 && n < 65536 {
			name, port = h, n
		}
	}
	if a, err := netip.ParseAddr(strings.Trim(name, "[]")); err == nil {
		name = a.Unmap().String()
	}
	match := func(h, hostname string, p int) bool {
		return (strings.EqualFold(h, name) || hostname != "" && strings.EqualFold(hostname, name)) && (port == 0 || p == port)
	}
	out := &finding.Report{Tool: r.Tool, Version: r.Version, Started: r.Started, Finished: r.Finished}
	keep := map[string]bool{}
	for _, s := range r.Services {
		if match(s.Host, s.Hostname, s.Port) {
			out.Services = append(out.Services, s)
			keep[summary.HostPort(s.Host, s.Port)] = true
		}
	}
	// A service folded into another (same_as) brings the one that carries its data.
	for _, s := range out.Services {
		if s.SameAs != "" && !keep[s.SameAs] {
			for _, t := range r.Services {
				if summary.HostPort(t.Host, t.Port) == s.SameAs {
					out.Services = append(out.Services, t)
					keep[s.SameAs] = true
				}
			}
		}
	}
	if len(out.Services) == 0 {
		var hosts []string
		seen := map[string]bool{}
		for _, s := range r.Services {
			h := s.Host
			if s.Hostname != "" {
				h = s.Hostname
			}
			if !seen[h] {
				seen[h] = true
				hosts = append(hosts, h)
			}
		}
		sort.Strings(hosts)
		if len(hosts) > 10 {
			hosts = append(hosts[:10], "…")
		}
		return nil, fmt.Errorf("%w: %q (the report has %s)", ErrNoService, host, strings.Join(hosts, ", "))
	}
	for _, f := range r.Findings {
		if f.File == "" && keep[summary.HostPort(f.Host, f.Port)] {
			out.Findings = append(out.Findings, f)
		}
	}
	for _, c := range r.Contacts {
		for _, s := range out.Services {
			if c.Host == s.Hostname || c.Host == s.Host {
				out.Contacts = append(out.Contacts, c)
				break
			}
		}
	}
	return out, nil
}

// findContacts gathers the contacts: the security.txt files the scan found, then the
// RDAP abuse contact of each address, noting every place tried.
func (n *Notice) findContacts(ctx context.Context, r *finding.Report, es []*summary.Exposure, opts NoticeOptions) {
	names := map[string]bool{}
	var addrs []string
	for _, e := range es {
		if e.Service.Hostname != "" {
			names[e.Service.Hostname] = true
		}
		if !slices.Contains(addrs, e.Service.Host) {
			addrs = append(addrs, e.Service.Host)
		}
	}
	for _, c := range r.Contacts {
		if len(c.Contact) > 0 {
			for _, a := range c.Contact {
				n.To = append(n.To, Recipient{Address: a, Source: "security.txt at " + c.URL})
			}
			n.Tried = append(n.Tried, "security.txt of "+c.Host+": found at "+c.URL)
		} else {
			why := "none found"
			if c.Error != "" {
				why += " (" + c.Error + ")"
			}
			n.Tried = append(n.Tried, "security.txt of "+c.Host+": "+why)
		}
		delete(names, c.Host)
	}
	for _, h := range sortedSet(names) {
		n.Tried = append(n.Tried, "security.txt of "+h+": not looked up by the scan (--no-security-txt)")
	}
	if len(r.Contacts) == 0 && len(names) == 0 {
		n.Tried = append(n.Tried, "security.txt: not looked up, since the scan was given addresses, not host names")
	}
	for _, a := range addrs {
		ip, err := netip.ParseAddr(a)
		switch {
		case err != nil:
			n.Tried = append(n.Tried, "RDAP abuse contact of "+a+": not an address")
		case !opts.RDAP:
			n.Tried = append(n.Tried, "RDAP abuse contact of "+a+": not asked (--no-rdap)")
		default:
			ab := LookupAbuse(ctx, ip, opts.RDAPOptions)
			if len(ab.Emails) == 0 {
				n.Tried = append(n.Tried, "RDAP abuse contact of "+a+": "+ab.Err)
				continue
			}
			src := "RDAP abuse contact of " + a
			if ab.Network != "" || ab.Name != "" {
				src += " (network " + strings.TrimSpace(ab.Network+" "+ab.Name) + ", from " + ab.Registry + ")"
			}
			for _, m := range ab.Emails {
				n.To = append(n.To, Recipient{Address: m, Source: src})
			}
			n.Tried = append(n.Tried, "RDAP abuse contact of "+a+": found at "+ab.Registry)
		}
	}
}

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// compose writes the notice's sections.
func (n *Notice) compose(r *finding.Report, es []*summary.Exposure, opts NoticeOptions) {
	d := n.doc
	host := opts.Host
	what := []string{}
	for _, e := range es {
		what = append(what, e.Name)
	}
	what = slices.Compact(what)
	names := strings.Join(what, ", ")
	if len(what) > 3 {
		names = fmt.Sprintf("%d data stores", len(es))
	}
	one := len(es) == 1
	n.Subject = fmt.Sprintf("Security notice: %s at %s %s readable without a password", names, host, pick(one, "is", "are"))
	if holdsSecretsOrChat(es) {
		n.Subject += ", with secrets or chat logs in " + pick(one, "it", "them")
	}
	d.title(n.Subject)
	if len(n.To) > 0 {
		// One recipient an item: an address is the registry's or the site's to choose.
		d.labelled("To", "")
		for _, t := range n.To {
			d.item("", strings.TrimPrefix(t.Address, "mailto:")+" ("+t.Source+")")
		}
	} else {
		d.labelled("To", "no contact found: see \"Whom this was sent to\" at the end for the places tried")
	}

	d.para("Hello,")
	when := "recently"
	if !r.Started.IsZero() {
		when = "on " + r.Started.UTC().Format("2006-01-02 at 15:04 MST")
	}
	d.paraf("%s, a scan with leakwatch (an open-source tool that finds data stores left open to the network) found %s at %s that anyone on the network can read. "+
		"We are telling you so that you can close %s before someone less careful finds %s. Nothing on your servers was changed: see \"How this was observed\".",
		capitalise(when), summary.Count(len(es), "service", "services"), host, pick(one, "it", "them"), pick(one, "it", "them"))

	d.heading("What is exposed")
	for _, e := range es {
		n.exposure(e)
	}

	d.heading("How this was observed")
	if !r.Started.IsZero() && !r.Finished.IsZero() {
		d.item("When", fmt.Sprintf("%s to %s (UTC)", r.Started.UTC().Format(time.DateTime), r.Finished.UTC().Format(time.DateTime)))
	}
	var access []string
	for _, e := range es {
		access = append(access, e.Name+" "+summary.HostPort(e.Service.Host, e.Service.Port)+": "+howAccessed(e.Service))
	}
	d.item("Access", strings.Join(access, "; "))
	sampled := 0
	for _, e := range es {
		for _, ds := range e.Service.Datasets {
			sampled = max(sampled, ds.Sampled)
		}
	}
	how := "leakwatch " + nonEmpty(r.Version, "dev") + " listed the databases and tables, counted their rows, read the first and last values of their date columns"
	if sampled > 0 {
		how += fmt.Sprintf(", and read a small sample (at most %s per table or key space) to recognise secrets, personal data and chat transcripts", summary.Count(sampled, "row", "rows"))
	}
	d.item("What was read", how+".")
	readOnly := "Every request was read-only"
	for _, e := range es {
		if e.Service.Product == "clickhouse" {
			readOnly += " (ClickHouse queries ran with readonly=1)"
			break
		}
	}
	d.item("What was not done", readOnly+". Nothing was written, changed or deleted, "+
		"and nothing was kept beyond the redacted evidence in this notice: each value is shown by at most its first characters and its length.")

	n.verification(r)

	d.heading("Why it matters")
	var secrets, chat, pii bool
	var abilities []string
	for _, e := range es {
		secrets = secrets || len(e.SecretKinds) > 0
		chat = chat || len(e.Chat) > 0
		pii = pii || len(e.PIIKinds) > 0
		abilities = append(abilities, e.Abilities...)
	}
	d.item("", "Anyone who finds the port can read everything listed above, as this scan did; search engines for open services index such ports within days.")
	if secrets {
		d.item("", "The credentials found give access to other systems (cloud accounts, payment providers, code repositories, other databases). Anyone who has read them can use them until they are revoked: treat every one as compromised.")
	}
	if chat {
		d.item("", "Chat transcripts are your users' words, often with names, contact details and pasted secrets. Their exposure is likely a personal data breach that you have to assess, and may have to report (under the GDPR, to the supervisory authority within 72 hours of becoming aware of it).")
	}
	if pii && !chat {
		d.item("", "The personal data found (e-mail addresses, phone numbers and the like) may make this a personal data breach that you have to assess and may have to report.")
	}
	if len(abilities) > 0 {
		d.item("", "Beyond reading, the services let anyone do more:")
		for _, a := range abilities {
			d.subitem(a)
		}
	}

	d.heading("How to fix it")
	for _, e := range es {
		n.fixes(e)
	}

	d.heading("Whom this was sent to")
	if len(n.To) == 0 {
		d.para("No contact was found for " + host + ". Places tried:")
	} else {
		d.para("Contacts found, and the places tried:")
	}
	for _, t := range n.Tried {
		d.item("", t)
	}

	sender := opts.Sender
	if sender == "" {
		sender = "[your name and how to reach you]"
	}
	d.para("Thank you for looking into it. Please reply if anything here is unclear or if you would like us to check again after the fix.")
	d.para("— " + sender)
}

func pick(cond bool, yes, no string) string {
	if cond {
		return yes
	}
	return no
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func nonEmpty(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func holdsSecretsOrChat(es []*summary.Exposure) bool {
	for _, e := range es {
		if len(e.SecretKinds) > 0 || len(e.Chat) > 0 {
			return true
		}
	}
	return false
}

func howAccessed(s *finding.Service) string {
	switch s.Auth {
	case finding.AuthNone:
		if s.User != "" {
			return fmt.Sprintf("answered as user %q without a password", s.User)
		}
		return "answered without any credentials"
	case finding.AuthDefault:
		return fmt.Sprintf("accepted the well-known default password of user %q", s.User)
	case finding.AuthCredentials:
		return "read with credentials its owner gave for the scan"
	}
	return "access " + string(s.Auth)
}

// exposure describes one exposed service: data, chat, the largest datasets, the secrets
// and personal data found (redacted), what else anyone could do.
func (n *Notice) exposure(e *summary.Exposure) {
	d := n.doc
	d.subheading(e.Name + " at " + e.Endpoint() + " — " + e.Access())
	if l := e.DataLine(); l != "" {
		d.item("Data", l)
	}
	if l := e.ChatLine(); l != "" {
		d.item("Chat", l)
	}
	ds := slices.Clone(e.Service.Datasets)
	sort.SliceStable(ds, func(i, j int) bool { return ds[i].Rows > ds[j].Rows })
	if len(ds) > 0 {
		label := "Datasets"
		if len(ds) > maxDatasetsListed {
			label = fmt.Sprintf("The %d largest of %d datasets", maxDatasetsListed, len(ds))
			ds = ds[:maxDatasetsListed]
		}
		d.item(label, "")
		for _, x := range ds {
			s := summary.Object(x.Database, x.Table, "") + ": " + summary.Count(x.Rows, "row", "rows")
			if x.RowsEstimated {
				s = summary.Object(x.Database, x.Table, "") + ": about " + summary.Count(x.Rows, "row", "rows")
			}
			if tr := x.TimeRange; tr != nil && (tr.Min != "" || tr.Max != "") {
				s += fmt.Sprintf(", %s from %s to %s", tr.Column, tr.Min, tr.Max)
			}
			if len(x.Classes) > 0 {
				s += "; the sample held " + strings.Join(x.Classes, ", ")
			}
			d.subitem(s)
		}
	}
	var secrets, pii, chat []*summary.Group
	for _, g := range e.Data {
		switch g.Category {
		case finding.Secret:
			secrets = append(secrets, g)
		case finding.PII:
			pii = append(pii, g)
		case finding.Chat:
			chat = append(chat, g)
		}
	}
	if len(secrets) > 0 {
		d.item("Secrets", e.SecretsLine()+", shown redacted:")
		for _, g := range secrets {
			d.subitem(groupLine(g))
		}
	}
	if len(pii) > 0 {
		d.item("Personal data", e.PIIDetail()+":")
		for _, g := range pii {
			d.subitem(groupLine(g))
		}
	}
	if len(chat) > 0 {
		d.item("Chat transcripts", "found in:")
		for _, g := range chat {
			s := g.Location()
			if k := g.KeysNote(); k != "" {
				s += " " + k
			}
			if ev := g.First().Evidence; ev != "" {
				s += " (" + ev + ")"
			}
			d.subitem(s)
		}
	}
	for _, a := range e.Abilities {
		d.item("Anyone could also", a)
	}
}

// groupLine is one group of values: what, where, how many, and a few redacted.
func groupLine(g *summary.Group) string {
	s := g.Title + " in " + g.Location()
	if k := g.KeysNote(); k != "" {
		s += " " + k
	}
	if v := g.Values(); v > 0 {
		s += ": " + summary.Count(v, "value", "values")
		// No fingerprint: it is keyed with this installation's key, so it would tell the
		// owner nothing.
		if ev := g.Evidence(3, false, false); len(ev) > 0 {
			s += " (" + strings.Join(ev, ", ") + ")"
		}
	} else if ev := g.First().Evidence; ev != "" {
		s += ": " + ev
	}
	return s
}

// fixes lists the steps that close one service: the product's own fix for the exposure,
// the fixes of what else it allows, revoking the secrets, and cleaning up.
func (n *Notice) fixes(e *summary.Exposure) {
	d := n.doc
	d.subheading(e.Name + " at " + summary.HostPort(e.Service.Host, e.Service.Port))
	var steps []string
	add := func(s string) {
		if s = strings.TrimSpace(s); s != "" && !slices.Contains(steps, s) {
			steps = append(steps, s)
		}
	}
	for _, g := range e.Issues {
		if g.Category == finding.Exposure {
			add(g.Remediation())
		}
	}
	for _, g := range e.Issues {
		if g.Category == finding.Capability || g.Category == finding.Intrusion || g.Category == finding.Config && g.Severity >= finding.High {
			add(g.Remediation())
		}
	}
	var revoke []string
	for _, g := range e.Data {
		if g.Category == finding.Secret && !slices.Contains(revoke, g.Title) {
			revoke = append(revoke, g.Title)
		}
	}
	if len(revoke) > 0 {
		add("Revoke and replace every credential listed above at its issuer (" + strings.Join(revoke, ", ") +
			"), then check the issuers' logs for use since the data was first exposed.")
	}
	if len(e.Chat) > 0 || len(e.PIIKinds) > 0 {
		add("Delete the personal data and chat logs you do not need, limit how long the rest is kept, and assess whether the exposure has to be reported.")
	}
	add("Look through the server's logs for other readers (queries and connections from addresses you do not know) for as far back as they go.")
	for i, s := range steps {
		d.step(i+1, s)
	}
}

// verification says what was verified about the secrets: with --verify, what the
// issuers said and how they were asked (VerificationStatement, which calls a secret live
// only when its issuer accepted it); without, that nothing was tried.
func (n *Notice) verification(r *finding.Report) {
	if st := VerificationStatement(r.Findings); st != "" {
		n.doc.item("What was verified", st)
		for _, f := range r.Findings {
			if f.Category != finding.Secret || (f.Verified != finding.VerifiedLive && f.Verified != finding.VerifiedRevoked) {
				continue
			}
			s := strings.ToLower(string(f.Verified)) + ": " + f.Title + " " + f.Redacted + " in " + summary.Object(f.Database, f.Table, f.Column)
			if f.VerifiedBy != "" {
				s += " (" + f.VerifiedBy + ")"
			}
			n.doc.subitem(s)
		}
		return
	}
	secrets := 0
	for _, f := range r.Findings {
		if f.Category == finding.Secret {
			secrets++
		}
	}
	if secrets == 0 {
		return
	}
	n.doc.item("What was not verified", "No secret was tried against its issuer, so this notice does not say whether any of them still works: treat each as valid until revoked.")
}

// scrubRaw replaces, in every text of the notice, any raw value the report held with
// a note: defence in depth behind scrub, for a value a prober also quoted elsewhere.
func (n *Notice) scrubRaw(raws []string) {
	if len(raws) == 0 {
		return
	}
	sort.Slice(raws, func(i, j int) bool { return len(raws[i]) > len(raws[j]) })
	var pairs []string
	for _, v := range raws {
		pairs = append(pairs, v, finding.Redact(v))
	}
	rep := strings.NewReplacer(pairs...)
	for i := range n.doc.blocks {
		n.doc.blocks[i].text = rep.Replace(n.doc.blocks[i].text)
		n.doc.blocks[i].label = rep.Replace(n.doc.blocks[i].label)
	}
	n.Subject = rep.Replace(n.Subject)
	for i := range n.To {
		n.To[i].Address = rep.Replace(n.To[i].Address)
		n.To[i].Source = rep.Replace(n.To[i].Source)
	}
}

// WriteMarkdown writes the notice as markdown.
func (n *Notice) WriteMarkdown(w io.Writer) error { return n.doc.writeMarkdown(w) }

// WriteText writes the notice as plain text, wrapped for an e-mail body.
func (n *Notice) WriteText(w io.Writer) error { return n.doc.writeText(w) }

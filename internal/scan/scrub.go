package scan

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"html"
	"net/url"
	"strconv"
	"strings"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
)

// minScrubbed is the shortest password taken out of reports: a shorter one would blot
// out ordinary words of every message, and says little anyway.
const minScrubbed = 4

// scrubbed stands where a user's password stood.
const scrubbed = "[password]"

// credentialTexts lists the forms in which a server could quote back a user's password
// it was sent: as it is, URL-encoded, inside an HTTP Basic header, and escaped as a JSON
// string (with and without Go's escaping of <, > and &), a Go-quoted string and HTML
// text — an error in JSON or an HTML debug page quotes a request in those. Well-known
// defaults are public and left alone.
func credentialTexts(creds []store.Credential) []string {
	var out []string
	add := func(s string) {
		if len(s) >= minScrubbed && !strings.Contains(scrubbed, s) {
			out = append(out, s)
		}
	}
	for _, c := range creds {
		if c.Default || len(c.Password) < minScrubbed {
			continue
		}
		add(c.Password)
		add(url.QueryEscape(c.Password))
		add(url.PathEscape(c.Password))
		add(base64.StdEncoding.EncodeToString([]byte(c.Username + ":" + c.Password)))
		for _, escapeHTML := range []bool{true, false} {
			var b bytes.Buffer
			enc := json.NewEncoder(&b)
			enc.SetEscapeHTML(escapeHTML)
			if enc.Encode(c.Password) == nil {
				add(strings.TrimSuffix(strings.TrimSuffix(strings.TrimPrefix(b.String(), `"`), "\n"), `"`))
			}
		}
		q := strconv.Quote(c.Password)
		add(q[1 : len(q)-1])
		add(html.EscapeString(c.Password))
	}
	return out
}

// scrubOutcome takes the user's passwords out of every text of o a server could have
// put them in by quoting a request back (an error page that shows the request's
// headers, a command echoed in an error): the service's error, details and datasets,
// the findings' prose and the endpoint's error. Detected values are left as they are:
// redacted by default, and exact only with --reveal, which asked for them.
func scrubOutcome(o *Outcome, secrets []string) {
	if len(secrets) == 0 {
		return
	}
	r := strings.NewReplacer(pairs(secrets)...)
	scrub := func(p *string) {
		if *p != "" {
			*p = scrubCuts(r.Replace(*p), secrets)
		}
	}
	if o.Err != nil {
		scrub(&o.Err.Error)
	}
	if s := o.Service; s != nil {
		scrubService(s, scrub)
	}
	for i := range o.Findings {
		f := &o.Findings[i]
		for _, p := range []*string{&f.Title, &f.Detail, &f.Evidence, &f.Database, &f.Table, &f.Column} {
			scrub(p)
		}
	}
}

func scrubService(s *finding.Service, scrub func(*string)) {
	for _, p := range []*string{&s.Error, &s.Version, &s.User, &s.Name} {
		scrub(p)
	}
	if len(s.Details) > 0 {
		d := make(map[string]string, len(s.Details))
		for k, v := range s.Details {
			scrub(&k)
			scrub(&v)
			d[k] = v
		}
		s.Details = d
	}
	for i := range s.Datasets {
		ds := &s.Datasets[i]
		for _, p := range []*string{&ds.Database, &ds.Table, &ds.Error, &ds.NotSampled} {
			scrub(p)
		}
	}
}

// scrubText takes secrets out of s, as scrubOutcome does.
func scrubText(s string, secrets []string) string {
	if len(secrets) == 0 {
		return s
	}
	return scrubCuts(strings.NewReplacer(pairs(secrets)...).Replace(s), secrets)
}

// cutMark ends a server's text that was cut short (probekit.FirstLine, Printable).
const cutMark = "…"

// scrubCuts takes out the start of a password (minScrubbed bytes or more) that stands
// just before the mark of a cut: the cut of a quoted request (an HTTP error's body is
// cut to 200 bytes) can end inside the password, which the whole password's replacement
// then misses.
func scrubCuts(s string, secrets []string) string {
	if !strings.Contains(s, cutMark) {
		return s
	}
	for _, sec := range secrets {
		for n := len(sec) - 1; n >= minScrubbed; n-- {
			if p := sec[:n] + cutMark; strings.Contains(s, p) {
				s = strings.ReplaceAll(s, p, scrubbed+cutMark)
			}
		}
	}
	return s
}

func pairs(secrets []string) []string {
	out := make([]string, 0, 2*len(secrets))
	for _, s := range secrets {
		out = append(out, s, scrubbed)
	}
	return out
}

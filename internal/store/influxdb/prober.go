// Package influxdb probes InfluxDB over HTTP. For 1.x it decides whether authentication
// is enabled (and whether an admin user exists at all), then lists databases and
// measurements with series counts, fields, tags and time ranges, and samples points —
// sending only single SHOW and SELECT statements without INTO, checked before they
// leave (InfluxDB 1.6 itself executes writes sent with GET). InfluxDB 2.x is
// identified, its onboarding and authentication state reported, and with a token its
// buckets are listed.
package influxdb

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
	"github.com/leakwatch/leakwatch/internal/store/vuln"
)

const (
	product = "influxdb"
	// Proto is the protocol name in services and findings.
	Proto = "influxdb-http"
)

// Prober implements store.Prober for InfluxDB.
type Prober struct {
	probekit.About
	sent func(q string) // tests: sees every statement before it is sent
}

var (
	_ store.Prober    = (*Prober)(nil)
	_ store.Describer = (*Prober)(nil)
)

// about names the product and says how to close it.
var about = probekit.About{
	Product: product,
	Display: "InfluxDB",
	// Ports: InfluxDB's HTTP API port.
	Ports: []int{8086},
	Remediation: "Enable authentication ([http] auth-enabled = true) after creating an admin user with a strong password, give " +
		"applications non-admin users with READ or WRITE grants on their databases only, serve HTTPS (https-enabled), " +
		"and firewall port 8086.",
}

// New returns an InfluxDB prober.
func New() *Prober { return &Prober{About: about} }

// DefaultCredentials are the admin accounts tutorials and container images create.
var DefaultCredentials = []store.Credential{
	{Store: product, Username: "admin", Password: "admin"},
	{Store: product, Username: "root", Password: "root"},
	{Store: product, Username: "influxdb", Password: "influxdb"},
	{Store: product, Username: "admin", Password: "password"},
}

type session struct {
	h    *probekit.Session
	sent func(q string)
}

// Probe fingerprints ep with GET /ping and, when it is InfluxDB, decides access and
// lists and samples what it holds within opts.InventoryTimeout.
func (p *Prober) Probe(ctx context.Context, ep store.Endpoint, opts *store.Options) (*store.Result, error) {
	o := opts.WithDefaults()
	start := time.Now()
	h, resp, err := probekit.OpenSession(ctx, ep, &o, "/ping")
	if err != nil {
		if h != nil {
			h.Close()
		}
		if errors.Is(err, store.ErrTooLarge) {
			return nil, fmt.Errorf("%w: GET /ping: %v", store.ErrNoMatch, err)
		}
		return nil, err
	}
	defer h.Close()
	version := resp.Header.Get("X-Influxdb-Version")
	if version == "" || (resp.Status != http.StatusNoContent && resp.Status != http.StatusOK) {
		return nil, fmt.Errorf("%w: GET /ping answered HTTP %d without X-Influxdb-Version", store.ErrNoMatch, resp.Status)
	}
	res := &store.Result{Service: probekit.NewService(ep, Proto, product, h.TLS)}
	svc := &res.Service
	svc.Version = probekit.Printable([]byte(strings.TrimPrefix(version, "v")), 64)
	if b := resp.Header.Get("X-Influxdb-Build"); b != "" {
		svc.Details["build"] = probekit.Printable([]byte(b), 64)
	}
	if !h.TLS {
		res.Findings = append(res.Findings, probekit.Finish(finding.Finding{Severity: finding.Low, Category: finding.Config,
			Rule: "influxdb-no-tls", Title: "InfluxDB serves its API over plain HTTP",
			Detail:      "Credentials (sent with every request) and data cross the network in clear.",
			Remediation: "Set https-enabled = true with a certificate in the [http] section, or put InfluxDB behind a TLS proxy."}, *svc))
	}
	if v, ok := vuln.Parse(svc.Version); ok && v[0] >= 2 {
		svc.Protocol = ProtoV2
		return probekit.Done(res, start, p.probeV2(ctx, h, &o, res))
	}
	res.Findings = append(res.Findings, versionFindings(*svc)...)

	s := &session{h: h, sent: p.sent}
	used, err := s.login(ctx, &o)
	if err != nil {
		var qe *QueryError
		if errors.As(err, &qe) && strings.Contains(qe.Message, "create admin user first") {
			svc.Auth, svc.Status = finding.AuthRequired, finding.StatusAuthRequired
			svc.Details["auth"] = "enabled, no admin user yet"
			res.Findings = append(res.Findings, probekit.Finish(finding.Finding{Severity: finding.Critical, Category: finding.Capability,
				Rule:  "influxdb-no-admin-user",
				Title: "InfluxDB has authentication enabled but no admin user: anyone can create one",
				Detail: "Until the first admin user exists, InfluxDB 1.x accepts CREATE USER … WITH ALL PRIVILEGES from any " +
					"client; whoever sends it first owns the server and every database.",
				Evidence:    qe.Message,
				Remediation: "Create the admin user now (CREATE USER … WITH ALL PRIVILEGES) from a trusted host."}, *svc))
			return probekit.Done(res, start, nil)
		}
		if !errors.Is(err, store.ErrAuth) {
			return probekit.Done(res, start, err)
		}
		svc.Auth, svc.Status = finding.AuthRequired, finding.StatusAuthRequired
		svc.Details["auth"] = "enabled"
		return probekit.Done(res, start, nil)
	}
	svc.Auth, svc.Status = store.AuthOf(used), finding.StatusOpen
	if used != nil {
		svc.User = used.Username
		svc.Details["auth"] = "enabled"
	} else {
		svc.Details["auth"] = "disabled"
	}
	ictx, cancel := context.WithTimeout(ctx, o.InventoryTimeout)
	defer cancel()
	err = s.explore(ictx, &o, res)
	if err != nil && ctx.Err() == nil && ictx.Err() != nil {
		err = probekit.Truncated(svc, &o)
	}
	return probekit.Done(res, start, err)
}

// login runs SHOW DATABASES without credentials, then with each credential (HTTP basic
// authentication, which InfluxDB 1.x accepts like u/p parameters but keeps out of URLs
// and logs). It returns the credential that worked (nil: none needed).
func (s *session) login(ctx context.Context, o *store.Options) (*store.Credential, error) {
	_, err := s.query(ctx, "", "SHOW DATABASES")
	if err == nil || !errors.Is(err, store.ErrAuth) {
		return nil, err
	}
	var qe *QueryError
	if errors.As(err, &qe) && strings.Contains(qe.Message, "create admin user first") {
		return nil, err
	}
	last := err
	// [1:]: no credentials at all was tried already.
	for _, c := range store.CredentialsToTry(o, product, DefaultCredentials...)[1:] {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		s.h.Header.Set("Authorization", basicAuth(c.Username, c.Password))
		_, err := s.query(ctx, "", "SHOW DATABASES")
		if err == nil {
			return c, nil
		}
		if !errors.Is(err, store.ErrAuth) {
			s.h.Header.Del("Authorization")
			return nil, err
		}
		last = err
	}
	s.h.Header.Del("Authorization")
	return nil, last
}

func basicAuth(user, password string) string {
	r, _ := http.NewRequest(http.MethodGet, "/", nil)
	r.SetBasicAuth(user, password)
	return r.Header.Get("Authorization")
}

// hiddenDatabases are InfluxDB's own.
var hiddenDatabases = map[string]bool{"_internal": true}

// explore lists databases and measurements, samples points and checks privileges.
func (s *session) explore(ctx context.Context, o *store.Options, res *store.Result) error {
	svc := &res.Service
	r, err := s.query(ctx, "", "SHOW DATABASES")
	if err != nil {
		return fmt.Errorf("SHOW DATABASES: %w", err)
	}
	var dbs []string
	long := map[string]bool{}
	names, cut := r.names("name")
	for i, d := range names {
		if !hiddenDatabases[d] {
			dbs = append(dbs, d)
			if cut[i] {
				long[d] = true
			}
		}
	}
	if len(dbs) > o.MaxDatabases {
		dbs = dbs[:o.MaxDatabases]
		svc.Truncated = true
	}
	svc.Details["databases"] = strconv.Itoa(len(dbs))
	res.Findings = append(res.Findings, s.privileges(ctx, *svc)...)

	tables := 0
	for _, db := range dbs {
		if ctx.Err() != nil {
			svc.Truncated = true
			return nil
		}
		if long[db] {
			svc.Datasets = append(svc.Datasets, finding.Dataset{Database: db, Kind: "database", Error: probekit.LongName})
			continue
		}
		r, err := s.query(ctx, db, fmt.Sprintf("SHOW MEASUREMENTS LIMIT %d", o.MaxTables-tables+1))
		if err != nil {
			svc.Datasets = append(svc.Datasets, finding.Dataset{Database: db, Table: "", Kind: "database", Error: shortErr(err)})
			continue
		}
		names, cut := r.names("name")
		for i, m := range names {
			if tables >= o.MaxTables {
				svc.Truncated = true
				break
			}
			tables++
			if cut[i] {
				svc.Datasets = append(svc.Datasets, finding.Dataset{Database: db, Table: m, Kind: "measurement", Error: probekit.LongName})
				continue
			}
			ds := s.measurement(ctx, db, m)
			if o.SampleRows > 0 && ctx.Err() == nil && !probekit.OutOfBudget(o, &ds) {
				smp, err := s.sample(ctx, o, db, m)
				if err != nil && ds.Error == "" {
					ds.Error = "sample: " + shortErr(err)
				}
				if smp != nil && len(smp.Rows) > 0 {
					res.Samples = append(res.Samples, *smp)
				}
			}
			svc.Datasets = append(svc.Datasets, ds)
		}
	}
	return nil
}

func shortErr(err error) string { return probekit.Printable([]byte(err.Error()), 200) }

// measurement describes one measurement: series count (its rows: InfluxDB counts
// points only by scanning them), fields and tags, first and last point.
func (s *session) measurement(ctx context.Context, db, m string) finding.Dataset {
	ds := finding.Dataset{Database: db, Table: m, Kind: "measurement", Engine: "series"}
	from := " FROM " + quoteIdent(m)
	if r, err := s.query(ctx, db, "SHOW SERIES CARDINALITY"+from); err == nil {
		if v := r.column("count"); len(v) > 0 {
			ds.Rows, _ = strconv.ParseInt(v[0], 10, 64)
		}
	} else if r, err := s.query(ctx, db, "SHOW SERIES"+from+" LIMIT 10000"); err == nil {
		// Before 1.4 there is no cardinality statement: count the series keys.
		ds.Rows, ds.RowsEstimated = int64(len(r.column("key"))), true
	}
	if r, err := s.query(ctx, db, "SHOW FIELD KEYS"+from); err == nil {
		keys, types := r.column("fieldKey"), r.column("fieldType")
		for i, k := range keys {
			t := ""
			if i < len(types) {
				t = types[i]
			}
			ds.Columns = append(ds.Columns, finding.Column{Name: probekit.CutName(k), Type: probekit.CutText(t, 64)})
		}
	}
	if r, err := s.query(ctx, db, "SHOW TAG KEYS"+from); err == nil {
		for _, k := range r.column("tagKey") {
			ds.Columns = append(ds.Columns, finding.Column{Name: probekit.CutName(k), Type: "tag"})
		}
	}
	first, err1 := s.query(ctx, db, "SELECT * "+from+" ORDER BY time ASC LIMIT 1")
	last, err2 := s.query(ctx, db, "SELECT * "+from+" ORDER BY time DESC LIMIT 1")
	if err1 == nil && err2 == nil {
		if a, b := first.column("time"), last.column("time"); len(a) == 1 && len(b) == 1 {
			ds.TimeRange = &finding.TimeRange{Column: "time", Min: probekit.CutName(a[0]), Max: probekit.CutName(b[0])}
		}
	}
	return ds
}

// sample reads SampleRows points of a measurement, every column as text, cut to the
// row and sample caps.
func (s *session) sample(ctx context.Context, o *store.Options, db, m string) (*store.Sample, error) {
	r, err := s.query(ctx, db, fmt.Sprintf("SELECT * FROM %s LIMIT %d", quoteIdent(m), o.SampleRows))
	if err != nil {
		return nil, err
	}
	smp := &store.Sample{Database: db, Table: m}
	total := 0
	for _, sr := range r.Series {
		if smp.Columns == nil {
			smp.Columns = make([]string, len(sr.Columns))
			for i, c := range sr.Columns {
				smp.Columns[i] = probekit.CutName(c)
			}
		}
		for _, vals := range sr.Values {
			if len(smp.Rows) >= o.SampleRows || total >= o.MaxSampleBytes {
				return smp, nil
			}
			row := make([]string, len(smp.Columns))
			for i := range row {
				if i < len(vals) {
					row[i] = cellText(vals[i])
				}
			}
			n, ok := probekit.Charge(o, row, min(o.MaxRowBytes, o.MaxSampleBytes-total))
			if !ok {
				return smp, nil
			}
			total += n
			smp.Rows = append(smp.Rows, row)
		}
	}
	return smp, nil
}

// privileges reports what the session may do beyond reading: everything when
// authentication is off, user management for admins.
func (s *session) privileges(ctx context.Context, svc finding.Service) []finding.Finding {
	var out []finding.Finding
	if svc.Auth == finding.AuthNone {
		out = append(out, probekit.Finish(finding.Finding{Severity: finding.High, Category: finding.Capability, Rule: "influxdb-write-access",
			Title: "InfluxDB without authentication lets anyone write, drop databases and create users",
			Detail: "With auth-enabled = false every client is an admin: it can write or delete points, DROP DATABASE, and " +
				"CREATE USER … WITH ALL PRIVILEGES before the owners enable authentication.",
			Remediation: "Create an admin user, then set auth-enabled = true."}, svc))
		return out
	}
	r, err := s.query(ctx, "", "SHOW USERS")
	if err != nil {
		return nil // not an admin
	}
	users, admins := r.column("user"), r.column("admin")
	var names []string
	nAdmin := 0
	for i, u := range users {
		if i < len(admins) && admins[i] == "true" {
			nAdmin++
			u += " (admin)"
		}
		names = append(names, u)
	}
	sort.Strings(names)
	sev := finding.High
	if svc.Auth.Open() {
		sev = finding.Critical
	}
	out = append(out, probekit.Finish(finding.Finding{Severity: sev, Category: finding.Capability, Rule: "influxdb-admin-access",
		Title:    fmt.Sprintf("InfluxDB user %q is an admin: it can manage %d users and every database", svc.User, len(users)),
		Evidence: probekit.CutText(strings.Join(names, ", "), 500), Count: len(users),
		Remediation: "Give applications non-admin users with grants on their databases only, and a strong, unique " +
			"password to each admin."}, svc))
	return out
}

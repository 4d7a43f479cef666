// Package couchdb probes Apache CouchDB over its HTTP API: it fingerprints the server
// from its welcome document, decides whether anyone is a server admin ("admin party")
// or may read databases, lists databases with document counts and sizes, samples
// documents with _all_docs, and reports what an intruder could do there. Only GETs are
// sent. When the version has the Erlang-cookie flaw it also asks the Erlang port mapper
// (EPMD, port 4369) which nodes it announces — a read-only query.
package couchdb

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/leakwatch/leakwatch/internal/detect"
	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
)

const (
	name     = "couchdb"
	protocol = "couchdb-http"
)

// Prober implements store.Prober for CouchDB.
type Prober struct {
	probekit.About
	// epmdPort is the port mapper's port; tests point it at their own listener.
	epmdPort int
}

var (
	_ store.Prober           = (*Prober)(nil)
	_ store.Describer        = (*Prober)(nil)
	_ store.ProductDescriber = (*Prober)(nil)
)

// CouchDB-compatible servers, recognised by the CouchDB API they answer, each reported
// under its own name so that CouchDB's vulnerabilities are not matched against them.
const (
	productPouchDB    = "pouchdb-server"     // express-pouchdb: {"express-pouchdb":"Welcome!"}
	productCompatible = "couchdb-compatible" // another welcome, the CouchDB API behind it
)

// DescribeProduct names the compatible servers and says how to close them.
func (*Prober) DescribeProduct(product string) (string, string, bool) {
	switch product {
	case productPouchDB:
		return "PouchDB Server", "Create a server admin (PUT /_config/admins/NAME, or the admins section of its config.json) " +
			"to end admin party, give every database a _security object with members, bind --host to localhost or a private " +
			"address and firewall its port.", true
	case productCompatible:
		return "CouchDB-compatible server", "Create a server admin, give every database a _security object with members, " +
			"and keep the HTTP API off untrusted networks.", true
	}
	return "", "", false
}

// displayName is how findings name the product.
func displayName(product string) string {
	if n, _, ok := (*Prober)(nil).DescribeProduct(product); ok {
		return n
	}
	return "CouchDB"
}

// about names the product and says how to close it.
var about = probekit.About{
	Product: name,
	Display: "CouchDB",
	// Ports: the HTTP API, and its TLS port.
	Ports: []int{5984, 6984},
	Remediation: "Create a server admin (3.x refuses to start without one), set [chttpd] require_valid_user = true, give every " +
		"database a _security object with members, bind [chttpd] bind_address to private addresses and firewall ports " +
		"5984, 4369 and the Erlang distribution ports.",
}

// New returns a prober.
func New() *Prober { return &Prober{About: about, epmdPort: 4369} }

// DefaultCredentials are what setup guides and images put in.
var DefaultCredentials = []store.Credential{
	{Username: "admin", Password: "admin"},
	{Username: "admin", Password: "password"},
	{Username: "admin", Password: "couchdb"},
}

type welcome struct {
	CouchDB  string   `json:"couchdb"`
	Version  string   `json:"version"`
	GitSHA   string   `json:"git_sha"`
	UUID     string   `json:"uuid"`
	Features []string `json:"features"`
	Vendor   struct {
		Name    string `json:"name"`
		Version string `json:"version"`
	} `json:"vendor"`
}

// parseWelcome reads the document GET / answers. CouchDB says {"couchdb":"Welcome"};
// express-pouchdb {"express-pouchdb":"Welcome!"}; other implementations other keys. A
// welcome is an object with a version and a string member starting "Welcome"; product
// is "couchdb" only for CouchDB's own. Anything but CouchDB's is confirmed by the API
// (confirmAPI) before it is believed.
func parseWelcome(b []byte) (w *welcome, product string, ok bool) {
	var v welcome
	if json.Unmarshal(b, &v) != nil || v.Version == "" {
		return nil, "", false
	}
	if v.CouchDB == "Welcome" {
		return &v, name, true
	}
	var members map[string]json.RawMessage
	if json.Unmarshal(b, &members) != nil {
		return nil, "", false
	}
	for k, raw := range members {
		var s string
		if json.Unmarshal(raw, &s) != nil || !strings.HasPrefix(s, "Welcome") {
			continue
		}
		if k == "express-pouchdb" || strings.HasPrefix(v.Vendor.Name, "PouchDB") {
			return &v, productPouchDB, true
		}
		return &v, productCompatible, true
	}
	return nil, "", false
}

// confirmAPI asks GET /_session, which every CouchDB-compatible server answers with a
// userCtx (or refuses with CouchDB's {"error":"unauthorized"}): a welcome alone is one
// string any web server could send.
func confirmAPI(ctx context.Context, s *probekit.Session) bool {
	r, err := s.Get(ctx, "/_session", 64<<10)
	if err != nil || r == nil {
		return false
	}
	var out struct {
		UserCtx *struct {
			Roles []string `json:"roles"`
		} `json:"userCtx"`
		Error string `json:"error"`
	}
	if json.Unmarshal(r.Body, &out) != nil {
		return false
	}
	switch r.Status {
	case http.StatusOK:
		return out.UserCtx != nil
	case http.StatusUnauthorized, http.StatusForbidden:
		return out.Error != ""
	}
	return false
}

// serverHeader recognises "CouchDB/3.3.3 (Erlang OTP/24)", which every response carries,
// including the 401 of a server with require_valid_user.
func serverHeader(h http.Header) (version string, ok bool) {
	s := h.Get("Server")
	if !strings.HasPrefix(s, "CouchDB/") {
		return "", false
	}
	v := strings.TrimPrefix(s, "CouchDB/")
	if i := strings.IndexByte(v, ' '); i >= 0 {
		v = v[:i]
	}
	return v, true
}

// Probe fingerprints ep and, when it is CouchDB, decides access and explores it.
func (p *Prober) Probe(ctx context.Context, ep store.Endpoint, opts *store.Options) (*store.Result, error) {
	o := opts.WithDefaults()
	start := time.Now()
	return probekit.TrySchemes(ctx, ep, &o, []int{6984}, func(s *probekit.Session) (*store.Result, error) {
		return p.probe(ctx, s, ep, &o, start)
	})
}

func (p *Prober) probe(ctx context.Context, s *probekit.Session, ep store.Endpoint, o *store.Options, start time.Time) (*store.Result, error) {
	r, err := s.Get(ctx, "/", 64<<10)
	if err != nil {
		if r != nil {
			return nil, fmt.Errorf("%w: GET /: %v", store.ErrNoMatch, err)
		}
		return nil, err
	}
	res := &store.Result{Service: probekit.NewService(ep, protocol, name, s.TLS)}
	svc := &res.Service
	w, product, isWelcome := parseWelcome(r.Body)
	if isWelcome && product != name && !confirmAPI(ctx, s) {
		isWelcome = false
	}
	hv, isHeader := serverHeader(r.Header)
	switch {
	case r.Status == http.StatusOK && isWelcome:
		svc.Product = product
		applyWelcome(svc, w)
	case (r.Status == http.StatusUnauthorized || r.Status == http.StatusForbidden) && isHeader:
		svc.Version = hv // require_valid_user: even the welcome needs a login
	default:
		return nil, fmt.Errorf("%w: GET / is not CouchDB's welcome (HTTP %d)", store.ErrNoMatch, r.Status)
	}

	acc, err := access(ctx, s, o, svc)
	svc.Duration = probekit.Elapsed(start)
	switch {
	case errors.Is(err, store.ErrAuth):
		probekit.SetProtected(svc)
		res.Findings = append(res.Findings, p.versionFindings(ctx, ep, o, svc)...)
		return res, nil
	case err != nil:
		probekit.SetUndecided(svc, err)
		res.Findings = append(res.Findings, p.versionFindings(ctx, ep, o, svc)...)
		return res, err
	}
	sess := s.As(acc.cred)
	if svc.Version == "" || !isWelcome {
		if r, err := sess.Get(ctx, "/", 64<<10); err == nil && r.Status == http.StatusOK {
			if w, _, ok := parseWelcome(r.Body); ok {
				applyWelcome(svc, w)
			}
		}
	}
	probekit.SetAccess(svc, acc.cred)
	res.Findings = append(res.Findings, p.versionFindings(ctx, ep, o, svc)...)
	res.Findings = append(res.Findings, accessFindings(*svc, acc)...)
	err = explore(ctx, sess, o, acc, res)
	svc.Duration = probekit.Elapsed(start)
	if err != nil {
		svc.Error = err.Error()
	}
	return res, err
}

func applyWelcome(svc *finding.Service, w *welcome) {
	svc.Version = w.Version
	if w.UUID != "" {
		svc.Details["uuid"] = w.UUID
	}
	if w.GitSHA != "" {
		svc.Details["git_sha"] = w.GitSHA
	}
	if w.Vendor.Name != "" {
		svc.Details["vendor"] = w.Vendor.Name
	}
	if len(w.Features) > 0 {
		svc.Details["features"] = strings.Join(w.Features, ",")
	}
}

// accessInfo is what a principal may do.
type accessInfo struct {
	cred  *store.Credential
	admin bool     // server admin: the _admin role
	roles []string // userCtx.roles
	dbs   []string // from _all_dbs, when it answered
	// moreDBs is set when _all_dbs listed more than maxAllDBs (the rest are not read).
	moreDBs bool
	// long holds the names of dbs cut at probekit.MaxNameBytes: never requested.
	long map[string]bool
	// others are the user's credentials after cred: databases cred may not read are
	// tried with them.
	others []*store.Credential
}

// session reads GET /_session: who the server thinks we are.
func session(ctx context.Context, s *probekit.Session) (name string, roles []string, err error) {
	// The roles are read up to maxRoles: decoded whole, 8 MiB of empty ones were
	// 2.8 million strings.
	r, err := s.GetJSON(ctx, "/_session", nil)
	if err != nil {
		return "", nil, err
	}
	uc, ok, err := probekit.ObjectMember(r.Body, "userCtx")
	if err != nil {
		return "", nil, protocolErr(err)
	}
	if !ok {
		return "", nil, nil
	}
	if raw, ok, err := probekit.ObjectMember(uc, "name"); err != nil {
		return "", nil, protocolErr(err)
	} else if ok && json.Unmarshal(raw, &name) != nil {
		return "", nil, protocolErr(nil)
	}
	if raw, ok, err := probekit.ObjectMember(uc, "roles"); err != nil {
		return "", nil, protocolErr(err)
	} else if ok {
		if roles, _, err = probekit.DecodeListCounted[string](raw, maxRoles); err != nil {
			return "", nil, protocolErr(err)
		}
	}
	return name, roles, nil
}

// maxRoles bounds the roles read from a session.
const maxRoles = 64

// protocolErr is a _session answer that is not CouchDB's.
func protocolErr(err error) error {
	if err == nil {
		return fmt.Errorf("%w: GET /_session: not a session", store.ErrProtocol)
	}
	return fmt.Errorf("GET /_session: %w", err)
}

// access finds the first principal that can list or read databases. A server admin
// (admin party: anonymous requests get the _admin role on 1.x/2.x) can read everything;
// on 2.x a non-admin may still list databases and read those without members. A
// principal counts as "in" only when it can read at least one database or is admin.
func access(ctx context.Context, s *probekit.Session, o *store.Options, svc *finding.Service) (*accessInfo, error) {
	var lastErr error
	creds := store.CredentialsToTry(o, name, DefaultCredentials...)
	for i, c := range creds {
		sess := s.As(c)
		_, roles, err := session(ctx, sess)
		if err != nil {
			if errors.Is(err, store.ErrAuth) {
				lastErr = fmt.Errorf("%w: %s refused", store.ErrAuth, who(c))
				continue
			}
			return nil, err
		}
		a := &accessInfo{cred: c, roles: roles}
		for _, r := range roles {
			if r == "_admin" {
				a.admin = true
			}
		}
		dbs, more, err := probekit.GetList[string](ctx, sess, "/_all_dbs", maxAllDBs)
		switch {
		case err == nil:
			a.dbs, a.moreDBs = dbs, more
			a.long = cutNames(dbs)
		case errors.Is(err, store.ErrAuth):
			// 3.x: _all_dbs is admin-only; a non-admin sees nothing listable.
		default:
			return nil, err
		}
		if a.admin || readableAny(ctx, sess, a.dbs, a.long) {
			for _, other := range creds[i+1:] {
				if other != nil && !other.Default {
					a.others = append(a.others, other)
				}
			}
			return a, nil
		}
		lastErr = fmt.Errorf("%w: %s can read no database", store.ErrAuth, who(c))
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
	}
	if lastErr == nil {
		lastErr = store.ErrAuth
	}
	return nil, lastErr
}

// readableAny reports whether one of the first few databases answers GET /<db>.
// maxAllDBs bounds the names decoded from one _all_dbs answer: they are sorted before
// --max-tables of them are read, but 8 MiB of empty names is 2.8 million strings.
const maxAllDBs = 100_000

// cutNames cuts the names past probekit.MaxNameBytes (marking the cut with "…") and returns the
// cut ones.
func cutNames(dbs []string) map[string]bool {
	var long map[string]bool
	for i, db := range dbs {
		if len(db) > probekit.MaxNameBytes {
			dbs[i] = probekit.Cut(db, probekit.MaxNameBytes) + "…"
			if long == nil {
				long = map[string]bool{}
			}
			long[dbs[i]] = true
		}
	}
	return long
}

func readableAny(ctx context.Context, s *probekit.Session, dbs []string, long map[string]bool) bool {
	for i, db := range dbs {
		if i >= 10 {
			break
		}
		if strings.HasPrefix(db, "_") || long[db] {
			continue
		}
		if _, err := s.GetJSON(ctx, "/"+url.PathEscape(db), nil); err == nil {
			return true
		}
	}
	return false
}

func who(c *store.Credential) string {
	if c == nil {
		return "anonymous access"
	}
	return fmt.Sprintf("user %q", c.Username)
}

// dbInfo is GET /<db>: 2.x+/3.x report sizes, 1.x disk_size and data_size.
type dbInfo struct {
	Name     string `json:"db_name"`
	DocCount int64  `json:"doc_count"`
	Sizes    struct {
		File     int64 `json:"file"`
		External int64 `json:"external"`
		Active   int64 `json:"active"`
	} `json:"sizes"`
	DiskSize int64 `json:"disk_size"`
	DataSize int64 `json:"data_size"`
}

// explore lists databases with counts and sizes and samples them, within
// opts.InventoryTimeout.
func explore(ctx context.Context, s *probekit.Session, o *store.Options, a *accessInfo, res *store.Result) error {
	ctx, cancel := context.WithTimeout(ctx, o.InventoryTimeout)
	defer cancel()
	svc := &res.Service
	dbs := append([]string(nil), a.dbs...)
	sort.Strings(dbs)
	svc.Details["databases"] = strconv.Itoa(len(dbs))
	if a.moreDBs {
		svc.Details["databases"] = "more than " + strconv.Itoa(len(dbs))
		svc.Truncated = true
	}
	if len(dbs) > o.MaxTables {
		dbs = dbs[:o.MaxTables]
		svc.Truncated = true
	}
	var readWith []string
	defer func() {
		if len(readWith) > 0 {
			svc.Details["read_with_other_credentials"] = strings.Join(readWith, ", ")
		}
	}()
	for _, db := range dbs {
		if ctx.Err() != nil {
			svc.Truncated = true
			break
		}
		ds := finding.Dataset{Database: db, Table: db, Kind: "database"}
		if a.long[db] {
			ds.Error = probekit.LongName
			svc.Datasets = append(svc.Datasets, ds)
			continue
		}
		var info dbInfo
		dbs := s
		_, err := s.GetJSON(ctx, "/"+url.PathEscape(db), &info)
		if errors.Is(err, store.ErrAuth) {
			// A database with members we are not among: say so, and try the user's
			// other credentials on it.
			refused := err
			for _, c := range a.others {
				if _, err = s.As(c).GetJSON(ctx, "/"+url.PathEscape(db), &info); err == nil {
					dbs = s.As(c)
					readWith = append(readWith, db+" (user "+c.Username+")")
					break
				}
			}
			if err != nil {
				ds.Error = "not readable as " + who(a.cred) + ": " + shortErr(refused)
				svc.Datasets = append(svc.Datasets, ds)
				continue
			}
		} else if err != nil {
			ds.Error = shortErr(err)
			svc.Datasets = append(svc.Datasets, ds)
			continue
		}
		ds.Rows = info.DocCount
		ds.Bytes = info.Sizes.External
		if ds.Bytes == 0 {
			ds.Bytes = info.DataSize
		}
		if ds.Bytes == 0 {
			ds.Bytes = max(info.Sizes.File, info.DiskSize)
		}
		if ds.Rows > 0 && o.SampleRows > 0 && !probekit.OutOfBudget(o, &ds) {
			smp, cols, atts, err := sample(ctx, dbs, o, db, ds.Rows)
			if err != nil {
				ds.Error = "sample: " + shortErr(err)
			} else if smp != nil && len(smp.Rows) > 0 {
				ds.Columns = cols
				ds.Sampled = len(smp.Rows)
				res.Samples = append(res.Samples, *smp)
			}
			res.Samples = append(res.Samples, atts...)
		}
		svc.Datasets = append(svc.Datasets, ds)
	}
	if ctx.Err() != nil {
		return probekit.Truncated(svc, o)
	}
	return nil
}

// maxListedIDs bounds the document ids listed to choose a sample from.
const maxListedIDs = 1000

// pickIDs chooses the documents of a database larger than its sample by their ids, as
// key-value stores' keys are chosen (probekit.PickKeys: "config:smtp" and
// "stripe-settings" before the thousandth "order:…", one of each family of ids), from
// the first maxListedIDs ids (_all_docs without documents). Nil when the first ids
// would be the choice anyway, or the listing fails: the first documents are read.
func pickIDs(ctx context.Context, s *probekit.Session, db string, n int, docs int64) []string {
	if docs <= int64(n) {
		return nil
	}
	r, err := s.GetJSON(ctx, fmt.Sprintf("/%s/_all_docs?limit=%d", url.PathEscape(db), maxListedIDs), nil)
	if err != nil {
		return nil
	}
	raw, ok, err := probekit.ObjectMember(r.Body, "rows")
	if err != nil || !ok {
		return nil
	}
	rows, _, err := probekit.DecodeList[struct {
		ID string `json:"id"`
	}](raw, maxListedIDs)
	if err != nil {
		return nil
	}
	ids := make([]string, 0, len(rows))
	for _, r := range rows {
		if r.ID != "" && len(r.ID) <= probekit.MaxNameBytes {
			ids = append(ids, r.ID)
		}
	}
	picked := probekit.PickKeys(ids, n)
	if len(picked) <= n && len(ids) >= len(picked) && slices.Equal(picked, ids[:len(picked)]) {
		return nil
	}
	return picked
}

// sample reads documents with _all_docs?include_docs=true: those pickIDs chooses by
// their ids, else the first ones. Columns are the top-level fields in order of first
// appearance; _rev is left out.
func sample(ctx context.Context, s *probekit.Session, o *store.Options, db string, docCount int64) (*store.Sample, []finding.Column, []store.Sample, error) {
	n := o.SampleRows
	type row struct {
		ID  string          `json:"id"`
		Doc json.RawMessage `json:"doc"`
	}
	keys := ""
	if ids := pickIDs(ctx, s, db, n, docCount); len(ids) > 0 {
		if b, err := json.Marshal(ids); err == nil {
			keys = "&keys=" + url.QueryEscape(string(b))
		}
	}
	for {
		r, err := s.GetJSON(ctx, fmt.Sprintf("/%s/_all_docs?limit=%d&include_docs=true%s", url.PathEscape(db), n, keys), nil)
		if err != nil && keys != "" && !errors.Is(err, store.ErrTooLarge) {
			keys = "" // a server that takes no keys= on a GET: the first documents
			continue
		}
		if errors.Is(err, store.ErrTooLarge) && n > 1 {
			n = max(1, n/10)
			continue
		}
		if err != nil {
			return nil, nil, nil, err
		}
		// At most the n rows asked for, decoded one at a time: a server ignoring limit=
		// with 8 MiB of empty rows (2.8 million) cost 3.5 GiB decoded and sampled whole.
		var rows []row
		if raw, ok, err := probekit.ObjectMember(r.Body, "rows"); err != nil {
			return nil, nil, nil, err
		} else if ok {
			if rows, _, err = probekit.DecodeList[row](raw, n); err != nil {
				return nil, nil, nil, err
			}
		}
		docs := make([]json.RawMessage, 0, len(rows))
		for _, r := range rows {
			docs = append(docs, r.Doc)
		}
		smp, cols := docsToSample(db, docs, o)
		return smp, cols, attachmentSamples(ctx, s, o, db, docs), nil
	}
}

// attachmentSamples are the starts of a database's documents' small text attachments
// (a .env, a JSON or YAML configuration uploaded beside a record), at most SampleRows:
// one sample each, in the attachment's place (database, document id/attachment name),
// with its name beside its content (the name says how to parse it). Each is a ranged
// read of no more than MaxRowBytes, charged to the endpoint's sample budget first.
func attachmentSamples(ctx context.Context, s *probekit.Session, o *store.Options, db string, docs []json.RawMessage) []store.Sample {
	type stub struct {
		ContentType string `json:"content_type"`
		Length      int64  `json:"length"`
	}
	var out []store.Sample
	for _, d := range docs {
		var doc struct {
			ID   string          `json:"_id"`
			Atts map[string]stub `json:"_attachments"`
		}
		if json.Unmarshal(d, &doc) != nil || doc.ID == "" {
			continue
		}
		for _, n := range slices.Sorted(maps.Keys(doc.Atts)) {
			a := doc.Atts[n]
			if len(out) >= o.SampleRows || ctx.Err() != nil {
				return out
			}
			if a.Length <= 0 || !textAttachment(n, a.ContentType) {
				continue
			}
			grant := o.Samples.Take(int(min(a.Length, int64(o.MaxRowBytes))))
			if grant == 0 {
				return out
			}
			t := *s
			t.Header = s.Header.Clone()
			if t.Header == nil {
				t.Header = http.Header{}
			}
			t.Header.Set("Range", fmt.Sprintf("bytes=0-%d", grant-1))
			r, _ := t.Get(ctx, "/"+url.PathEscape(db)+"/"+url.PathEscape(doc.ID)+"/"+url.PathEscape(n), int64(grant))
			content := ""
			if r != nil && (r.Status == http.StatusOK || r.Status == http.StatusPartialContent) {
				content = probekit.Cut(string(bytes.ToValidUTF8(r.Body, []byte("\uFFFD"))), grant)
			}
			o.Samples.Give(grant - len(content))
			if content != "" {
				name := probekit.CutText(n, 256)
				out = append(out, store.Sample{Database: db, Table: probekit.CutText(doc.ID, 256) + "/" + name,
					Columns: []string{"name", "content"}, Rows: [][]string{{name, content}}})
			}
		}
	}
	return out
}

// textAttachment reports an attachment whose content is text worth reading: by its
// media type, or by a name that says its format.
func textAttachment(name, ctype string) bool {
	ct := strings.ToLower(strings.TrimSpace(strings.Split(ctype, ";")[0]))
	switch {
	case strings.HasPrefix(ct, "text/"), strings.HasSuffix(ct, "/json"), strings.HasSuffix(ct, "+json"),
		strings.HasSuffix(ct, "/yaml"), strings.HasSuffix(ct, "/x-yaml"), strings.HasSuffix(ct, "/xml"),
		ct == "application/x-www-form-urlencoded", ct == "application/toml":
		return true
	}
	return detect.FormatOf(name) != ""
}

func docsToSample(db string, docs []json.RawMessage, o *store.Options) (*store.Sample, []finding.Column) {
	ds := probekit.NewDocSample(db, db)
	for _, d := range docs {
		fields, ok := probekit.Fields(d)
		if !ok {
			continue
		}
		ds.Doc()
		for _, f := range fields {
			if f.Key != "_rev" {
				ds.Field(f.Key, jsonType(f.Value), probekit.Cut(probekit.JSONCell(f.Value), o.MaxRowBytes))
			}
		}
	}
	return ds.Sample(o)
}

func jsonType(v json.RawMessage) string {
	s := strings.TrimSpace(string(v))
	if s == "" {
		return "null"
	}
	switch s[0] {
	case '"':
		return "string"
	case '{':
		return "object"
	case '[':
		return "array"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	}
	return "number"
}

func shortErr(err error) string { return probekit.FirstLine(err.Error(), 300) }

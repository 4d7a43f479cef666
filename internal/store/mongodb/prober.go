// Package mongodb probes MongoDB servers over the wire protocol (plain or TLS): it
// fingerprints them with hello and buildInfo, decides whether they let anyone list
// databases, logs in with SCRAM for default and user credentials, lists databases and
// collections with counts and sizes, reads a few documents, and reports what an intruder
// could do there.
//
// The protocol is spoken here rather than through the Go driver: the driver refuses
// servers older than 3.6 (wire version 6), which are a large share of those left open,
// and its topology monitoring opens connections of its own. BSON is encoded and decoded
// with the driver's bson package; only the message framing is written here, and it is
// fuzzed. Only the commands in readCommands are ever sent.
package mongodb

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
)

const (
	name     = "mongodb"
	protocol = "mongodb"
)

// Prober implements store.Prober for MongoDB.
type Prober struct{ probekit.About }

var (
	_ store.Prober           = (*Prober)(nil)
	_ store.Describer        = (*Prober)(nil)
	_ store.ProductDescriber = (*Prober)(nil)
)

// Products other than MongoDB that speak its wire protocol and say so; each is reported
// under its own name, so that MongoDB's vulnerabilities are not matched against it.
const (
	productFerretDB   = "ferretdb"   // buildInfo.ferretdbVersion
	productDocumentDB = "documentdb" // Amazon DocumentDB: its endpoints' names
	productCosmosDB   = "cosmosdb"   // Azure Cosmos DB for MongoDB: its endpoints' names
)

// DescribeProduct names the compatible products and says how to close them.
func (*Prober) DescribeProduct(product string) (string, string, bool) {
	switch product {
	case productFerretDB:
		return "FerretDB", "Turn on authentication (FerretDB 2.x: on by default, never --no-auth; 1.x: --test-enable-new-auth with " +
			"--setup-username/--setup-password, or the PostgreSQL backend with password authentication in pg_hba.conf and no " +
			"credentials in --postgresql-url), bind --listen-addr to localhost or a private address, serve clients over " +
			"--listen-tls, and firewall port 27017.", true
	case productDocumentDB:
		return "Amazon DocumentDB", "Keep the cluster in private subnets, allow port 27017 in its security group only from " +
			"the applications, leave TLS on (tls parameter enabled) and rotate the master password if it was shared.", true
	case productCosmosDB:
		return "Azure Cosmos DB for MongoDB", "Turn off public network access or limit it with the IP firewall and private " +
			"endpoints, rotate the account keys (or use Microsoft Entra ID) and keep TLS required.", true
	}
	return "", "", false
}

// cloudHosts recognise managed services by the names their endpoints carry in hello
// (me, hosts).
var cloudHosts = []struct{ suffix, product string }{
	{".docdb.amazonaws.com", productDocumentDB},
	{".docdb-elastic.amazonaws.com", productDocumentDB},
	{".mongo.cosmos.azure.com", productCosmosDB},
	{".mongocluster.cosmos.azure.com", productCosmosDB},
	{".documents.azure.com", productCosmosDB},
}

// about names the product and says how to close it.
var about = probekit.About{
	Product: name,
	Display: "MongoDB",
	// Ports: mongod/mongos, and the shard and config server defaults.
	Ports: []int{27017, 27018, 27019},
	Remediation: "Enable access control (security.authorization: enabled) after creating an administrator, bind net.bindIp " +
		"to private addresses (never 0.0.0.0 or bindIpAll), firewall port 27017, and require TLS (net.tls.mode: requireTLS).",
}

// New returns a prober.
func New() *Prober { return &Prober{About: about} }

// DefaultCredentials are what installers and container examples set: admin/admin, and
// root/example from the official image's documented compose file.
var DefaultCredentials = []store.Credential{
	{Username: "admin", Password: "admin"},
	{Username: "root", Password: "example"},
}

// Probe fingerprints ep and, when it is MongoDB, decides access and explores it.
func (p *Prober) Probe(ctx context.Context, ep store.Endpoint, opts *store.Options) (*store.Result, error) {
	o := opts.WithDefaults()
	start := time.Now()
	tlsFirst := ep.Scheme == "mongodb+tls" || ep.Scheme == "tls"
	var firstErr error
	for _, useTLS := range ep.TLSModes(tlsFirst) {
		res, err := probe(ctx, ep, &o, useTLS, start)
		if res != nil || errors.Is(err, store.ErrNoMatch) || store.IsTimeout(err) || ctx.Err() != nil {
			return res, err
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	return nil, fmt.Errorf("%w: no MongoDB answer (%v)", store.ErrNoMatch, firstErr)
}

// probe runs the whole path in one TLS mode. A nil result with an error that is neither
// ErrNoMatch nor a timeout means "try the other mode" (a TLS-only server closes a plain
// connection at once; a plain one fails the handshake).
func probe(ctx context.Context, ep store.Endpoint, o *store.Options, useTLS bool, start time.Time) (*store.Result, error) {
	c, err := dial(ctx, ep, o, useTLS)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	h, err := c.hello(ctx, "", nil)
	if err != nil {
		var ce *CommandError
		if errors.As(err, &ce) {
			res := &store.Result{Service: probekit.NewService(ep, protocol, name, useTLS)}
			probekit.SetUndecided(&res.Service, err)
			return res, err
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, err // closed: maybe TLS only
		}
		return nil, err
	}
	res := &store.Result{Service: probekit.NewService(ep, protocol, name, useTLS)}
	svc := &res.Service
	applyHello(svc, h)
	if bi, err := c.run(ctx, "admin", bson.D{{Key: "buildInfo", Value: 1}}); err == nil {
		applyBuildInfo(svc, bi)
	}

	sess, cred, dbs, err := access(ctx, ep, o, useTLS, c, h)
	if sess != nil && sess != c {
		defer sess.Close()
	}
	svc.Duration = probekit.Elapsed(start)
	switch {
	case errors.Is(err, store.ErrAuth):
		probekit.SetProtected(svc)
		if errors.Is(err, errPlainNotSent) {
			svc.Details["password_not_sent"] = errPlainNotSent.Error()
		}
		res.Findings = append(res.Findings, versionFindings(ctx, ep, o, useTLS, svc)...)
		return res, nil
	case err != nil:
		probekit.SetUndecided(svc, err)
		res.Findings = append(res.Findings, versionFindings(ctx, ep, o, useTLS, svc)...)
		return res, err
	}
	probekit.SetAccess(svc, cred)
	res.Findings = append(res.Findings, versionFindings(ctx, ep, o, useTLS, svc)...)
	err = explore(ctx, sess, o, dbs, res)
	svc.Duration = probekit.Elapsed(start)
	if err != nil {
		svc.Error = err.Error()
	}
	return res, err
}

func applyHello(svc *finding.Service, h *helloInfo) {
	svc.Details["max_wire_version"] = fmt.Sprint(h.MaxWire)
	switch {
	case h.Mongos:
		svc.Details["role"] = "mongos"
	case h.SetName != "" && h.Primary:
		svc.Details["role"] = "replica set primary"
	case h.SetName != "":
		svc.Details["role"] = "replica set member"
	default:
		svc.Details["role"] = "standalone"
	}
	if h.SetName != "" {
		svc.Details["replica_set"] = h.SetName
	}
	hosts := stringArray(h.Raw.Lookup("hosts"))
	if len(hosts) > 0 {
		svc.Details["replica_set_hosts"] = strings.Join(hosts, ",")
	}
	if me, ok := h.Raw.Lookup("me").StringValueOK(); ok {
		hosts = append(hosts, me)
	}
	for _, hp := range hosts {
		host := strings.ToLower(hp)
		if i := strings.LastIndexByte(host, ':'); i >= 0 {
			host = host[:i]
		}
		for _, c := range cloudHosts {
			if strings.HasSuffix(host, c.suffix) {
				svc.Product = c.product
			}
		}
	}
}

// applyBuildInfo reads the version. A compatible product's buildInfo.version is the
// MongoDB release it imitates, kept as mongodb_compatible; FerretDB adds its own
// version, which is the one that matters.
func applyBuildInfo(svc *finding.Service, bi bson.Raw) {
	v, _ := bi.Lookup("version").StringValueOK()
	if fv, ok := bi.Lookup("ferretdbVersion").StringValueOK(); ok && fv != "" {
		svc.Product = productFerretDB
		svc.Version = strings.TrimPrefix(fv, "v")
		svc.Details["mongodb_compatible"] = v
	} else if svc.Product != name {
		if v != "" {
			svc.Details["mongodb_compatible"] = v
		}
	} else if v != "" {
		svc.Version = v
	}
	if v, ok := bi.Lookup("gitVersion").StringValueOK(); ok {
		svc.Details["git_version"] = v
	}
	if mods := stringArray(bi.Lookup("modules")); len(mods) > 0 {
		svc.Details["modules"] = strings.Join(mods, ",")
	}
	if v, ok := bi.Lookup("openssl", "running").StringValueOK(); ok {
		svc.Details["openssl"] = v
	}
}

// dbInfo is one entry of listDatabases.
type dbInfo struct {
	Name  string
	Bytes int64
	Empty bool
}

// access decides who may list databases: nobody (no access control) first, then default
// and user credentials, each on a fresh connection after SCRAM. listDatabases must truly
// succeed: an answer of no databases at all (not even admin and local, which every
// mongod has) is what a server with access control gives an account without the
// privilege, so it counts only when getCmdLineOpts — which needs clusterMonitor — also
// succeeds.
func access(ctx context.Context, ep store.Endpoint, o *store.Options, useTLS bool, first *conn, h *helloInfo) (*conn, *store.Credential, []dbInfo, error) {
	var lastErr, notSent error
	for _, cred := range store.CredentialsToTry(o, name, DefaultCredentials...) {
		c := first
		if cred != nil {
			var err error
			if c, err = login(ctx, ep, o, useTLS, cred); err != nil {
				if errors.Is(err, errPlainNotSent) {
					notSent = err
				}
				if errors.Is(err, store.ErrAuth) {
					lastErr = err
					continue
				}
				return nil, nil, nil, err
			}
		}
		dbs, err := listDatabases(ctx, c)
		if err == nil && len(dbs) == 0 {
			if _, cerr := c.run(ctx, "admin", bson.D{{Key: "getCmdLineOpts", Value: 1}}); cerr != nil {
				if errors.Is(cerr, store.ErrAuth) {
					err = fmt.Errorf("%w: listDatabases answered an empty list and getCmdLineOpts was refused (%v)", store.ErrAuth, cerr)
				} else {
					err = fmt.Errorf("listDatabases answered an empty list that nothing corroborates: %w", cerr)
				}
			}
		}
		if err == nil {
			return c, cred, dbs, nil
		}
		if c != first {
			c.Close()
		}
		if !errors.Is(err, store.ErrAuth) {
			return nil, nil, nil, err
		}
		lastErr = err
		if ctx.Err() != nil {
			return nil, nil, nil, ctx.Err()
		}
	}
	if notSent != nil {
		// A password kept back is what the report must explain, whatever came last.
		return nil, nil, nil, notSent
	}
	return nil, nil, nil, lastErr
}

func login(ctx context.Context, ep store.Endpoint, o *store.Options, useTLS bool, cred *store.Credential) (*conn, error) {
	c, err := dial(ctx, ep, o, useTLS)
	if err != nil {
		return nil, err
	}
	h, err := c.hello(ctx, "admin."+cred.Username, nil)
	if err == nil {
		err = c.authenticate(ctx, cred, h.Mechs)
	}
	if err != nil {
		c.Close()
		return nil, err
	}
	return c, nil
}

func listDatabases(ctx context.Context, c *conn) ([]dbInfo, error) {
	reply, err := c.run(ctx, "admin", bson.D{{Key: "listDatabases", Value: 1}, {Key: "nameOnly", Value: false}})
	if err != nil {
		return nil, err
	}
	arr, ok := reply.Lookup("databases").ArrayOK()
	if !ok {
		return nil, fmt.Errorf("%w: listDatabases without databases", store.ErrProtocol)
	}
	vals, err := arr.Values()
	if err != nil {
		return nil, fmt.Errorf("%w: listDatabases: %v", store.ErrProtocol, err)
	}
	var out []dbInfo
	for _, v := range vals {
		d, ok := v.DocumentOK()
		if !ok {
			continue
		}
		n, _ := d.Lookup("name").StringValueOK()
		if n == "" {
			continue
		}
		e, _ := d.Lookup("empty").BooleanOK()
		out = append(out, dbInfo{Name: n, Bytes: int64Of(d.Lookup("sizeOnDisk")), Empty: e})
	}
	return out, nil
}

// Package redis probes Redis (and servers speaking its protocol: Valkey, KeyDB, Dragonfly)
// with a small RESP2 client of its own whose replies are bounded in bytes, length and
// depth. It decides whether the server lets anyone in, lists its databases with key
// counts, samples a bounded number of keys by type, and reports what an intruder could
// do there: write files with CONFIG SET, load modules, replicate from a rogue master,
// and known vulnerabilities. Every command it can send is on a read-only allow-list
// (client.go); it never sends KEYS, never writes.
package redis

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
	"github.com/leakwatch/leakwatch/internal/store/vuln"
)

const (
	product = "redis"
	// Proto is the protocol name in services and findings.
	Proto = "redis"
)

// Prober implements store.Prober for Redis.
type Prober struct {
	probekit.About
	// sent, when set (tests), sees every command before it is sent.
	sent func(args []string)
}

var (
	_ store.Prober    = (*Prober)(nil)
	_ store.Describer = (*Prober)(nil)
)

// about names the product and says how to close it.
var about = probekit.About{
	Product: product,
	Display: "Redis",
	// Ports: Redis's port; TLS, when configured, is usually on the same or a
	// custom port, and is detected rather than assumed.
	Ports: []int{6379},
	Remediation: "Require authentication (requirepass, or on 6.0+ ACL users with strong passwords and the default user " +
		"disabled or given a password), bind to private addresses only, keep protected-mode on, firewall port 6379, " +
		"and use TLS (tls-port) where clients cross networks.",
}

// New returns a Redis prober.
func New() *Prober { return &Prober{About: about} }

// DefaultPasswords are tried with AUTH when the server asks for one. Redis ships
// without a password; "foobared" is the example in the stock redis.conf.
var DefaultPasswords = []string{"foobared", "redis", "password", "123456", "admin"}

func defaultCredentials() []store.Credential {
	out := make([]store.Credential, len(DefaultPasswords))
	for i, pw := range DefaultPasswords {
		out[i] = store.Credential{Store: product, Username: "default", Password: pw}
	}
	return out
}

// pingState is what the first PING told.
type pingState int

const (
	pingOpen      pingState = iota // +PONG: no password needed
	pingAuth                       // NOAUTH: a password is required
	pingProtected                  // DENIED: protected mode, no password, loopback only
	pingOther                      // an error that only Redis sends (LOADING, BUSY, …)
)

// Probe fingerprints ep and, when it is Redis, decides access and, once in, takes the
// inventory, samples keys and checks capabilities within opts.InventoryTimeout.
func (p *Prober) Probe(ctx context.Context, ep store.Endpoint, opts *store.Options) (*store.Result, error) {
	o := opts.WithDefaults()
	start := time.Now()
	tlsFirst := ep.Scheme == "rediss"
	var (
		c      *client
		state  pingState
		pong   reply
		useTLS bool
		err    error
	)
	modes := ep.TLSModes(tlsFirst)
	for i, t := range modes {
		useTLS = t
		c, state, pong, err = p.hello(ctx, ep, &o, useTLS)
		if err == nil {
			break
		}
		// Only a connection closed without a word, or a TLS alert, suggests the other
		// mode; anything else has decided.
		if i == len(modes)-1 || !retryOtherMode(err) || ctx.Err() != nil {
			return nil, err
		}
	}
	defer func() {
		if c != nil {
			c.Close()
		}
	}()

	res := &store.Result{Service: probekit.NewService(ep, Proto, product, useTLS)}
	svc := &res.Service

	var used *store.Credential
	switch state {
	case pingProtected:
		// The server has no password but refuses every client not on loopback; it
		// closes the connection after saying so.
		svc.Details["protected_mode"] = "yes"
		svc.Auth, svc.Status = finding.AuthRequired, finding.StatusAuthRequired
		res.Findings = append(res.Findings, probekit.Finish(finding.Finding{
			Severity: finding.Low, Category: finding.Config, Rule: "redis-protected-mode-only",
			Title:    "Redis has no password; only protected mode keeps remote clients out",
			Detail:   "The server answered DENIED: it runs without a password and protected mode refuses clients that are not on loopback. Anything that can reach it locally (another process, an SSRF in a local web application) has full access.",
			Evidence: probekit.Printable([]byte(pong.str), 200),
			Remediation: "Set a password (requirepass or ACL users) even on loopback-only servers, and bind explicitly " +
				"to the addresses that need access.",
		}, *svc))
		return probekit.Done(res, start, nil)
	case pingOther:
		svc.Details["ping"] = probekit.Printable([]byte(pong.str), 200)
		return probekit.Done(res, start, fmt.Errorf("redis answered PING with %q", probekit.Printable([]byte(pong.str), 100)))
	case pingAuth:
		var lastErr error
		used, lastErr = p.authenticate(ctx, c, &o)
		if used == nil {
			if lastErr == nil || errors.Is(lastErr, store.ErrAuth) {
				svc.Auth, svc.Status = finding.AuthRequired, finding.StatusAuthRequired
				return probekit.Done(res, start, nil)
			}
			return probekit.Done(res, start, lastErr)
		}
	}
	svc.Auth = store.AuthOf(used)
	svc.Status = finding.StatusOpen
	svc.User = "default"
	if used != nil && used.Username != "" {
		svc.User = used.Username
	}

	ictx, cancel := context.WithTimeout(ctx, o.InventoryTimeout)
	defer cancel()
	err = explore(ictx, c, ep, &o, res)
	if err != nil && ctx.Err() == nil && ictx.Err() != nil {
		err = probekit.Truncated(svc, &o)
	}
	return probekit.Done(res, start, err)
}

// hello connects and sends PING. It returns ErrNoMatch, quickly, when the answer is not
// RESP from a Redis.
func (p *Prober) hello(ctx context.Context, ep store.Endpoint, o *store.Options, useTLS bool) (*client, pingState, reply, error) {
	conn, err := probekit.Dial(ctx, ep, o, useTLS)
	if err != nil {
		return nil, 0, reply{}, err
	}
	// Until the server has proven to be Redis, keep little of what it says.
	c := newClient(conn, o.IOTimeout, defaultLimits(4096, 64<<10))
	c.sent = p.sent
	r, err := c.do(ctx, "PING")
	se := asServerError(err)
	switch {
	case err == nil && r.kind == '+' && strings.EqualFold(r.str, "PONG"):
		c.rd.lim = defaultLimits(o.MaxRowBytes, o.MaxResponseBytes)
		return c, pingOpen, r, nil
	case se != nil && se.Code == "DENIED":
		c.Close()
		return nil, pingProtected, r, nil
	case se != nil && se.IsAuth():
		c.rd.lim = defaultLimits(o.MaxRowBytes, o.MaxResponseBytes)
		return c, pingAuth, r, nil
	case se != nil && redisOnlyErrors[se.Code]:
		c.Close()
		return nil, pingOther, r, nil
	}
	c.Close()
	switch {
	case se != nil:
		return nil, 0, r, fmt.Errorf("%w: PING answered %q", store.ErrNoMatch, probekit.Printable([]byte(se.Message), 80))
	case err == nil:
		return nil, 0, r, fmt.Errorf("%w: PING answered a %q reply", store.ErrNoMatch, r.kind)
	case store.IsTimeout(err):
		return nil, 0, r, fmt.Errorf("%w: no answer to PING: %w", store.ErrTimeout, err)
	case errors.Is(err, store.ErrProtocol) || errors.Is(err, store.ErrTooLarge):
		return nil, 0, r, fmt.Errorf("%w: not RESP: %v", store.ErrNoMatch, err)
	}
	return nil, 0, r, fmt.Errorf("%w: %w", store.ErrNoMatch, err)
}

// redisOnlyErrors are error codes no other protocol answers a RESP PING with.
var redisOnlyErrors = map[string]bool{"LOADING": true, "BUSY": true, "MASTERDOWN": true, "MISCONF": true,
	"CLUSTERDOWN": true, "NOPERM": true, "READONLY": true, "TRYAGAIN": true}

// retryOtherMode reports whether a failed PING may succeed in the other TLS mode: the
// peer closed without answering, reset, or sent a TLS alert record.
func retryOtherMode(err error) bool {
	if errors.Is(err, io.EOF) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, net.ErrClosed) {
		return true
	}
	s := err.Error()
	return strings.Contains(s, "unexpected type byte '\\x15'") || strings.Contains(s, "TLS handshake") ||
		strings.Contains(s, "connection reset")
}

// authenticate tries the default passwords and the user's credentials with AUTH on c.
// It returns the credential that worked, or nil and the last refusal.
func (p *Prober) authenticate(ctx context.Context, c *client, o *store.Options) (*store.Credential, error) {
	var lastErr error
	legacy := false // AUTH takes one argument only (Redis < 6)
	// [1:]: no credentials at all was tried already.
	for _, cred := range store.CredentialsToTry(o, product, defaultCredentials()...)[1:] {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		args := []string{"AUTH", cred.Password}
		if cred.Username != "" && cred.Username != "default" {
			if legacy {
				continue
			}
			args = []string{"AUTH", cred.Username, cred.Password}
		}
		_, err := c.do(ctx, args...)
		if err == nil {
			return cred, nil
		}
		se := asServerError(err)
		switch {
		case se == nil:
			return nil, err // the connection failed
		case strings.Contains(strings.ToLower(se.Message), "wrong number of arguments"):
			legacy = true
			lastErr = fmt.Errorf("%w: %s", store.ErrAuth, se.Message)
		case se.IsAuth() || se.Code == "ERR":
			lastErr = fmt.Errorf("%w: %s", store.ErrAuth, se.Message)
		default:
			return nil, err
		}
	}
	return nil, lastErr
}

// explore runs, on an authenticated connection: who we are, INFO, capability checks,
// then the inventory and samples. Partial results stay in res.
func explore(ctx context.Context, c *client, ep store.Endpoint, o *store.Options, res *store.Result) error {
	svc := &res.Service
	user := svc.User // whole, for ACL GETUSER: the report's is cut
	if r, err := c.do(ctx, "ACL", "WHOAMI"); err == nil && r.kind == '$' && !r.null {
		user, svc.User = r.str, probekit.CutText(r.str, 200)
		if r.cut {
			user = "" // longer than the reader keeps: not sent back
		}
	}
	in, err := readInfo(ctx, c)
	if err != nil {
		if se := asServerError(err); se == nil {
			return fmt.Errorf("INFO: %w", err)
		}
		svc.Details["info_error"] = probekit.Printable([]byte(err.Error()), 200)
	}
	applyInfo(svc, in)
	if svc.Details["flavor"] == "redis" {
		res.Findings = append(res.Findings, versionFindings(*svc)...)
	}
	res.Findings = append(res.Findings, capabilities(ctx, c, ep, svc, user, in)...)
	return inventory(ctx, c, o, res, in)
}

// maxInfoBytes is how much of INFO is kept: a few KiB on real servers.
const maxInfoBytes = 256 << 10

func readInfo(ctx context.Context, c *client) (info, error) {
	r, err := c.doKeeping(ctx, maxInfoBytes, "INFO")
	if err != nil {
		return info{fields: map[string]string{}}, err
	}
	if r.kind != '$' || r.null {
		return info{fields: map[string]string{}}, fmt.Errorf("%w: INFO answered a %q reply", store.ErrProtocol, r.kind)
	}
	return parseInfo(r.str), nil
}

// detailFields are the INFO fields copied into the service's details.
var detailFields = []string{"redis_mode", "os", "arch_bits", "executable", "config_file", "role",
	"connected_slaves", "connected_clients", "used_memory_human", "maxmemory_human", "uptime_in_days",
	"aof_enabled", "rdb_last_save_time", "tcp_port", "redis_build_id", "master_host", "master_port"}

func applyInfo(svc *finding.Service, in info) {
	flavor, version := in.flavor()
	svc.Details["flavor"] = flavor
	if version != "" {
		svc.Version = probekit.CutText(version, 64)
	}
	if flavor != "redis" && in.fields["redis_version"] != "" {
		svc.Details["redis_version"] = probekit.CutText(in.fields["redis_version"], 64)
	}
	for _, k := range detailFields {
		if v := in.fields[k]; v != "" {
			svc.Details[k] = probekit.Printable([]byte(v), 300)
		}
	}
	if len(in.keyspace) > 0 {
		svc.Details["databases"] = strconv.Itoa(len(in.keyspace))
	}
}

// versionFindings lists known vulnerabilities of the version, and the Debian/Ubuntu
// packaging flaw that the version alone cannot show.
func versionFindings(svc finding.Service) []finding.Finding {
	out := vulnReport.Finding(svc, cves)
	if f, ok := debianLua(svc); ok {
		out = append(out, f)
	}
	return out
}

// debianLua reports CVE-2022-0543: Debian's and Ubuntu's packages linked Redis against
// the system Lua, leaving the "package" library reachable from EVAL, which escapes the
// sandbox. Upstream builds are not affected, and fixed packages keep the upstream
// version number, so this is reported as likely, not certain, when the version is one
// those distributions shipped before the fix (February 2022) and INFO shows the
// packaged paths (/usr/bin/redis-server, /etc/redis/).
func debianLua(svc finding.Service) (finding.Finding, bool) {
	v, ok := vuln.Parse(svc.Version)
	if !ok || v.Compare(vuln.Version{2, 6}) < 0 || v.Compare(vuln.Version{6, 0, 16}) > 0 {
		return finding.Finding{}, false
	}
	exe, conf := svc.Details["executable"], svc.Details["config_file"]
	if exe != "/usr/bin/redis-server" && !strings.HasPrefix(conf, "/etc/redis/") {
		return finding.Finding{}, false
	}
	return probekit.Finish(finding.Finding{
		Severity: finding.High, Category: finding.Config, Rule: "redis-cve-2022-0543",
		Title: "Redis " + svc.Version + " from a Debian/Ubuntu package may allow a Lua sandbox escape (CVE-2022-0543)",
		Detail: "Debian and Ubuntu packages of this Redis version built before February 2022 expose Lua's package " +
			"library to EVAL, which loads a shared library and runs commands on the host. Packages updated since then " +
			"keep the same version number, so this cannot be confirmed remotely without running a script.",
		Evidence:    fmt.Sprintf("version %s, executable %q, config file %q", svc.Version, exe, conf),
		References:  []string{"https://security-tracker.debian.org/tracker/CVE-2022-0543"},
		Tags:        []string{"CVE-2022-0543"},
		Remediation: "Update the redis package (Debian 5:5.0.14-1+deb10u2 / 5:6.0.16-1+deb11u2, Ubuntu USN-5316-1 or later), and deny EVAL to accounts that do not need it.",
	}, svc), true
}

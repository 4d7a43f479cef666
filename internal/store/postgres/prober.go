// Package postgres probes PostgreSQL servers: it reads what the startup exchange tells
// before any password (TLS offered or not, the authentication method, the server's error
// fields), decides whether anyone can log in (trust authentication, well-known passwords,
// the user's credentials), and once in lists databases, schemas and tables with their
// sizes, samples them, and reports what the session could do beyond reading (superuser,
// COPY … PROGRAM) and weak configuration — with bounded, read-only queries in sessions
// that start with default_transaction_read_only=on.
package postgres

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
)

const (
	product = "postgres"
	// Protocol is the Service.Protocol of every PostgreSQL service.
	Protocol = "postgres"
	// AppName is the application_name of every leakwatch session, so that a server's
	// logs (and pg_stat_activity) name the scanner.
	AppName = "leakwatch"
)

// Prober implements store.Prober for PostgreSQL.
type Prober struct{ probekit.About }

var (
	_ store.Prober    = (*Prober)(nil)
	_ store.Describer = (*Prober)(nil)
)

// about names the product and says how to close it.
var about = probekit.About{
	Product: product,
	Display: "PostgreSQL",
	// Ports: the well-known port.
	Ports: []int{5432},
	Remediation: "Replace trust lines for network hosts in pg_hba.conf with scram-sha-256 (hostssl where possible), give " +
		"every login role a strong password (ALTER ROLE … PASSWORD), set listen_addresses to the private " +
		"addresses that need it and firewall port 5432, and reload the server (SELECT pg_reload_conf()).",
}

// New returns a PostgreSQL prober.
func New() *Prober { return &Prober{About: about} }

// TrustUsers are tried without a password: the bootstrap superuser first, then names
// that installers and images commonly create.
var TrustUsers = []string{"postgres", "root", "admin"}

// DefaultPasswords are tried for the postgres user when trust fails. PostgreSQL stores no
// empty passwords, so none is tried.
var DefaultPasswords = []string{"postgres", "password", "admin"}

// Result is store.Result; the alias keeps signatures short.
type Result = store.Result

// Probe fingerprints ep and, when it is PostgreSQL, decides access and — once in — lists,
// samples and checks it.
func (p *Prober) Probe(ctx context.Context, ep store.Endpoint, opts *store.Options) (*Result, error) {
	o := opts.WithDefaults()
	start := time.Now()
	claimed := ep.Port == 5432 || strings.HasPrefix(ep.Scheme, "postgres")

	first, err := startup(ctx, ep, &o, "postgres", claimed)
	if first == nil {
		return nil, err
	}
	res := &Result{Service: newService(ep, first)}
	svc := &res.Service
	res.Findings = append(res.Findings, handshakeFindings(svc, first)...)
	if err != nil && first.hs == nil {
		return probekit.Done(res, start, err)
	}

	// Trust: a password-less login for the usual users, then the user's own names.
	trusted := ""
	if first.hs.AuthCode == authOK {
		trusted = "postgres"
	}
	for _, u := range trustCandidates(&o) {
		if trusted != "" || ctx.Err() != nil {
			break
		}
		if u == "postgres" {
			continue // asked already
		}
		r, err := startup(ctx, ep, &o, u, true)
		if err != nil || r == nil || r.hs == nil {
			continue
		}
		if r.hs.AuthCode == authOK {
			trusted = u
		} else if r.hs.Err != nil && r.hs.AuthCode < 0 && strings.Contains(r.hs.Err.Message, "does not exist") && r.hs.Err.Code == "28000" {
			// A missing role is only revealed when the line matching it needs no password.
			svc.Details["trust_without_role"] = u
		}
	}

	var lastErr error
	for _, c := range credentials(&o, trusted) {
		if ctx.Err() != nil {
			lastErr = ctx.Err()
			break
		}
		s, err := connect(ctx, ep, &o, link{tls: first.tls, verified: first.verified}, c, "")
		if err != nil {
			if errors.Is(err, errPlaintextRefused) {
				svc.Details["password_not_sent"] = errPlaintextRefused.Error()
			}
			var se *ServerError
			if errors.As(err, &se) && se.IsAuth() {
				lastErr = err
				continue
			}
			if isClientAuthErr(err) {
				lastErr = fmt.Errorf("%w: %v", store.ErrAuth, err)
				continue
			}
			lastErr = err
			if store.IsTimeout(err) || ctx.Err() != nil {
				break
			}
			continue
		}
		svc.Auth = authOf(c)
		svc.User = c.Username
		svc.Status = finding.StatusOpen
		err = explore(ctx, s, ep, &o, c, res)
		s.close()
		return probekit.Done(res, start, err)
	}
	// The server asked for a password nobody gave, or refused everything tried.
	asked := first.hs.AuthCode > authOK || (first.hs.Err != nil && first.hs.Err.IsAuth())
	if errors.Is(lastErr, store.ErrAuth) || (lastErr == nil && asked) {
		svc.Auth = finding.AuthRequired
		svc.Status = finding.StatusAuthRequired
		return probekit.Done(res, start, nil)
	}
	if lastErr == nil && first.hs.Err != nil {
		lastErr = first.hs.Err
	}
	return probekit.Done(res, start, lastErr)
}

// firstContact is what one raw startup exchange learned.
type firstContact struct {
	ssl        byte // 'S' or 'N'
	tls        bool // the exchange ran over TLS
	verified   bool // and the certificate verified for the endpoint (Options.RootCAs)
	tlsVersion uint16
	hs         *handshake
}

// startup runs SSLRequest and a StartupMessage for user on a fresh connection, and
// returns nil with an error wrapping store.ErrNoMatch when the port is not PostgreSQL.
// On a port that is not PostgreSQL's own, a silent peer gets a short wait.
func startup(ctx context.Context, ep store.Endpoint, o *store.Options, user string, claimed bool) (*firstContact, error) {
	cctx, cancel := context.WithTimeout(ctx, o.ConnectTimeout)
	defer cancel()
	conn, err := o.Dial(cctx, "tcp", ep.Address())
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	wait := o.IOTimeout
	if !claimed {
		wait = min(wait, 3*time.Second)
	}
	_ = conn.SetDeadline(time.Now().Add(wait))
	if _, err := conn.Write(sslRequest()); err != nil {
		return nil, fmt.Errorf("%w: SSLRequest: %v", store.ErrNoMatch, err)
	}
	// PostgreSQL answers with exactly one byte and waits. A server that speaks first
	// (MySQL, SSH, FTP) has sent more by now.
	buf := make([]byte, 64)
	n, err := conn.Read(buf)
	switch {
	case n == 1 && (buf[0] == 'S' || buf[0] == 'N'):
	case n > 0:
		return nil, fmt.Errorf("%w: answered SSLRequest with %q", store.ErrNoMatch, buf[:min(n, 16)])
	case store.IsTimeout(err):
		return nil, fmt.Errorf("%w: no answer to SSLRequest within %v", store.ErrNoMatch, wait)
	default:
		return nil, fmt.Errorf("%w: closed on SSLRequest: %v", store.ErrNoMatch, err)
	}
	fc := &firstContact{ssl: buf[0]}
	var rw io.ReadWriter = conn
	if fc.ssl == 'S' {
		tc := tls.Client(conn, probekit.TLSConfig(ep))
		if err := tc.HandshakeContext(cctx); err != nil {
			return nil, fmt.Errorf("%w: server offered TLS but the handshake failed: %v", store.ErrProtocol, err)
		}
		fc.tls = true
		fc.tlsVersion = tc.ConnectionState().Version
		fc.verified = probekit.TLSVerified(ep, tc.ConnectionState(), o.RootCAs)
		rw = tc
	}
	_ = conn.SetDeadline(time.Now().Add(wait))
	msg := startupMessage(map[string]string{"user": user, "database": "postgres", "application_name": AppName})
	if _, err := rw.Write(msg); err != nil {
		return nil, fmt.Errorf("%w: StartupMessage: %v", store.ErrNoMatch, err)
	}
	hs, err := readStartupReply(rw)
	if hs == nil {
		if errors.Is(err, errNotPostgres) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, fmt.Errorf("%w: %v", store.ErrNoMatch, err)
		}
		if store.IsTimeout(err) {
			return nil, fmt.Errorf("%w: no answer to StartupMessage within %v", store.ErrNoMatch, wait)
		}
		return nil, fmt.Errorf("%w: %v", store.ErrNoMatch, err)
	}
	fc.hs = hs
	if hs.AuthCode == authOK {
		_, _ = rw.Write(terminate)
	}
	return fc, err
}

func newService(ep store.Endpoint, fc *firstContact) finding.Service {
	s := probekit.NewService(ep, Protocol, product, fc.tls)
	s.Details["ssl"] = map[byte]string{'S': "offered", 'N': "refused"}[fc.ssl]
	if fc.tls {
		s.Details["tls_version"] = tls.VersionName(fc.tlsVersion)
	}
	hs := fc.hs
	if hs == nil {
		return s
	}
	if m := hs.method(); m != "" {
		s.Details["auth_method"] = m
	}
	if len(hs.Mechanisms) > 0 {
		s.Details["sasl_mechanisms"] = strings.Join(hs.Mechanisms, ",")
	}
	if hs.Err != nil {
		s.Details["startup_error"] = hs.Err.Code + ": " + hs.Err.Message
		if hs.Err.Routine != "" {
			s.Details["startup_error_routine"] = hs.Err.Routine
		}
	}
	if v := hs.Params["server_version"]; v != "" {
		s.Version = v
	}
	for _, k := range []string{"server_encoding", "TimeZone", "is_superuser", "in_hot_standby"} {
		if v := hs.Params[k]; v != "" {
			s.Details[k] = v
		}
	}
	if hint := versionHint(fc); hint != "" && s.Version == "" {
		s.Details["version_hint"] = hint
	}
	return s
}

// versionHint is what the startup exchange alone says about the version: SCRAM came in
// 10, the non-localised severity field in 9.6, channel binding in 11.
func versionHint(fc *firstContact) string {
	hs := fc.hs
	switch {
	case slices.Contains(hs.Mechanisms, "SCRAM-SHA-256-PLUS"):
		return ">= 11"
	case hs.AuthCode == authSASL:
		return ">= 10"
	case hs.Err != nil && hs.Err.NonLocalized:
		return ">= 9.6"
	case hs.Err != nil:
		return "< 9.6"
	}
	return ""
}

func trustCandidates(o *store.Options) []string {
	out := append([]string{}, TrustUsers...)
	for _, c := range o.Credentials {
		if c.For(product) && c.Username != "" && !slices.Contains(out, c.Username) {
			out = append(out, c.Username)
		}
	}
	return out
}

// cred is one login to try; none marks a trusted (password-less) login.
type cred struct {
	store.Credential
	none bool
}

// credentials lists the logins to try, in order: the trusted user (when the startup
// exchange showed one), well-known passwords for postgres, then the user's own, as
// postgres when they name no user. PostgreSQL has no login without a user name: the
// shared list's first entry, no credentials, stands here for the password-less login
// of the trusted user.
func credentials(o *store.Options, trusted string) []cred {
	var out []cred
	if trusted != "" {
		out = append(out, cred{Credential: store.Credential{Store: product, Username: trusted}, none: true})
	}
	defaults := make([]store.Credential, len(DefaultPasswords))
	for i, pw := range DefaultPasswords {
		defaults[i] = store.Credential{Username: "postgres", Password: pw}
	}
	for _, c := range store.CredentialsToTry(o, product, defaults...)[1:] {
		if c.Username == "" {
			c.Username = "postgres"
		}
		out = append(out, cred{Credential: *c})
	}
	return out
}

func authOf(c cred) finding.Auth {
	if c.none {
		return finding.AuthNone
	}
	return store.AuthOf(&c.Credential)
}

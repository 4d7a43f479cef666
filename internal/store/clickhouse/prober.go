// Package clickhouse probes ClickHouse servers over HTTP(S) and the native protocol
// (plain or TLS): it fingerprints them, decides whether they let anyone in, lists what
// they hold and samples it, and reports what an intruder could do there — all with
// bounded, read-only queries (see http.go for how "read-only" is enforced).
package clickhouse

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/lazyre"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
)

// Protocol names used in Service.Protocol and findings.
const (
	ProtoHTTP   = "clickhouse-http"
	ProtoNative = "clickhouse-native"
	product     = "clickhouse"
)

// Prober implements store.Prober for ClickHouse.
type Prober struct{ probekit.About }

var (
	_ store.Prober    = (*Prober)(nil)
	_ store.Describer = (*Prober)(nil)
)

// about names the product and says how to close it.
var about = probekit.About{
	Product: product,
	Display: "ClickHouse",
	// Ports are HTTP, HTTPS, native, native TLS, and the MySQL and PostgreSQL
	// compatibility interfaces that the stock config.xml enables (mysql_port 9004,
	// postgresql_port 9005).
	Ports: []int{8123, 8443, 9000, 9440, 9004, 9005},
	Remediation: "Give the default user a strong password (password_sha256_hex in users.xml, or ALTER USER … IDENTIFIED WITH " +
		"sha256_password on 20.x+), restrict every user's <networks> to the hosts that need it, bind " +
		"listen_host to private addresses and firewall ports 8123/9000, use the TLS ports 8443/9440, and give " +
		"read-only users a profile with readonly=1.",
}

// New returns a ClickHouse prober.
func New() *Prober { return &Prober{About: about} }

// Ports of the compatibility interfaces in the stock config.xml.
const (
	mysqlPort    = 9004
	postgresPort = 9005
)

// DefaultPasswords are tried for the default user when the empty password fails.
// ClickHouse ships without one; these are what installers and tutorials put in.
var DefaultPasswords = []string{"clickhouse", "default", "password", "changeme", "123456"}

// nativeRedirect is what a native port answers to an HTTP request.
var nativeRedirect = lazyre.New(`Port \d+ is for clickhouse-client program`)

// Probe fingerprints ep and, when it is ClickHouse, decides access and (over HTTP) lists,
// samples and checks it.
func (p *Prober) Probe(ctx context.Context, ep store.Endpoint, opts *store.Options) (*Result, error) {
	o := opts.WithDefaults()
	// The compatibility ports wait for the client's first message (PostgreSQL) or speak
	// first (MySQL): an HTTP request there would be read as a huge startup packet.
	switch {
	case ep.Port == postgresPort || ep.Scheme == "clickhouse+postgresql":
		return probePGWire(ctx, ep, &o)
	case ep.Port == mysqlPort || ep.Scheme == "clickhouse+mysql":
		return probeMySQLWire(ctx, ep, &o, nil)
	}
	tlsFirst := ep.Port == 8443 || ep.Port == 9440 || ep.Scheme == "https" || ep.Scheme == "clickhouses"
	var firstErr error
	for _, useTLS := range ep.TLSModes(tlsFirst) {
		kind, head, err := sniff(ctx, ep, &o, useTLS)
		switch kind {
		case sniffHTTP:
			return probeHTTP(ctx, ep, &o, useTLS)
		case sniffNative:
			return probeNative(ctx, ep, &o, useTLS)
		case sniffMySQL:
			return probeMySQLWire(ctx, ep, &o, head)
		case sniffOther:
			return nil, err
		}
		// sniffRetry: wrong TLS mode, or the port closed on us; the other mode decides.
		if firstErr == nil {
			firstErr = err
		}
		if store.IsTimeout(err) || ctx.Err() != nil {
			return nil, err
		}
	}
	return nil, fmt.Errorf("%w: %v", store.ErrNoMatch, firstErr)
}

// Result is store.Result; the alias keeps signatures short.
type Result = store.Result

type sniffKind int

const (
	sniffRetry  sniffKind = iota // try the other TLS mode
	sniffHTTP                    // an HTTP server that may be ClickHouse
	sniffNative                  // a ClickHouse native port
	sniffMySQL                   // ClickHouse's MySQL interface, on a port not its own
	sniffOther                   // decided: not ClickHouse (or timed out)
)

// sniff sends "GET /ping" and classifies the answer. HTTP goes first on every port
// because every candidate answers it at once — ClickHouse's HTTP interface, its native
// interface ("Port 9000 is for clickhouse-client program"), a TLS port (an alert), and
// other HTTP servers such as MinIO on 9000 — whereas an HTTP server sent a native Hello
// waits for the end of a request line that never comes.
func sniff(ctx context.Context, ep store.Endpoint, o *store.Options, useTLS bool) (sniffKind, []byte, error) {
	conn, err := probekit.Dial(ctx, ep, o, useTLS)
	if err != nil {
		if store.IsTimeout(err) && !useTLS {
			return sniffOther, nil, err
		}
		return sniffRetry, nil, err
	}
	defer conn.Close()
	host := ep.Name()
	req := "GET /ping HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: " + UserAgent + "\r\nConnection: close\r\n\r\n"
	_ = conn.SetDeadline(time.Now().Add(o.IOTimeout))
	if _, err := io.WriteString(conn, req); err != nil {
		return sniffRetry, nil, err
	}
	buf := make([]byte, 2048)
	n, err := io.ReadAtLeast(conn, buf, 5)
	head := buf[:n]
	switch {
	case n >= 5 && string(head[:5]) == "HTTP/":
		// The native port's message comes in a 400 and the connection closes after it;
		// any other server may keep the connection open, so wait only briefly.
		if bytes.HasPrefix(head, []byte("HTTP/1.0 400")) || bytes.HasPrefix(head, []byte("HTTP/1.1 400")) {
			_ = conn.SetReadDeadline(time.Now().Add(min(o.IOTimeout, time.Second)))
			if m, _ := io.ReadFull(conn, buf[n:]); m > 0 {
				head = buf[:n+m]
			}
		}
		if nativeRedirect.Match(head) {
			return sniffNative, nil, nil
		}
		return sniffHTTP, nil, nil
	case n > 0 && head[0] == 0x15 && !useTLS:
		return sniffRetry, nil, fmt.Errorf("%w: TLS alert on a plain connection", store.ErrNoMatch)
	case n > 0:
		// A server that spoke first may be ClickHouse's MySQL interface on a port
		// other than 9004 (its greeting arrives whatever we sent).
		if g, gerr := parseMySQLGreeting(head); gerr == nil && clickHouseMySQLVersion(g) != "" {
			return sniffMySQL, bytes.Clone(head), nil
		}
		return sniffOther, nil, fmt.Errorf("%w: not HTTP, not ClickHouse: %q", store.ErrNoMatch, head[:min(n, 16)])
	case store.IsTimeout(err):
		return sniffOther, nil, fmt.Errorf("%w: no answer to an HTTP request: %w", store.ErrTimeout, err)
	default:
		return sniffRetry, nil, fmt.Errorf("%w: closed without answering: %v", store.ErrNoMatch, err)
	}
}

// credentials lists what to try, in order: nothing (the default user, empty password),
// well-known default passwords for the default user, then the user's own.
func credentials(o *store.Options) []*store.Credential {
	defaults := make([]store.Credential, len(DefaultPasswords))
	for i, pw := range DefaultPasswords {
		defaults[i] = store.Credential{Username: "default", Password: pw}
	}
	return store.CredentialsToTry(o, product, defaults...)
}

func userOf(c *store.Credential) string {
	if c == nil || c.Username == "" {
		return "default"
	}
	return c.Username
}

// probeNative logs in over the native protocol with each credential in turn.
func probeNative(ctx context.Context, ep store.Endpoint, o *store.Options, useTLS bool) (*Result, error) {
	start := time.Now()
	res := &Result{Service: probekit.NewService(ep, ProtoNative, product, useTLS)}
	var lastErr error
	identified := false
	for _, c := range credentials(o) {
		hello, err := nativeHello(ctx, ep, o, useTLS, c)
		var se *ServerError
		switch {
		case err == nil:
			identified = true
			fillHello(&res.Service, hello)
			res.Service.Auth = store.AuthOf(c)
			res.Service.User = userOf(c)
			res.Service.Status = finding.StatusOpen
			res.Findings = append(res.Findings, versionFindings(res.Service)...)
			res.Service.Duration = probekit.Elapsed(start)
			return res, nil
		case errors.As(err, &se):
			identified = true
			if !se.IsAuth() {
				res.Service.Status = store.StatusOf(err)
				res.Service.Error = err.Error()
				return res, err
			}
			lastErr = err
		default:
			if !identified {
				return nil, err
			}
			lastErr = err
			if store.IsTimeout(err) {
				// A server that let a login time out is asked no more: one that drips
				// its answers within every read timeout would cost each credential's
				// full deadline.
				return noneWorked(res, start, lastErr)
			}
		}
		if ctx.Err() != nil {
			break
		}
	}
	return noneWorked(res, start, lastErr)
}

// noneWorked ends a probe in which no credential got in: the service is protected when
// the last one was refused, else undecided because of lastErr.
func noneWorked(res *Result, start time.Time, lastErr error) (*Result, error) {
	res.Service.Duration = probekit.Elapsed(start)
	if errors.Is(lastErr, store.ErrAuth) {
		res.Service.Auth = finding.AuthRequired
		res.Service.Status = finding.StatusAuthRequired
		return res, nil
	}
	res.Service.Status = store.StatusOf(lastErr)
	res.Service.Error = probekit.ErrString(lastErr)
	return res, lastErr
}

func nativeHello(ctx context.Context, ep store.Endpoint, o *store.Options, useTLS bool, c *store.Credential) (*ServerHello, error) {
	conn, err := probekit.Dial(ctx, ep, o, useTLS)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(o.IOTimeout))
	user, pw := "default", ""
	if c != nil {
		user, pw = userOf(c), c.Password
	}
	if _, err := conn.Write(appendClientHello(nil, user, pw)); err != nil {
		return nil, err
	}
	return readServerReply(io.LimitReader(conn, maxReplyBytes))
}

func fillHello(s *finding.Service, h *ServerHello) {
	s.Version = h.Version()
	s.Details["server_name"] = h.Name
	s.Details["revision"] = fmt.Sprint(h.Revision)
	if h.HasTimezone {
		s.Details["timezone"] = h.Timezone
	}
	if h.HasDisplayName && h.DisplayName != "" {
		s.Details["display_name"] = h.DisplayName
	}
}

// probeHTTP fingerprints an HTTP server, decides access, and — once in — runs the
// inventory, samples and capability checks within opts.InventoryTimeout.
func probeHTTP(ctx context.Context, ep store.Endpoint, o *store.Options, useTLS bool) (*Result, error) {
	start := time.Now()
	first := newHTTPSession(ep, o, useTLS, nil)
	defer first.h.Close()

	ping, pingHeader, err := httpPing(ctx, first.h)
	if err != nil {
		return nil, err
	}
	res := &Result{Service: probekit.NewService(ep, ProtoHTTP, product, useTLS)}
	identified := hasClickHouseHeader(pingHeader)
	var lastErr error
	for _, c := range credentials(o) {
		s := first.as(c)
		fp, err := fingerprintQuery(ctx, s)
		var se *ServerError
		switch {
		case err == nil:
			identified = true
			fp.apply(&res.Service)
			res.Service.Auth = store.AuthOf(c)
			res.Service.User = userOf(c)
			res.Service.Status = finding.StatusOpen
			res.Findings = append(res.Findings, versionFindings(res.Service)...)
			err := explore(ctx, s, o, res)
			res.Service.Duration = probekit.Elapsed(start)
			if err != nil {
				res.Service.Error = err.Error()
			}
			return res, err
		case errors.As(err, &se):
			identified = true
			if h := s.lastHeader; h != nil {
				applyHeaders(&res.Service, h)
			}
			if !se.IsAuth() {
				res.Service.Status = store.StatusOf(err)
				res.Service.Error = err.Error()
				return res, err
			}
			lastErr = err
		default:
			if !identified {
				if store.IsTimeout(err) {
					return nil, err // could not decide
				}
				return nil, fmt.Errorf("%w: HTTP server that is not ClickHouse (/ping %.20q: %v)", store.ErrNoMatch, ping, err)
			}
			lastErr = err
			if store.IsTimeout(err) {
				return noneWorked(res, start, lastErr) // as in probeNative
			}
		}
		if ctx.Err() != nil {
			break
		}
	}
	return noneWorked(res, start, lastErr)
}

func httpPing(ctx context.Context, h *probekit.Session) (string, http.Header, error) {
	resp, err := h.Stream(ctx, http.MethodGet, "/ping", nil, nil)
	if err != nil {
		return "", nil, err
	}
	body, _ := probekit.ReadBody(resp, 1024)
	if resp.StatusCode != http.StatusOK {
		return "", resp.Header, nil
	}
	return strings.TrimSpace(string(body)), resp.Header, nil
}

func hasClickHouseHeader(h http.Header) bool {
	for k := range h {
		if strings.HasPrefix(http.CanonicalHeaderKey(k), "X-Clickhouse-") {
			return true
		}
	}
	return false
}

func applyHeaders(s *finding.Service, h http.Header) {
	if v := h.Get("X-ClickHouse-Server-Display-Name"); v != "" {
		s.Details["display_name"] = v
	}
	if v := h.Get("X-ClickHouse-Timezone"); v != "" && s.Details["timezone"] == "" {
		s.Details["timezone"] = v
	}
}

// versionText is what version() answers: VERSION_STRING, built in cmake/version.cmake
// as major.minor.patch[.tweak] followed, on vendor builds, by ".extra" and ".flavour"
// (Altinity: "25.3.12.10001.altinitystable"; Altinity/ClickHouse cmake/version.cmake).
var versionText = lazyre.New(`^\d{1,4}\.\d{1,4}(\.\d{1,6}){0,3}(\.[A-Za-z][A-Za-z0-9_-]{0,63}){0,2}$`)

// splitVersion separates a version's numbers from a vendor's flavour.
func splitVersion(v string) (num, flavour string) {
	parts := strings.Split(v, ".")
	i := 0
	for i < len(parts) && i < 4 && parts[i] != "" && strings.Trim(parts[i], "0123456789") == "" {
		i++
	}
	return strings.Join(parts[:i], "."), strings.Join(parts[i:], ".")
}

type fingerprint struct {
	version, timezone, uptime, hostname string
	header                              http.Header
}

func (f *fingerprint) apply(s *finding.Service) {
	s.Version = f.version
	if _, flavour := splitVersion(f.version); flavour != "" {
		s.Details["version_flavour"] = flavour
	}
	if f.timezone != "" {
		s.Details["timezone"] = f.timezone
	}
	if f.uptime != "" {
		s.Details["uptime_seconds"] = f.uptime
	}
	if f.hostname != "" {
		s.Details["hostname"] = f.hostname
	}
	if f.header != nil {
		applyHeaders(s, f.header)
	}
}

// fingerprintQuery asks the server who it is. Only ClickHouse answers this query with a
// version number; any other HTTP server is ErrNoMatch.
func fingerprintQuery(ctx context.Context, s *httpSession) (*fingerprint, error) {
	rows, err := s.rows(ctx, "SELECT version(), timezone(), toString(uptime()), hostName()", queryLimits{maxRows: 1})
	if err != nil {
		var se *ServerError
		if errors.As(err, &se) || store.IsTimeout(err) {
			return nil, err
		}
		return nil, fmt.Errorf("%w: %w", store.ErrNoMatch, err)
	}
	if len(rows) != 1 || len(rows[0]) != 4 || !versionText.MatchString(rows[0][0]) {
		return nil, fmt.Errorf("%w: unexpected answer to SELECT version()", store.ErrNoMatch)
	}
	r := rows[0]
	return &fingerprint{version: r[0], timezone: r[1], uptime: r[2], hostname: r[3], header: s.lastHeader}, nil
}

// Package mysql probes MySQL and MariaDB servers: the greeting every connection starts
// with names the product, version, TLS support and authentication plugin before any
// password; then it decides whether anyone can log in (root without a password,
// well-known passwords, the user's credentials), and once in lists schemas and tables
// with their sizes, samples them, and reports what the account could do beyond reading
// (FILE with an empty secure_file_priv, SUPER / ALL on *.*) and weak configuration — all
// with SELECT and SHOW inside START TRANSACTION READ ONLY.
package mysql

import (
	"bytes"
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"time"

	gomysql "github.com/go-sql-driver/mysql"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
)

const (
	product = "mysql"
	// Protocol is the Service.Protocol of every MySQL / MariaDB service.
	Protocol = "mysql"
	// ProgramName is sent as the program_name connection attribute, so that
	// performance_schema and audit logs name the scanner.
	ProgramName = "leakwatch"
)

// Prober implements store.Prober for MySQL and MariaDB.
type Prober struct{ probekit.About }

var (
	_ store.Prober    = (*Prober)(nil)
	_ store.Describer = (*Prober)(nil)
)

// about names the product and says how to close it.
var about = probekit.About{
	Product: product,
	Display: "MySQL / MariaDB",
	// Ports: the well-known port.
	Ports: []int{3306},
	Remediation: "Give root and every account a strong password (ALTER USER … IDENTIFIED BY …), drop anonymous and " +
		"'root'@'%' accounts, restrict accounts to the hosts that need them, bind bind_address to private " +
		"addresses and firewall port 3306, and require TLS (require_secure_transport=ON).",
}

// New returns a MySQL / MariaDB prober.
func New() *Prober { return &Prober{About: about} }

// DefaultPasswords are tried for root after the empty password.
var DefaultPasswords = []string{"root", "password", "mysql"}

// Result is store.Result; the alias keeps signatures short.
type Result = store.Result

// Probe fingerprints ep from its greeting and, when it is MySQL or MariaDB, decides
// access and — once in — lists, samples and checks it.
func (p *Prober) Probe(ctx context.Context, ep store.Endpoint, opts *store.Options) (*Result, error) {
	claimed := ep.Port == 3306 || strings.HasPrefix(ep.Scheme, "mysql") || strings.HasPrefix(ep.Scheme, "mariadb")
	return p.probe(ctx, ep, opts, claimed, nil)
}

// probe is Probe whose first login uses first (a connection whose greeting is still to
// be read, replayed when identification read it) when it is not nil.
func (p *Prober) probe(ctx context.Context, ep store.Endpoint, opts *store.Options, claimed bool, first net.Conn) (*Result, error) {
	if first != nil {
		defer func() {
			if first != nil {
				first.Close()
			}
		}()
	}
	o := opts.WithDefaults()
	start := time.Now()

	var res *Result
	var svc *finding.Service
	var lastErr error
	for i, c := range credentials(&o) {
		if ctx.Err() != nil {
			lastErr = ctx.Err()
			break
		}
		conn, g, budget, err := connectBudget(ctx, ep, &o, c, claimed || i > 0, &first)
		if res == nil {
			if g == nil {
				if err == nil {
					err = errNotMySQL
				}
				if errors.Is(err, errNotMySQL) {
					return nil, fmt.Errorf("%w: %v", store.ErrNoMatch, err)
				}
				if store.IsTimeout(err) {
					return nil, fmt.Errorf("%w: no greeting within the timeout", store.ErrNoMatch)
				}
				return nil, fmt.Errorf("%w: %v", store.ErrNoMatch, err)
			}
			res = &Result{Service: newService(ep, g)}
			svc = &res.Service
			res.Findings = append(res.Findings, greetingFindings(*svc, g)...)
			if g.Err != nil {
				if g.Err.IsAuth() {
					// Refused before any credential (no account for this host): every
					// other attempt would meet the same answer.
					svc.Status = finding.StatusAuthRequired
					return probekit.Done(res, start, nil)
				}
				return probekit.Done(res, start, g.Err) // too many connections, host blocked: could not decide
			}
		}
		if err != nil {
			lastErr = err
			if errors.Is(err, errPlaintextRefused) {
				svc.Details["password_not_sent"] = errPlaintextRefused.Error()
			}
			var se *ServerError
			if errors.Is(err, store.ErrAuth) || (errors.As(err, &se) && !store.IsTimeout(err)) {
				continue
			}
			// The connection broke or stalled after the greeting (the driver's
			// "invalid connection"): the next login would meet the same.
			break
		}
		svc.Auth = authOf(c)
		svc.User = c.Username
		svc.Status = finding.StatusOpen
		s := &session{conn: conn, o: &o, flavor: flavorOf(svc.Version), budget: budget}
		err = explore(ctx, s, &o, res)
		s.close()
		return probekit.Done(res, start, err)
	}
	if res == nil {
		return nil, fmt.Errorf("%w: %v", store.ErrNoMatch, lastErr)
	}
	if errors.Is(lastErr, store.ErrAuth) {
		svc.Auth = finding.AuthRequired
		svc.Status = finding.StatusAuthRequired
		return probekit.Done(res, start, nil)
	}
	return probekit.Done(res, start, lastErr)
}

func newService(ep store.Endpoint, g *Greeting) finding.Service {
	s := probekit.NewService(ep, Protocol, product, g.TLS())
	if g.Err != nil {
		s.Details["greeting_error"] = fmt.Sprintf("%d: %s", g.Err.Code, g.Err.Message)
		if g.Err.IsAuth() {
			s.Auth = finding.AuthRequired
		}
		return s
	}
	s.Version = CleanVersion(g.Version)
	s.Details["flavor"] = g.Flavor()
	s.Details["protocol"] = fmt.Sprint(g.Protocol)
	s.Details["connection_id"] = fmt.Sprint(g.ConnectionID)
	s.Details["capabilities"] = fmt.Sprintf("%#08x", g.Capabilities)
	s.Details["tls"] = map[bool]string{true: "offered", false: "not offered"}[g.TLS()]
	if g.AuthPlugin != "" {
		s.Details["auth_plugin"] = g.AuthPlugin
	}
	return s
}

// cred is one login to try; none marks root without a password.
type cred struct {
	store.Credential
	none bool
}

// credentials lists the logins to try, in order: root without a password, well-known
// passwords for root, then the user's own, as root when they name no user. MySQL has no
// login without a user name: the shared list's first entry, no credentials, stands here
// for root with an empty password.
func credentials(o *store.Options) []cred {
	out := []cred{{Credential: store.Credential{Store: product, Username: "root"}, none: true}}
	defaults := make([]store.Credential, len(DefaultPasswords))
	for i, pw := range DefaultPasswords {
		defaults[i] = store.Credential{Username: "root", Password: pw}
	}
	for _, c := range store.CredentialsToTry(o, product, defaults...)[1:] {
		if c.Username == "" {
			c.Username = "root"
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

// recorder keeps the first packet the server sends (the greeting) as the driver reads
// it, so that one connection both fingerprints and logs in: a client that read the
// greeting and hung up would count as a handshake error towards the server's
// max_connect_errors, and enough of those block the scanner's host.
type recorder struct {
	net.Conn
	mu       sync.Mutex
	buf      bytes.Buffer
	done     bool
	deadline time.Time // until the greeting is in, no read waits past this
}

func (r *recorder) Read(p []byte) (int, error) {
	n, err := r.Conn.Read(p)
	r.mu.Lock()
	if !r.done && n > 0 {
		r.buf.Write(p[:n])
		if packetComplete(r.buf.Bytes()) || r.buf.Len() >= maxGreeting+4 {
			r.done = true
			_ = r.Conn.SetReadDeadline(time.Time{})
		}
	}
	r.mu.Unlock()
	return n, err
}

func (r *recorder) SetReadDeadline(t time.Time) error {
	r.mu.Lock()
	if !r.done && (t.IsZero() || t.After(r.deadline)) {
		t = r.deadline
	}
	r.mu.Unlock()
	return r.Conn.SetReadDeadline(t)
}

func (r *recorder) SetDeadline(t time.Time) error {
	if err := r.Conn.SetWriteDeadline(t); err != nil {
		return err
	}
	return r.SetReadDeadline(t)
}

func (r *recorder) greeting() []byte {
	r.mu.Lock()
	defer r.mu.Unlock()
	return bytes.Clone(r.buf.Bytes())
}

// connect logs in as c and returns the driver connection and the greeting. On a port
// that is not MySQL's own, the greeting gets a short wait. A refused login comes back
// as an error wrapping store.ErrAuth, with the greeting. A user's own password goes
// through the guard (guard.go).
func connect(ctx context.Context, ep store.Endpoint, o *store.Options, c cred, claimed bool, first *net.Conn) (driver.Conn, *Greeting, error) {
	conn, g, _, err := connectBudget(ctx, ep, o, c, claimed, first)
	return conn, g, err
}

// connectBudget is connect that also returns the connection's read budget (nil when no
// connection was dialled), for the session to refill before each query.
func connectBudget(ctx context.Context, ep store.Endpoint, o *store.Options, c cred, claimed bool, first *net.Conn) (driver.Conn, *Greeting, *probekit.BudgetConn, error) {
	cfg := gomysql.NewConfig()
	cfg.User, cfg.Passwd = c.Username, c.Password
	guarded := !probekit.PlaintextAllowed(o, &c.Credential)
	cfg.Net, cfg.Addr = "tcp", ep.Address()
	cfg.Timeout = o.ConnectTimeout
	cfg.ReadTimeout, cfg.WriteTimeout = o.IOTimeout, o.IOTimeout
	cfg.AllowNativePasswords = true
	cfg.AllowCleartextPasswords = false // never hand a password over in clear
	cfg.AllowOldPasswords = false
	cfg.AllowAllFiles = false
	cfg.TLSConfig = "preferred" // TLS when offered, any certificate: reading, not trusting
	cfg.AllowFallbackToPlaintext = true
	cfg.ConnectionAttributes = "program_name:" + ProgramName
	cfg.Logger = gomysql.Logger(discardLogger{})
	wait := o.IOTimeout
	if !claimed {
		wait = min(wait, 3*time.Second)
	}
	var rec *recorder
	var grd *guard
	var budget *probekit.BudgetConn
	dial := o.Dial
	probeCtx := ctx // the dial's own context ends with the login; the guard's relay, with the probe
	cfg.DialFunc = func(ctx context.Context, network, addr string) (net.Conn, error) {
		var nc net.Conn
		if first != nil && *first != nil {
			nc, *first = *first, nil // identification's connection: the greeting is replayed
		} else {
			var err error
			if nc, err = dial(ctx, network, addr); err != nil {
				return nil, err
			}
		}
		rec = &recorder{Conn: nc, deadline: time.Now().Add(wait)}
		_ = nc.SetReadDeadline(rec.deadline)
		var dc net.Conn = rec
		if guarded {
			dc, grd = guardConn(probeCtx, ep, o, rec, time.Now().Add(o.ConnectTimeout+o.IOTimeout))
		}
		budget = probekit.NewBudgetConn(dc, responseBudget(o))
		return budget, nil
	}
	connector, err := gomysql.NewConnector(cfg)
	if err != nil {
		return nil, nil, nil, err
	}
	cctx, cancel := context.WithTimeout(ctx, o.ConnectTimeout+o.IOTimeout)
	defer cancel()
	conn, err := connector.Connect(cctx)
	var g *Greeting
	if rec != nil {
		var gerr error
		if g, gerr = ParseGreeting(rec.greeting()); gerr != nil {
			g = nil
			if conn != nil {
				conn.Close()
			}
			if err == nil || !store.IsTimeout(err) {
				err = gerr
			}
			return nil, nil, nil, err
		}
	}
	if err != nil {
		if grd != nil && grd.Crashed() != nil {
			return nil, g, nil, fmt.Errorf("%w: %w", store.ErrProtocol, grd.Crashed())
		}
		if grd != nil && grd.Refused() {
			return nil, g, nil, fmt.Errorf("%w: %w", store.ErrAuth, errPlaintextRefused)
		}
		return nil, g, nil, classify(err)
	}
	return conn, g, budget, nil
}

// responseBudget is what one exchange may read: the response cap, and room for the
// protocol's framing.
func responseBudget(o *store.Options) int64 { return o.MaxResponseBytes + 64<<10 }

type discardLogger struct{}

func (discardLogger) Print(...any) {}

// classify turns driver errors into the store's classes.
func classify(err error) error {
	if err == nil {
		return nil
	}
	var me *gomysql.MySQLError
	if errors.As(err, &me) {
		se := &ServerError{Code: me.Number, Message: me.Message}
		if me.SQLState != [5]byte{} {
			se.SQLState = string(me.SQLState[:])
		}
		switch me.Number {
		case 1317, 3024, 1969: // query interrupted, max_execution_time, max_statement_time
			return fmt.Errorf("%w: %w", store.ErrTimeout, se)
		}
		return se
	}
	switch {
	case errors.Is(err, gomysql.ErrUnknownPlugin), errors.Is(err, gomysql.ErrCleartextPassword),
		errors.Is(err, gomysql.ErrNativePassword), errors.Is(err, gomysql.ErrOldPassword):
		// The account wants something leakwatch will not or cannot do: not a way in.
		return fmt.Errorf("%w: %v", store.ErrAuth, err)
	case errors.Is(err, context.DeadlineExceeded), store.IsTimeout(err):
		return fmt.Errorf("%w: %v", store.ErrTimeout, err)
	}
	return err
}

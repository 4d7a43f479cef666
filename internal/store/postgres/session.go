package postgres

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgproto3"

	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
)

// session is one logged-in connection. Every statement goes through the simple query
// protocol (one Query message, text results, nothing prepared), so a server's statement
// log shows exactly what ran.
type session struct {
	conn *pgconn.PgConn
	o    *store.Options
	db   string
	// link is how the session reached the server, for the sessions opened after it.
	link link
	// readOnly is confirmed from the server (SHOW default_transaction_read_only).
	readOnly bool
}

// sessionParams are sent in the StartupMessage, so the session is read-only and bounded
// before its first statement, with no SET in the log.
func sessionParams(o *store.Options) map[string]string {
	ms := strconv.FormatInt(o.IOTimeout.Milliseconds(), 10)
	return map[string]string{
		"application_name":              AppName,
		"default_transaction_read_only": "on",
		"statement_timeout":             ms,
		"lock_timeout":                  ms,
	}
}

// link is what the first contact learned about the connection: whether the server
// speaks TLS (sslmode=prefer), and whether its certificate verified for the endpoint.
type link struct {
	tls, verified bool
}

// errPlaintextRefused marks a login leakwatch broke off because the server asked for
// the password in a form readable on the wire.
var errPlaintextRefused = errors.New("the server asked for the password in clear text or as MD5 over a connection that is not TLS with a verified certificate; it was not sent (--allow-plaintext-auth sends it)")

// connect logs in as c to database (the server's "postgres" database when empty, then
// template1 when that does not exist). Old servers and poolers that refuse startup
// parameters get them as SET statements instead.
func connect(ctx context.Context, ep store.Endpoint, o *store.Options, l link, c cred, database string) (*session, error) {
	dbs := []string{database}
	if database == "" {
		dbs = []string{"postgres", "template1"}
	}
	var err error
	for _, db := range dbs {
		var s *session
		s, err = connectOnce(ctx, ep, o, l, c, db, true)
		var pe *pgconn.PgError
		if err != nil && errors.As(err, &pe) && (pe.Code == "42704" || pe.Code == "08P01" || pe.Code == "22023") {
			s, err = connectOnce(ctx, ep, o, l, c, db, false)
		}
		if err == nil {
			return s, nil
		}
		if !(errors.As(err, &pe) && pe.Code == "3D000") {
			break // only a missing database is worth another name
		}
	}
	return nil, classify(err)
}

func connectOnce(ctx context.Context, ep store.Endpoint, o *store.Options, l link, c cred, db string, params bool) (*session, error) {
	user, password := c.Username, c.Password
	cfg, err := pgconn.ParseConfig("sslmode=disable")
	if err != nil {
		return nil, fmt.Errorf("postgres: config: %w", err)
	}
	// ParseConfig also reads the PG* environment and ~/.pgpass; none of that is the
	// user's intent for a scan, so every field that matters is set here.
	cfg.Host = ep.Host()
	cfg.Port = uint16(ep.Port)
	cfg.Database = db
	cfg.User = user
	cfg.Password = password
	cfg.Fallbacks = nil
	cfg.TLSConfig = nil
	if l.tls {
		cfg.TLSConfig = probekit.TLSConfig(ep)
	}
	// A user's password goes only into SCRAM, whose exchange proves knowledge of it
	// without revealing it, unless the connection is TLS with a certificate that
	// verifies (checked again by this connection's own handshake) or the user allowed
	// cleartext and MD5: a hostile server asking for either learns nothing.
	plaintext := probekit.PlaintextAllowed(o, &c.Credential)
	if l.tls && l.verified && !plaintext {
		cfg.TLSConfig = probekit.VerifyingTLSConfig(ep, o.RootCAs)
		plaintext = true
	}
	cfg.SSLNegotiation = "postgres"
	cfg.ConnectTimeout = o.ConnectTimeout + o.IOTimeout
	dial := o.Dial
	cfg.DialFunc = func(ctx context.Context, network, addr string) (net.Conn, error) {
		dctx, cancel := context.WithTimeout(ctx, o.ConnectTimeout)
		defer cancel()
		return dial(dctx, network, addr)
	}
	cfg.LookupFunc = func(_ context.Context, host string) ([]string, error) { return []string{host}, nil }
	cfg.MaxProtocolMessageBodyLen = int(min(o.MaxResponseBytes, 1<<30))
	cfg.BuildFrontend = func(r io.Reader, w io.Writer) *pgproto3.Frontend {
		return pgproto3.NewFrontend(&statusCap{r: r, max: maxParameterStatusBytes}, w)
	}
	cfg.ValidateConnect = nil
	cfg.AfterConnect = nil
	cfg.OnNotice = nil
	cfg.OnNotification = nil
	cfg.KerberosSrvName, cfg.KerberosSpn = "", ""
	cfg.MinProtocolVersion, cfg.MaxProtocolVersion = "3.0", "3.0"
	cfg.ChannelBinding = "prefer"
	cfg.RequireAuth = ""
	if !plaintext {
		cfg.RequireAuth = "scram-sha-256,none"
	}
	if password == "" {
		// A password-less login must not turn into sending an empty password.
		cfg.RequireAuth = "none"
	}
	cfg.SSLCertMode = "disable"
	cfg.RuntimeParams = map[string]string{"application_name": AppName}
	if params {
		cfg.RuntimeParams = sessionParams(o)
	}
	cctx, cancel := context.WithTimeout(ctx, cfg.ConnectTimeout)
	defer cancel()
	conn, err := pgconn.ConnectConfig(cctx, cfg)
	if err != nil {
		if !plaintext && strings.Contains(err.Error(), "require_auth") &&
			(strings.Contains(err.Error(), "requested password") || strings.Contains(err.Error(), "requested md5")) {
			return nil, fmt.Errorf("%w: %w", store.ErrAuth, errPlaintextRefused)
		}
		return nil, err
	}
	s := &session{conn: conn, o: o, db: db, link: l}
	if !params {
		for _, q := range []string{
			"SET default_transaction_read_only = on",
			"SET statement_timeout = " + strconv.FormatInt(o.IOTimeout.Milliseconds(), 10),
		} {
			if _, err := s.rows(ctx, q, 0); err != nil {
				s.close()
				return nil, err
			}
		}
	}
	if r, err := s.rows(ctx, "SHOW default_transaction_read_only", 1); err == nil && len(r) == 1 && r[0][0] == "on" {
		s.readOnly = true
	}
	if !s.readOnly {
		s.close()
		return nil, fmt.Errorf("%w: the server did not keep default_transaction_read_only=on; refusing to go on", store.ErrProtocol)
	}
	return s, nil
}

func (s *session) close() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_ = s.conn.Close(ctx)
}

// rows runs sql and returns at most max rows as text (NULL as ""), each cell at most
// the row cap. Queries carry their own LIMIT; max only guards against a server that
// ignores it.
func (s *session) rows(ctx context.Context, sql string, max int) ([][]string, error) {
	res, _, err := s.query(ctx, sql, max, s.o.IOTimeout)
	return res, err
}

// nullable is rows with NULLs kept apart: cells are nil for NULL.
func (s *session) nullable(ctx context.Context, sql string, max int) ([][]*string, error) {
	_, res, err := s.query(ctx, sql, max, s.o.IOTimeout)
	return res, err
}

func (s *session) query(ctx context.Context, sql string, max int, timeout time.Duration) ([][]string, [][]*string, error) {
	var out [][]string
	var nout [][]*string
	_, err := s.eachRow(ctx, sql, max, timeout, func(vals [][]byte) bool {
		row := make([]string, len(vals))
		nrow := make([]*string, len(vals))
		for i, v := range vals {
			if v != nil {
				row[i] = string(v)
				nrow[i] = &row[i]
			}
		}
		out = append(out, row)
		nout = append(nout, nrow)
		return true
	})
	return out, nout, err
}

// eachRow runs sql and hands each of at most max rows to keep as it arrives (a nil
// cell is NULL; the cells are the driver's buffer, valid only during the call), until
// keep returns false; later rows are drained unread. It returns how many rows arrived.
// A caller that cuts rows as they come holds its cut rows and one row, never the whole
// answer.
func (s *session) eachRow(ctx context.Context, sql string, max int, timeout time.Duration, keep func([][]byte) bool) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout+time.Second)
	defer cancel()
	mrr := s.conn.Exec(ctx, sql)
	seen, keeping := 0, true
	for mrr.NextResult() {
		rr := mrr.ResultReader()
		for rr.NextRow() {
			if seen >= max || !keeping {
				continue // drain; the LIMIT in sql keeps this short
			}
			seen++
			keeping = keep(rr.Values())
		}
		if _, err := rr.Close(); err != nil {
			_ = mrr.Close()
			return seen, classify(err)
		}
	}
	if err := mrr.Close(); err != nil {
		return seen, classify(err)
	}
	return seen, nil
}

// classify turns driver errors into the store's classes, keeping the server's words.
func classify(err error) error {
	if err == nil {
		return nil
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		se := &ServerError{Severity: pe.Severity, Code: pe.Code, Message: pe.Message, Detail: pe.Detail, Hint: pe.Hint, Routine: pe.Routine}
		if pe.Code == "57014" { // query_canceled: statement_timeout
			return fmt.Errorf("%w: %w", store.ErrTimeout, se)
		}
		return se
	}
	if errors.Is(err, context.DeadlineExceeded) || store.IsTimeout(err) {
		return fmt.Errorf("%w: %v", store.ErrTimeout, err)
	}
	if errors.Is(err, store.ErrAuth) {
		return err
	}
	if isClientAuthErr(err) {
		return fmt.Errorf("%w: %v", store.ErrAuth, err)
	}
	return err
}

// isClientAuthErr recognises logins the driver gave up on itself: the server asked for
// a method leakwatch cannot use (GSS, SSPI, OAuth) or a password when none was given.
func isClientAuthErr(err error) bool {
	if errors.Is(err, store.ErrAuth) {
		return true
	}
	msg := err.Error()
	for _, s := range []string{"GSS", "SSPI", "OAuth", "require_auth", "requirement \"none\"", "failed SASL auth"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// quoteIdent quotes a PostgreSQL identifier.
func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// quoteLiteral quotes a string literal for standard_conforming_strings=on, the default
// since 9.1; E” literals would need backslash doubling too, so they are never used.
func quoteLiteral(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

package clickhouse

import (
	"bytes"
	"context"
	"database/sql/driver"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"time"

	gomysql "github.com/go-sql-driver/mysql"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
)

// ClickHouse also speaks the MySQL (mysql_port, 9004 in the stock config.xml) and
// PostgreSQL (postgresql_port, 9005) wire protocols, with the same users. There it says
// who it is: the MySQL greeting's server version is VERSION_STRING + "-ClickHouse"
// (src/Server/MySQLHandler.cpp), and after a PostgreSQL login the parameters are just
// client_encoding, server_version = VERSION_STRING, server_encoding and DateStyle = ISO
// (PostgreSQLHandler::sendParameterStatusData), where a PostgreSQL server always adds
// integer_datetimes and others. Such a port is reported as ClickHouse, with the display
// name asked with displayName() so that the scan folds it into the same server
// (same_as) as the HTTP and native ports.

// Protocol names of the compatibility interfaces.
const (
	ProtoMySQL    = "clickhouse-mysql"
	ProtoPostgres = "clickhouse-postgresql"
)

// mysqlVersionSuffix ends the server version ClickHouse sends in its MySQL greeting
// (VERSION_NAME is the project name).
const mysqlVersionSuffix = "-ClickHouse"

// maxWireMessage bounds one message read on the compatibility interfaces before login
// and of the one query sent after it.
const maxWireMessage = 64 << 10

// mysqlGreeting is what is read of a MySQL-protocol greeting (Protocol::HandshakeV10).
type mysqlGreeting struct {
	version string
	tls     bool
}

var errNotGreeting = errors.New("not a MySQL greeting")

// parseMySQLGreeting reads the first packet a MySQL-protocol server sends.
func parseMySQLGreeting(b []byte) (*mysqlGreeting, error) {
	if len(b) < 5 {
		return nil, errNotGreeting
	}
	n := int(b[0]) | int(b[1])<<8 | int(b[2])<<16
	if n < 2 || n > 1024 || b[3] != 0 || len(b) < 4+n {
		return nil, errNotGreeting
	}
	p := b[4 : 4+n]
	if p[0] != 10 {
		return nil, errNotGreeting
	}
	i := bytes.IndexByte(p[1:], 0)
	if i <= 0 || i > 128 {
		return nil, errNotGreeting
	}
	g := &mysqlGreeting{version: string(p[1 : 1+i])}
	for _, r := range g.version {
		if r < 0x20 || r > 0x7e {
			return nil, errNotGreeting
		}
	}
	rest := p[1+i+1:]
	// connection id (4), scramble part 1 (8), filler (1), capability flags, lower (2)
	if len(rest) >= 15 {
		g.tls = binary.LittleEndian.Uint16(rest[13:15])&0x0800 != 0
	}
	return g, nil
}

// clickHouseMySQLVersion returns the ClickHouse version in a greeting, or "" when the
// greeting is not ClickHouse's.
func clickHouseMySQLVersion(g *mysqlGreeting) string {
	v, ok := strings.CutSuffix(g.version, mysqlVersionSuffix)
	if !ok || !versionText.MatchString(v) {
		return ""
	}
	return v
}

// readGreeting connects and reads what the server says first, within a short wait.
func readGreeting(ctx context.Context, ep store.Endpoint, o *store.Options) ([]byte, error) {
	conn, err := probekit.Dial(ctx, ep, o, false)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	_ = conn.SetReadDeadline(time.Now().Add(min(o.IOTimeout, 3*time.Second)))
	buf := make([]byte, 1028)
	n, err := io.ReadAtLeast(conn, buf, 4)
	if n >= 4 {
		want := 4 + (int(buf[0]) | int(buf[1])<<8 | int(buf[2])<<16)
		for n < want && n < len(buf) && err == nil {
			var m int
			m, err = conn.Read(buf[n:])
			n += m
		}
		return buf[:n], nil
	}
	if store.IsTimeout(err) {
		return nil, fmt.Errorf("%w: nothing said first", store.ErrNoMatch)
	}
	return nil, fmt.Errorf("%w: %v", store.ErrNoMatch, err)
}

// probeMySQLWire identifies ClickHouse behind its MySQL interface and decides access.
func probeMySQLWire(ctx context.Context, ep store.Endpoint, o *store.Options, greeting []byte) (*Result, error) {
	start := time.Now()
	if greeting == nil {
		var err error
		if greeting, err = readGreeting(ctx, ep, o); err != nil {
			return nil, err
		}
	}
	g, err := parseMySQLGreeting(greeting)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", store.ErrNoMatch, err)
	}
	version := clickHouseMySQLVersion(g)
	if version == "" {
		return nil, fmt.Errorf("%w: a MySQL-protocol server that is not ClickHouse", store.ErrNoMatch)
	}
	res := &Result{Service: probekit.NewService(ep, ProtoMySQL, product, false)}
	svc := &res.Service
	svc.Version = version
	svc.Details["interface"] = "mysql"
	svc.Details["tls"] = map[bool]string{true: "offered", false: "not offered"}[g.tls]
	res.Findings = append(res.Findings, versionFindings(*svc)...)
	var lastErr error
	for _, c := range credentials(o) {
		if ctx.Err() != nil {
			lastErr = ctx.Err()
			break
		}
		conn, err := mysqlLogin(ctx, ep, o, c)
		if err != nil {
			lastErr = err
			if errors.Is(err, store.ErrAuth) {
				continue
			}
			break
		}
		svc.Auth, svc.User, svc.Status = store.AuthOf(c), userOf(c), finding.StatusOpen
		if name := mysqlDisplayName(ctx, conn, o); name != "" {
			svc.Details["display_name"] = name
		}
		_ = conn.Close()
		svc.Duration = probekit.Elapsed(start)
		return res, nil
	}
	return noneWorked(res, start, lastErr)
}

// mysqlLogin logs in over the MySQL protocol with the driver (mysql_native_password;
// TLS when offered, any certificate; never a cleartext password).
func mysqlLogin(ctx context.Context, ep store.Endpoint, o *store.Options, c *store.Credential) (driver.Conn, error) {
	cfg := gomysql.NewConfig()
	cfg.User, cfg.Passwd = "default", ""
	if c != nil {
		cfg.User, cfg.Passwd = userOf(c), c.Password
	}
	cfg.Net, cfg.Addr = "tcp", ep.Address()
	cfg.Timeout = o.ConnectTimeout
	cfg.ReadTimeout, cfg.WriteTimeout = o.IOTimeout, o.IOTimeout
	cfg.AllowNativePasswords = true
	cfg.AllowCleartextPasswords = false
	cfg.AllowOldPasswords = false
	cfg.AllowAllFiles = false
	cfg.TLSConfig = "preferred"
	cfg.AllowFallbackToPlaintext = true
	cfg.Logger = gomysql.Logger(discardLogger{})
	dial := o.Dial
	// One budget for the login and the one query after it: the driver itself reads an
	// answer split over 16 MiB packets without end.
	cfg.DialFunc = func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := dial(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return probekit.NewBudgetConn(c, o.MaxResponseBytes+64<<10), nil
	}
	connector, err := gomysql.NewConnector(cfg)
	if err != nil {
		return nil, err
	}
	cctx, cancel := context.WithTimeout(ctx, o.ConnectTimeout+o.IOTimeout)
	defer cancel()
	conn, err := connector.Connect(cctx)
	if err != nil {
		return nil, classifyMySQLWire(err)
	}
	return conn, nil
}

type discardLogger struct{}

func (discardLogger) Print(...any) {}

// classifyMySQLWire: ClickHouse's MySQL interface reports its own error codes in the
// ERR packet (516 AUTHENTICATION_FAILED, 192–195 before 20.x).
func classifyMySQLWire(err error) error {
	var me *gomysql.MySQLError
	if errors.As(err, &me) {
		se := &ServerError{Code: int(me.Number), Name: "DB::Exception", Message: firstLine(me.Message)}
		return se
	}
	switch {
	case errors.Is(err, gomysql.ErrUnknownPlugin), errors.Is(err, gomysql.ErrCleartextPassword),
		errors.Is(err, gomysql.ErrNativePassword), errors.Is(err, gomysql.ErrOldPassword):
		// The account wants something leakwatch will not do (sha256_password without TLS).
		return fmt.Errorf("%w: %v", store.ErrAuth, err)
	case store.IsTimeout(err):
		return fmt.Errorf("%w: %v", store.ErrTimeout, err)
	}
	return err
}

// displayNameQuery asks for what the HTTP interface sends as
// X-ClickHouse-Server-Display-Name; displayName() exists from 22.x.
const displayNameQuery = "SELECT displayName()"

func mysqlDisplayName(ctx context.Context, conn driver.Conn, o *store.Options) string {
	if checkReadOnly(displayNameQuery) != nil {
		return ""
	}
	q, ok := conn.(driver.QueryerContext)
	if !ok {
		return ""
	}
	qctx, cancel := context.WithTimeout(ctx, o.IOTimeout)
	defer cancel()
	rows, err := q.QueryContext(qctx, displayNameQuery, nil)
	if err != nil {
		return ""
	}
	defer rows.Close()
	dest := make([]driver.Value, len(rows.Columns()))
	if len(dest) != 1 || rows.Next(dest) != nil {
		return ""
	}
	var s string
	switch v := dest[0].(type) {
	case []byte:
		s = string(v)
	case string:
		s = v
	}
	return probekit.CutText(s, maxHelloString)
}

// pgMessage is one backend message of the PostgreSQL protocol.
type pgMessage struct {
	typ  byte
	body []byte
}

// readPGMessage reads one backend message of at most maxWireMessage bytes.
func readPGMessage(r io.Reader) (pgMessage, error) {
	var hdr [5]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return pgMessage{}, err
	}
	n := int(binary.BigEndian.Uint32(hdr[1:]))
	if n < 4 || n-4 > maxWireMessage {
		return pgMessage{}, fmt.Errorf("%w: PostgreSQL message of %d bytes", store.ErrProtocol, n)
	}
	body := make([]byte, n-4)
	if _, err := io.ReadFull(r, body); err != nil {
		return pgMessage{}, err
	}
	return pgMessage{typ: hdr[0], body: body}, nil
}

// pgStartup is the startup message for user (protocol 3.0).
func pgStartup(user string) []byte {
	var p []byte
	p = binary.BigEndian.AppendUint32(p, 0) // length, set below
	p = binary.BigEndian.AppendUint32(p, 196608)
	for _, kv := range [][2]string{{"user", user}, {"application_name", UserAgent}} {
		p = append(append(p, kv[0]...), 0)
		p = append(append(p, kv[1]...), 0)
	}
	p = append(p, 0)
	binary.BigEndian.PutUint32(p, uint32(len(p)))
	return p
}

func pgFrontend(typ byte, body []byte) []byte {
	p := []byte{typ, 0, 0, 0, 0}
	p = append(p, body...)
	binary.BigEndian.PutUint32(p[1:], uint32(len(p)-1))
	return p
}

// pgFields reads the fields of an ErrorResponse: code letter → value.
func pgFields(b []byte) map[byte]string {
	f := map[byte]string{}
	for len(b) > 1 && b[0] != 0 {
		k := b[0]
		i := bytes.IndexByte(b[1:], 0)
		if i < 0 {
			break
		}
		f[k] = string(b[1 : 1+i])
		b = b[2+i:]
	}
	return f
}

// pgStartupReply is what a server answered to the startup message.
type pgStartupReply struct {
	authCode int               // last authentication request (0 = ok)
	params   map[string]string // ParameterStatus
	err      map[byte]string   // ErrorResponse fields
	ready    bool              // ReadyForQuery seen
}

// isClickHouse reports whether the parameters are ClickHouse's, not PostgreSQL's.
func (r *pgStartupReply) isClickHouse() bool {
	_, pg := r.params["integer_datetimes"]
	return !pg && versionText.MatchString(r.params["server_version"]) && strings.Count(r.params["server_version"], ".") >= 2 &&
		r.params["DateStyle"] == "ISO"
}

// clickHouseAuthError reports whether an ErrorResponse has the shape of ClickHouse's
// refusal (PGAuthentication::AuthenticationManager: severity, code and message only).
func (r *pgStartupReply) clickHouseAuthError() bool {
	if r.err == nil || r.err['C'] != "28P01" || r.err['M'] != "Invalid user or password" {
		return false
	}
	for k := range r.err {
		if k != 'S' && k != 'C' && k != 'M' {
			return false
		}
	}
	return true
}

// readStartupReply reads the messages that answer a startup message, up to the first
// authentication request that needs an answer, an error, or ReadyForQuery.
func readStartupReply(r io.Reader) (*pgStartupReply, error) {
	rep := &pgStartupReply{authCode: -1, params: map[string]string{}}
	for i := 0; i < 64; i++ {
		m, err := readPGMessage(r)
		if err != nil {
			return rep, err
		}
		switch m.typ {
		case 'R':
			if len(m.body) < 4 {
				return rep, fmt.Errorf("%w: short authentication message", store.ErrProtocol)
			}
			rep.authCode = int(binary.BigEndian.Uint32(m.body))
			if rep.authCode != 0 {
				return rep, nil
			}
		case 'S':
			if i := bytes.IndexByte(m.body, 0); i > 0 && len(rep.params) < 64 {
				v := m.body[i+1:]
				if j := bytes.IndexByte(v, 0); j >= 0 {
					v = v[:j]
				}
				rep.params[string(m.body[:i])] = probekit.CutText(string(v), 256)
			}
		case 'E':
			rep.err = pgFields(m.body)
			return rep, nil
		case 'Z':
			rep.ready = true
			return rep, nil
		case 'K', 'N':
		default:
			return rep, fmt.Errorf("%w: unexpected message %q", store.ErrProtocol, m.typ)
		}
	}
	return rep, fmt.Errorf("%w: too many startup messages", store.ErrProtocol)
}

// probePGWire identifies ClickHouse behind its PostgreSQL interface and decides access
// for the default user. A password is never sent over this protocol (ClickHouse asks
// for it in clear text): the empty password stands for "no password", which is what a
// user with an empty <password> has.
func probePGWire(ctx context.Context, ep store.Endpoint, o *store.Options) (*Result, error) {
	start := time.Now()
	conn, err := probekit.Dial(ctx, ep, o, false)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(o.IOTimeout))
	if _, err := conn.Write(pgStartup("default")); err != nil {
		return nil, fmt.Errorf("%w: %v", store.ErrNoMatch, err)
	}
	rep, err := readStartupReply(conn)
	if err != nil {
		if store.IsTimeout(err) {
			return nil, err
		}
		return nil, fmt.Errorf("%w: %v", store.ErrNoMatch, err)
	}
	if rep.authCode == 3 { // AuthenticationCleartextPassword
		if _, err := conn.Write(pgFrontend('p', []byte{0})); err != nil {
			return nil, fmt.Errorf("%w: %v", store.ErrNoMatch, err)
		}
		if rep, err = readStartupReply(conn); err != nil {
			return nil, fmt.Errorf("%w: %v", store.ErrNoMatch, err)
		}
	}
	res := &Result{Service: probekit.NewService(ep, ProtoPostgres, product, false)}
	svc := &res.Service
	svc.Details["interface"] = "postgresql"
	switch {
	case rep.authCode == 0 && rep.isClickHouse():
		svc.Version = rep.params["server_version"]
		svc.Auth, svc.User, svc.Status = finding.AuthNone, "default", finding.StatusOpen
		if rep.ready {
			if name := pgDisplayName(conn); name != "" {
				svc.Details["display_name"] = name
			}
		}
		_, _ = conn.Write(pgFrontend('X', nil))
	case rep.clickHouseAuthError():
		svc.Auth, svc.Status = finding.AuthRequired, finding.StatusAuthRequired
	default:
		_, _ = conn.Write(pgFrontend('X', nil))
		return nil, fmt.Errorf("%w: a PostgreSQL-protocol server that is not ClickHouse", store.ErrNoMatch)
	}
	res.Findings = append(res.Findings, versionFindings(*svc)...)
	svc.Duration = probekit.Elapsed(start)
	return res, nil
}

// pgDisplayName runs displayNameQuery over the simple query protocol. The query ends
// with a semicolon: the handler splits statements with it kept, and newer ones cut the
// last byte of each before adding their SETTINGS clause.
func pgDisplayName(conn net.Conn) string {
	if _, err := conn.Write(pgFrontend('Q', append([]byte(displayNameQuery+";"), 0))); err != nil {
		return ""
	}
	name := ""
	for i := 0; i < 16; i++ {
		m, err := readPGMessage(conn)
		if err != nil {
			return name
		}
		switch m.typ {
		case 'D':
			// DataRow: column count (2), then per column a length (4) and the bytes.
			b := m.body
			if len(b) >= 6 && binary.BigEndian.Uint16(b) == 1 {
				n := int(int32(binary.BigEndian.Uint32(b[2:6])))
				if n >= 0 && 6+n <= len(b) {
					name = probekit.CutText(string(b[6:6+n]), maxHelloString)
				}
			}
		case 'Z', 'E':
			return name
		}
	}
	return name
}

package mysql

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/leakwatch/leakwatch/internal/store"
)

// The server greeting, parsed by hand because the driver keeps it to itself: the first
// packet a MySQL or MariaDB server sends on every connection, before any credential,
// names the product and version, the capabilities (TLS among them) and the default
// authentication plugin. Layout: "Protocol::HandshakeV10" of the MySQL client/server
// protocol documentation, with MariaDB's use of the reserved bytes from its
// "Connection" page; servers refusing a client answer with an ERR packet instead.

// Capability flags that matter here.
const (
	capLongPassword     = 0x00000001 // CLIENT_MYSQL for MariaDB: unset means MariaDB extensions
	capProtocol41       = 0x00000200
	capSSL              = 0x00000800
	capSecureConnection = 0x00008000
	capPluginAuth       = 0x00080000
)

// maxGreeting bounds the packet accepted as a greeting; real ones are about 100 bytes.
const maxGreeting = 1024

// Greeting is the server's first packet.
type Greeting struct {
	Protocol     int
	Version      string
	ConnectionID uint32
	Capabilities uint32
	Charset      byte
	Status       uint16
	AuthPlugin   string
	// MariaDBCaps are MariaDB's extended capabilities (from the reserved bytes).
	MariaDBCaps uint32
	// Err is set when the server refused the connection at once (ERR packet): too many
	// connections, host not allowed, host blocked.
	Err *ServerError
}

// TLS reports whether the server offers TLS.
func (g *Greeting) TLS() bool { return g.Capabilities&capSSL != 0 }

// Flavor is "mariadb", "tidb" or "mysql" (Percona Server and others speak as MySQL).
func (g *Greeting) Flavor() string { return flavorOf(g.Version) }

func flavorOf(version string) string {
	v := strings.ToLower(version)
	switch {
	case strings.Contains(v, "mariadb"):
		return "mariadb"
	case strings.Contains(v, "tidb"):
		return "tidb"
	}
	return "mysql"
}

// CleanVersion drops the "5.5.5-" prefix that MariaDB 10.x puts before its version so
// that old replication clients accept it.
func CleanVersion(v string) string {
	if strings.HasPrefix(v, "5.5.5-") && strings.Contains(strings.ToLower(v), "mariadb") {
		return v[len("5.5.5-"):]
	}
	return v
}

// ServerError is an ERR packet, or a driver MySQLError carried over.
type ServerError struct {
	Code     uint16
	SQLState string
	Message  string
}

func (e *ServerError) Error() string {
	if e.SQLState != "" {
		return fmt.Sprintf("mysql: error %d (%s): %s", e.Code, e.SQLState, e.Message)
	}
	return fmt.Sprintf("mysql: error %d: %s", e.Code, e.Message)
}

// Error numbers that mean "not you" rather than "could not decide".
const (
	erAccessDenied         = 1045 // wrong user or password
	erAccessDeniedNoPasswd = 1698 // e.g. root@localhost with unix_socket, over TCP
	erHostNotPrivileged    = 1130 // no account for this client's host
	erNotSupportedAuthMode = 1251 // client cannot do the account's plugin
	erPluginNotLoaded      = 1524
	erTooManyConnections   = 1040
	erHostBlocked          = 1129
)

// IsAuth reports whether the server refused these credentials or this client.
func (e *ServerError) IsAuth() bool {
	switch e.Code {
	case erAccessDenied, erAccessDeniedNoPasswd, erHostNotPrivileged, erNotSupportedAuthMode, erPluginNotLoaded:
		return true
	}
	return false
}

func (e *ServerError) Unwrap() error {
	if e.IsAuth() {
		return store.ErrAuth
	}
	return nil
}

var errNotMySQL = errors.New("not a MySQL greeting")

// splitPacket returns the payload of the first packet in b, which must be complete.
func splitPacket(b []byte) (payload []byte, seq byte, err error) {
	if len(b) < 4 {
		return nil, 0, fmt.Errorf("%w: %d bytes", errNotMySQL, len(b))
	}
	n := int(b[0]) | int(b[1])<<8 | int(b[2])<<16
	if n == 0 || n > maxGreeting {
		return nil, 0, fmt.Errorf("%w: packet of %d bytes", errNotMySQL, n)
	}
	if len(b) < 4+n {
		return nil, 0, fmt.Errorf("%w: packet cut short (%d of %d bytes)", errNotMySQL, len(b)-4, n)
	}
	return b[4 : 4+n], b[3], nil
}

// packetComplete reports whether b holds a whole first packet (or enough to know it
// never will be a greeting), so the recorder knows when to stop.
func packetComplete(b []byte) bool {
	if len(b) < 4 {
		return false
	}
	n := int(b[0]) | int(b[1])<<8 | int(b[2])<<16
	return n == 0 || n > maxGreeting || len(b) >= 4+n
}

// ParseGreeting parses the first packet a server sent. It returns an error wrapping
// errNotMySQL when the bytes are no greeting.
func ParseGreeting(b []byte) (*Greeting, error) {
	p, seq, err := splitPacket(b)
	if err != nil {
		return nil, err
	}
	if seq != 0 {
		return nil, fmt.Errorf("%w: sequence %d", errNotMySQL, seq)
	}
	switch p[0] {
	case 0xff:
		return parseGreetingError(p)
	case 10:
		return parseV10(p)
	case 9:
		return parseV9(p)
	}
	return nil, fmt.Errorf("%w: protocol %d", errNotMySQL, p[0])
}

func parseGreetingError(p []byte) (*Greeting, error) {
	if len(p) < 4 {
		return nil, fmt.Errorf("%w: short ERR packet", errNotMySQL)
	}
	e := &ServerError{Code: binary.LittleEndian.Uint16(p[1:3])}
	msg := p[3:]
	if msg[0] == '#' && len(msg) >= 6 {
		e.SQLState, msg = string(msg[1:6]), msg[6:]
	}
	e.Message = string(msg)
	if e.Code < 1000 || !printable(e.Message) {
		return nil, fmt.Errorf("%w: implausible ERR packet", errNotMySQL)
	}
	return &Greeting{Protocol: -1, Err: e}, nil
}

func cstring(p []byte) (string, []byte, bool) {
	i := bytes.IndexByte(p, 0)
	if i < 0 {
		return "", p, false
	}
	return string(p[:i]), p[i+1:], true
}

func plausibleVersion(v string) bool {
	return v != "" && len(v) <= 128 && v[0] >= '0' && v[0] <= '9' && printable(v)
}

func printable(s string) bool {
	for _, r := range s {
		if r == unicode.ReplacementChar || (!unicode.IsPrint(r) && r != '\n' && r != '\t') {
			return false
		}
	}
	return true
}

func parseV10(p []byte) (*Greeting, error) {
	g := &Greeting{Protocol: 10}
	v, rest, ok := cstring(p[1:])
	if !ok || !plausibleVersion(v) {
		return nil, fmt.Errorf("%w: bad server version", errNotMySQL)
	}
	g.Version = v
	// connection id (4), auth-plugin-data-part-1 (8), filler (1), capabilities (2)
	if len(rest) < 15 {
		return nil, fmt.Errorf("%w: greeting cut after the version", errNotMySQL)
	}
	g.ConnectionID = binary.LittleEndian.Uint32(rest[0:4])
	if rest[12] != 0 {
		return nil, fmt.Errorf("%w: filler byte %#x", errNotMySQL, rest[12])
	}
	g.Capabilities = uint32(binary.LittleEndian.Uint16(rest[13:15]))
	rest = rest[15:]
	if len(rest) == 0 {
		return g, nil // servers before 4.1 stop here
	}
	// charset (1), status (2), capabilities upper (2), auth data length (1), reserved (10)
	if len(rest) < 16 {
		return nil, fmt.Errorf("%w: greeting cut after the capabilities", errNotMySQL)
	}
	g.Charset = rest[0]
	g.Status = binary.LittleEndian.Uint16(rest[1:3])
	g.Capabilities |= uint32(binary.LittleEndian.Uint16(rest[3:5])) << 16
	authLen := int(rest[5])
	if g.Capabilities&capLongPassword == 0 {
		g.MariaDBCaps = binary.LittleEndian.Uint32(rest[12:16])
	}
	rest = rest[16:]
	if g.Capabilities&capSecureConnection != 0 {
		n := max(13, authLen-8)
		if len(rest) < n {
			return nil, fmt.Errorf("%w: greeting cut in the scramble", errNotMySQL)
		}
		rest = rest[n:]
	}
	if g.Capabilities&capPluginAuth != 0 && len(rest) > 0 {
		// Some servers omit the final NUL (MySQL bug #59453).
		name, _, ok := cstring(rest)
		if !ok {
			name = string(rest)
		}
		if len(name) > 64 || !printable(name) {
			return nil, fmt.Errorf("%w: bad auth plugin name", errNotMySQL)
		}
		g.AuthPlugin = name
	}
	return g, nil
}

// parseV9 reads the pre-4.1 "HandshakeV9": version, thread id, scramble.
func parseV9(p []byte) (*Greeting, error) {
	v, rest, ok := cstring(p[1:])
	if !ok || !plausibleVersion(v) || len(rest) < 4 {
		return nil, fmt.Errorf("%w: bad protocol 9 greeting", errNotMySQL)
	}
	return &Greeting{Protocol: 9, Version: v, ConnectionID: binary.LittleEndian.Uint32(rest[:4])}, nil
}

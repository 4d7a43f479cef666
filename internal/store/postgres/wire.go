package postgres

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/leakwatch/leakwatch/internal/store"
)

// The startup exchange, hand-written because no driver exposes what a scanner wants from
// it: the answer to SSLRequest, the authentication method the server asks for before any
// password is sent, and the fields of an ErrorResponse. Message layouts follow the
// "Message Formats" chapter of the PostgreSQL protocol documentation (protocol 3.0).

const (
	sslRequestCode   = 80877103 // 1234 << 16 | 5679
	protocolVersion3 = 3 << 16

	// maxHandshakeBody bounds one message read during the startup exchange. The largest
	// legitimate ones are ErrorResponses and SASL mechanism lists, well under 8 KiB.
	maxHandshakeBody = 64 << 10
	// maxHandshakeMessages bounds the ParameterStatus flood after AuthenticationOk.
	maxHandshakeMessages = 200
)

// Authentication request codes (AuthenticationXxx messages).
const (
	authOK          = 0
	authKerberosV5  = 2
	authCleartext   = 3
	authMD5         = 5
	authGSS         = 7
	authGSSContinue = 8
	authSSPI        = 9
	authSASL        = 10
)

// sslRequest is the 8-byte SSLRequest message.
func sslRequest() []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint32(b[0:], 8)
	binary.BigEndian.PutUint32(b[4:], sslRequestCode)
	return b
}

// startupMessage builds a protocol 3.0 StartupMessage; params are sent in sorted order so
// the bytes are deterministic.
func startupMessage(params map[string]string) []byte {
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	body := binary.BigEndian.AppendUint32(nil, protocolVersion3)
	for _, k := range keys {
		body = append(body, k...)
		body = append(body, 0)
		body = append(body, params[k]...)
		body = append(body, 0)
	}
	body = append(body, 0)
	return append(binary.BigEndian.AppendUint32(nil, uint32(len(body)+4)), body...)
}

// message is one backend message.
type message struct {
	typ  byte
	body []byte
}

// readMessage reads one backend message, refusing lengths that are impossible or above
// max so that a hostile server cannot make us allocate what it likes.
func readMessage(r io.Reader, max int) (message, error) {
	var hdr [5]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return message{}, err
	}
	n := binary.BigEndian.Uint32(hdr[1:])
	if n < 4 || int64(n)-4 > int64(max) {
		return message{typ: hdr[0]}, fmt.Errorf("%w: message %q claims %d bytes", store.ErrProtocol, hdr[0], n)
	}
	body := make([]byte, n-4)
	if _, err := io.ReadFull(r, body); err != nil {
		return message{typ: hdr[0]}, fmt.Errorf("%w: message %q cut short: %v", store.ErrProtocol, hdr[0], err)
	}
	return message{typ: hdr[0], body: body}, nil
}

// ServerError is an ErrorResponse: the server's own words on why it refused.
type ServerError struct {
	Severity string // localised
	Code     string // SQLSTATE
	Message  string
	Detail   string
	Hint     string
	Routine  string // the server function that raised it (R field)
	// NonLocalized is set when the server sent the V field (9.6+).
	NonLocalized bool
}

func (e *ServerError) Error() string {
	s := "postgres: " + e.Severity + " " + e.Message + " (SQLSTATE " + e.Code + ")"
	return s
}

// IsAuth reports whether the error is the server refusing these credentials or this
// client: wrong password (28P01), or no pg_hba.conf line / unknown role (28000).
func (e *ServerError) IsAuth() bool { return e.Code == "28P01" || e.Code == "28000" }

func (e *ServerError) Unwrap() error {
	if e.IsAuth() {
		return store.ErrAuth
	}
	return nil
}

// parseErrorFields decodes the body of an ErrorResponse or NoticeResponse.
func parseErrorFields(body []byte) (*ServerError, error) {
	e := &ServerError{}
	for len(body) > 0 {
		code := body[0]
		if code == 0 {
			break
		}
		body = body[1:]
		i := bytes.IndexByte(body, 0)
		if i < 0 {
			return nil, fmt.Errorf("%w: unterminated error field %q", store.ErrProtocol, code)
		}
		v := string(body[:i])
		body = body[i+1:]
		switch code {
		case 'S':
			e.Severity = v
		case 'V':
			e.NonLocalized = true
			e.Severity = v
		case 'C':
			e.Code = v
		case 'M':
			e.Message = v
		case 'D':
			e.Detail = v
		case 'H':
			e.Hint = v
		case 'R':
			e.Routine = v
		}
	}
	if len(e.Code) != 5 {
		return nil, fmt.Errorf("%w: error response without a SQLSTATE", store.ErrProtocol)
	}
	return e, nil
}

// parseCStrings splits NUL-terminated strings ending with an empty one.
func parseCStrings(b []byte) ([]string, error) {
	var out []string
	for {
		i := bytes.IndexByte(b, 0)
		if i < 0 {
			return nil, fmt.Errorf("%w: unterminated string list", store.ErrProtocol)
		}
		if i == 0 {
			return out, nil
		}
		out = append(out, string(b[:i]))
		b = b[i+1:]
	}
}

// handshake is what the startup exchange for one user revealed.
type handshake struct {
	// AuthCode is the first authentication request (-1 when the server answered with an
	// error before asking for anything).
	AuthCode int32
	// Mechanisms are the SASL mechanisms offered (SCRAM-SHA-256, SCRAM-SHA-256-PLUS).
	Mechanisms []string
	// Err is the ErrorResponse received, before or after authentication.
	Err *ServerError
	// Params are the ParameterStatus values sent after AuthenticationOk (server_version,
	// server_encoding, …): a trusted login tells them without a single query.
	Params map[string]string
	// Ready is set when the server reached ReadyForQuery: the login fully succeeded.
	Ready bool
	// NewestMinor is set when the server sent NegotiateProtocolVersion.
	NewestMinor int
}

// method names the authentication method the way pg_hba.conf does.
func (h *handshake) method() string {
	switch h.AuthCode {
	case authOK:
		return "trust"
	case authCleartext:
		return "password"
	case authMD5:
		return "md5"
	case authSASL:
		for _, m := range h.Mechanisms {
			if strings.HasPrefix(m, "SCRAM-SHA-256") {
				return "scram-sha-256"
			}
		}
		return "sasl"
	case authKerberosV5:
		return "krb5"
	case authGSS, authGSSContinue:
		return "gss"
	case authSSPI:
		return "sspi"
	case -1:
		return ""
	}
	return "auth-" + strconv.Itoa(int(h.AuthCode))
}

// errNotPostgres is returned by readStartupReply when the first bytes are not a backend
// message we know; the caller reports ErrNoMatch.
var errNotPostgres = errors.New("not a PostgreSQL startup reply")

// readStartupReply reads the server's answer to a StartupMessage: an authentication
// request, or an error, or — after AuthenticationOk — the parameters up to
// ReadyForQuery. It never answers a password request: the connection is dropped there.
func readStartupReply(r io.Reader) (*handshake, error) {
	h := &handshake{AuthCode: -1}
	for i := 0; i < maxHandshakeMessages; i++ {
		m, err := readMessage(r, maxHandshakeBody)
		if err != nil {
			if i == 0 {
				if errors.Is(err, store.ErrProtocol) {
					return nil, fmt.Errorf("%w: %w", errNotPostgres, err)
				}
				return nil, err
			}
			if h.AuthCode == authOK && (errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)) {
				return h, nil // logged in, then the server went away: still a trusted login
			}
			return h, err
		}
		switch m.typ {
		case 'R':
			if len(m.body) < 4 {
				return nilIfFirst(h, i), fmt.Errorf("%w: short authentication request", store.ErrProtocol)
			}
			code := int32(binary.BigEndian.Uint32(m.body))
			if h.AuthCode == authOK || code < 0 || code > 12 {
				return nilIfFirst(h, i), fmt.Errorf("%w: unexpected authentication request %d", store.ErrProtocol, code)
			}
			h.AuthCode = code
			switch code {
			case authOK:
				h.Params = map[string]string{}
				continue
			case authSASL:
				mechs, err := parseCStrings(m.body[4:])
				if err != nil {
					return nilIfFirst(h, i), err
				}
				h.Mechanisms = mechs
			case authMD5:
				if len(m.body) != 8 {
					return nilIfFirst(h, i), fmt.Errorf("%w: md5 request of %d bytes", store.ErrProtocol, len(m.body))
				}
			}
			return h, nil // a password is wanted: stop here
		case 'E':
			e, err := parseErrorFields(m.body)
			if err != nil {
				return nilIfFirst(h, i), err
			}
			h.Err = e
			return h, nil
		case 'v':
			if len(m.body) < 8 {
				return nilIfFirst(h, i), fmt.Errorf("%w: short NegotiateProtocolVersion", store.ErrProtocol)
			}
			h.NewestMinor = int(binary.BigEndian.Uint32(m.body))
		case 'S':
			if h.AuthCode != authOK {
				return nilIfFirst(h, i), fmt.Errorf("%w: parameter before authentication", store.ErrProtocol)
			}
			kv, err := parseCStrings(append(m.body, 0))
			if err != nil || len(kv) != 2 {
				return h, fmt.Errorf("%w: malformed ParameterStatus", store.ErrProtocol)
			}
			if len(h.Params) < 64 {
				h.Params[kv[0]] = kv[1]
			}
		case 'K', 'N':
			if h.AuthCode != authOK && m.typ == 'K' {
				return nilIfFirst(h, i), fmt.Errorf("%w: BackendKeyData before authentication", store.ErrProtocol)
			}
		case 'Z':
			if h.AuthCode != authOK {
				return nilIfFirst(h, i), fmt.Errorf("%w: ReadyForQuery before authentication", store.ErrProtocol)
			}
			h.Ready = true
			return h, nil
		default:
			if i == 0 {
				return nil, fmt.Errorf("%w: message type %q", errNotPostgres, m.typ)
			}
			return h, fmt.Errorf("%w: unexpected message %q during startup", store.ErrProtocol, m.typ)
		}
	}
	return h, fmt.Errorf("%w: more than %d messages during startup", store.ErrProtocol, maxHandshakeMessages)
}

// nilIfFirst drops a handshake whose very first message was malformed: nothing about it
// says PostgreSQL.
func nilIfFirst(h *handshake, i int) *handshake {
	if i == 0 {
		return nil
	}
	return h
}

// terminate is the Terminate message, sent after a trusted login to leave politely.
var terminate = []byte{'X', 0, 0, 0, 4}

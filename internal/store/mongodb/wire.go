package mongodb

import (
	"encoding/binary"
	"fmt"
	"io"
	"strings"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/leakwatch/leakwatch/internal/store"
)

// Wire protocol opcodes (MongoDB Wire Protocol specification).
const (
	opReply      = 1    // OP_REPLY: the answer to OP_QUERY
	opQuery      = 2004 // OP_QUERY: legacy commands on "<db>.$cmd", and the first hello
	opCompressed = 2012 // OP_COMPRESSED
	opMsg        = 2013 // OP_MSG: commands since 3.6 (wire version 6)
)

const (
	headerLen        = 16
	msgChecksumFlag  = 1 << 0
	msgMoreToCome    = 1 << 1
	minWireForOpMsg  = 6
	maxServerMessage = 48 << 20 // the server's own maxMessageSizeBytes
)

// appendQuery encodes an OP_QUERY running cmd against db.
func appendQuery(b []byte, reqID int32, db string, cmd []byte) []byte {
	start := len(b)
	b = binary.LittleEndian.AppendUint32(b, 0) // length, set below
	b = binary.LittleEndian.AppendUint32(b, uint32(reqID))
	b = binary.LittleEndian.AppendUint32(b, 0)
	b = binary.LittleEndian.AppendUint32(b, opQuery)
	b = binary.LittleEndian.AppendUint32(b, 0) // flags
	b = append(b, db+".$cmd"...)
	b = append(b, 0)
	b = binary.LittleEndian.AppendUint32(b, 0)          // numberToSkip
	b = binary.LittleEndian.AppendUint32(b, 0xFFFFFFFF) // numberToReturn: -1, one batch
	b = append(b, cmd...)
	binary.LittleEndian.PutUint32(b[start:], uint32(len(b)-start))
	return b
}

// appendMsg encodes an OP_MSG with one body section (kind 0) holding cmd, which must
// already carry "$db".
func appendMsg(b []byte, reqID int32, cmd []byte) []byte {
	start := len(b)
	b = binary.LittleEndian.AppendUint32(b, 0)
	b = binary.LittleEndian.AppendUint32(b, uint32(reqID))
	b = binary.LittleEndian.AppendUint32(b, 0)
	b = binary.LittleEndian.AppendUint32(b, opMsg)
	b = binary.LittleEndian.AppendUint32(b, 0) // flagBits
	b = append(b, 0)                           // section kind 0: body
	b = append(b, cmd...)
	binary.LittleEndian.PutUint32(b[start:], uint32(len(b)-start))
	return b
}

// readMessage reads one message of at most limit bytes and returns its opcode,
// responseTo and the bytes after the header.
func readMessage(r io.Reader, limit int64) (op int32, responseTo int32, body []byte, err error) {
	var h [headerLen]byte
	if _, err := io.ReadFull(r, h[:]); err != nil {
		return 0, 0, nil, err
	}
	length := int64(int32(binary.LittleEndian.Uint32(h[0:])))
	responseTo = int32(binary.LittleEndian.Uint32(h[8:]))
	op = int32(binary.LittleEndian.Uint32(h[12:]))
	switch {
	case length < headerLen || length > maxServerMessage:
		return 0, 0, nil, fmt.Errorf("%w: message length %d", errNotMongo, length)
	case op != opReply && op != opMsg && op != opCompressed:
		return 0, 0, nil, fmt.Errorf("%w: opcode %d", errNotMongo, op)
	case length > limit:
		// Skip the body so that the connection stays usable for the next command;
		// length is at most the server's own 48 MB cap, and the deadline bounds the time.
		if _, err := io.CopyN(io.Discard, r, length-headerLen); err != nil {
			return op, responseTo, nil, fmt.Errorf("%w: message of %d bytes, cap %d (%v)", store.ErrTooLarge, length, limit, err)
		}
		return op, responseTo, nil, fmt.Errorf("%w: message of %d bytes, cap %d", store.ErrTooLarge, length, limit)
	}
	body = make([]byte, length-headerLen)
	if _, err := io.ReadFull(r, body); err != nil {
		return op, responseTo, nil, fmt.Errorf("%w: short message: %v", store.ErrProtocol, err)
	}
	return op, responseTo, body, nil
}

// errNotMongo marks bytes that cannot be a MongoDB reply.
var errNotMongo = fmt.Errorf("%w: not a MongoDB reply", store.ErrNoMatch)

// replyDocument extracts the one command reply document from an OP_REPLY or OP_MSG
// body, validated as BSON.
func replyDocument(op int32, body []byte) (bson.Raw, error) {
	var doc []byte
	switch op {
	case opReply:
		// responseFlags int32, cursorID int64, startingFrom int32, numberReturned int32.
		if len(body) < 20 {
			return nil, fmt.Errorf("%w: OP_REPLY of %d bytes", errNotMongo, len(body))
		}
		if n := int32(binary.LittleEndian.Uint32(body[16:])); n < 1 {
			return nil, fmt.Errorf("%w: OP_REPLY without a document", store.ErrProtocol)
		}
		doc = body[20:]
	case opMsg:
		if len(body) < 5 {
			return nil, fmt.Errorf("%w: OP_MSG of %d bytes", errNotMongo, len(body))
		}
		flags := binary.LittleEndian.Uint32(body)
		if flags&msgMoreToCome != 0 {
			return nil, fmt.Errorf("%w: OP_MSG with moreToCome", store.ErrProtocol)
		}
		sections := body[4:]
		if flags&msgChecksumFlag != 0 {
			if len(sections) < 4 {
				return nil, fmt.Errorf("%w: OP_MSG checksum missing", store.ErrProtocol)
			}
			sections = sections[:len(sections)-4]
		}
		for len(sections) > 0 {
			kind := sections[0]
			sections = sections[1:]
			if len(sections) < 4 {
				return nil, fmt.Errorf("%w: truncated OP_MSG section", store.ErrProtocol)
			}
			n := int(int32(binary.LittleEndian.Uint32(sections)))
			if n < 5 || n > len(sections) {
				return nil, fmt.Errorf("%w: OP_MSG section of %d bytes", store.ErrProtocol, n)
			}
			switch kind {
			case 0:
				if doc != nil {
					return nil, fmt.Errorf("%w: two OP_MSG bodies", store.ErrProtocol)
				}
				doc = sections[:n]
			case 1: // document sequence: not sent in replies to our commands; skipped
			default:
				return nil, fmt.Errorf("%w: OP_MSG section kind %d", store.ErrProtocol, kind)
			}
			sections = sections[n:]
		}
		if doc == nil {
			return nil, fmt.Errorf("%w: OP_MSG without a body", store.ErrProtocol)
		}
	case opCompressed:
		return nil, fmt.Errorf("%w: compressed reply to an uncompressed request", store.ErrProtocol)
	default:
		return nil, fmt.Errorf("%w: opcode %d", errNotMongo, op)
	}
	if len(doc) < 5 {
		return nil, fmt.Errorf("%w: reply document of %d bytes", store.ErrProtocol, len(doc))
	}
	n := int(int32(binary.LittleEndian.Uint32(doc)))
	if n < 5 || n > len(doc) {
		return nil, fmt.Errorf("%w: reply document length %d of %d bytes", store.ErrProtocol, n, len(doc))
	}
	raw := bson.Raw(doc[:n])
	if err := raw.Validate(); err != nil {
		return nil, fmt.Errorf("%w: reply document: %v", store.ErrProtocol, err)
	}
	return raw, nil
}

// CommandError is a command the server answered with ok: 0.
type CommandError struct {
	Code     int32
	CodeName string
	Message  string
}

func (e *CommandError) Error() string {
	if e.CodeName != "" {
		return fmt.Sprintf("mongodb: %s (%d): %s", e.CodeName, e.Code, e.Message)
	}
	return fmt.Sprintf("mongodb: code %d: %s", e.Code, e.Message)
}

// Server error codes that matter here (src/mongo/base/error_codes.yml).
const (
	codeInternalError        = 1
	codeUnauthorized         = 13
	codeAuthenticationFailed = 18
	codeCommandNotFound      = 59
	codeMaxTimeMSExpired     = 50
)

// Unwrap classifies refusals as store.ErrAuth: "not authorized", "requires
// authentication" and failed logins all mean a protected server.
func (e *CommandError) Unwrap() error {
	switch e.Code {
	case codeUnauthorized, codeAuthenticationFailed:
		return store.ErrAuth
	case codeMaxTimeMSExpired:
		return store.ErrTimeout
	}
	if e.Code == codeInternalError && backendAuthFailure(e.Message) {
		return store.ErrAuth
	}
	if containsFold(e.Message, "requires authentication") || containsFold(e.Message, "not authorized") ||
		containsFold(e.Message, "unauthorized") {
		return store.ErrAuth
	}
	return nil
}

// backendAuthMarkers are what a storage backend says when it refused the login a
// MongoDB-compatible front end made for the client: FerretDB v1 on PostgreSQL passes
// the client's credentials (or none) on to PostgreSQL and answers InternalError with
// pgx's message (SQLSTATE 28P01 invalid_password, 28000 invalid_authorization).
var backendAuthMarkers = []string{"SQLSTATE 28P01", "SQLSTATE 28000", "password authentication failed",
	"failed SASL auth", "no password supplied", "no pg_hba.conf entry"}

func backendAuthFailure(msg string) bool {
	for _, m := range backendAuthMarkers {
		if containsFold(msg, m) {
			return true
		}
	}
	return false
}

// commandResult turns a reply into an error when it says ok: 0.
func commandResult(doc bson.Raw) error {
	ok, found := numberOf(doc.Lookup("ok"))
	if found && ok == 1 {
		return nil
	}
	e := &CommandError{}
	if v, ok := numberOf(doc.Lookup("code")); ok {
		e.Code = int32(v)
	}
	e.CodeName, _ = doc.Lookup("codeName").StringValueOK()
	e.Message, _ = doc.Lookup("errmsg").StringValueOK()
	if len(e.Message) > 500 {
		e.Message = e.Message[:500] + "…"
	}
	if !found && e.Message == "" {
		return fmt.Errorf("%w: reply without ok", store.ErrProtocol)
	}
	return e
}

// numberOf reads a BSON number of any width (servers send ok as a double or an int).
func numberOf(v bson.RawValue) (float64, bool) {
	if v.Type == 0 {
		return 0, false
	}
	if f, ok := v.AsFloat64OK(); ok {
		return f, true
	}
	if b, ok := v.BooleanOK(); ok {
		if b {
			return 1, true
		}
		return 0, true
	}
	return 0, false
}

func int64Of(v bson.RawValue) int64 {
	if n, ok := v.AsInt64OK(); ok {
		return n
	}
	if f, ok := v.AsFloat64OK(); ok {
		return int64(f)
	}
	return 0
}

func containsFold(s, sub string) bool {
	return strings.Contains(strings.ToLower(s), strings.ToLower(sub))
}

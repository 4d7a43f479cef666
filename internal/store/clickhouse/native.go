package clickhouse

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/leakwatch/leakwatch/internal/store"
)

// The native protocol's Hello exchange, written from the protocol description in
// ClickHouse's sources (src/Core/Protocol.h, src/Server/TCPHandler.cpp). It is all a
// prober needs: the server names itself and its version, and authenticates the user,
// before any query.

// Revisions at which fields were added to the server's Hello.
const (
	revServerTimezone    = 54058
	revServerDisplayName = 54372
	revVersionPatch      = 54401
	// clientRevision is what we announce. It is high enough to be sent every field
	// above and below the revisions that add fields a minimal client would have to
	// answer (password complexity rules, nonce, addendum).
	clientRevision = 54401
)

// Packet types.
const (
	clientHello     = 0
	serverHello     = 0
	serverException = 2
)

// Caps on what the server may make us read.
const (
	maxHelloString     = 4 << 10  // names, version, time zone
	maxExceptionString = 64 << 10 // messages and stack traces
	maxExceptionDepth  = 8
	maxReplyBytes      = 512 << 10
)

// ServerHello is what a native server says about itself.
type ServerHello struct {
	Name                  string
	Major, Minor, Patch   uint64
	Revision              uint64
	Timezone, DisplayName string
	HasTimezone, HasPatch bool
	HasDisplayName        bool
}

// Version is "major.minor.patch" ("major.minor" when the server sends no patch).
func (h *ServerHello) Version() string {
	v := strconv.FormatUint(h.Major, 10) + "." + strconv.FormatUint(h.Minor, 10)
	if h.HasPatch {
		v += "." + strconv.FormatUint(h.Patch, 10)
	}
	return v
}

// appendClientHello encodes the client's Hello: who we are, and the user to log in as.
func appendClientHello(b []byte, user, password string) []byte {
	b = binary.AppendUvarint(b, clientHello)
	b = appendString(b, "leakwatch")
	b = binary.AppendUvarint(b, 1) // client major
	b = binary.AppendUvarint(b, 0) // client minor
	b = binary.AppendUvarint(b, clientRevision)
	b = appendString(b, "") // default database
	b = appendString(b, user)
	b = appendString(b, password)
	return b
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// errNotNative means the bytes are not a native ClickHouse reply.
var errNotNative = errors.New("not a ClickHouse native reply")

// readServerReply reads the reply to our Hello: a ServerHello, or the server's
// exception (returned as *ServerError in the error chain). Anything else is
// errNotNative, wrapped with store.ErrNoMatch.
func readServerReply(r io.Reader) (*ServerHello, error) {
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReader(io.LimitReader(r, maxReplyBytes))
	}
	kind, err := readUvarint(br)
	if err != nil {
		return nil, err
	}
	switch kind {
	case serverHello:
		return readHello(br)
	case serverException:
		se, err := readException(br, 0)
		if err != nil {
			return nil, err
		}
		return nil, se
	default:
		return nil, fmt.Errorf("%w: %w: packet type %d", store.ErrNoMatch, errNotNative, kind)
	}
}

func readHello(r *bufio.Reader) (*ServerHello, error) {
	h := &ServerHello{}
	var err error
	if h.Name, err = readString(r, maxHelloString); err != nil {
		return nil, err
	}
	if h.Major, err = readUvarint(r); err != nil {
		return nil, err
	}
	if h.Minor, err = readUvarint(r); err != nil {
		return nil, err
	}
	if h.Revision, err = readUvarint(r); err != nil {
		return nil, err
	}
	if h.Name == "" || h.Major > 1000 || h.Minor > 1000 {
		return nil, fmt.Errorf("%w: %w: implausible hello %q %d.%d", store.ErrNoMatch, errNotNative, h.Name, h.Major, h.Minor)
	}
	// The server sends a field when our revision asks for it, but an older server does
	// not know newer fields: both revisions must have it.
	rev := min(h.Revision, clientRevision)
	if rev >= revServerTimezone {
		if h.Timezone, err = readString(r, maxHelloString); err != nil {
			return nil, err
		}
		h.HasTimezone = true
	}
	if rev >= revServerDisplayName {
		if h.DisplayName, err = readString(r, maxHelloString); err != nil {
			return nil, err
		}
		h.HasDisplayName = true
	}
	if rev >= revVersionPatch {
		if h.Patch, err = readUvarint(r); err != nil {
			return nil, err
		}
		h.HasPatch = true
	}
	return h, nil
}

// readException reads a native exception: code, name, message, stack trace, and
// whether a nested exception (its cause) follows.
func readException(r *bufio.Reader, depth int) (*ServerError, error) {
	if depth >= maxExceptionDepth {
		return nil, fmt.Errorf("%w: exceptions nested deeper than %d", store.ErrProtocol, maxExceptionDepth)
	}
	var code [4]byte
	if _, err := io.ReadFull(r, code[:]); err != nil {
		return nil, truncated(err)
	}
	e := &ServerError{Code: int(int32(binary.LittleEndian.Uint32(code[:])))}
	var err error
	if e.Name, err = readString(r, maxHelloString); err != nil {
		return nil, err
	}
	if e.Message, err = readString(r, maxExceptionString); err != nil {
		return nil, err
	}
	if _, err = readString(r, maxExceptionString); err != nil { // stack trace: not kept
		return nil, err
	}
	nested, err := r.ReadByte()
	if err != nil {
		return nil, truncated(err)
	}
	if nested > 1 {
		return nil, fmt.Errorf("%w: %w: bad nested flag %d", store.ErrNoMatch, errNotNative, nested)
	}
	if nested == 1 {
		if e.Nested, err = readException(r, depth+1); err != nil {
			return nil, err
		}
	}
	// Native messages repeat the class name ("DB::Exception: Wrong password …").
	e.Message = firstLine(trimPrefix(e.Message, e.Name+": "))
	return e, nil
}

func trimPrefix(s, p string) string {
	if len(s) >= len(p) && s[:len(p)] == p {
		return s[len(p):]
	}
	return s
}

func readUvarint(r *bufio.Reader) (uint64, error) {
	v, err := binary.ReadUvarint(r)
	if err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return 0, truncated(err)
		}
		return 0, fmt.Errorf("%w: %w: %v", store.ErrNoMatch, errNotNative, err)
	}
	return v, nil
}

// readString reads a length-prefixed string, refusing lengths over max before reading
// (never allocating what the server claims).
func readString(r *bufio.Reader, max int) (string, error) {
	n, err := readUvarint(r)
	if err != nil {
		return "", err
	}
	if n > uint64(max) {
		return "", fmt.Errorf("%w: string of %d bytes (cap %d)", store.ErrTooLarge, n, max)
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(r, b); err != nil {
		return "", truncated(err)
	}
	return string(b), nil
}

func truncated(err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("%w: reply cut short: %w", store.ErrProtocol, io.ErrUnexpectedEOF)
	}
	return err
}

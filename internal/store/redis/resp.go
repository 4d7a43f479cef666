package redis

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/leakwatch/leakwatch/internal/store"
)

// A RESP2 reader that a hostile server cannot make allocate or read without bound: the
// protocol lets a server announce a 10 GB bulk string or an array of 2^63 elements, and
// general-purpose clients allocate what is announced. Here every reply has a byte
// budget on the wire, bulk strings keep at most keepBulk bytes (the rest is read and
// dropped within the budget), arrays are capped in length and depth, and lines in size.
// Spec: https://redis.io/docs/latest/develop/reference/protocol-spec/ (RESP2 types).

// reply is one RESP2 value.
type reply struct {
	kind  byte // '+', '-', ':', '$', '*'
	str   string
	n     int64 // ':' value, or the announced length of '$' and '*'
	null  bool  // "$-1" or "*-1"
	cut   bool  // a bulk string longer than the reader keeps
	elems []reply
}

// isError reports a "-ERR …" reply.
func (r reply) isError() bool { return r.kind == '-' }

// text is the reply as a string: simple, error and bulk strings as they are, integers
// in decimal; arrays and nulls are "".
func (r reply) text() string {
	switch r.kind {
	case ':':
		return strconv.FormatInt(r.n, 10)
	case '+', '-', '$':
		return r.str
	}
	return ""
}

// limits bound what one reply may cost.
type limits struct {
	maxLine  int   // longest header, simple string or error line, "\r\n" included
	keepBulk int   // bytes kept of each bulk string
	maxElems int   // elements of one array
	maxDepth int   // arrays within arrays
	budget   int64 // bytes one reply may take on the wire
}

func defaultLimits(keepBulk int, budget int64) limits {
	return limits{maxLine: 64 << 10, keepBulk: keepBulk, maxElems: 100_000, maxDepth: 8, budget: budget}
}

type respReader struct {
	br   *bufio.Reader
	lim  limits
	used int64
}

func newRespReader(r io.Reader, lim limits) *respReader {
	size := lim.maxLine
	if size < 16 {
		size = 16
	}
	return &respReader{br: bufio.NewReaderSize(r, size), lim: lim}
}

// reset starts a new budget, one per reply.
func (r *respReader) reset() { r.used = 0 }

// read reads one reply within what is left of the budget.
func (r *respReader) read() (reply, error) { return r.value(0) }

func (r *respReader) charge(n int64) error {
	r.used += n
	if r.used > r.lim.budget {
		return fmt.Errorf("%w: reply over %d bytes", store.ErrTooLarge, r.lim.budget)
	}
	return nil
}

// line reads one "\r\n"-terminated line and returns it without the terminator.
func (r *respReader) line() ([]byte, error) {
	b, err := r.br.ReadSlice('\n')
	if err != nil {
		if errors.Is(err, bufio.ErrBufferFull) {
			return nil, fmt.Errorf("%w: line longer than %d bytes", store.ErrTooLarge, r.lim.maxLine)
		}
		if len(b) > 0 && errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%w: reply cut short", store.ErrProtocol)
		}
		return nil, err
	}
	if err := r.charge(int64(len(b))); err != nil {
		return nil, err
	}
	if len(b) < 2 || b[len(b)-2] != '\r' {
		return nil, fmt.Errorf("%w: line not ended by CRLF", store.ErrProtocol)
	}
	return b[:len(b)-2], nil
}

func (r *respReader) value(depth int) (reply, error) {
	b, err := r.line()
	if err != nil {
		return reply{}, err
	}
	if len(b) == 0 {
		return reply{}, fmt.Errorf("%w: empty line", store.ErrProtocol)
	}
	kind, rest := b[0], b[1:]
	switch kind {
	case '+', '-':
		if bytes.IndexByte(rest, '\r') >= 0 {
			return reply{}, fmt.Errorf("%w: CR inside a status line", store.ErrProtocol)
		}
		return reply{kind: kind, str: string(rest)}, nil
	case ':':
		n, err := parseInt(rest)
		if err != nil {
			return reply{}, err
		}
		return reply{kind: kind, n: n}, nil
	case '$':
		n, err := parseInt(rest)
		if err != nil {
			return reply{}, err
		}
		if n == -1 {
			return reply{kind: kind, null: true, n: -1}, nil
		}
		if n < 0 {
			return reply{}, fmt.Errorf("%w: bulk length %d", store.ErrProtocol, n)
		}
		return r.bulk(n)
	case '*':
		n, err := parseInt(rest)
		if err != nil {
			return reply{}, err
		}
		if n == -1 {
			return reply{kind: kind, null: true, n: -1}, nil
		}
		if n < 0 {
			return reply{}, fmt.Errorf("%w: array length %d", store.ErrProtocol, n)
		}
		if n > int64(r.lim.maxElems) {
			return reply{}, fmt.Errorf("%w: array of %d elements (cap %d)", store.ErrTooLarge, n, r.lim.maxElems)
		}
		if depth >= r.lim.maxDepth {
			return reply{}, fmt.Errorf("%w: arrays nested deeper than %d", store.ErrProtocol, r.lim.maxDepth)
		}
		// Each element takes at least 3 bytes ("+\r\n"): an announced length the budget
		// cannot hold is refused before anything is allocated for it.
		if left := r.lim.budget - r.used; n*3 > left {
			return reply{}, fmt.Errorf("%w: array of %d elements exceeds the reply budget", store.ErrTooLarge, n)
		}
		out := reply{kind: kind, n: n, elems: make([]reply, 0, min(n, 1024))}
		for i := int64(0); i < n; i++ {
			e, err := r.value(depth + 1)
			if err != nil {
				return reply{}, err
			}
			out.elems = append(out.elems, e)
		}
		return out, nil
	}
	return reply{}, fmt.Errorf("%w: unexpected type byte %q", store.ErrProtocol, kind)
}

// bulk reads a bulk string of n bytes, keeping at most keepBulk of them.
func (r *respReader) bulk(n int64) (reply, error) {
	if left := r.lim.budget - r.used; n+2 > left {
		return reply{}, fmt.Errorf("%w: bulk string of %d bytes exceeds the reply budget (%d left)", store.ErrTooLarge, n, left)
	}
	keep := min(n, int64(r.lim.keepBulk))
	buf := make([]byte, keep)
	if _, err := io.ReadFull(r.br, buf); err != nil {
		return reply{}, shortRead(err)
	}
	if n > keep {
		if _, err := r.br.Discard(int(n - keep)); err != nil {
			return reply{}, shortRead(err)
		}
	}
	var crlf [2]byte
	if _, err := io.ReadFull(r.br, crlf[:]); err != nil {
		return reply{}, shortRead(err)
	}
	if crlf != [2]byte{'\r', '\n'} {
		return reply{}, fmt.Errorf("%w: bulk string not followed by CRLF", store.ErrProtocol)
	}
	if err := r.charge(n + 2); err != nil {
		return reply{}, err
	}
	return reply{kind: '$', str: string(buf), n: n, cut: n > keep}, nil
}

func shortRead(err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("%w: reply cut short", store.ErrProtocol)
	}
	return err
}

// parseInt reads a RESP integer: an optional minus sign and up to 19 digits.
func parseInt(b []byte) (int64, error) {
	if len(b) == 0 || len(b) > 20 {
		return 0, fmt.Errorf("%w: bad integer %q", store.ErrProtocol, b)
	}
	n, err := strconv.ParseInt(string(b), 10, 64)
	if err != nil || (b[0] == '+') {
		return 0, fmt.Errorf("%w: bad integer %q", store.ErrProtocol, b)
	}
	return n, nil
}

// appendCommand encodes args as a RESP array of bulk strings, the form every Redis
// since 1.2 accepts (and the only one that carries binary-safe key names).
func appendCommand(b []byte, args ...string) []byte {
	b = append(b, '*')
	b = strconv.AppendInt(b, int64(len(args)), 10)
	b = append(b, '\r', '\n')
	for _, a := range args {
		b = append(b, '$')
		b = strconv.AppendInt(b, int64(len(a)), 10)
		b = append(b, '\r', '\n')
		b = append(b, a...)
		b = append(b, '\r', '\n')
	}
	return b
}

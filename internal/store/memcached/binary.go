package memcached

import (
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"time"

	"github.com/leakwatch/leakwatch/internal/store"
)

// The binary protocol (memcached's protocol_binary.h; the "Memcache Binary Protocol"
// draft): used only when the text protocol is silent, which is what a server with SASL
// (-S) does — SASL exists only in the binary protocol, and such a server still answers
// the binary "version" and "list mechanisms" requests before authentication.

const (
	opVersion   = 0x0b
	opStat      = 0x10
	opSASLList  = 0x20
	opSASLAuth  = 0x21
	magicReq    = 0x80
	magicRes    = 0x81
	statusOK    = 0x0000
	statusAuth  = 0x0020 // authentication error
	statusCont  = 0x0021 // authentication continue
	statusUnkno = 0x0081 // unknown command

	// maxBinaryBody bounds one binary response body: versions, mechanism lists and
	// statistics are short.
	maxBinaryBody = 64 << 10
)

// binaryOps the prober may send: none of them changes anything.
var binaryOps = map[byte]bool{opVersion: true, opStat: true, opSASLList: true, opSASLAuth: true}

type binResponse struct {
	opcode     byte
	status     uint16
	key, value []byte
}

type binConn struct {
	c       net.Conn
	timeout time.Duration
	sent    func(line string)
}

func (b *binConn) request(ctx context.Context, op byte, key, value []byte) error {
	if !binaryOps[op] {
		return fmt.Errorf("%w: binary opcode %#x", ErrNotReadOnly, op)
	}
	if b.sent != nil {
		b.sent(fmt.Sprintf("binary %#02x", op))
	}
	hdr := make([]byte, 24, 24+len(key)+len(value))
	hdr[0], hdr[1] = magicReq, op
	binary.BigEndian.PutUint16(hdr[2:], uint16(len(key)))
	binary.BigEndian.PutUint32(hdr[8:], uint32(len(key)+len(value)))
	msg := append(append(hdr, key...), value...)
	d := time.Now().Add(b.timeout)
	if cd, ok := ctx.Deadline(); ok && cd.Before(d) {
		d = cd
	}
	_ = b.c.SetDeadline(d)
	_, err := b.c.Write(msg)
	return wrapNet(err)
}

// response reads one binary response, refusing bodies over maxBinaryBody and anything
// that is not a response header.
func (b *binConn) response(ctx context.Context) (binResponse, error) {
	stop := context.AfterFunc(ctx, func() { _ = b.c.SetDeadline(time.Unix(1, 0)) })
	defer stop()
	return readBinResponse(b.c)
}

func readBinResponse(r io.Reader) (binResponse, error) {
	var hdr [24]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return binResponse{}, shortRead(err)
	}
	if hdr[0] != magicRes {
		return binResponse{}, fmt.Errorf("%w: not a binary response (magic %#x)", store.ErrNoMatch, hdr[0])
	}
	keyLen := int(binary.BigEndian.Uint16(hdr[2:]))
	extLen := int(hdr[4])
	bodyLen := int64(binary.BigEndian.Uint32(hdr[8:]))
	if bodyLen > maxBinaryBody {
		return binResponse{}, fmt.Errorf("%w: binary body of %d bytes", store.ErrTooLarge, bodyLen)
	}
	if int64(keyLen+extLen) > bodyLen {
		return binResponse{}, fmt.Errorf("%w: key and extras longer than the body", store.ErrProtocol)
	}
	body := make([]byte, bodyLen)
	if _, err := io.ReadFull(r, body); err != nil {
		return binResponse{}, shortRead(err)
	}
	return binResponse{
		opcode: hdr[1], status: binary.BigEndian.Uint16(hdr[6:]),
		key: body[extLen : extLen+keyLen], value: body[extLen+keyLen:],
	}, nil
}

// stats reads the binary STAT responses: one per statistic, then an empty one.
func (b *binConn) stats(ctx context.Context) (map[string]string, error) {
	if err := b.request(ctx, opStat, nil, nil); err != nil {
		return nil, err
	}
	m := map[string]string{}
	for i := 0; i < 1000; i++ {
		r, err := b.response(ctx)
		if err != nil {
			return m, err
		}
		if r.status != statusOK {
			return m, binStatusError(r)
		}
		if len(r.key) == 0 {
			return m, nil
		}
		m[string(r.key)] = string(r.value)
	}
	return m, fmt.Errorf("%w: more than 1000 statistics", store.ErrTooLarge)
}

func binStatusError(r binResponse) error {
	if r.status == statusAuth || r.status == statusCont {
		return fmt.Errorf("%w: memcached: %s", store.ErrAuth, printable(r.value))
	}
	return fmt.Errorf("memcached: binary status %#04x: %s", r.status, printable(r.value))
}

// saslPlain authenticates with the PLAIN mechanism (RFC 4616: authzid NUL authcid NUL
// password).
func (b *binConn) saslPlain(ctx context.Context, user, password string) error {
	if err := b.request(ctx, opSASLAuth, []byte("PLAIN"), []byte("\x00"+user+"\x00"+password)); err != nil {
		return err
	}
	r, err := b.response(ctx)
	if err != nil {
		return err
	}
	if r.status != statusOK {
		return binStatusError(r)
	}
	return nil
}

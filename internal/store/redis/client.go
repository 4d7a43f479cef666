package redis

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"time"

	"github.com/leakwatch/leakwatch/internal/store"
)

// readOnly is every command the prober may send, and for commands with subcommands the
// subcommands allowed. None of them changes data or server state: SELECT and AUTH
// change only this connection's state, CONFIG GET and ACL GETUSER read. Anything else
// is refused before it reaches the network, so a bug here cannot become a write.
var readOnly = map[string]map[string]bool{
	"PING": nil, "AUTH": nil, "INFO": nil, "SELECT": nil, "DBSIZE": nil,
	"SCAN": nil, "RANDOMKEY": nil, "TYPE": nil,
	"GETRANGE": nil, "STRLEN": nil,
	"HSCAN": nil, "HLEN": nil,
	"SSCAN": nil, "SCARD": nil,
	"ZSCAN": nil, "ZCARD": nil,
	"LRANGE": nil, "LLEN": nil,
	"XRANGE": nil, "XLEN": nil,
	"ACL":     {"WHOAMI": true, "GETUSER": true},
	"COMMAND": {"INFO": true, "COUNT": true},
	"CONFIG":  {"GET": true},
	"MODULE":  {"LIST": true},
}

// allowed reports whether args is a read-only command this prober may send.
func allowed(args []string) bool {
	if len(args) == 0 {
		return false
	}
	subs, ok := readOnly[strings.ToUpper(args[0])]
	if !ok {
		return false
	}
	if subs == nil {
		return true
	}
	return len(args) > 1 && subs[strings.ToUpper(args[1])]
}

// ErrNotReadOnly is returned for a command outside the read-only allow-list.
var ErrNotReadOnly = errors.New("redis: command is not on the read-only allow-list")

// ServerError is an error reply ("-ERR …", "-NOAUTH …").
type ServerError struct {
	Code    string // first word: ERR, NOAUTH, WRONGPASS, NOPERM, DENIED, LOADING, …
	Message string
}

func (e *ServerError) Error() string { return "redis: " + e.Message }

// Unwrap classifies refusals to authenticate as store.ErrAuth. NOPERM (authenticated, not
// permitted) is not one: the user is in, only that command is denied.
func (e *ServerError) Unwrap() error {
	if e.IsAuth() {
		return store.ErrAuth
	}
	return nil
}

// IsAuth reports an error that means "log in first" or "wrong credentials".
func (e *ServerError) IsAuth() bool {
	switch e.Code {
	case "NOAUTH", "WRONGPASS", "DENIED":
		return true
	}
	m := strings.ToLower(e.Message)
	return strings.Contains(m, "invalid password") || strings.Contains(m, "operation not permitted") ||
		strings.Contains(m, "authentication required") || strings.Contains(m, "invalid username-password")
}

// IsUnknownCommand reports that the server has no such command (older version, or
// renamed away with rename-command).
func (e *ServerError) IsUnknownCommand() bool {
	m := strings.ToLower(e.Message)
	return strings.Contains(m, "unknown command") || strings.Contains(m, "unknown subcommand")
}

// IsNoPerm reports an ACL refusal of an authenticated user.
func (e *ServerError) IsNoPerm() bool { return e.Code == "NOPERM" }

func newServerError(msg string) *ServerError {
	code := msg
	if i := strings.IndexByte(msg, ' '); i >= 0 {
		code = msg[:i]
	}
	if len(msg) > 500 {
		msg = msg[:500] + "…"
	}
	return &ServerError{Code: code, Message: msg}
}

func asServerError(err error) *ServerError {
	var se *ServerError
	if errors.As(err, &se) {
		return se
	}
	return nil
}

// client is one connection that only ever sends allow-listed commands.
type client struct {
	conn    net.Conn
	rd      *respReader
	timeout time.Duration
	// sent records every command sent (names only, upper case) for tests.
	sent func(args []string)
}

func newClient(conn net.Conn, timeout time.Duration, lim limits) *client {
	return &client{conn: conn, rd: newRespReader(conn, lim), timeout: timeout}
}

func (c *client) Close() error { return c.conn.Close() }

// doKeeping runs one command keeping up to keep bytes of each bulk string: for replies
// that are read whole (INFO) rather than sampled.
func (c *client) doKeeping(ctx context.Context, keep int, args ...string) (reply, error) {
	old := c.rd.lim.keepBulk
	c.rd.lim.keepBulk = keep
	defer func() { c.rd.lim.keepBulk = old }()
	return c.do(ctx, args...)
}

// do sends one command and reads its reply. An error reply is returned as a
// *ServerError along with the reply.
func (c *client) do(ctx context.Context, args ...string) (reply, error) {
	rs, err := c.pipeline(ctx, [][]string{args})
	if err != nil {
		return reply{}, err
	}
	if rs[0].isError() {
		return rs[0], newServerError(rs[0].str)
	}
	return rs[0], nil
}

// pipeline sends several commands at once and reads their replies, each within the
// byte budget (Options.MaxResponseBytes caps any single response). Error replies stay
// in the slice: callers decide per command.
func (c *client) pipeline(ctx context.Context, cmds [][]string) ([]reply, error) {
	var buf []byte
	for _, args := range cmds {
		if !allowed(args) {
			name := ""
			if len(args) > 0 {
				name = args[0]
			}
			return nil, fmt.Errorf("%w: %q", ErrNotReadOnly, name)
		}
		if c.sent != nil {
			c.sent(args)
		}
		buf = appendCommand(buf, args...)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	deadline := time.Now().Add(c.timeout)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	_ = c.conn.SetDeadline(deadline)
	// A cancelled context (not only an expired one) interrupts a blocked read.
	stop := context.AfterFunc(ctx, func() { _ = c.conn.SetDeadline(time.Unix(1, 0)) })
	defer stop()
	if _, err := c.conn.Write(buf); err != nil {
		return nil, wrapNet(err)
	}
	out := make([]reply, 0, len(cmds))
	for range cmds {
		c.rd.reset()
		r, err := c.rd.read()
		if err != nil {
			return out, wrapNet(err)
		}
		out = append(out, r)
	}
	return out, nil
}

func wrapNet(err error) error {
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() && !errors.Is(err, store.ErrTimeout) {
		return fmt.Errorf("%w: %w", store.ErrTimeout, err)
	}
	return err
}

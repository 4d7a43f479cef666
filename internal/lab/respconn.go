package lab

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"time"
)

// RespConn is the lab's administrative Redis connection: it seeds, configures and
// watches lab servers, so it writes, and it trusts the server (its replies are not
// bounded as leakwatch's own client's are). leakwatch never uses it on a target.
type RespConn struct {
	conn net.Conn
	br   *bufio.Reader
}

// RespError is an error reply.
type RespError string

func (e RespError) Error() string { return "redis: " + string(e) }

// DialResp connects to addr and, when password is set, authenticates (as user when set).
func DialResp(ctx context.Context, addr, user, password string) (*RespConn, error) {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("lab: %w", err)
	}
	c := &RespConn{conn: conn, br: bufio.NewReaderSize(conn, 64<<10)}
	if password != "" {
		args := []string{"AUTH", password}
		if user != "" {
			args = []string{"AUTH", user, password}
		}
		if _, err := c.Do(ctx, args...); err != nil {
			conn.Close()
			return nil, err
		}
	}
	return c, nil
}

// Close closes the connection.
func (c *RespConn) Close() error { return c.conn.Close() }

// Do sends one command and returns its reply: string, int64, nil, []any, or a RespError.
func (c *RespConn) Do(ctx context.Context, args ...string) (any, error) {
	if err := c.Send(ctx, args...); err != nil {
		return nil, err
	}
	return c.Receive(ctx)
}

// Pipeline sends every command, then reads every reply; the first error reply is
// returned after all replies are read.
func (c *RespConn) Pipeline(ctx context.Context, cmds [][]string) error {
	var b []byte
	for _, args := range cmds {
		b = appendResp(b, args)
	}
	c.deadline(ctx, time.Minute)
	if _, err := c.conn.Write(b); err != nil {
		return fmt.Errorf("lab: %w", err)
	}
	var first error
	for range cmds {
		if _, err := c.Receive(ctx); err != nil {
			var re RespError
			if !errors.As(err, &re) {
				return err
			}
			if first == nil {
				first = err
			}
		}
	}
	return first
}

// Send writes one command.
func (c *RespConn) Send(ctx context.Context, args ...string) error {
	c.deadline(ctx, 30*time.Second)
	if _, err := c.conn.Write(appendResp(nil, args)); err != nil {
		return fmt.Errorf("lab: %w", err)
	}
	return nil
}

// Receive reads one reply (for MONITOR, one monitored line per call).
func (c *RespConn) Receive(ctx context.Context) (any, error) {
	c.deadline(ctx, 30*time.Second)
	v, err := c.value()
	if err != nil {
		var re RespError
		if errors.As(err, &re) {
			return nil, err
		}
		return nil, fmt.Errorf("lab: reading reply: %w", err)
	}
	return v, nil
}

func (c *RespConn) deadline(ctx context.Context, def time.Duration) {
	d := time.Now().Add(def)
	if dl, ok := ctx.Deadline(); ok && dl.Before(d) {
		d = dl
	}
	_ = c.conn.SetDeadline(d)
}

func (c *RespConn) value() (any, error) {
	line, err := c.br.ReadString('\n')
	if err != nil {
		return nil, err
	}
	line = strings.TrimSuffix(line, "\r\n")
	if line == "" {
		return nil, errors.New("empty line")
	}
	switch line[0] {
	case '+':
		return line[1:], nil
	case '-':
		return nil, RespError(line[1:])
	case ':':
		return strconv.ParseInt(line[1:], 10, 64)
	case '$':
		n, err := strconv.Atoi(line[1:])
		if err != nil || n < 0 {
			return nil, err
		}
		b := make([]byte, n+2)
		if _, err := io.ReadFull(c.br, b); err != nil {
			return nil, err
		}
		return string(b[:n]), nil
	case '*':
		n, err := strconv.Atoi(line[1:])
		if err != nil || n < 0 {
			return nil, err
		}
		out := make([]any, 0, n)
		for i := 0; i < n; i++ {
			v, err := c.value()
			if err != nil {
				var re RespError
				if !errors.As(err, &re) {
					return nil, err
				}
				v = re
			}
			out = append(out, v)
		}
		return out, nil
	}
	return nil, fmt.Errorf("unexpected reply %q", line)
}

func appendResp(b []byte, args []string) []byte {
	b = append(b, '*')
	b = strconv.AppendInt(b, int64(len(args)), 10)
	b = append(b, "\r\n"...)
	for _, a := range args {
		b = append(b, '$')
		b = strconv.AppendInt(b, int64(len(a)), 10)
		b = append(b, "\r\n"...)
		b = append(b, a...)
		b = append(b, "\r\n"...)
	}
	return b
}

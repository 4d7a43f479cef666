package identify

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/leakwatch/leakwatch/internal/store"
)

// UserAgent names leakwatch in the logs of the servers it identifies.
const UserAgent = "leakwatch (+https://github.com/leakwatch/leakwatch)"

// maxHTTPHead bounds the status line and headers read of an answer.
const maxHTTPHead = 32 << 10

// httpRequest is the request every HTTP product's answer is matched against. HTTP/1.0
// without a Host header (unless the user named the host): Redis reads each line as a
// command and drops the connection, logging a "Possible SECURITY ATTACK", on a line
// starting "Host:" or "POST"; this request it answers with errors that identify it.
// Servers close the connection after the answer, so it ends cleanly.
func (r *run) httpRequest(path string) []byte {
	var b bytes.Buffer
	b.WriteString("GET " + path + " HTTP/1.0\r\n")
	if r.ep.Hostname != "" {
		host := r.ep.Hostname
		if r.ep.Port != 80 && r.ep.Port != 443 {
			host += ":" + strconv.Itoa(r.ep.Port)
		}
		b.WriteString("Host: " + host + "\r\n")
	}
	b.WriteString("User-Agent: " + UserAgent + "\r\nAccept: */*\r\n\r\n")
	return b.Bytes()
}

// plainToTLS is what TLS servers answer plain HTTP with, in a 400.
var plainToTLS = [][]byte{[]byte("Client sent an HTTP request to an HTTPS server"),
	[]byte("The plain HTTP request was sent to HTTPS port"), []byte("speaking plain HTTP to an SSL-enabled server")}

// readHTTP reads the answer to the HTTP request and names what sent it: an HTTP
// product, "http", a TLS port (a hint), or — for an answer that is not HTTP — another
// protocol's banner.
func (r *run) readHTTP(ctx context.Context, cv *conv, useTLS bool, deadline time.Time) event {
	reply, ok := r.readReply(cv, "/", useTLS, deadline)
	if !ok {
		return r.answered(cv, useTLS, "http")
	}
	if !useTLS && reply.Status == http.StatusBadRequest && containsAny(reply.Body, plainToTLS) {
		return event{tlsHint: true, data: cv.data}
	}
	if id := r.matchHTTP(reply); id != nil {
		return event{id: id}
	}
	// Nobody's: a follow-up when one is wanted for this kind of answer.
	var sent []string
	for _, f := range r.d.follows {
		if len(sent) == maxFollowUps || ctx.Err() != nil {
			break
		}
		if slices.Contains(sent, f.Path) || !f.When(reply) {
			continue
		}
		sent = append(sent, f.Path)
		if fr := r.followUp(ctx, f.Path, useTLS, deadline); fr != nil {
			if id := r.matchHTTP(fr); id != nil {
				return event{id: id}
			}
		}
	}
	return event{id: httpIdentity(reply, cv.data)}
}

// readReply reads and parses an HTTP answer from cv: false when what came is not HTTP.
// The head gets until deadline; the body, once the head is in, at most one banner wait
// more (a server that promises a body it never sends costs no full I/O timeout).
func (r *run) readReply(cv *conv, path string, useTLS bool, deadline time.Time) (*store.HTTPReply, bool) {
	const max = maxHTTPHead + store.MaxBanner
	headEnd := -1
	headNow := false // the head has just come in: stop, to wait for the body on its own deadline
	complete := func(data []byte, final bool) store.Verdict {
		if n := min(len(data), 5); string(data[:n]) != "HTTP/"[:n] {
			return store.NoMatch
		}
		if headEnd < 0 {
			if i := bytes.Index(data, []byte("\r\n\r\n")); i >= 0 {
				headEnd, headNow = i+4, true
			} else if i := bytes.Index(data, []byte("\n\n")); i >= 0 {
				headEnd, headNow = i+2, true
			}
		}
		switch {
		case headEnd < 0 && (final || len(data) >= maxHTTPHead):
			return store.Match // headers cut short: parse what there is
		case headEnd < 0:
			return store.NeedMore
		case final || headNow || bodyComplete(data[:headEnd], data[headEnd:]):
			return store.Match
		}
		return store.NeedMore
	}
	if cv.fill(deadline, max, complete) == store.NoMatch || len(cv.data) < 5 {
		return nil, false
	}
	if headNow && !cv.eof && !bodyComplete(cv.data[:headEnd], cv.data[headEnd:]) {
		headNow = false
		cv.fill(earliest(deadline, time.Now().Add(r.o.BannerWait)), max, complete)
	}
	return parseReply(cv.data, path, useTLS), true
}

func earliest(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// bodyComplete reports whether body holds all of the body the head announces, or as
// much of it as identification looks at.
func bodyComplete(head, body []byte) bool {
	if len(body) >= store.MaxBanner {
		return true
	}
	h := strings.ToLower(string(head))
	if strings.Contains(h, "\ntransfer-encoding: chunked") {
		return bytes.Contains(body, []byte("\r\n0\r\n\r\n")) || bytes.HasPrefix(body, []byte("0\r\n\r\n"))
	}
	if i := strings.Index(h, "\ncontent-length:"); i >= 0 {
		rest := h[i+len("\ncontent-length:"):]
		if j := strings.IndexByte(rest, '\n'); j >= 0 {
			rest = rest[:j]
		}
		n, err := strconv.ParseInt(strings.TrimSpace(rest), 10, 64)
		return err == nil && int64(len(body)) >= n
	}
	// 1xx, 204 and 304 carry no body.
	if len(h) >= 12 && (h[9] == '1' || h[9:12] == "204" || h[9:12] == "304") {
		return true
	}
	return false
}

// parseReply reads status, headers and the start of the body from raw; a reply whose
// headers do not parse keeps its status line alone.
func parseReply(raw []byte, path string, useTLS bool) *store.HTTPReply {
	rep := &store.HTTPReply{Path: path, TLS: useTLS, Header: http.Header{}}
	resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(raw)), nil)
	if err != nil {
		l, _ := line(raw)
		f := strings.Fields(string(cut(l, 200)))
		if len(f) >= 2 {
			rep.Proto = f[0]
			rep.Status, _ = strconv.Atoi(f[1])
		}
		return rep
	}
	defer resp.Body.Close()
	rep.Proto, rep.Status, rep.Header = resp.Proto, resp.StatusCode, resp.Header
	rep.Body, _ = io.ReadAll(io.LimitReader(resp.Body, store.MaxBanner))
	return rep
}

// matchHTTP runs every product's HTTP matchers over reply.
func (r *run) matchHTTP(reply *store.HTTPReply) *store.Identity {
	for _, m := range r.d.https {
		reply.Claimed = m.e.claims(r.ep)
		id := &store.Identity{Product: m.e.name, Protocol: m.m.Protocol}
		if m.m.Match(reply, id) {
			id.TLS = reply.TLS
			id.By = "http"
			if reply.Path != "/" {
				id.By = "http " + reply.Path
			}
			return id
		}
	}
	reply.Claimed = false
	return nil
}

// followUp sends GET path on a new connection and reads the answer.
func (r *run) followUp(ctx context.Context, path string, useTLS bool, deadline time.Time) *store.HTTPReply {
	c, err := r.dial(ctx, useTLS)
	if err != nil {
		return nil
	}
	defer c.Close()
	stop := context.AfterFunc(ctx, func() { c.Close() })
	defer stop()
	_ = c.SetWriteDeadline(deadline)
	if _, err := c.Write(r.httpRequest(path)); err != nil {
		return nil
	}
	reply, ok := r.readReply(r.conv(c), path, useTLS, deadline)
	if !ok {
		return nil
	}
	return reply
}

// httpIdentity names an HTTP server no product claimed.
func httpIdentity(reply *store.HTTPReply, raw []byte) *store.Identity {
	id := &store.Identity{Product: NameHTTP, TLS: reply.TLS, By: "http"}
	if s := reply.Header.Get("Server"); s != "" {
		id.Version = string(cut([]byte(s), 128))
	}
	if reply.Status > 0 {
		id.SetDetail("status", strconv.Itoa(reply.Status))
	}
	l, _ := line(raw)
	id.Banner = cut(l, 256)
	return id
}

func containsAny(b []byte, subs [][]byte) bool {
	for _, s := range subs {
		if bytes.Contains(b, s) {
			return true
		}
	}
	return false
}

package verify

import (
	"io"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/verify/verifytest"
)

// The issuers are not reachable from the test machine, so each verifier talks to one
// local TLS server that answers as the issuer documents. The issuers' host names are
// mapped to it only through Config.Network (a dialer and a root CA), which the binary
// never sets: the verifier builds the same URL, Host header and TLS server name it would
// use against the real issuer, and the server's certificate is valid for those names.

// seen is a request as the issuer received it.
type seen struct {
	method, host, path, rawPath, query string
	header                             http.Header
	body                               []byte
	contentLength                      int64
}

// reply is an issuer's canned answer.
type reply struct {
	status int
	header map[string]string
	body   string
}

type issuers struct {
	t   *testing.T
	srv *verifytest.Server
	net *Network

	mu      sync.Mutex
	reqs    []seen
	respond func(r *http.Request, n int) reply // n: index of the request
	// inFlight tracking, per host
	cur, peak map[string]int
	delay     time.Duration
}

// extraHosts are names the test certificate covers besides the issuers' (redirect
// targets, hosts a hostile record might name).
var extraHosts = []string{"evil.example", "acme.okta.com", "acme.myshopify.com"}

func newIssuers(t *testing.T) *issuers {
	t.Helper()
	is := &issuers{t: t, cur: map[string]int{}, peak: map[string]int{}}
	var hosts []string
	for _, v := range registry {
		hosts = append(hosts, v.Hosts...)
	}
	is.srv = verifytest.New(t, append(hosts, extraHosts...), http.HandlerFunc(is.serve))
	is.net = &Network{RootCAs: is.srv.RootCAs, DialContext: is.srv.DialContext}
	return is
}

func (is *issuers) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	is.mu.Lock()
	n := len(is.reqs)
	is.reqs = append(is.reqs, seen{method: r.Method, host: r.Host, path: r.URL.Path, rawPath: r.URL.EscapedPath(), query: r.URL.RawQuery,
		header: r.Header.Clone(), body: body, contentLength: r.ContentLength})
	is.cur[r.Host]++
	is.peak[r.Host] = max(is.peak[r.Host], is.cur[r.Host])
	respond, delay := is.respond, is.delay
	is.mu.Unlock()
	defer func() {
		is.mu.Lock()
		is.cur[r.Host]--
		is.mu.Unlock()
	}()
	if delay > 0 {
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
			return
		}
	}
	rep := reply{status: http.StatusNotFound, body: `{"error":"no canned answer"}`}
	if respond != nil {
		rep = respond(r, n)
	}
	for k, v := range rep.header {
		w.Header().Set(k, v)
	}
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "application/json")
	}
	w.WriteHeader(rep.status)
	io.WriteString(w, rep.body)
}

// answer serves the same reply to every request.
func (is *issuers) answer(rep reply) {
	is.mu.Lock()
	is.respond = func(*http.Request, int) reply { return rep }
	is.mu.Unlock()
}

func (is *issuers) requests() []seen {
	is.mu.Lock()
	defer is.mu.Unlock()
	return append([]seen(nil), is.reqs...)
}

func (is *issuers) dialed() []string { return is.srv.Dials() }

func (is *issuers) reset() {
	is.mu.Lock()
	is.reqs, is.respond = nil, nil
	is.srv.ResetDials()
	is.peak = map[string]int{}
	is.mu.Unlock()
}

// runner is a Runner that reaches the local issuers, with no rate limit to speak of.
func (is *issuers) runner(t *testing.T, mod func(*Config)) *Runner {
	t.Helper()
	cfg := Config{Network: is.net, Rate: 1000, HostRate: 1000, Timeout: 5 * time.Second}
	if mod != nil {
		mod(&cfg)
	}
	r, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

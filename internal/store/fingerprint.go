package store

import (
	"context"
	"net"
	"net/http"
	"slices"
	"sync"
)

// The prober contract in two halves, as nmap's service detection and LZR/zgrab2 split it:
// identification decides cheaply, from one first contact per port shared by every
// product, which product answers there (and TLS, and the version when it is free); only
// the product that identified the port then explores it — access, capabilities,
// inventory, samples, known vulnerabilities. A prober declares what identifies it as
// data (Fingerprints), which the identification stage (internal/identify) runs; its
// Explore runs afterwards, told what identification learned.

// Verdict is what a matcher makes of the bytes seen so far.
type Verdict int

const (
	// NeedMore: undecided; read on (up to the byte cap or the deadline).
	NeedMore Verdict = iota
	// NoMatch: not this product, whatever follows.
	NoMatch
	// Match: this product; the matcher has filled the Identity.
	Match
)

// MaxBanner bounds the bytes identification keeps of what a service said (a banner, or
// an answer to one of its requests). Matchers see at most this much.
const MaxBanner = 4 << 10

// Identity is what identification learned about one endpoint.
type Identity struct {
	// Product is a prober's Name when a data store answered ("clickhouse"), else the
	// name of what did: "ssh", "http", "tls", "smtp", "ftp", … or "unknown".
	Product string
	// Protocol is the Service.Protocol to report ("clickhouse-native"); empty for
	// products with one protocol.
	Protocol string
	TLS      bool
	// Version, when the first contact gave it away (a banner, a header). Attacker-chosen.
	Version string
	// Details are facts identification saw (Server header, reason for "unknown", …);
	// values are as the service sent them, bounded.
	Details map[string]string
	// Banner is the start of what the service said unprompted or answered (at most
	// MaxBanner bytes), raw.
	Banner []byte
	// By says which step decided: "banner", "http", "hello:<protocol>", "tls", "port".
	By string

	mu   sync.Mutex
	conn net.Conn
}

// SetDetail records a fact, creating Details when needed.
func (id *Identity) SetDetail(k, v string) {
	if v == "" {
		return
	}
	if id.Details == nil {
		id.Details = map[string]string{}
	}
	id.Details[k] = v
}

// Keep hands c to the explorer: data, the bytes already read from it, are read again
// first. Identification calls it for BannerMatch.Keep products.
func (id *Identity) Keep(c net.Conn, data []byte) {
	id.mu.Lock()
	defer id.mu.Unlock()
	id.conn = &replayConn{Conn: c, pending: append([]byte(nil), data...)}
}

// TakeConn returns the connection identification kept for the explorer, or nil; the
// caller owns and closes it. A second call returns nil.
func (id *Identity) TakeConn() net.Conn {
	if id == nil {
		return nil
	}
	id.mu.Lock()
	defer id.mu.Unlock()
	c := id.conn
	id.conn = nil
	return c
}

// Close releases a kept connection nobody took.
func (id *Identity) Close() {
	if c := id.TakeConn(); c != nil {
		c.Close()
	}
}

// replayConn reads pending first, then the connection.
type replayConn struct {
	net.Conn
	pending []byte
}

func (r *replayConn) Read(p []byte) (int, error) {
	if len(r.pending) > 0 {
		n := copy(p, r.pending)
		r.pending = r.pending[n:]
		return n, nil
	}
	return r.Conn.Read(p)
}

// BannerMatch recognises a product from bytes it sends: a banner it says before being
// spoken to (MySQL's greeting, SSH's version line), or its answer to a request in
// another protocol — the identification's HTTP request or another product's hello
// (Redis answers "GET / HTTP/1.0" with "-ERR wrong number of arguments").
type BannerMatch struct {
	// Protocol is what a match identifies (also the Identity's default Protocol).
	Protocol string
	// Match looks at data, everything received so far (at most MaxBanner bytes); final
	// says no more will come. On Match it fills id (Product is preset to the prober's).
	Match func(data []byte, final bool, id *Identity) Verdict
	// Keep hands the connection to Explore, data replayed, instead of closing it: MySQL
	// counts a client that hangs up after its greeting as a handshake error against the
	// client's host (max_connect_errors), so the greeting's connection is the login's.
	Keep bool
}

// HTTPReply is an answer to one of identification's HTTP requests, bounded.
type HTTPReply struct {
	Path   string // the request's path
	Status int
	Proto  string // "HTTP/1.1"
	Header http.Header
	// Body is the start of the body (at most MaxBanner bytes).
	Body []byte
	TLS  bool
	// Claimed is set when the port is one of the matching prober's DefaultPorts (or the
	// URL scheme names it): a weak sign (a bare 401) may count there and nowhere else.
	Claimed bool
}

// HTTPMatch recognises a product from an HTTP answer.
type HTTPMatch struct {
	Protocol string
	// Match fills id and reports whether r is the product's.
	Match func(r *HTTPReply, id *Identity) bool
}

// HTTPFollowUp is one more request identification sends when the answer to its first
// ("GET /") is one no product claimed and When holds — a Go server's bare 404, which
// etcd's API answers too, is told apart by etcd's /version.
type HTTPFollowUp struct {
	Path string
	When func(r *HTTPReply) bool
}

// Hello is a product's own opening for a silent port: bytes to send, and how to read
// the answer.
type Hello struct {
	Protocol string
	// Payload is what to send to ep.
	Payload func(ep Endpoint) []byte
	// Match reads the answer, as BannerMatch.Match does.
	Match func(reply []byte, final bool, id *Identity) Verdict
	// PlainOnly: the hello is never sent inside TLS (PostgreSQL negotiates TLS itself).
	PlainOnly bool
	// Rank orders the hellos sent to a port no product claims, lowest first; openings
	// that most services answer or refuse at once (a text command, PostgreSQL's 8-byte
	// SSLRequest) before those a silent peer would sit on.
	Rank int
	// Ports and Schemes, when either is set, restrict the hello to the endpoints where
	// it is the product's own opening (ClickHouse's PostgreSQL interface on 9005, or a
	// target given as clickhouse+postgresql://): there it is said first, before any HTTP
	// request; anywhere else never.
	Ports   []int
	Schemes []string
}

// Own reports whether ep is one of the hello's own endpoints (false for a hello that
// names none).
func (h *Hello) Own(ep Endpoint) bool {
	for _, p := range h.Ports {
		if p == ep.Port {
			return true
		}
	}
	for _, s := range h.Schemes {
		if s == ep.Scheme {
			return true
		}
	}
	return false
}

// Restricted reports whether the hello is said only on its own endpoints.
func (h *Hello) Restricted() bool { return len(h.Ports)+len(h.Schemes) > 0 }

// Fingerprints are what a prober gives the identification stage.
type Fingerprints struct {
	Banners   []BannerMatch
	HTTP      []HTTPMatch
	FollowUps []HTTPFollowUp
	Hellos    []Hello
	// ServerFirst: the product speaks first on its DefaultPorts (MySQL); there
	// identification waits the whole banner wait before it speaks.
	ServerFirst bool
	// TLSPorts are the DefaultPorts (or others) where the product is expected behind
	// TLS: identification starts there with a TLS handshake.
	TLSPorts []int
}

// Fingerprinter is a prober that the identification stage can recognise.
type Fingerprinter interface {
	Prober
	Fingerprints() Fingerprints
}

// Explorer is a prober that explores an endpoint identification attributed to it.
type Explorer interface {
	Prober
	// Explore checks access, inventories, samples and reports what ep exposes, knowing
	// id (TLS, protocol, a kept connection). Like Probe, it returns an error wrapping
	// ErrNoMatch when the product's own checks disagree with identification, and a
	// non-nil Result with any error once it has confirmed the product.
	Explore(ctx context.Context, ep Endpoint, id *Identity, opts *Options) (*Result, error)
}

// WithScheme returns ep with the URL scheme set to the one given when the user gave
// none: how an Explore that wraps Probe tells it the TLS mode identification found.
func (e Endpoint) WithScheme(plain, tls string, useTLS bool) Endpoint {
	if e.Scheme == "" {
		e.Scheme = plain
		if useTLS {
			e.Scheme = tls
		}
	}
	return e
}

// tlsSchemes are the schemes that say TLS: the user's URL said so, or identification
// found it (WithScheme).
var tlsSchemes = []string{"https", "rediss", "clickhouses", "mongodb+tls", "tls"}

// TLSModes is the order in which a prober tries TLS (true) and plain text (false) on e:
// TLS first when tlsFirst. When e's scheme says TLS, plain text is left out: a handshake
// that fails — a middlebox can make it fail — must not downgrade the session, and the
// password meant for it, to clear text.
func (e Endpoint) TLSModes(tlsFirst bool) []bool {
	if slices.Contains(tlsSchemes, e.Scheme) {
		return []bool{true}
	}
	return []bool{tlsFirst, !tlsFirst}
}

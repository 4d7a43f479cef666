// Package store defines what every data-store prober implements and the limits it must
// honour. One sub-package per product implements Prober; the scan pipeline runs them.
package store

import (
	"context"
	"crypto/x509"
	"errors"
	"log/slog"
	"net"
	"net/netip"
	"strconv"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// Endpoint is one address and port to probe.
type Endpoint struct {
	// Addr is the address connected to. Probers never resolve names themselves, so scope
	// decisions made on addresses hold.
	Addr netip.Addr
	Port int
	// Hostname is the name the user gave, if any: used for TLS SNI, HTTP Host headers and
	// security.txt, never for connecting.
	Hostname string
	// Scheme is a hint from a URL target ("http", "https", "clickhouse", …); empty when the
	// user gave a bare host or address.
	Scheme string
}

// Address is "ip:port", bracketed for IPv6.
func (e Endpoint) Address() string {
	return net.JoinHostPort(e.Addr.Unmap().String(), strconv.Itoa(e.Port))
}

// Host is the address as text, as reported in findings.
func (e Endpoint) Host() string { return e.Addr.Unmap().String() }

// Name is the host name when the user gave one, else the address.
func (e Endpoint) Name() string {
	if e.Hostname != "" {
		return e.Hostname
	}
	return e.Host()
}

// Credential is a user name and password to try.
type Credential struct {
	// Store limits the credential to one product ("clickhouse"); empty means any.
	Store    string `json:"store,omitempty" yaml:"store,omitempty"`
	Username string `json:"username" yaml:"username"`
	Password string `json:"password" yaml:"password"`
	// Default marks a well-known default credential; set by probers, never by users.
	Default bool `json:"-" yaml:"-"`
	// Scope limits the endpoints the credential is sent to (see CredentialsFor). Nil
	// leaves it to the caller: the scan job gives every credential without one the job's
	// own targets, so a user's password never goes to a host they did not name.
	Scope HostScope `json:"-" yaml:"-"`
}

// DialFunc opens a connection. The scanner passes one that enforces scope, rate limits and
// the connect timeout; probers must use it for every connection they make.
type DialFunc func(ctx context.Context, network, address string) (net.Conn, error)

// Options are the limits and inputs every prober honours.
type Options struct {
	Dial DialFunc
	// ConnectTimeout bounds each connection attempt; IOTimeout bounds each read/write
	// exchange after connecting. The context carries the per-target deadline.
	ConnectTimeout time.Duration
	IOTimeout      time.Duration
	// BannerWait is how long identification lets a port speak first (a banner, or the
	// answer to its first request) before it counts as silent and the binary hellos go
	// out (--banner-wait).
	BannerWait time.Duration

	// Credentials supplied by the user, tried after no authentication and the defaults.
	Credentials []Credential
	// NoDefaultCredentials disables trying well-known default passwords.
	NoDefaultCredentials bool
	// AllowPlaintextAuth lets probers answer a server that asks for a user's password in
	// a form readable on the wire (PostgreSQL cleartext or MD5, MySQL clear-text or RSA
	// with a key the server sends, MongoDB PLAIN) over a connection that is not TLS with
	// a verified certificate. Off, such a request is refused before anything is sent:
	// a hostile server cannot downgrade a login to learn the password. Well-known
	// default passwords are public and exempt.
	AllowPlaintextAuth bool
	// RootCAs verifies servers' certificates for that rule; nil uses the system's roots.
	RootCAs *x509.CertPool

	// Inventory limits.
	MaxDatabases     int
	MaxTables        int           // tables listed per service
	InventoryTimeout time.Duration // time spent on inventory and sampling per service

	// Sampling limits.
	SampleRows     int // rows read per table; 0 disables sampling
	MaxRowBytes    int // bytes kept per row (longer cells are cut)
	MaxSampleBytes int // bytes kept per table
	// MaxEndpointSampleBytes is the sample bytes kept per endpoint, over all its tables
	// (--max-endpoint-sample-bytes): the size of each endpoint's Samples budget.
	MaxEndpointSampleBytes int64
	// Samples is the endpoint's sample budget, shared by every sample of one probe and
	// charged with each cell kept (probekit.Budget does so for the probers that use
	// it). ForEndpoint gives each endpoint a fresh one; WithDefaults makes one when it
	// is nil, so a probe is bounded whoever calls it.
	Samples *SampleBudget
	// MaxResponseBytes caps any single response read from the network.
	MaxResponseBytes int64

	Logger *slog.Logger
}

// DefaultOptions are the limits used when the user sets none.
func DefaultOptions() Options {
	d := &net.Dialer{Timeout: 3 * time.Second}
	return Options{
		Dial:             d.DialContext,
		ConnectTimeout:   3 * time.Second,
		IOTimeout:        10 * time.Second,
		BannerWait:       2 * time.Second,
		MaxDatabases:     100,
		MaxTables:        200,
		InventoryTimeout: 30 * time.Second,
		SampleRows:       20,
		MaxRowBytes:      64 << 10,
		MaxSampleBytes:   1 << 20,
		MaxResponseBytes: 8 << 20,
		// The budget itself is made per endpoint (ForEndpoint, WithDefaults).
		MaxEndpointSampleBytes: DefaultMaxEndpointSampleBytes,
		Logger:                 slog.New(slog.DiscardHandler),
	}
}

// Sample is rows read from one dataset, each cell as text (nested values JSON-encoded).
type Sample struct {
	Database string
	Table    string
	Columns  []string
	Rows     [][]string
}

// Result is what a prober learned about one endpoint. It is returned, possibly partial,
// alongside an error once the service has been identified.
type Result struct {
	Service finding.Service
	Samples []Sample
	// Findings are the prober's own: capabilities, known vulnerabilities, configuration.
	// The pipeline adds exposure, secret, PII and chat findings.
	Findings []finding.Finding
}

// Prober fingerprints one product and, when it answers, checks access, lists what it holds
// and samples it — strictly read-only and within Options.
type Prober interface {
	// Name is the product ("clickhouse").
	Name() string
	// DefaultPorts are the ports scanned for this product when the user gives none.
	DefaultPorts() []int
	// Probe examines ep. It returns an error wrapping ErrNoMatch, quickly, when the port
	// speaks another protocol. Once the product is identified it returns a non-nil Result
	// even when a later stage fails.
	Probe(ctx context.Context, ep Endpoint, opts *Options) (*Result, error)
}

// ErrNoMatch means the endpoint is not the prober's product.
var ErrNoMatch = errors.New("not this protocol")

// Errors that classify why a probe could not decide. Wrap them with %w.
var (
	ErrAuth     = errors.New("authentication required")
	ErrTimeout  = errors.New("timed out")
	ErrProtocol = errors.New("protocol error")
	ErrTooLarge = errors.New("response too large")
)

// StatusOf maps an error to the status enum used in reports.
func StatusOf(err error) finding.Status {
	var ne net.Error
	switch {
	case err == nil:
		return finding.StatusOpen
	case errors.Is(err, ErrAuth):
		return finding.StatusAuthRequired
	case errors.Is(err, ErrTimeout), errors.Is(err, context.DeadlineExceeded),
		errors.As(err, &ne) && ne.Timeout():
		return finding.StatusTimeout
	case errors.Is(err, ErrProtocol), errors.Is(err, ErrTooLarge):
		return finding.StatusProtocolError
	default:
		return finding.StatusError
	}
}

// Describer is implemented by probers that can name their product for people and say
// how to close an exposure of it; the pipeline falls back to generic text otherwise.
type Describer interface {
	// DisplayName is the product's name as people write it ("ClickHouse").
	DisplayName() string
	// ExposureRemediation says how to stop the product answering without a password.
	ExposureRemediation() string
}

// ProductDescriber is implemented by probers that identify more than one product (the
// MongoDB prober names FerretDB, the S3 prober MinIO, SeaweedFS, Ceph RGW, …): it names
// the product a service was identified as and says how to close its exposure. ok is
// false for a product it has no words of its own for; Describer then speaks.
type ProductDescriber interface {
	DescribeProduct(product string) (displayName, remediation string, ok bool)
}

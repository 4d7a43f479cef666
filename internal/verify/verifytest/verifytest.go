// Package verifytest stands in for credential issuers in tests: one local TLS server
// whose certificate, signed by a throw-away CA, is valid for the issuers' host names,
// and a dialer that sends every connection to port 443 of any host to it. A verifier
// under test builds the same URL, Host header and TLS server name it would use against
// the real issuer; only the dialer and the trusted root differ, and those reach the
// verifier through verify.Network, which the binary never sets.
package verifytest

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// Server is the stand-in issuer.
type Server struct {
	*httptest.Server
	// RootCAs trusts the server's certificate (and nothing else).
	RootCAs *x509.CertPool

	mu    sync.Mutex
	dials []string
}

// New starts a TLS server for hosts with handler h; it stops when the test ends.
func New(t testing.TB, hosts []string, h http.Handler) *Server {
	t.Helper()
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	caTmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "leakwatch test issuers CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, err := x509.ParseCertificate(caDER)
	if err != nil {
		t.Fatal(err)
	}
	leafKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	leafTmpl := &x509.Certificate{
		SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "issuers"}, DNSNames: hosts,
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	leafDER, err := x509.CreateCertificate(rand.Reader, leafTmpl, ca, &leafKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{Server: httptest.NewUnstartedServer(h), RootCAs: x509.NewCertPool()}
	s.RootCAs.AddCert(ca)
	s.TLS = &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{leafDER}, PrivateKey: leafKey}}}
	s.EnableHTTP2 = true
	s.StartTLS()
	t.Cleanup(s.Close)
	return s
}

// DialContext connects any host's port 443 to the server, and records what was dialled.
func (s *Server) DialContext(ctx context.Context, _, addr string) (net.Conn, error) {
	s.mu.Lock()
	s.dials = append(s.dials, addr)
	s.mu.Unlock()
	if _, port, _ := net.SplitHostPort(addr); port != "443" {
		return nil, errors.New("verifytest: only port 443 is mapped")
	}
	return (&net.Dialer{}).DialContext(ctx, "tcp", s.Listener.Addr().String())
}

// Dials lists the addresses dialled so far.
func (s *Server) Dials() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.dials...)
}

// ResetDials forgets the addresses dialled so far.
func (s *Server) ResetDials() {
	s.mu.Lock()
	s.dials = nil
	s.mu.Unlock()
}

// Refuse is a dialer for a machine without network: every connection fails at once,
// as a lookup of a name without DNS does.
func Refuse(_ context.Context, _, addr string) (net.Conn, error) {
	host, _, _ := net.SplitHostPort(addr)
	return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
}

package probekit

import (
	"crypto/tls"
	"crypto/x509"
	"net"

	"github.com/leakwatch/leakwatch/internal/store"
)

// A user's password may go over a connection in a form readable on the wire only when
// that connection is TLS with a certificate that verifies for the endpoint (or the
// user said --allow-plaintext-auth): these helpers decide "verifies" and make the
// connection that then carries the password check it again.

// verifyName is what ep's certificate must be valid for: the name the user gave, else
// the address connected to.
func verifyName(ep store.Endpoint) string {
	if ep.Hostname != "" && net.ParseIP(ep.Hostname) == nil {
		return ep.Hostname
	}
	return ep.Host()
}

// TLSVerified reports whether a handshake's peer certificates verify for ep against
// roots (nil: the system's roots).
func TLSVerified(ep store.Endpoint, cs tls.ConnectionState, roots *x509.CertPool) bool {
	if len(cs.PeerCertificates) == 0 {
		return false
	}
	opts := x509.VerifyOptions{Roots: roots, DNSName: verifyName(ep), Intermediates: x509.NewCertPool()}
	for _, c := range cs.PeerCertificates[1:] {
		opts.Intermediates.AddCert(c)
	}
	_, err := cs.PeerCertificates[0].Verify(opts)
	return err == nil
}

// VerifyingTLSConfig is TLSConfig that fails the handshake unless the certificate
// verifies for ep against roots: the connection that carries a password once
// TLSVerified said yes must not be one a different certificate answers.
func VerifyingTLSConfig(ep store.Endpoint, roots *x509.CertPool) *tls.Config {
	c := TLSConfig(ep)
	c.InsecureSkipVerify = false
	c.RootCAs = roots
	c.ServerName = verifyName(ep)
	c.MinVersion = tls.VersionTLS12
	return c
}

// PlaintextAllowed reports whether c's password may be sent in a form readable on the
// wire over a connection that is not verified TLS: well-known defaults are public, a
// user's own only with Options.AllowPlaintextAuth.
func PlaintextAllowed(o *store.Options, c *store.Credential) bool {
	return o.AllowPlaintextAuth || c == nil || c.Default || c.Password == ""
}

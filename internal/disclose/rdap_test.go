package disclose

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/leakwatch/leakwatch/internal/lab"
)

// fakeRegistries serves RDAP for the registries' host names from one local TLS server,
// reached through a dialer that maps those names (and only those) to it. It records the
// hosts and paths asked for.
type fakeRegistries struct {
	srv   *httptest.Server
	opts  RDAPOptions
	mu    sync.Mutex
	asked []string
}

func newFakeRegistries(t *testing.T, handler func(host, path string, w http.ResponseWriter)) *fakeRegistries {
	t.Helper()
	dir := t.TempDir()
	hosts := append(slices.Clone(rirHosts), "evil.example")
	certPath, keyPath, err := lab.WriteSelfSignedCert(dir, hosts...)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := tls.LoadX509KeyPair(certPath, keyPath)
	if err != nil {
		t.Fatal(err)
	}
	pem, err := os.ReadFile(certPath)
	if err != nil {
		t.Fatal(err)
	}
	roots := x509.NewCertPool()
	roots.AppendCertsFromPEM(pem)
	f := &fakeRegistries{}
	f.srv = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.asked = append(f.asked, r.Host+r.URL.Path)
		f.mu.Unlock()
		handler(r.Host, r.URL.Path, w)
	}))
	f.srv.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
	f.srv.StartTLS()
	t.Cleanup(f.srv.Close)
	addr := f.srv.Listener.Addr().String()
	f.opts = RDAPOptions{roots: roots, dial: func(ctx context.Context, network, a string) (net.Conn, error) {
		host, port, _ := net.SplitHostPort(a)
		if port != "443" || !slices.Contains(hosts, host) {
			return nil, fmt.Errorf("test dialer: %s is not a mapped registry", a)
		}
		var d net.Dialer
		return d.DialContext(ctx, network, addr)
	}}
	return f
}

// An RIPE-style answer: the abuse contact is an entity nested under the registrant.
const ripeAnswer = `{"objectClassName":"ip network","handle":"192.0.0.0 - 192.0.0.255","startAddress":"81.2.69.0","endAddress":"81.2.69.255",
"name":"EXAMPLE-NET\u001b[2J","entities":[{"objectClassName":"entity","roles":["registrant"],"vcardArray":["vcard",[["version",{},"text","4.0"],["fn",{},"text","Example Ltd"],["email",{},"text","noc@example.net"]]],
"entities":[{"objectClassName":"entity","roles":["abuse"],"vcardArray":["vcard",[["version",{},"text","4.0"],["fn",{},"text","Abuse"],["email",{"type":"work"},"text","abuse@example.net"],["email",{},"text","evil@example.net\nBcc: x@y"],["email",{},"text","Name <a@b.c>"]]]}]}]}`

func TestLookupAbuse(t *testing.T) {
	f := newFakeRegistries(t, func(host, path string, w http.ResponseWriter) {
		switch host {
		case "rdap.arin.net":
			// ARIN sends a query for another registry's address to that registry.
			w.Header().Set("Location", "https://rdap.db.ripe.net/ip/81.2.69.160")
			w.WriteHeader(http.StatusMovedPermanently)
		case "rdap.db.ripe.net":
			w.Header().Set("Content-Type", "application/rdap+json")
			fmt.Fprint(w, ripeAnswer)
		default:
			w.WriteHeader(http.StatusTeapot)
		}
	})
	got := LookupAbuse(context.Background(), netip.MustParseAddr("81.2.69.160"), f.opts)
	if got.Err != "" {
		t.Fatalf("error %q", got.Err)
	}
	// Only the abuse role's well-formed address: not the registrant's, not one carrying a
	// header, not a display-name form.
	if !slices.Equal(got.Emails, []string{"abuse@example.net"}) || got.Registry != "rdap.db.ripe.net" {
		t.Errorf("got %+v", got)
	}
	if strings.ContainsRune(got.Name, 0x1b) || got.Name != "EXAMPLE-NET[2J" || got.Network != "81.2.69.0 - 81.2.69.255" {
		t.Errorf("name/network %q %q", got.Name, got.Network)
	}
	if !slices.Equal(f.asked, []string{"rdap.arin.net/registry/ip/81.2.69.160", "rdap.db.ripe.net/ip/81.2.69.160"}) {
		t.Errorf("asked %q", f.asked)
	}
}

// A redirect off the registries is refused: the address scanned goes to no other host.
func TestLookupAbuseRefusesForeignRedirect(t *testing.T) {
	f := newFakeRegistries(t, func(host, path string, w http.ResponseWriter) {
		w.Header().Set("Location", "https://evil.example/ip/81.2.69.160")
		w.WriteHeader(http.StatusFound)
	})
	got := LookupAbuse(context.Background(), netip.MustParseAddr("81.2.69.160"), f.opts)
	if !strings.Contains(got.Err, "redirect to \"evil.example\" refused") || len(got.Emails) != 0 {
		t.Errorf("got %+v", got)
	}
	for _, a := range f.asked {
		if strings.HasPrefix(a, "evil.example") {
			t.Errorf("followed the redirect: %q", f.asked)
		}
	}
}

func TestLookupAbuseFailures(t *testing.T) {
	big := strings.Repeat(" ", 300<<10)
	for _, tc := range []struct {
		name, body string
		status     int
		want       string
	}{
		{"not found", `{}`, http.StatusNotFound, "answered 404"},
		{"not json", `<html>`, http.StatusOK, "not an RDAP answer"},
		{"too large", `{"name":"x"}` + big, http.StatusOK, "longer than"},
		{"no abuse", `{"name":"N","entities":[{"roles":["registrant"],"vcardArray":["vcard",[["email",{},"text","noc@example.net"]]]}]}`, http.StatusOK, "names no abuse e-mail"},
		{"bad vcard", `{"entities":[{"roles":["abuse"],"vcardArray":["vcard",{"x":1}]}]}`, http.StatusOK, "names no abuse e-mail"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeRegistries(t, func(host, path string, w http.ResponseWriter) {
				w.WriteHeader(tc.status)
				fmt.Fprint(w, tc.body)
			})
			got := LookupAbuse(context.Background(), netip.MustParseAddr("81.2.69.160"), f.opts)
			if !strings.Contains(got.Err, tc.want) || len(got.Emails) != 0 {
				t.Errorf("got %+v, want error containing %q", got, tc.want)
			}
		})
	}
}

// Addresses no public registry knows are answered without any query.
func TestLookupAbuseSkipsNonPublic(t *testing.T) {
	f := newFakeRegistries(t, func(host, path string, w http.ResponseWriter) { fmt.Fprint(w, ripeAnswer) })
	for _, a := range []string{"127.0.0.1", "10.1.2.3", "192.168.0.1", "100.64.0.1", "::1", "fe80::1", "fd00::1", "192.0.2.7", "::ffff:10.0.0.1"} {
		got := LookupAbuse(context.Background(), netip.MustParseAddr(a), f.opts)
		if got.Err == "" || !strings.Contains(got.Err, "no public registry") {
			t.Errorf("%s: %+v", a, got)
		}
	}
	if len(f.asked) != 0 {
		t.Errorf("queried for non-public addresses: %q", f.asked)
	}
}

func FuzzCheckEmail(f *testing.F) {
	for _, s := range []string{"abuse@example.net", "mailto:abuse@example.net", "a@b\nc", "Name <a@b.c>", "\x1b]0;x\x07@y.z", "a@b.c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, ok := checkEmail(s)
		if !ok {
			return
		}
		if strings.ContainsFunc(m, func(r rune) bool { return r <= ' ' || r > '~' || strings.ContainsRune("<>\n\r", r) }) || !strings.Contains(m, "@") {
			t.Fatalf("accepted %q as %q", s, m)
		}
	})
}

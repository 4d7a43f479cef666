package web

import (
	"context"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

// clientFrom is an HTTP client whose connections come from the loopback address ip, so
// that one test can be several clients.
func clientFrom(ip string, jar http.CookieJar) *http.Client {
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}, Timeout: 5 * time.Second}
	return &http.Client{Jar: jar, Transport: &http.Transport{DialContext: d.DialContext},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// loginForm fetches the login page as c and returns its CSRF token.
func loginForm(t *testing.T, f *fixture, c *http.Client) string {
	t.Helper()
	_, body := do(t, c, "GET", f.srv.URL+"/login", nil, nil)
	m := csrfRE.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no CSRF field on the login page")
	}
	return m[1]
}

// TestLoginLimiterPerClientAfterCSRF is issue 10 row 9 (first half): forged,
// cookie-less logins are refused by the CSRF check without spending attempts, and a
// client guessing tokens is slowed down alone.
func TestLoginLimiterPerClientAfterCSRF(t *testing.T) {
	f := newFixture(t, false)
	plain := noRedirect(nil)
	for i := range 30 {
		r, _ := do(t, plain, "POST", f.srv.URL+"/login", nil, url.Values{"csrf": {"x"}, "token": {"guess"}})
		if r.StatusCode != http.StatusForbidden {
			t.Fatalf("cookie-less login %d: %d, want 403", i, r.StatusCode)
		}
	}
	// The real user still gets in at once.
	login(t, f)

	// A guesser with valid CSRF tokens, from 127.0.0.1, runs into the limit...
	jar, _ := cookiejar.New(nil)
	guesser := clientFrom("127.0.0.1", jar)
	csrf := loginForm(t, f, guesser)
	limited := false
	for range 30 {
		r, _ := do(t, guesser, "POST", f.srv.URL+"/login", nil, url.Values{"csrf": {csrf}, "token": {"wrong-token-xxxxxxxx"}})
		if r.StatusCode == http.StatusTooManyRequests {
			limited = true
			break
		}
		if r.StatusCode != http.StatusUnauthorized {
			t.Fatalf("wrong token: %d", r.StatusCode)
		}
	}
	if !limited {
		t.Fatal("30 wrong tokens in a row were never rate-limited")
	}
	// ...while a user at another address logs in.
	jar2, _ := cookiejar.New(nil)
	user := clientFrom("127.0.0.2", jar2)
	csrf2 := loginForm(t, f, user)
	r, body := do(t, user, "POST", f.srv.URL+"/login", nil, url.Values{"csrf": {csrf2}, "token": {testToken}})
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("login from another client while one is limited: %d %.200s", r.StatusCode, body)
	}
}

// TestHostHeaderChecked is issue 10 row 9 (second half): a page that rebinds its own
// name to the dashboard's address (DNS rebinding) is refused, because its Host header
// names neither an address, nor localhost, nor the configured web.url host.
func TestHostHeaderChecked(t *testing.T) {
	f := newFixture(t, false)
	s, err := New(Config{Backend: f.mon, Token: testToken, Hosts: []string{"dash.example.org"}})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	port := srv.Listener.Addr().(*net.TCPAddr).Port
	for host, want := range map[string]int{
		"attacker.example:" + strconv.Itoa(port): http.StatusMisdirectedRequest,
		"attacker.example":                       http.StatusMisdirectedRequest,
		"dash.example.org.evil.example":          http.StatusMisdirectedRequest,
		"dash.example.org:8443":                  http.StatusOK,
		"DASH.example.org":                       http.StatusOK,
		"localhost:" + strconv.Itoa(port):        http.StatusOK,
		"127.0.0.1:" + strconv.Itoa(port):        http.StatusOK,
		"[::1]:" + strconv.Itoa(port):            http.StatusOK,
	} {
		for _, path := range []string{"/login", "/api/summary"} {
			req, _ := http.NewRequest("GET", srv.URL+path, nil)
			req.Host = host
			req.Header.Set("Authorization", "Bearer "+testToken)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != want {
				t.Errorf("Host %q %s: %d, want %d", host, path, resp.StatusCode, want)
			}
		}
	}
}

// TestListenIPv4Only is issue 10 row 12 (0.0.0.0): an IPv4 wildcard listens on IPv4
// alone, not on every IPv6 address as well.
func TestListenIPv4Only(t *testing.T) {
	probe, err := net.Listen("tcp6", "[::1]:0")
	if err != nil {
		t.Skipf("no IPv6 loopback here: %v", err)
	}
	probe.Close()
	ln, err := Listen("0.0.0.0:0", true)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	var d net.Dialer
	c4, err := d.DialContext(ctx, "tcp", "127.0.0.1:"+port)
	if err != nil {
		t.Fatalf("IPv4 loopback: %v", err)
	}
	c4.Close()
	if c6, err := d.DialContext(ctx, "tcp", "[::1]:"+port); err == nil {
		c6.Close()
		t.Fatal("0.0.0.0 also accepted connections on ::1")
	} else if !strings.Contains(err.Error(), "refused") {
		t.Fatalf("dialling ::1: %v", err)
	}
}

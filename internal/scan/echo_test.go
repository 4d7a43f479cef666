package scan

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/all"
)

// A server that answers a logged-in request with an error quoting the request (debug
// error pages show its headers; a proxy may echo a refused command) put the user's
// password, and the Basic header that carries it, into the report: the service's error
// and the endpoint's. The user's passwords are now taken out of what a scan reports and
// logs of an endpoint.
func TestEchoedHTTPCredentialIsNotReported(t *testing.T) {
	const password = "Tr0ub4dor-echo-9"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Elastic-Product", "Elasticsearch")
		w.Header().Set("Content-Type", "application/json")
		if r.Header.Get("Authorization") == "" {
			w.Header().Set("WWW-Authenticate", `Basic realm="security" charset="UTF-8"`)
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprint(w, `{"error":{"root_cause":[{"type":"security_exception","reason":"missing authentication credentials for REST request [/]"}],"type":"security_exception","reason":"missing authentication credentials for REST request [/]"},"status":401}`)
			return
		}
		u, p, _ := r.BasicAuth()
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprintf(w, `{"error":"bad request header Authorization: %s (user %s, password %s)"}`, r.Header.Get("Authorization"), u, p)
	}))
	defer srv.Close()
	ap := netip.MustParseAddrPort(strings.TrimPrefix(srv.URL, "http://"))
	var logs bytes.Buffer
	cfg := DefaultConfig()
	cfg.Probers = all.Probers()
	cfg.Workers = 1
	cfg.TargetTimeout = 10 * time.Second
	cfg.Logger = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	cfg.Options.IOTimeout = 2 * time.Second
	cfg.Options.Credentials = []store.Credential{{Username: "app", Password: password}}
	cfg.Options.NoDefaultCredentials = true
	ch := make(chan store.Endpoint, 1)
	ch <- store.Endpoint{Addr: ap.Addr(), Port: int(ap.Port())}
	close(ch)
	rep, err := Run(context.Background(), cfg, ch)
	if err != nil {
		t.Fatal(err)
	}
	out, _ := json.Marshal(rep)
	b64 := base64.StdEncoding.EncodeToString([]byte("app:" + password))
	if !bytes.Contains(out, []byte("HTTP 500")) {
		t.Fatalf("the server's error is not reported at all: %s", out)
	}
	for _, s := range []string{password, b64} {
		if bytes.Contains(out, []byte(s)) || strings.Contains(logs.String(), s) {
			t.Errorf("%q reported or logged:\n%s\n%s", s, out, logs.String())
		}
	}
}

// Which passwords are taken out: a user's of four bytes or more, in its quoted forms;
// never a well-known default (public, and often an ordinary word such as "password").
func TestScrubbedForms(t *testing.T) {
	o := Outcome{Err: &finding.ProbeError{Error: "p@ss w/rd; p%40ss+w%2Frd; p@ss%20w%2Frd; " +
		base64.StdEncoding.EncodeToString([]byte("u:p@ss w/rd")) + "; password; abc"}}
	scrubOutcome(&o, credentialTexts([]store.Credential{{Username: "u", Password: "p@ss w/rd"},
		{Username: "x", Password: "password", Default: true}, {Username: "y", Password: "abc"}}))
	if want := "[password]; [password]; [password]; [password]; password; abc"; o.Err.Error != want {
		t.Errorf("got  %q\nwant %q", o.Err.Error, want)
	}
}

// A password with characters that JSON and HTML escape (generated passwords have them)
// was taken out only as it is and URL-encoded: a server quoting the request in a JSON
// error (a Go server escapes <, > and & too) or in an HTML debug page put it in the report
// escaped, readable by anyone who unescapes it. Its JSON, Go-quoted and HTML forms are
// taken out too. And a quote that the report's cut of the server's text (200 bytes of an
// HTTP error's body) ended inside left the password's first bytes in the report
// ("Tr0u\"b4<d&…"): a password's start before the mark of a cut is taken out as well.
func TestEchoedEscapedCredentialIsNotReported(t *testing.T) {
	const password = `Tr0u"b4<d&r>\x'9`
	jsonGo, _ := json.Marshal(password) // "Tr0u\"b4\u003cd\u0026r\u003e\\x'9"
	var plain bytes.Buffer
	enc := json.NewEncoder(&plain)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(password) // "Tr0u\"b4<d&r>\\x'9"
	forms := map[string]string{
		"json":      strings.Trim(string(jsonGo), `"`),
		"json-raw":  strings.Trim(strings.TrimSpace(plain.String()), `"`),
		"html":      html.EscapeString(password),
		"go-quoted": strings.Trim(fmt.Sprintf("%q", password), `"`),
		// The body's first 200 bytes end 8 bytes into the password.
		"cut": strings.Repeat("p", 200-8-len(`{"error":"bad request (password `)) + password,
	}
	for name, form := range forms {
		banned := form
		if name == "cut" {
			banned = password[:4]
		}
		t.Run(name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("X-Elastic-Product", "Elasticsearch")
				w.Header().Set("Content-Type", "application/json")
				if r.Header.Get("Authorization") == "" {
					w.Header().Set("WWW-Authenticate", `Basic realm="security" charset="UTF-8"`)
					w.WriteHeader(http.StatusUnauthorized)
					fmt.Fprint(w, `{"error":{"type":"security_exception","reason":"missing authentication credentials"},"status":401}`)
					return
				}
				if _, p, _ := r.BasicAuth(); p != password {
					t.Errorf("the server received %q", p)
				}
				w.WriteHeader(http.StatusInternalServerError)
				fmt.Fprintf(w, `{"error":"bad request (password %s)"}`, form)
			}))
			defer srv.Close()
			ap := netip.MustParseAddrPort(strings.TrimPrefix(srv.URL, "http://"))
			var logs bytes.Buffer
			cfg := DefaultConfig()
			cfg.Probers = all.Probers()
			cfg.Workers = 1
			cfg.TargetTimeout = 10 * time.Second
			cfg.Logger = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
			cfg.Options.IOTimeout = 2 * time.Second
			cfg.Options.Credentials = []store.Credential{{Username: "app", Password: password}}
			cfg.Options.NoDefaultCredentials = true
			ch := make(chan store.Endpoint, 1)
			ch <- store.Endpoint{Addr: ap.Addr(), Port: int(ap.Port())}
			close(ch)
			rep, err := Run(context.Background(), cfg, ch)
			if err != nil {
				t.Fatal(err)
			}
			// Every text of the report as it is (not as JSON escapes it again).
			var texts []string
			var walk func(v any)
			walk = func(v any) {
				switch v := v.(type) {
				case string:
					texts = append(texts, v)
				case map[string]any:
					for k, x := range v {
						texts = append(texts, k)
						walk(x)
					}
				case []any:
					for _, x := range v {
						walk(x)
					}
				}
			}
			b, _ := json.Marshal(rep)
			var doc any
			_ = json.Unmarshal(b, &doc)
			walk(doc)
			all := strings.Join(texts, "\n")
			if !strings.Contains(all, "HTTP 500") {
				t.Fatalf("the server's error is not reported at all: %s", b)
			}
			if strings.Contains(all, banned) || strings.Contains(logs.String(), banned) {
				t.Errorf("%q reported or logged:\n%s\n%s", banned, all, logs.String())
			}
		})
	}
}

package scan

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
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

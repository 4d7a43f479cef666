package scan

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// fakeInfluxEcho is an InfluxDB 2 that signs in any Basic login and names a bucket and
// its organisation after the password it was sent, each long enough that the prober's
// cut of the name (200 and 64 bytes) falls inside the password.
func fakeInfluxEcho(t *testing.T) *httptest.Server {
	var password string
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Influxdb-Version", "v2.7.1")
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/ping":
			w.WriteHeader(http.StatusNoContent)
		case "/health":
			fmt.Fprint(w, `{"name":"influxdb","status":"pass","version":"v2.7.1","commit":"407fa622e9"}`)
		case "/api/v2/setup":
			fmt.Fprint(w, `{"allowed":false}`)
		case "/api/v2/signin":
			if _, pw, ok := r.BasicAuth(); ok {
				password = pw
				http.SetCookie(w, &http.Cookie{Name: "influxdb-oss-session", Value: "s1"})
				w.WriteHeader(http.StatusNoContent)
				return
			}
			w.WriteHeader(http.StatusUnauthorized)
		case "/api/v2/buckets":
			if c, err := r.Cookie("influxdb-oss-session"); err != nil || c.Value != "s1" || password == "" {
				w.WriteHeader(http.StatusUnauthorized)
				fmt.Fprint(w, `{"code":"unauthorized","message":"unauthorized access"}`)
				return
			}
			name, _ := json.Marshal(strings.Repeat("b", 190) + password)
			org, _ := json.Marshal(strings.Repeat("o", 54) + password)
			fmt.Fprintf(w, `{"buckets":[{"id":"1","orgID":%s,"type":"user","name":%s}]}`, org, name)
		default:
			http.NotFound(w, r)
		}
	}))
}

// A name a prober cut without marking the cut ("…") kept the start of a password the
// server had echoed into it: the scrub takes a password's start out only before a cut's
// mark. Every prober cut of a server's text that reaches a report is now marked.
func TestEchoedCredentialCutInANameIsNotReported(t *testing.T) {
	const password = "Tr0ub4dor-bucket-9"
	srv := fakeInfluxEcho(t)
	defer srv.Close()
	texts, logs := scanTexts(t, srv, password)
	if !strings.Contains(texts, strings.Repeat("b", 190)) {
		t.Fatalf("the bucket was not listed: %s", texts)
	}
	for _, leak := range []string{password[:minScrubbed], password[:10]} {
		if strings.Contains(texts, strings.Repeat("b", 190)+leak) || strings.Contains(texts, strings.Repeat("o", 54)+leak) ||
			strings.Contains(logs, leak) {
			t.Errorf("the password's first %d characters are reported or logged:\n%s", len(leak), texts)
		}
	}
}

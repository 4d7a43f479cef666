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
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/all"
	"github.com/leakwatch/leakwatch/internal/untrusted/untrustedtest"
)

// scanTexts scans the one loopback server srv with the credential app:password and
// returns every text of the report as it is (JSON unescaped) and the scan's debug log.
func scanTexts(t *testing.T, srv *httptest.Server, password string) (texts, logs string) {
	t.Helper()
	ap := netip.MustParseAddrPort(strings.TrimPrefix(srv.URL, "http://"))
	var log bytes.Buffer
	cfg := DefaultConfig()
	cfg.Probers = all.Probers()
	cfg.Workers = 1
	cfg.TargetTimeout = 10 * time.Second
	cfg.Logger = slog.New(slog.NewTextHandler(&log, &slog.HandlerOptions{Level: slog.LevelDebug}))
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
	var all []string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			all = append(all, v)
		case map[string]any:
			for k, x := range v {
				all = append(all, k)
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
	return strings.Join(all, "\n"), log.String()
}

// echoServer is an Elasticsearch-like server that asks for Basic authentication and
// answers a logged-in request with an error quoting the password in form(password).
func echoServer(t *testing.T, password string, form func(user, password string) string) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Elastic-Product", "Elasticsearch")
		w.Header().Set("Content-Type", "application/json")
		u, p, ok := r.BasicAuth()
		if !ok {
			w.Header().Set("WWW-Authenticate", `Basic realm="security" charset="UTF-8"`)
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprint(w, `{"error":{"type":"security_exception","reason":"missing authentication credentials"},"status":401}`)
			return
		}
		if p != password {
			t.Errorf("the server received %q", p)
		}
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprintf(w, `{"error":"bad request (%s)"}`, form(u, p))
	}))
}

// A server may quote the password it was sent in any reversible encoding, and a
// reader of the report can undo any of them. The scrubber knew the password as it is,
// URL-encoded, Basic-encoded, JSON-, Go- and HTML-escaped, but not: JSON's optional
// escapes (`\/`, and `\uXXXX` for any character, upper-case hex, only some characters
// escaped), escaped again (JSON inside JSON), every byte percent-encoded (upper- or
// lower-case) or the userinfo form of a URL, HTML's numeric references, an
// ASCII-only Go quote, and base64 of user:pass unpadded or URL-safe.
func TestEchoedCredentialInAnyEncodingIsNotReported(t *testing.T) {
	const password = "Tr/0u<b4é&+ x'9?"
	jsonOnce := func(s string) string { b, _ := json.Marshal(s); return strings.Trim(string(b), `"`) }
	forms := map[string]func(user, pw string) string{
		"json-solidus": func(_, pw string) string { return strings.ReplaceAll(jsonOnce(pw), "/", `\/`) },
		"json-u-upper": func(_, pw string) string { return strings.ReplaceAll(jsonOnce(pw), `\u003c`, `\u003C`) },
		"json-u-nonascii": func(_, pw string) string {
			return strings.ReplaceAll(strings.ReplaceAll(pw, "é", `\u00e9`), "/", `\u002f`)
		},
		"json-in-json": func(_, pw string) string { return jsonOnce(jsonOnce(pw)) },
		"percent-every-byte": func(_, pw string) string {
			var b strings.Builder
			for _, c := range []byte(pw) {
				fmt.Fprintf(&b, "%%%02X", c)
			}
			return b.String()
		},
		"url-userinfo": func(u, pw string) string { return url.UserPassword(u, pw).String() },
		"html-numeric": func(_, pw string) string {
			var b strings.Builder
			for _, r := range pw {
				fmt.Fprintf(&b, "&#%d;", r)
			}
			return b.String()
		},
		"go-ascii":   func(_, pw string) string { q := strconv.QuoteToASCII(pw); return q[1 : len(q)-1] },
		"base64-raw": func(u, pw string) string { return base64.RawStdEncoding.EncodeToString([]byte(u + ":" + pw)) },
		"base64-url": func(u, pw string) string { return base64.URLEncoding.EncodeToString([]byte(u + ":" + pw)) },
		"sasl-plain": func(u, pw string) string { return base64.StdEncoding.EncodeToString([]byte("\x00" + u + "\x00" + pw)) },
	}
	for name, form := range forms {
		t.Run(name, func(t *testing.T) {
			banned := form("app", password)
			if name == "url-userinfo" {
				banned = strings.TrimPrefix(banned, "app:")
			}
			srv := echoServer(t, password, form)
			defer srv.Close()
			texts, logs := scanTexts(t, srv, password)
			if !strings.Contains(texts, "HTTP 500") {
				t.Fatalf("the server's error is not reported at all: %s", texts)
			}
			if strings.Contains(texts, banned) || strings.Contains(logs, banned) {
				t.Errorf("%q reported or logged:\n%s\n%s", banned, texts, logs)
			}
		})
	}
}

// fakeCouchEcho is a CouchDB that names a document's field after the password it was
// sent: a column name is the server's choice like any other string.
func fakeCouchEcho(t *testing.T) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Server", "CouchDB/3.3.3 (Erlang OTP/24)")
		w.Header().Set("Content-Type", "application/json")
		_, pw, ok := r.BasicAuth()
		if !ok {
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprint(w, `{"error":"unauthorized","reason":"Authentication required."}`)
			return
		}
		key, _ := json.Marshal("\x1b]0;" + pw)
		switch r.URL.Path {
		case "/":
			fmt.Fprint(w, `{"couchdb":"Welcome","version":"3.3.3","uuid":"x","features":[],"vendor":{"name":"The Apache Software Foundation"}}`)
		case "/_session":
			fmt.Fprint(w, `{"ok":true,"userCtx":{"name":"app","roles":["_admin"]},"info":{"authenticated":"default"}}`)
		case "/_all_dbs":
			fmt.Fprint(w, `["db"]`)
		case "/db":
			fmt.Fprint(w, `{"db_name":"db","doc_count":1,"sizes":{"external":100}}`)
		case "/db/_all_docs":
			fmt.Fprintf(w, `{"total_rows":1,"offset":0,"rows":[{"id":"d1","key":"d1","value":{"rev":"1-a"},"doc":{"_id":"d1","_rev":"1-a",%s:"x"}}]}`, key)
		default:
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"error":"not_found","reason":"missing"}`)
		}
	}))
}

// A column named after the password (a server that echoes what it was sent into the
// names it reports) was not scrubbed: only names, errors and details were.
func TestEchoedCredentialInColumnNameIsNotReported(t *testing.T) {
	const password = "Tr0ub4dor-column-9"
	srv := fakeCouchEcho(t)
	defer srv.Close()
	texts, logs := scanTexts(t, srv, password)
	if !strings.Contains(texts, "d1") && !strings.Contains(texts, "_id") {
		t.Fatalf("the database was not sampled: %s", texts)
	}
	if strings.Contains(texts, password) || strings.Contains(logs, password) {
		t.Errorf("the password is reported or logged:\n%s\n%s", texts, logs)
	}
}

// Every string of an outcome a server could have chosen is scrubbed: walked by
// reflection, so a field added later is covered too. Only the detected value's own
// fields (kept, redacted or fingerprinted on purpose) are left.
func TestScrubOutcomeEveryString(t *testing.T) {
	const password = "Tr0ub4dor&3/é"
	o := Outcome{
		Service: &finding.Service{Details: map[string]string{"k " + password: "v"},
			Datasets: []finding.Dataset{{Columns: []finding.Column{{}}, Patterns: []finding.KeyPattern{{}},
				TimeRange: &finding.TimeRange{}}}},
		Other:    &finding.Other{Details: map[string]string{password: "v"}},
		Findings: []finding.Finding{{}},
		Err:      &finding.ProbeError{},
	}
	untrustedtest.Fill(&o, func(path string) string { return path + " " + password })
	o.Other.BannerBase64 = base64.StdEncoding.EncodeToString([]byte("\xff " + password))
	scrubOutcome(&o, credentialTexts([]store.Credential{{Username: "u", Password: password}}))
	for _, name := range []string{"Name", "Type", "Pattern", "Min", "Max", "Column", "Engine", "Kind", "Error",
		"Detail", "Title", "Evidence", "Version", "Banner", "Table", "Database", "NotSampled", "Remediation",
		"VerifiedIdentity", "VerifiedReason", "VerifiedBy"} {
		if keptFields[name] {
			t.Errorf("%s, a server's text, is left unscrubbed", name)
		}
	}
	var walk func(v reflect.Value, path string)
	walk = func(v reflect.Value, path string) {
		switch v.Kind() {
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem(), path)
			}
		case reflect.Struct:
			for i := range v.NumField() {
				walk(v.Field(i), path+"."+v.Type().Field(i).Name)
			}
		case reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i), fmt.Sprintf("%s[%d]", path, i))
			}
		case reflect.Map:
			it := v.MapRange()
			for it.Next() {
				walk(it.Key(), path+"{key}")
				walk(it.Value(), path+"{value}")
			}
		case reflect.String:
			s := v.String()
			if path == ".Other.BannerBase64" {
				b, _ := base64.StdEncoding.DecodeString(s)
				s = string(b)
			}
			name := path[strings.LastIndex(path, ".")+1:]
			switch {
			case strings.HasPrefix(path, ".Endpoint."): // the user's, not the server's
			case keptFields[name]:
				if !strings.Contains(s, password) {
					t.Errorf("%s, one of leakwatch's own fields, was changed: %q", path, s)
				}
			default:
				if strings.Contains(s, password) || !strings.Contains(s, scrubbed) {
					t.Errorf("%s is not scrubbed: %q", path, s)
				}
			}
		}
	}
	walk(reflect.ValueOf(o), "")
}

// A password longer than the cut expression reaches (a token of hundreds of characters
// used as one), quoted back and cut after more than 200 of its characters: its start
// before the mark of the cut is taken out as a shorter one's is.
func TestScrubCutOfALongPassword(t *testing.T) {
	var b strings.Builder
	for i := 0; b.Len() < 320; i++ {
		b.WriteString(strconv.FormatInt(int64(i*7919+104729), 36))
	}
	pw := b.String()
	set := credentialTexts([]store.Credential{{Username: "app", Password: pw}})
	for _, n := range []int{5, 150, 199, 201, 250, len(pw) - 1} {
		in := `{"error":"bad request (password ` + pw[:n] + cutMark
		if out := scrubText(in, set); strings.Contains(out, pw[:minScrubbed]) {
			t.Errorf("cut after %d of %d characters: %q", n, len(pw), out)
		}
	}
}

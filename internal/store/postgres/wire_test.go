package postgres

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// Backend messages as the protocol documentation's "Message Formats" describes them.
func msg(typ byte, body ...[]byte) []byte {
	b := bytes.Join(body, nil)
	out := []byte{typ}
	out = binary.BigEndian.AppendUint32(out, uint32(len(b)+4))
	return append(out, b...)
}

func i32(n int) []byte { return binary.BigEndian.AppendUint32(nil, uint32(n)) }

func cstr(ss ...string) []byte {
	var b []byte
	for _, s := range ss {
		b = append(append(b, s...), 0)
	}
	return b
}

func errorBody(fields ...string) []byte {
	var b []byte
	for i := 0; i+1 < len(fields); i += 2 {
		b = append(b, fields[i][0])
		b = append(append(b, fields[i+1]...), 0)
	}
	return append(b, 0)
}

func TestStartupMessage(t *testing.T) {
	got := startupMessage(map[string]string{"user": "postgres", "database": "postgres"})
	want := append(i32(4+4+len("database\x00postgres\x00user\x00postgres\x00")+1), i32(196608)...)
	want = append(append(want, "database\x00postgres\x00user\x00postgres\x00"...), 0)
	if !bytes.Equal(got, want) {
		t.Fatalf("got %q\nwant %q", got, want)
	}
	if r := sslRequest(); !bytes.Equal(r, []byte{0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f}) {
		t.Fatalf("SSLRequest %x", r)
	}
}

func TestReadStartupReply(t *testing.T) {
	for _, tc := range []struct {
		name    string
		in      []byte
		method  string
		ready   bool
		code    string
		nilHS   bool
		wantErr bool
	}{
		{name: "trust", in: bytes.Join([][]byte{msg('R', i32(0)), msg('S', cstr("server_version", "15.18")), msg('K', i32(1), i32(2)), msg('Z', []byte{'I'})}, nil),
			method: "trust", ready: true},
		{name: "md5", in: msg('R', i32(5), []byte{1, 2, 3, 4}), method: "md5"},
		{name: "cleartext", in: msg('R', i32(3)), method: "password"},
		{name: "scram", in: msg('R', i32(10), cstr("SCRAM-SHA-256-PLUS", "SCRAM-SHA-256", "")), method: "scram-sha-256"},
		{name: "hba reject", in: msg('E', errorBody("S", "FATAL", "V", "FATAL", "C", "28000", "M", `no pg_hba.conf entry for host "10.0.0.1"`, "R", "ClientAuthentication")),
			code: "28000"},
		{name: "trust then missing db", in: bytes.Join([][]byte{msg('R', i32(0)), msg('E', errorBody("S", "FATAL", "C", "3D000", "M", "database does not exist"))}, nil),
			method: "trust", code: "3D000"},
		{name: "garbage", in: []byte("HTTP/1.1 400 Bad Request\r\n\r\n"), nilHS: true, wantErr: true},
		{name: "huge length", in: []byte{'R', 0x7f, 0xff, 0xff, 0xff}, nilHS: true, wantErr: true},
		{name: "short", in: msg('R', []byte{0, 0}), nilHS: true, wantErr: true},
		{name: "md5 without salt", in: msg('R', i32(5)), nilHS: true, wantErr: true},
		{name: "error without code", in: msg('E', errorBody("S", "FATAL", "M", "x")), nilHS: true, wantErr: true},
		{name: "unterminated mechanisms", in: msg('R', i32(10), []byte("SCRAM")), nilHS: true, wantErr: true},
		{name: "params before auth", in: msg('S', cstr("a", "b")), nilHS: true, wantErr: true},
		{name: "auth twice after ok", in: bytes.Join([][]byte{msg('R', i32(0)), msg('R', i32(3))}, nil), wantErr: true, method: "trust"},
		{name: "eof", in: nil, nilHS: true, wantErr: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			hs, err := readStartupReply(bytes.NewReader(tc.in))
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v", err)
			}
			if tc.nilHS {
				if hs != nil {
					t.Fatalf("handshake %+v from non-PostgreSQL bytes", hs)
				}
				return
			}
			if hs == nil {
				t.Fatal("nil handshake")
			}
			if hs.method() != tc.method || hs.Ready != tc.ready {
				t.Fatalf("method %q ready %v", hs.method(), hs.Ready)
			}
			if tc.code != "" && (hs.Err == nil || hs.Err.Code != tc.code) {
				t.Fatalf("error %+v", hs.Err)
			}
			if tc.ready && hs.Params["server_version"] != "15.18" {
				t.Fatalf("params %v", hs.Params)
			}
		})
	}
}

func TestServerErrorIsAuth(t *testing.T) {
	for code, auth := range map[string]bool{"28P01": true, "28000": true, "53300": false, "3D000": false} {
		e := &ServerError{Code: code}
		if e.IsAuth() != auth || errors.Is(e, store.ErrAuth) != auth {
			t.Errorf("%s: IsAuth %v", code, e.IsAuth())
		}
	}
}

func TestParseVersion(t *testing.T) {
	for in, want := range map[string][2]int{
		"15.18 (Debian 15.18-0+deb12u1)": {15, 18}, "9.6.24": {906, 24}, "10.23": {10, 23}, "18beta1": {18, 0},
		"16.4": {16, 4}, "9.5": {905, 0},
	} {
		b, m, ok := parseVersion(in)
		if !ok || b != want[0] || m != want[1] {
			t.Errorf("parseVersion(%q) = %d %d %v", in, b, m, ok)
		}
	}
	for _, bad := range []string{"", "abc", "5.0", "99999999999.1"} {
		if _, _, ok := parseVersion(bad); ok {
			t.Errorf("parseVersion(%q) accepted", bad)
		}
	}
	if versionNum("9.6.24") != 90624 || versionNum("15.18") != 150018 {
		t.Fatal("versionNum")
	}
}

func TestVersionFindings(t *testing.T) {
	now := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	ids := func(v string) (string, bool) {
		var cves string
		eolSeen := false
		for _, f := range versionFindingsAt(finding.Service{Version: v}, now) {
			switch f.Rule {
			case "postgres-known-vulnerabilities":
				cves = f.Evidence
			case "postgres-end-of-life":
				eolSeen = true
			}
		}
		return cves, eolSeen
	}
	for _, tc := range []struct {
		v       string
		has     []string
		hasNot  []string
		eolWant bool
	}{
		{v: "15.18", hasNot: []string{"CVE-"}},
		{v: "15.17", has: []string{"CVE-2026-6473"}, hasNot: []string{"CVE-2024-10979"}},
		{v: "15.2", has: []string{"CVE-2026-6473", "CVE-2023-2454", "CVE-2023-39417", "CVE-2024-0985"}, hasNot: []string{"CVE-2022-1552"}},
		{v: "13.22", has: []string{"CVE-2026-6473"}, hasNot: []string{"CVE-2024-10979"}, eolWant: true},
		{v: "11.3", has: []string{"CVE-2019-10164", "CVE-2020-25695"}, hasNot: []string{"CVE-2018-1058"}, eolWant: true},
		{v: "9.6.8", has: []string{"CVE-2020-25695"}, hasNot: []string{"CVE-2018-1058", "CVE-2019-10164"}, eolWant: true},
		{v: "9.4.1", has: []string{"CVE-2018-1058", "CVE-2020-25695"}, eolWant: true},
		{v: "18.4", hasNot: []string{"CVE-"}},
		{v: "14.23", hasNot: []string{"CVE-"}, eolWant: true},
	} {
		cves, e := ids(tc.v)
		for _, h := range tc.has {
			if !strings.Contains(cves, h) {
				t.Errorf("%s: %s missing from %q", tc.v, h, cves)
			}
		}
		for _, h := range tc.hasNot {
			if strings.Contains(cves, h) {
				t.Errorf("%s: %s in %q", tc.v, h, cves)
			}
		}
		if e != tc.eolWant {
			t.Errorf("%s: end of life %v", tc.v, e)
		}
	}
}

// fakeServer serves each connection with handle, for 5 s at most.
var fakeServer = probetest.Serve

func readStartup(c net.Conn) (map[string]string, bool) {
	var hdr [8]byte
	if _, err := io.ReadFull(c, hdr[:]); err != nil {
		return nil, false
	}
	if binary.BigEndian.Uint32(hdr[4:]) == sslRequestCode {
		if _, err := c.Write([]byte{'N'}); err != nil {
			return nil, false
		}
		if _, err := io.ReadFull(c, hdr[:]); err != nil {
			return nil, false
		}
	}
	n := binary.BigEndian.Uint32(hdr[:4])
	if n < 8 || n > 10000 {
		return nil, false
	}
	body := make([]byte, n-8)
	if _, err := io.ReadFull(c, body); err != nil {
		return nil, false
	}
	kv, _ := parseCStrings(body)
	params := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		params[kv[i]] = kv[i+1]
	}
	return params, true
}

func hostileOptions() *store.Options {
	o := store.DefaultOptions()
	o.IOTimeout = 400 * time.Millisecond
	o.ConnectTimeout = time.Second
	return &o
}

func TestHostileServers(t *testing.T) {
	for _, tc := range []struct {
		name   string
		handle func(c net.Conn)
	}{
		{"silent", func(c net.Conn) { io.Copy(io.Discard, c) }},
		{"banner first", func(c net.Conn) { c.Write([]byte("\x4a\x00\x00\x00\x0a8.0.36\x00garbage-greeting-of-mysql....")) }},
		{"closes", func(c net.Conn) {}},
		{"http", func(c net.Conn) { io.ReadFull(c, make([]byte, 8)); c.Write([]byte("HTTP/1.1 400 Bad Request\r\n\r\n")) }},
		{"N then garbage", func(c net.Conn) {
			if _, ok := readStartup(c); ok {
				c.Write([]byte("garbage garbage garbage"))
			}
		}},
		{"N then huge", func(c net.Conn) {
			if _, ok := readStartup(c); ok {
				c.Write([]byte{'R', 0x7f, 0xff, 0xff, 0xff})
				c.Write(make([]byte, 1<<16))
			}
		}},
		{"N then stall", func(c net.Conn) {
			if _, ok := readStartup(c); ok {
				io.Copy(io.Discard, c)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			probetest.Refuses(t, New(), fakeServer(t, tc.handle), hostileOptions(), store.ErrNoMatch, 3*time.Second)
		})
	}
}

// A server that asks for a cleartext password over a plain connection and refuses
// every password: identified, protected, with the cleartext finding; the well-known
// defaults (public anyway) are tried and answered with 28P01, the user's own password
// is never sent.
func TestCleartextServerRefusingPasswords(t *testing.T) {
	var mu sync.Mutex
	var passwords []string
	ep := fakeServer(t, func(c net.Conn) {
		params, ok := readStartup(c)
		if !ok {
			return
		}
		c.Write(msg('R', i32(3)))
		m, err := readMessage(c, 1024)
		if err != nil || m.typ != 'p' {
			return
		}
		mu.Lock()
		passwords = append(passwords, params["user"]+":"+strings.TrimRight(string(m.body), "\x00"))
		mu.Unlock()
		c.Write(msg('E', errorBody("S", "FATAL", "V", "FATAL", "C", "28P01", "M", "password authentication failed for user \""+params["user"]+"\"")))
	})
	o := hostileOptions()
	o.Credentials = []store.Credential{{Username: "app", Password: "s3cret"}}
	res, err := New().Probe(context.Background(), ep, o)
	if err != nil || res == nil {
		t.Fatalf("res %v err %v", res, err)
	}
	if res.Service.Auth != finding.AuthRequired || res.Service.Details["auth_method"] != "password" {
		t.Fatalf("auth %s details %v", res.Service.Auth, res.Service.Details)
	}
	if f := probetest.Finding(res.Findings, "postgres-cleartext-password"); f == nil || f.Severity != finding.High {
		t.Fatalf("findings %+v", res.Findings)
	}
	mu.Lock()
	defer mu.Unlock()
	want := []string{"postgres:postgres", "postgres:password", "postgres:admin"}
	if strings.Join(passwords, ",") != strings.Join(want, ",") {
		t.Fatalf("passwords tried %v, want %v", passwords, want)
	}
	if res.Service.Details["password_not_sent"] == "" {
		t.Fatalf("no reason for the withheld password: %v", res.Service.Details)
	}
}

func TestListenAndLoopback(t *testing.T) {
	for v, want := range map[string]bool{"*": true, "0.0.0.0": true, "localhost, ::": true, "127.0.0.1": false, "10.0.0.5,127.0.0.1": false, "": false} {
		if listensEverywhere(v) != want {
			t.Errorf("listensEverywhere(%q) != %v", v, want)
		}
	}
	for v, want := range map[string]bool{"127.0.0.1": true, "::1": true, "10.0.0.0": false, "": false, "0.0.0.0": false} {
		if isLoopback(v) != want {
			t.Errorf("isLoopback(%q) != %v", v, want)
		}
	}
}

package mysql

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// packet frames payload as packet seq.
func packet(seq byte, payload []byte) []byte {
	n := len(payload)
	return append([]byte{byte(n), byte(n >> 8), byte(n >> 16), seq}, payload...)
}

// v10 builds a Protocol::HandshakeV10 payload as the protocol documentation lays it
// out: a MySQL 8.0 greeting by default.
func v10(version string, caps uint32, plugin string, mariaExt uint32) []byte {
	p := []byte{10}
	p = append(append(p, version...), 0)
	p = binary.LittleEndian.AppendUint32(p, 42) // connection id
	p = append(p, []byte("abcdefgh")...)        // auth-plugin-data-part-1
	p = append(p, 0)                            // filler
	p = binary.LittleEndian.AppendUint16(p, uint16(caps))
	p = append(p, 0xff)                           // charset
	p = binary.LittleEndian.AppendUint16(p, 0x02) // status
	p = binary.LittleEndian.AppendUint16(p, uint16(caps>>16))
	p = append(p, 21)                 // auth plugin data length
	p = append(p, make([]byte, 6)...) // reserved
	p = binary.LittleEndian.AppendUint32(p, mariaExt)
	p = append(p, []byte("ijklmnopqrst\x00")...) // part 2: 13 bytes
	p = append(append(p, plugin...), 0)
	return p
}

const mysql8Caps = 0xdfffffff // every flag a MySQL 8.0 server sets, CLIENT_SSL included

func TestParseGreeting(t *testing.T) {
	for _, tc := range []struct {
		name            string
		in              []byte
		version, flavor string
		tls             bool
		plugin          string
		errCode         uint16
		bad             bool
	}{
		{name: "mysql 8", in: packet(0, v10("8.0.36", mysql8Caps, "caching_sha2_password", 0)),
			version: "8.0.36", flavor: "mysql", tls: true, plugin: "caching_sha2_password"},
		{name: "mariadb 10.11 no tls", in: packet(0, v10("5.5.5-10.11.19-MariaDB-0+deb12u1", 0xf7fe&^capSSL|capSecureConnection|capPluginAuth, "mysql_native_password", 0x1d)),
			version: "5.5.5-10.11.19-MariaDB-0+deb12u1", flavor: "mariadb", plugin: "mysql_native_password"},
		{name: "plugin without NUL", in: packet(0, bytes.TrimSuffix(v10("5.7.44-log", capSecureConnection|capPluginAuth|capSSL|capLongPassword, "mysql_native_password", 0), []byte{0})),
			version: "5.7.44-log", flavor: "mysql", tls: true, plugin: "mysql_native_password"},
		{name: "tidb", in: packet(0, v10("5.7.25-TiDB-v7.5.0", capSecureConnection|capPluginAuth|capLongPassword, "mysql_native_password", 0)),
			version: "5.7.25-TiDB-v7.5.0", flavor: "tidb", plugin: "mysql_native_password"},
		{name: "host not allowed", in: packet(0, append([]byte{0xff, 0x6a, 0x04}, "Host '10.0.0.9' is not allowed to connect to this MariaDB server"...)),
			errCode: 1130},
		{name: "too many connections", in: packet(0, append([]byte{0xff, 0x10, 0x04}, "#08004Too many connections"...)), errCode: 1040},
		{name: "pre-4.1", in: packet(0, append(append([]byte{10}, "3.23.58\x00"...), 1, 0, 0, 0, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 0, 0x2c, 0x82)),
			version: "3.23.58", flavor: "mysql"},
		{name: "protocol 9", in: packet(0, append([]byte{9}, "3.20.32\x00\x01\x00\x00\x00scramble\x00"...)), version: "3.20.32", flavor: "mysql"},
		{name: "http", in: []byte("HTTP/1.1 400 Bad Request\r\n\r\n"), bad: true},
		{name: "ssh", in: []byte("SSH-2.0-OpenSSH_9.2p1 Debian\r\n"), bad: true},
		{name: "redis", in: []byte("-ERR unknown command\r\n"), bad: true},
		{name: "postgres N", in: []byte("N"), bad: true},
		{name: "empty", in: nil, bad: true},
		{name: "huge", in: []byte{0xff, 0xff, 0xff, 0, 10}, bad: true},
		{name: "cut", in: packet(0, v10("8.0.36", mysql8Caps, "caching_sha2_password", 0))[:30], bad: true},
		{name: "wrong seq", in: packet(1, v10("8.0.36", mysql8Caps, "x", 0)), bad: true},
		{name: "binary version", in: packet(0, v10("8.0\x01\x02", mysql8Caps, "x", 0)), bad: true},
		{name: "bad filler", in: packet(0, append(append([]byte{10}, "8.0.1\x00"...), bytes.Repeat([]byte{1}, 20)...)), bad: true},
		{name: "error with control chars", in: packet(0, []byte{0xff, 0x10, 0x04, 0x01, 0x02}), bad: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g, err := ParseGreeting(tc.in)
			if tc.bad {
				if err == nil || !errors.Is(err, errNotMySQL) {
					t.Fatalf("accepted: %+v %v", g, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tc.errCode != 0 {
				if g.Err == nil || g.Err.Code != tc.errCode {
					t.Fatalf("err %+v", g.Err)
				}
				return
			}
			if g.Version != tc.version || g.Flavor() != tc.flavor || g.TLS() != tc.tls || g.AuthPlugin != tc.plugin {
				t.Fatalf("got %+v (flavor %s tls %v)", g, g.Flavor(), g.TLS())
			}
		})
	}
}

// The live server's own greeting, as the recorder keeps it, parses.
func TestParseLiveGreeting(t *testing.T) {
	m := labtest.MariaDBProtected(t)
	c, err := net.Dial("tcp", m.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(5 * time.Second))
	buf := make([]byte, 512)
	n, err := io.ReadAtLeast(c, buf, 4)
	for err == nil && !packetComplete(buf[:n]) {
		var k int
		k, err = c.Read(buf[n:])
		n += k
	}
	g, err := ParseGreeting(buf[:n])
	if err != nil {
		t.Fatalf("%v: %q", err, buf[:n])
	}
	if CleanVersion(g.Version) != m.Version || !g.TLS() || g.Flavor() != "mariadb" || g.AuthPlugin != "mysql_native_password" || g.MariaDBCaps == 0 {
		t.Fatalf("greeting %+v", g)
	}
}

func TestCleanVersionAndParse(t *testing.T) {
	if CleanVersion("5.5.5-10.11.19-MariaDB-0+deb12u1") != "10.11.19-MariaDB-0+deb12u1" || CleanVersion("5.5.5-x") != "5.5.5-x" {
		t.Fatal("CleanVersion")
	}
	for in, want := range map[string][3]int{"10.11.19-MariaDB": {10, 11, 19}, "8.0.36-0ubuntu0.22.04.1": {8, 0, 36}, "5.7.44-log": {5, 7, 44}} {
		a, b, c, ok := parseVersion(in)
		if !ok || [3]int{a, b, c} != want {
			t.Errorf("parseVersion(%q) = %d %d %d %v", in, a, b, c, ok)
		}
	}
}

func TestVersionFindings(t *testing.T) {
	now := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		v      string
		cves   string
		eolAlw bool
	}{
		{"10.11.19-MariaDB-0+deb12u1", "", false},
		{"10.5.8-MariaDB", "CVE-2021-27928", true},
		{"10.1.16-MariaDB", "CVE-2016-6662", true},
		{"5.5.22-MariaDB", "CVE-2012-2122, CVE-2016-6662", true},
		{"5.5.23", "CVE-2012-2122, CVE-2016-6662", true},
		{"5.7.16", "", true},
		{"5.7.15-log", "CVE-2016-6662", true},
		{"8.0.36", "", true},
		{"8.4.3", "", false},
		{"5.7.25-TiDB-v7.5.0", "", false},
	} {
		var cves string
		eolSeen := false
		for _, f := range versionFindingsAt(finding.Service{Version: tc.v}, now) {
			switch f.Rule {
			case "mysql-known-vulnerabilities":
				cves = f.Evidence
			case "mysql-end-of-life":
				eolSeen = true
			}
		}
		if cves != tc.cves || eolSeen != tc.eolAlw {
			t.Errorf("%s: cves %q eol %v, want %q %v", tc.v, cves, eolSeen, tc.cves, tc.eolAlw)
		}
	}
}

func TestCapabilitiesFromGrants(t *testing.T) {
	str := func(s string) *string { return &s }
	for _, tc := range []struct {
		name    string
		version string
		grants  []string
		vars    map[string]*string
		want    []string
		not     []string
	}{
		{"mysql file, empty priv", "8.0.36", []string{"GRANT SELECT, FILE ON *.* TO `app`@`%`"}, map[string]*string{"secure_file_priv": str("")},
			[]string{"mysql-file-privilege"}, []string{"mysql-admin-privileges", "mysql-write-access"}},
		{"mysql file, NULL priv", "8.0.36", []string{"GRANT FILE ON *.* TO `app`@`%`"}, map[string]*string{"secure_file_priv": nil},
			nil, []string{"mysql-file-privilege"}},
		{"mariadb file, NULL priv", "10.11.2-MariaDB", []string{"GRANT FILE ON *.* TO `app`@`%`"}, map[string]*string{"secure_file_priv": nil},
			[]string{"mysql-file-privilege"}, nil},
		{"super", "8.0.36", []string{"GRANT SUPER ON *.* TO `ops`@`%`"}, nil, []string{"mysql-admin-privileges"}, []string{"mysql-file-privilege"}},
		{"schema writes", "8.0.36", []string{"GRANT USAGE ON *.* TO `app`@`%`", "GRANT SELECT, INSERT ON `appdb`.* TO `app`@`%`"}, nil,
			[]string{"mysql-write-access"}, []string{"mysql-admin-privileges"}},
		{"listen all", "8.0.36", nil, map[string]*string{"bind_address": str("*"), "skip_networking": str("OFF"), "local_infile": str("OFF")},
			[]string{"mysql-listen-all"}, []string{"mysql-local-infile"}},
		{"loopback", "8.0.36", nil, map[string]*string{"bind_address": str("127.0.0.1")}, nil, []string{"mysql-listen-all"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			vars := tc.vars
			if vars == nil {
				vars = map[string]*string{}
			}
			fs := capabilities(&serverInfo{user: "app@%", grants: tc.grants, vars: vars}, finding.Service{Version: tc.version})
			for _, r := range tc.want {
				if probetest.Finding(fs, r) == nil {
					t.Errorf("no %s in %+v", r, fs)
				}
			}
			for _, r := range tc.not {
				if probetest.Finding(fs, r) != nil {
					t.Errorf("unexpected %s", r)
				}
			}
		})
	}
}

// fakeServer serves each connection with handle, for 5 s at most, on a loopback port
// until the test ends.
// fakeServer serves each connection with handle, for 5 s at most.
var fakeServer = probetest.Serve

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
		{"closes", func(c net.Conn) {}},
		{"http", func(c net.Conn) { c.Write([]byte("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")) }},
		{"postgres answer", func(c net.Conn) { io.ReadFull(c, make([]byte, 8)); c.Write([]byte("N")) }},
		{"huge length", func(c net.Conn) {
			c.Write([]byte{0xff, 0xff, 0xff, 0})
			c.Write(make([]byte, 1<<16))
			io.Copy(io.Discard, c)
		}},
		{"half greeting then stall", func(c net.Conn) {
			c.Write(packet(0, v10("8.0.36", mysql8Caps, "caching_sha2_password", 0))[:20])
			io.Copy(io.Discard, c)
		}},
		{"garbage", func(c net.Conn) { c.Write(bytes.Repeat([]byte{0x42}, 300)); io.Copy(io.Discard, c) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			probetest.Refuses(t, New(), fakeServer(t, tc.handle), hostileOptions(), store.ErrNoMatch, 3*time.Second)
		})
	}
}

// A greeting followed by nonsense: identified from the greeting, then "could not
// decide" rather than open or protected.
func TestGreetingThenNonsense(t *testing.T) {
	ep := fakeServer(t, func(c net.Conn) {
		c.Write(packet(0, v10("8.0.36", mysql8Caps&^capSSL, "mysql_native_password", 0)))
		io.ReadFull(c, make([]byte, 4))
		c.Write(packet(2, []byte{0x42, 0x42, 0x42}))
	})
	res, err := New().Probe(context.Background(), ep, hostileOptions())
	if res == nil || err == nil {
		t.Fatalf("res %v err %v", res, err)
	}
	if res.Service.Version != "8.0.36" || res.Service.Auth != finding.AuthUnknown || res.Service.Auth.Open() {
		t.Fatalf("service %+v", res.Service)
	}
}

// A server that refuses the client at once (no account for its host) is protected.
func TestHostNotAllowed(t *testing.T) {
	ep := fakeServer(t, func(c net.Conn) {
		c.Write(packet(0, append([]byte{0xff, 0x6a, 0x04}, "Host '127.0.0.1' is not allowed to connect to this MySQL server"...)))
	})
	res, err := New().Probe(context.Background(), ep, hostileOptions())
	if err != nil || res == nil || res.Service.Auth != finding.AuthRequired || !strings.Contains(res.Service.Details["greeting_error"], "1130") {
		t.Fatalf("res %+v err %v", res, err)
	}
}

package redis

import (
	"errors"
	"io"
	"net"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// listen serves every connection with handle on a loopback port until the test ends.
func listen(t *testing.T, handle func(c net.Conn)) store.Endpoint {
	t.Helper()
	return probetest.Raw(t, func(_ int, c net.Conn) { handle(c) })
}

// fakeRedis answers each command with what answer returns (raw RESP); it parses the
// client's requests with the prober's own bounded reader.
func fakeRedis(answer func(args []string) string) func(net.Conn) {
	return func(c net.Conn) {
		rd := newRespReader(c, defaultLimits(1<<20, 1<<20))
		for {
			rd.reset()
			req, err := rd.read()
			if err != nil {
				return
			}
			args := make([]string, len(req.elems))
			for i, e := range req.elems {
				args[i] = e.str
			}
			out := answer(args)
			if out == "" {
				return
			}
			if _, err := io.WriteString(c, out); err != nil {
				return
			}
		}
	}
}

func shortOptions() *store.Options {
	o := store.DefaultOptions()
	o.ConnectTimeout = time.Second
	o.IOTimeout = 500 * time.Millisecond
	o.SampleRows = 5
	o.MaxRowBytes = 1024
	o.MaxSampleBytes = 8192
	o.MaxResponseBytes = 1 << 20
	return &o
}

func probeFast(t *testing.T, ep store.Endpoint, o *store.Options) (*store.Result, error, time.Duration) {
	t.Helper()
	return probetest.Try(New(), ep, o, 10*time.Second)
}

func TestNotRedis(t *testing.T) {
	for _, tc := range []struct {
		name   string
		handle func(net.Conn)
		want   error
	}{
		{"garbage", func(c net.Conn) { c.Write([]byte("\x07\xff\xfe garbage \x00\x01\r\n")) }, store.ErrNoMatch},
		{"http", func(c net.Conn) {
			c.Write([]byte("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"))
		}, store.ErrNoMatch},
		{"memcached", func(c net.Conn) { c.Write([]byte("ERROR\r\n")) }, store.ErrNoMatch},
		{"ssh banner", func(c net.Conn) { c.Write([]byte("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n")) }, store.ErrNoMatch},
		{"other RESP error", fakeRedis(func([]string) string { return "-ERR unknown command 'PING'\r\n" }), store.ErrNoMatch},
		{"closes at once", func(net.Conn) {}, nil},
		{"stalls", func(c net.Conn) { _, _ = io.Copy(io.Discard, c) }, store.ErrTimeout},
		{"long line", func(c net.Conn) {
			c.Write([]byte("+" + strings.Repeat("P", 100_000)))
		}, store.ErrNoMatch},
	} {
		t.Run(tc.name, func(t *testing.T) {
			probetest.Refuses(t, New(), listen(t, tc.handle), shortOptions(), tc.want, 3*time.Second)
		})
	}
}

// The protected-mode refusal as Redis 7.0 words it (networking.c, clientAcceptHandler),
// sent before the server closes the connection.
const deniedReply = "-DENIED Redis is running in protected mode because protected mode is enabled and no password is set " +
	"for the default user. In this mode connections are only accepted from the loopback interface. If you want to " +
	"connect from external computers to Redis you may adopt one of the following solutions: 1) Just disable protected " +
	"mode sending the command 'CONFIG SET protected-mode no' from the loopback interface by connecting to Redis from " +
	"the same host the server is running, however MAKE SURE Redis is not publicly accessible from internet if you do " +
	"so. Use CONFIG REWRITE to make this change permanent. 2) Alternatively you can just disable the protected mode by " +
	"editing the Redis configuration file, and setting the protected mode option to 'no', and then restarting the " +
	"server. 3) If you started the server manually just for testing, restart it with the '--protected-mode no' option. " +
	"4) Set up an authentication password for the default user. NOTE: You only need to do one of the above things in " +
	"order for the server to start accepting connections from the outside.\r\n"

func TestProtectedModeCapture(t *testing.T) {
	ep := listen(t, func(c net.Conn) {
		_, _ = c.Read(make([]byte, 64))
		io.WriteString(c, deniedReply)
	})
	res, err, _ := probeFast(t, ep, shortOptions())
	if err != nil || res == nil {
		t.Fatalf("res=%v err=%v", res, err)
	}
	if res.Service.Auth != finding.AuthRequired || res.Service.Details["protected_mode"] != "yes" ||
		probetest.Finding(res.Findings, "redis-protected-mode-only") == nil {
		t.Fatalf("service %+v findings %+v", res.Service, res.Findings)
	}
}

// A Redis 5 with requirepass: one-argument AUTH only, "-ERR invalid password".
func TestLegacyAuthCapture(t *testing.T) {
	var mu sync.Mutex
	var tried []string
	ep := listen(t, fakeRedis(func(args []string) string {
		mu.Lock()
		defer mu.Unlock()
		switch strings.ToUpper(args[0]) {
		case "PING":
			return "-NOAUTH Authentication required.\r\n"
		case "AUTH":
			tried = append(tried, strings.Join(args[1:], " "))
			if len(args) != 2 {
				return "-ERR wrong number of arguments for 'auth' command\r\n"
			}
			if args[1] == "s3cret" {
				return "+OK\r\n"
			}
			return "-ERR invalid password\r\n"
		case "ACL":
			return "-ERR unknown command 'ACL'\r\n"
		case "INFO":
			body := "# Server\r\nredis_version:5.0.7\r\nredis_mode:standalone\r\nexecutable:/usr/bin/redis-server\r\n" +
				"config_file:/etc/redis/redis.conf\r\n\r\n# Keyspace\r\ndb0:keys=2,expires=0,avg_ttl=0\r\n"
			return "$" + itoa(len(body)) + "\r\n" + body + "\r\n"
		case "COMMAND":
			return "*5\r\n*0\r\n*0\r\n*0\r\n*0\r\n*0\r\n" // all five exist (placeholders)
		case "CONFIG":
			if args[2] == "dir" {
				return "*2\r\n$3\r\ndir\r\n$14\r\n/var/lib/redis\r\n"
			}
			return "*0\r\n"
		case "SELECT":
			return "+OK\r\n"
		case "SCAN":
			return "*2\r\n$1\r\n0\r\n*2\r\n$10\r\napi:secret\r\n$3\r\nfoo\r\n"
		case "TYPE":
			return "+string\r\n"
		case "GETRANGE":
			return "$5\r\nvalue\r\n"
		}
		return "-ERR unknown command\r\n"
	}))
	o := shortOptions()
	o.Credentials = []store.Credential{{Username: "app", Password: "nope"}, {Password: "s3cret"}}
	res, err, _ := probeFast(t, ep, o)
	if err != nil || res == nil {
		t.Fatalf("res=%v err=%v", res, err)
	}
	svc := res.Service
	if svc.Auth != finding.AuthCredentials || svc.Version != "5.0.7" || svc.Details["acl"] == "" || len(svc.Datasets) != 1 {
		t.Fatalf("service %+v", svc)
	}
	// The five defaults, the user+password attempt refused for its arity, then s3cret;
	// no second two-argument AUTH once the server showed it takes one.
	if len(tried) != 7 || tried[5] != "app nope" || tried[6] != "s3cret" {
		t.Fatalf("AUTH attempts %q", tried)
	}
	for _, rule := range []string{"redis-config-write-files", "redis-module-load", "redis-replicaof", "redis-cve-2022-0543", "redis-known-vulnerabilities"} {
		if probetest.Finding(res.Findings, rule) == nil {
			t.Fatalf("no %s in %+v", rule, res.Findings)
		}
	}
	if f := probetest.Finding(res.Findings, "redis-config-write-files"); f.Severity != finding.High {
		t.Fatalf("with user credentials the severity is high, got %+v", f)
	}
	if s := probetest.SampleOf(res, "db0"); s == nil || len(s.Columns) != 3 || s.Columns[1] != "api:secret" {
		t.Fatalf("sample %+v", s)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// Once identified, a hostile server's oversized or malformed replies cost a bounded
// read and a partial result, never memory for what it announces.
func TestHostileReplies(t *testing.T) {
	for _, tc := range []struct {
		name  string
		reply string
		want  error
	}{
		{"10 GB bulk", "$10000000000\r\n", store.ErrTooLarge},
		{"2^62 elements", "*4611686018427387904\r\n", store.ErrTooLarge},
		{"negative bulk", "$-7\r\n", store.ErrProtocol},
		{"deep arrays", strings.Repeat("*1\r\n", 50) + ":1\r\n", store.ErrProtocol},
		{"bad integer", ":12x\r\n", store.ErrProtocol},
		{"bulk without CRLF", "$3\r\nabcXY", store.ErrProtocol},
		{"trickle then stall", "$100\r\nabc", store.ErrTimeout},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ep := listen(t, fakeRedis(func(args []string) string {
				if strings.EqualFold(args[0], "PING") {
					return "+PONG\r\n"
				}
				if strings.EqualFold(args[0], "ACL") {
					return "-ERR unknown command 'ACL'\r\n"
				}
				return tc.reply
			}))
			res, err, d := probeFast(t, ep, shortOptions())
			if res == nil || res.Service.Auth != finding.AuthNone {
				t.Fatalf("res=%+v err=%v", res, err)
			}
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			if d > 3*time.Second {
				t.Fatalf("took %v", d)
			}
		})
	}
}

// A value larger than what is kept is read through and dropped within the budget, and
// the connection stays in step for the next command.
func TestOversizedValueIsCut(t *testing.T) {
	big := strings.Repeat("A", 200_000)
	ep := listen(t, fakeRedis(func(args []string) string {
		switch strings.ToUpper(args[0]) {
		case "PING":
			return "+PONG\r\n"
		case "INFO":
			body := "# Server\r\nredis_version:7.2.4\r\n# Keyspace\r\ndb0:keys=2,expires=0,avg_ttl=0\r\n"
			return "$" + itoa(len(body)) + "\r\n" + body + "\r\n"
		case "SCAN":
			return "*2\r\n$1\r\n0\r\n*2\r\n$4\r\nbig1\r\n$4\r\nbig2\r\n"
		case "TYPE":
			return "+list\r\n"
		case "LRANGE":
			// A server that ignores the range and sends three large items.
			item := "$" + itoa(len(big)) + "\r\n" + big + "\r\n"
			return "*3\r\n" + item + item + item
		case "SELECT":
			return "+OK\r\n"
		}
		return "-ERR unknown command\r\n"
	}))
	o := shortOptions()
	res, err, _ := probeFast(t, ep, o)
	if err != nil {
		t.Fatal(err)
	}
	s := probetest.SampleOf(res, "db0")
	if s == nil || len(s.Columns) != 3 {
		t.Fatalf("sample %+v", s)
	}
	for _, key := range []string{"big1", "big2"} {
		n := 0
		for _, v := range probetest.Column(s, key) {
			n += len(v)
		}
		if n == 0 || n > o.MaxRowBytes {
			t.Fatalf("%s sampled %d bytes, cap %d", key, n, o.MaxRowBytes)
		}
	}
}

// A rediss:// target whose TLS handshake fails is not retried in plain text: the
// user's password, meant for TLS, never goes out as a clear-text AUTH. Without the
// scheme the same server is retried in plain text and does get the password (the
// control that shows the fake would have seen it).
func TestTLSSchemeNeverDowngrades(t *testing.T) {
	var mu sync.Mutex
	var auths []string
	ep := listen(t, fakeRedis(func(args []string) string {
		switch strings.ToUpper(args[0]) {
		case "AUTH":
			mu.Lock()
			auths = append(auths, strings.Join(args[1:], " "))
			mu.Unlock()
			return "-WRONGPASS invalid username-password pair\r\n"
		default:
			return "-NOAUTH Authentication required.\r\n"
		}
	}))
	o := shortOptions()
	o.NoDefaultCredentials = true
	o.Credentials = []store.Credential{{Username: "ops", Password: "tls-only-secret"}}
	seen := func() string { mu.Lock(); defer mu.Unlock(); return strings.Join(auths, ",") }

	tlsEP := ep
	tlsEP.Scheme = "rediss"
	if res, err, _ := probeFast(t, tlsEP, o); res != nil && res.Service.Protocol != "" && !res.Service.TLS {
		t.Fatalf("rediss:// answered in plain text: %+v", res.Service)
	} else if err == nil && res == nil {
		t.Fatal("no result and no error")
	}
	if got := seen(); got != "" {
		t.Fatalf("rediss:// target: the password went out in clear text: %q", got)
	}
	if _, _, _ = probeFast(t, ep, o); !strings.Contains(seen(), "tls-only-secret") {
		t.Fatalf("control: the plain-text server saw no AUTH (%q): the test proves nothing", seen())
	}
}

// TestLongUserNameAskedWhole: the user ACL WHOAMI names is asked about with ACL
// GETUSER. It was cut for the report (200 bytes, marked) before being sent back, so a
// user of a longer name — Redis sets no bound — was asked about under a name no user
// has, and its rules were never learnt; a name past probekit.MaxNameBytes is still not
// sent back.
func TestLongUserNameAskedWhole(t *testing.T) {
	for _, n := range []int{300, probekit.MaxNameBytes + 1} {
		user := "svc-" + strings.Repeat("u", n-4)
		var mu sync.Mutex
		var asked []string
		ep := listen(t, fakeRedis(func(args []string) string {
			switch {
			case strings.EqualFold(args[0], "PING"):
				return "+PONG\r\n"
			case len(args) == 2 && strings.EqualFold(args[0], "ACL") && strings.EqualFold(args[1], "WHOAMI"):
				return "$" + itoa(len(user)) + "\r\n" + user + "\r\n"
			case len(args) == 3 && strings.EqualFold(args[0], "ACL") && strings.EqualFold(args[1], "GETUSER"):
				mu.Lock()
				asked = append(asked, args[2])
				mu.Unlock()
				if args[2] != user {
					return "*-1\r\n"
				}
				return "*4\r\n$5\r\nflags\r\n*1\r\n$2\r\non\r\n$8\r\ncommands\r\n$6\r\n+@read\r\n"
			case strings.EqualFold(args[0], "INFO"):
				info := "# Server\r\nredis_version:7.2.4\r\n"
				return "$" + itoa(len(info)) + "\r\n" + info + "\r\n"
			}
			return "-ERR unknown command\r\n"
		}))
		res, err, _ := probeFast(t, ep, shortOptions())
		if res == nil {
			t.Fatalf("no result: %v", err)
		}
		mu.Lock()
		got := slices.Clone(asked)
		mu.Unlock()
		if n > probekit.MaxNameBytes {
			for _, a := range got {
				if strings.HasPrefix(a, "svc-") {
					t.Errorf("a %d-byte user name was sent back (%d bytes)", len(user), len(a))
				}
			}
			continue
		}
		if len(got) == 0 || got[0] != user {
			t.Errorf("ACL GETUSER asked about %d names, the first of %d bytes (%.20q…), not the %d-byte user", len(got), len(firstOf(got)), firstOf(got), len(user))
		}
		if res.Service.Details["acl_rules"] != "+@read" {
			t.Errorf("the user's rules not learnt: %q", res.Service.Details["acl_rules"])
		}
	}
}

func firstOf(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

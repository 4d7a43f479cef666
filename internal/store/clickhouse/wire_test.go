package clickhouse_test

import (
	"bufio"
	"context"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/lab"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
	"github.com/leakwatch/leakwatch/internal/scan"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/clickhouse"
)

// ClickHouse's MySQL (9004) and PostgreSQL (9005) interfaces, replayed from the shapes
// of testdata/recorded (see its README): the prober must name ClickHouse there, decide
// access, and let the scan fold those ports into the server it reaches over HTTP.

func hexFixture(t *testing.T, name string) []byte {
	t.Helper()
	s, err := os.ReadFile(filepath.Join("testdata", "recorded", name))
	if err != nil {
		t.Fatal(err)
	}
	b, err := hex.DecodeString(strings.TrimSpace(string(s)))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// serveTCP runs handle for each connection to a loopback listener.
func serveTCP(t *testing.T, handle func(net.Conn)) (netip.AddrPort, func() int) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	n := make(chan struct{}, 1000)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			n <- struct{}{}
			go func() {
				defer c.Close()
				_ = c.SetDeadline(time.Now().Add(10 * time.Second))
				handle(c)
			}()
		}
	}()
	t.Cleanup(func() { ln.Close() })
	return netip.MustParseAddrPort(ln.Addr().String()), func() int { return len(n) }
}

func mysqlPacket(seq byte, payload []byte) []byte {
	h := []byte{byte(len(payload)), byte(len(payload) >> 8), byte(len(payload) >> 16), seq}
	return append(h, payload...)
}

func readMySQLPacket(r io.Reader) ([]byte, error) {
	var h [4]byte
	if _, err := io.ReadFull(r, h[:]); err != nil {
		return nil, err
	}
	n := int(h[0]) | int(h[1])<<8 | int(h[2])<<16
	if n > 1<<20 {
		return nil, errors.New("packet too large")
	}
	p := make([]byte, n)
	_, err := io.ReadFull(r, p)
	return p, err
}

func lenenc(s string) []byte { return append([]byte{byte(len(s))}, s...) }

// clickHouseMySQL answers as MySQLHandler does: the greeting, then OK or, with a
// password, the ERR packet ClickHouse sends (its own code, SQL state 00000), then one
// text-protocol result set per COM_QUERY (CLIENT_DEPRECATE_EOF: no EOF packets).
func clickHouseMySQL(greeting []byte, password bool) func(net.Conn) {
	return func(c net.Conn) {
		br := bufio.NewReader(c)
		c.Write(greeting)
		if _, err := readMySQLPacket(br); err != nil {
			return
		}
		if password {
			msg := "default: Authentication failed: password is incorrect, or there is no user with such name."
			p := append([]byte{0xff}, binary.LittleEndian.AppendUint16(nil, 516)...)
			p = append(append(p, "#00000"...), msg...)
			c.Write(mysqlPacket(2, p))
			return
		}
		c.Write(mysqlPacket(2, []byte{0, 0, 0, 2, 0, 0, 0}))
		for {
			p, err := readMySQLPacket(br)
			if err != nil || len(p) == 0 || p[0] == 0x01 {
				return
			}
			if p[0] != 0x03 || string(p[1:]) != "SELECT displayName()" {
				c.Write(mysqlPacket(1, append([]byte{0xff, 62, 0}, "#00000Syntax error"...)))
				continue
			}
			col := append(lenenc("def"), lenenc("")...)
			col = append(col, lenenc("")...)
			col = append(col, lenenc("")...)
			col = append(col, lenenc("displayName()")...)
			col = append(col, lenenc("")...)
			col = append(col, 0x0c, 33, 0, 0, 1, 0, 0, 0xfd, 0, 0, 0, 0, 0)
			out := mysqlPacket(1, []byte{1})
			out = append(out, mysqlPacket(2, col)...)
			out = append(out, mysqlPacket(3, lenenc("ch-prod-1"))...)
			out = append(out, mysqlPacket(4, []byte{0xfe, 0, 0, 2, 0, 0, 0})...)
			c.Write(out)
		}
	}
}

func readPGStartup(r io.Reader) error {
	var l [4]byte
	if _, err := io.ReadFull(r, l[:]); err != nil {
		return err
	}
	n := int(binary.BigEndian.Uint32(l[:]))
	if n < 8 || n > 10000 {
		return errors.New("bad startup")
	}
	_, err := io.CopyN(io.Discard, r, int64(n-4))
	return err
}

func readPGMessage(r io.Reader) (byte, []byte, error) {
	var h [5]byte
	if _, err := io.ReadFull(r, h[:]); err != nil {
		return 0, nil, err
	}
	n := int(binary.BigEndian.Uint32(h[1:]))
	if n < 4 || n > 1<<20 {
		return 0, nil, errors.New("bad message")
	}
	b := make([]byte, n-4)
	_, err := io.ReadFull(r, b)
	return h[0], b, err
}

// clickHousePG answers as PostgreSQLHandler does, from the recorded messages.
func clickHousePG(t *testing.T, password bool) func(net.Conn) {
	open := hexFixture(t, "pg-startup-open-23.8.2.7.hex")
	cleartext := hexFixture(t, "pg-startup-cleartext-23.8.2.7.hex")
	refused := hexFixture(t, "pg-auth-error-23.8.2.7.hex")
	query := hexFixture(t, "pg-query-displayname-23.8.2.7.hex")
	return func(c net.Conn) {
		br := bufio.NewReader(c)
		if readPGStartup(br) != nil {
			return
		}
		if password {
			c.Write(cleartext)
			if typ, body, err := readPGMessage(br); err != nil || typ != 'p' || string(body) != "\x00" {
				return // anything but the empty password is a test failure: see the assertion on what was sent
			}
			c.Write(refused)
			return
		}
		c.Write(open)
		for {
			typ, body, err := readPGMessage(br)
			if err != nil || typ == 'X' {
				return
			}
			if typ == 'Q' && string(body) == "SELECT displayName();\x00" {
				c.Write(query)
			}
		}
	}
}

func wireOptions() *store.Options {
	o := store.DefaultOptions()
	o.IOTimeout = 3 * time.Second
	o.SampleRows = 0
	return &o
}

func TestWireMySQLInterface(t *testing.T) {
	for _, tc := range []struct {
		name, greeting, version string
		password, sniffed       bool
	}{
		{"23.8 on 9004", "mysql-greeting-23.8.2.7.hex", "23.8.2.7", false, false},
		{"23.8 on another port (greeting seen by the HTTP sniff)", "mysql-greeting-23.8.2.7.hex", "23.8.2.7", false, true},
		{"Altinity", "mysql-greeting-25.3.12.10001.altinitystable.hex", "25.3.12.10001.altinitystable", false, false},
		{"with a password", "mysql-greeting-23.8.2.7.hex", "23.8.2.7", true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ap, _ := serveTCP(t, clickHouseMySQL(hexFixture(t, tc.greeting), tc.password))
			ep := store.Endpoint{Addr: ap.Addr(), Port: int(ap.Port()), Scheme: "clickhouse+mysql"}
			if tc.sniffed {
				ep.Scheme = ""
			}
			res, err := clickhouse.New().Probe(context.Background(), ep, wireOptions())
			if err != nil || res == nil {
				t.Fatalf("probe: %v", err)
			}
			svc := res.Service
			if svc.Product != "clickhouse" || svc.Protocol != clickhouse.ProtoMySQL || svc.Version != tc.version {
				t.Fatalf("service %+v", svc)
			}
			if tc.password {
				if svc.Auth != finding.AuthRequired || svc.Status != finding.StatusAuthRequired {
					t.Fatalf("protected: auth %s status %s", svc.Auth, svc.Status)
				}
				return
			}
			if svc.Auth != finding.AuthNone || svc.User != "default" || svc.Details["display_name"] != "ch-prod-1" {
				t.Fatalf("open: %+v", svc)
			}
		})
	}
}

func TestWirePostgreSQLInterface(t *testing.T) {
	for _, password := range []bool{false, true} {
		t.Run(fmt.Sprintf("password=%v", password), func(t *testing.T) {
			ap, _ := serveTCP(t, clickHousePG(t, password))
			ep := store.Endpoint{Addr: ap.Addr(), Port: int(ap.Port()), Scheme: "clickhouse+postgresql"}
			res, err := clickhouse.New().Probe(context.Background(), ep, wireOptions())
			if err != nil || res == nil {
				t.Fatalf("probe: %v", err)
			}
			svc := res.Service
			if svc.Product != "clickhouse" || svc.Protocol != clickhouse.ProtoPostgres {
				t.Fatalf("service %+v", svc)
			}
			if password {
				if svc.Auth != finding.AuthRequired {
					t.Fatalf("protected: %+v", svc)
				}
				return
			}
			if svc.Auth != finding.AuthNone || svc.Version != "23.8.2.7" || svc.Details["display_name"] != "ch-prod-1" {
				t.Fatalf("open: %+v", svc)
			}
		})
	}
}

// TestWireRealServersAreNotClickHouse: the real MariaDB and PostgreSQL of the lab,
// reached the way the ClickHouse prober reaches 9004 and 9005, are not claimed.
func TestWireRealServersAreNotClickHouse(t *testing.T) {
	m := labtest.MariaDBFresh(t, lab.MariaDBConfig{}, false)
	pg := labtest.PostgresFresh(t, lab.PostgresConfig{}, false)
	for _, ep := range []store.Endpoint{
		{Addr: netip.MustParseAddr(m.Host), Port: m.Port, Scheme: "clickhouse+mysql"},
		{Addr: netip.MustParseAddr(m.Host), Port: m.Port},
		{Addr: netip.MustParseAddr(pg.Host), Port: pg.Port, Scheme: "clickhouse+postgresql"},
	} {
		res, err := clickhouse.New().Probe(context.Background(), ep, wireOptions())
		if !errors.Is(err, store.ErrNoMatch) || res != nil {
			t.Errorf("%s (%s): %+v, %v; want not ClickHouse", ep.Address(), ep.Scheme, res, err)
		}
	}
}

// TestWireSameServer: a scan of one ClickHouse reached over HTTP, MySQL and PostgreSQL
// reports one server, the other two ports marked same_as.
func TestWireSameServer(t *testing.T) {
	httpSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-ClickHouse-Server-Display-Name", "ch-prod-1")
		if r.URL.Path == "/ping" {
			io.WriteString(w, "Ok.\n")
			return
		}
		b, _ := io.ReadAll(r.Body)
		if strings.HasPrefix(string(b), "SELECT version(), timezone()") {
			io.WriteString(w, `{"meta":[],"data":[["23.8.2.7","UTC","60","ch-prod-1"]],"rows":1}`)
			return
		}
		w.Header().Set("X-ClickHouse-Exception-Code", "497")
		w.WriteHeader(http.StatusForbidden)
		io.WriteString(w, "Code: 497. DB::Exception: default: Not enough privileges. (ACCESS_DENIED) (version 23.8.2.7 (official build))\n")
	}))
	defer httpSrv.Close()
	hp := netip.MustParseAddrPort(httpSrv.Listener.Addr().String())
	mp, _ := serveTCP(t, clickHouseMySQL(hexFixture(t, "mysql-greeting-23.8.2.7.hex"), false))
	pp, _ := serveTCP(t, clickHousePG(t, false))

	cfg := scan.DefaultConfig()
	cfg.Probers = []store.Prober{clickhouse.New()}
	cfg.Options = *wireOptions()
	eps := make(chan store.Endpoint, 3)
	eps <- store.Endpoint{Addr: hp.Addr(), Port: int(hp.Port())}
	eps <- store.Endpoint{Addr: mp.Addr(), Port: int(mp.Port()), Scheme: "clickhouse+mysql"}
	eps <- store.Endpoint{Addr: pp.Addr(), Port: int(pp.Port()), Scheme: "clickhouse+postgresql"}
	close(eps)
	rep, err := scan.Run(context.Background(), cfg, eps)
	if err != nil {
		t.Fatal(err)
	}
	same := map[string]string{}
	for _, s := range rep.Services {
		same[s.Protocol] = s.SameAs
	}
	primary := fmt.Sprintf("%s:%d", hp.Addr(), hp.Port())
	if len(rep.Services) != 3 || same[clickhouse.ProtoHTTP] != "" || same[clickhouse.ProtoMySQL] != primary || same[clickhouse.ProtoPostgres] != primary {
		t.Fatalf("same_as: %v (services %+v)", same, rep.Services)
	}
	var exposures int
	for _, f := range rep.Findings {
		if f.Category == finding.Exposure {
			exposures++
			if !strings.Contains(f.Evidence, "also open on port") || !strings.Contains(f.Evidence, "(mysql)") || !strings.Contains(f.Evidence, "(postgresql)") {
				t.Errorf("exposure evidence %q", f.Evidence)
			}
		}
	}
	if exposures != 1 {
		t.Fatalf("%d exposure findings, want one for the one server", exposures)
	}
}

// TestDefaultPortsIncludeCompatibilityInterfaces (row 13): the stock config.xml enables
// mysql_port 9004 and postgresql_port 9005; a scan of the default ports tries them as
// ClickHouse's.
func TestDefaultPortsIncludeCompatibilityInterfaces(t *testing.T) {
	ports := clickhouse.New().DefaultPorts()
	for _, p := range []int{8123, 8443, 9000, 9440, 9004, 9005} {
		if !slices.Contains(ports, p) {
			t.Errorf("default ports %v lack %d", ports, p)
		}
	}
}

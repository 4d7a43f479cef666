package lab

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// ClickHouse profiles defined in every lab server's users.xml.
const (
	ProfileDefault   = "default"   // read-write, queries logged
	ProfileReadonly  = "readonly"  // readonly=1: no writes, no setting changes, no table functions
	ProfileReadonly2 = "readonly2" // readonly=2: no writes, settings may change except readonly
)

// ClickHouseUser is an extra account on a lab server.
type ClickHouseUser struct {
	Name     string
	Password string
	SHA256   bool   // store the password as password_sha256_hex
	Profile  string // one of the Profile* constants; default ProfileDefault
}

// ClickHouseConfig says how to start a lab ClickHouse server. Zero values give a
// password-less server on free ports of 127.0.0.1 in a temporary directory.
type ClickHouseConfig struct {
	// Binary is the server executable; empty looks up clickhouse-server, then
	// /usr/sbin/clickhouse-server, then "clickhouse" (run as "clickhouse server").
	Binary string
	// Dir holds data, configuration and logs. Empty creates a temporary directory that
	// Stop removes.
	Dir string
	// Host is the loopback address to listen on (127.0.0.1 when empty).
	Host string
	// Ports; 0 picks a free port. HTTPS and native TLS are only opened when TLS is set.
	HTTPPort, NativePort, HTTPSPort, NativeTLSPort int
	TLS                                            bool
	// Password for the default user; empty leaves it open like the incident's server.
	Password       string
	PasswordSHA256 bool
	Users          []ClickHouseUser
	DisplayName    string
	// ThirdHost ("127.0.0.1:port"), when set, is the one shard of a cluster named
	// "third_host" in <remote_servers>, for Distributed tables that reach it; a
	// cluster named "local_only" then has this server as its one shard.
	ThirdHost string
	// Detach lets the server outlive this process (cmd/leaklab).
	Detach       bool
	StartTimeout time.Duration
}

// ClickHouse is a running lab server.
type ClickHouse struct {
	Host                                           string
	HTTPPort, NativePort, HTTPSPort, NativeTLSPort int
	Dir                                            string
	// Password is the default user's password ("" when open).
	Password string
	// Version is what the server answers to SELECT version().
	Version string

	process
	httpClient *http.Client
}

// ErrNoBinary means the ClickHouse server executable is not installed.
var ErrNoBinary = errors.New("clickhouse-server binary not found")

// ClickHouseBinary finds the server executable, returning the path and any arguments
// that must precede the server's own (the single "clickhouse" binary needs "server").
func ClickHouseBinary() (string, []string, error) {
	if p, err := exec.LookPath("clickhouse-server"); err == nil {
		return p, nil, nil
	}
	if st, err := os.Stat("/usr/sbin/clickhouse-server"); err == nil && !st.IsDir() {
		return "/usr/sbin/clickhouse-server", nil, nil
	}
	if p, err := exec.LookPath("clickhouse"); err == nil {
		return p, []string{"server"}, nil
	}
	return "", nil, ErrNoBinary
}

// StartClickHouse starts a server as configured and waits until both interfaces answer.
// Ports picked automatically are re-picked when another process takes one first.
func StartClickHouse(ctx context.Context, cfg ClickHouseConfig) (*ClickHouse, error) {
	bin, pre := cfg.Binary, []string(nil)
	if bin == "" {
		var err error
		if bin, pre, err = ClickHouseBinary(); err != nil {
			return nil, err
		}
	} else if filepath.Base(bin) == "clickhouse" {
		pre = []string{"server"}
	}
	if cfg.Host == "" {
		cfg.Host = "127.0.0.1"
	}
	if err := checkListenHost(cfg.Host); err != nil {
		return nil, err
	}
	ch := &ClickHouse{Host: cfg.Host, Dir: cfg.Dir, Password: cfg.Password}
	if err := ch.useDir(&ch.Dir, "clickhouse"); err != nil {
		return nil, err
	}
	// Seeding inserts 1.1M rows in one query: on a machine shared with other builds it
	// can take minutes.
	ch.httpClient = &http.Client{Timeout: 5 * time.Minute, Transport: &http.Transport{Proxy: nil}}

	modern := clickHouseMajor(bin, pre) >= 22
	var lastErr error
	for attempt := 0; attempt < 4; attempt++ {
		if err := ch.pickPorts(cfg); err != nil {
			return nil, err
		}
		configPath, err := ch.writeConfig(cfg, modern)
		if err != nil {
			return nil, err
		}
		spec := ProcessSpec{
			Name:         "clickhouse-server",
			Path:         bin,
			Args:         append(append([]string{}, pre...), "--config-file="+configPath),
			Dir:          ch.Dir,
			Detach:       cfg.Detach,
			Ready:        ch.ready(cfg.TLS),
			ReadyTimeout: cfg.StartTimeout,
			LogFiles:     []string{filepath.Join(ch.Dir, "log", "server.err.log")},
		}
		p, err := StartProcess(ctx, spec)
		if err == nil {
			ch.proc = p
			v, err := ch.Query(ctx, "SELECT version()")
			if err != nil {
				_ = ch.Stop()
				return nil, fmt.Errorf("lab: clickhouse version: %w", err)
			}
			ch.Version = strings.TrimSpace(v)
			return ch, nil
		}
		lastErr = err
		// Another process took a port between our check and the server's bind; only
		// ports we chose can be chosen again.
		if !strings.Contains(err.Error(), "Address already in use") || !autoPorts(cfg) {
			break
		}
		_ = os.RemoveAll(filepath.Join(ch.Dir, "data"))
	}
	ch.dropDir(ch.Dir)
	return nil, lastErr
}

func autoPorts(cfg ClickHouseConfig) bool {
	return cfg.HTTPPort == 0 || cfg.NativePort == 0 || (cfg.TLS && (cfg.HTTPSPort == 0 || cfg.NativeTLSPort == 0))
}

func (ch *ClickHouse) pickPorts(cfg ClickHouseConfig) error {
	pick := func(fixed int, dst *int, taken map[int]bool) error {
		if fixed != 0 {
			*dst = fixed
			taken[fixed] = true
			return nil
		}
		for {
			p, err := FreePort(ch.Host)
			if err != nil {
				return err
			}
			if !taken[p] {
				*dst = p
				taken[p] = true
				return nil
			}
		}
	}
	taken := map[int]bool{}
	ch.HTTPSPort, ch.NativeTLSPort = 0, 0
	if err := pick(cfg.HTTPPort, &ch.HTTPPort, taken); err != nil {
		return err
	}
	if err := pick(cfg.NativePort, &ch.NativePort, taken); err != nil {
		return err
	}
	if cfg.TLS {
		if err := pick(cfg.HTTPSPort, &ch.HTTPSPort, taken); err != nil {
			return err
		}
		if err := pick(cfg.NativeTLSPort, &ch.NativeTLSPort, taken); err != nil {
			return err
		}
	}
	return nil
}

var versionRE = regexp.MustCompile(`version (\d+)\.(\d+)`)

// clickHouseMajor asks the binary (or its client twin, for 18.x servers that have no
// --version) for its major version; 0 when unknown.
func clickHouseMajor(bin string, pre []string) int {
	try := func(path string, args ...string) int {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		out, _ := exec.CommandContext(ctx, path, args...).CombinedOutput()
		if m := versionRE.FindSubmatch(out); m != nil {
			n, _ := strconv.Atoi(string(m[1]))
			return n
		}
		return 0
	}
	if n := try(bin, append(append([]string{}, pre...), "--version")...); n > 0 {
		return n
	}
	if n := try(filepath.Join(filepath.Dir(bin), "..", "bin", "clickhouse-client"), "--version"); n > 0 {
		return n
	}
	return try("clickhouse-client", "--version")
}

func xmlText(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

func (ch *ClickHouse) writeConfig(cfg ClickHouseConfig, modern bool) (string, error) {
	root := "yandex"
	if modern {
		root = "clickhouse"
	}
	d := ch.Dir
	for _, sub := range []string{"data", "tmp", "user_files", "format_schemas", "log"} {
		if err := os.MkdirAll(filepath.Join(d, sub), 0o700); err != nil {
			return "", fmt.Errorf("lab: %w", err)
		}
	}
	var c strings.Builder
	fmt.Fprintf(&c, "<?xml version=\"1.0\"?>\n<%s>\n", root)
	fmt.Fprintf(&c, "  <logger><level>information</level><log>%s</log><errorlog>%s</errorlog><size>20M</size><count>1</count></logger>\n",
		xmlText(filepath.Join(d, "log", "server.log")), xmlText(filepath.Join(d, "log", "server.err.log")))
	fmt.Fprintf(&c, "  <listen_host>%s</listen_host>\n", xmlText(ch.Host))
	fmt.Fprintf(&c, "  <http_port>%d</http_port>\n  <tcp_port>%d</tcp_port>\n", ch.HTTPPort, ch.NativePort)
	if cfg.TLS {
		certPath, keyPath, err := WriteSelfSignedCert(d, ch.Host)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(&c, "  <https_port>%d</https_port>\n  <tcp_port_secure>%d</tcp_port_secure>\n", ch.HTTPSPort, ch.NativeTLSPort)
		fmt.Fprintf(&c, "  <openSSL><server><certificateFile>%s</certificateFile><privateKeyFile>%s</privateKeyFile>"+
			"<verificationMode>none</verificationMode><loadDefaultCAFile>false</loadDefaultCAFile>"+
			"<cacheSessions>true</cacheSessions><disableProtocols>sslv2,sslv3</disableProtocols>"+
			"<preferServerCiphers>true</preferServerCiphers></server></openSSL>\n", xmlText(certPath), xmlText(keyPath))
	}
	if cfg.DisplayName != "" {
		fmt.Fprintf(&c, "  <display_name>%s</display_name>\n", xmlText(cfg.DisplayName))
	}
	for _, kv := range [][2]string{
		{"path", filepath.Join(d, "data") + "/"},
		{"tmp_path", filepath.Join(d, "tmp") + "/"},
		{"user_files_path", filepath.Join(d, "user_files") + "/"},
		{"format_schema_path", filepath.Join(d, "format_schemas") + "/"},
		{"users_config", filepath.Join(d, "users.xml")},
		{"default_profile", ProfileDefault},
		{"default_database", "default"},
		{"timezone", "UTC"},
		{"mark_cache_size", "268435456"},
		{"uncompressed_cache_size", "268435456"},
		{"max_concurrent_queries", "64"},
	} {
		fmt.Fprintf(&c, "  <%s>%s</%s>\n", kv[0], xmlText(kv[1]), kv[0])
	}
	c.WriteString("  <query_log><database>system</database><table>query_log</table><flush_interval_milliseconds>500</flush_interval_milliseconds></query_log>\n")
	if cfg.ThirdHost != "" {
		host, port, err := net.SplitHostPort(cfg.ThirdHost)
		if err != nil || checkListenHost(host) != nil {
			return "", fmt.Errorf("lab: third host %q must be a loopback host:port", cfg.ThirdHost)
		}
		fmt.Fprintf(&c, "  <remote_servers><third_host><shard><replica><host>%s</host><port>%s</port></replica></shard></third_host>"+
			"<local_only><shard><replica><host>%s</host><port>%d</port></replica></shard></local_only></remote_servers>\n",
			xmlText(host), xmlText(port), xmlText(ch.Host), ch.NativePort)
	}
	fmt.Fprintf(&c, "</%s>\n", root)

	var u strings.Builder
	fmt.Fprintf(&u, "<?xml version=\"1.0\"?>\n<%s>\n  <profiles>\n", root)
	fmt.Fprintf(&u, "    <%s><log_queries>1</log_queries><max_memory_usage>4000000000</max_memory_usage></%s>\n", ProfileDefault, ProfileDefault)
	fmt.Fprintf(&u, "    <%s><readonly>1</readonly><log_queries>1</log_queries></%s>\n", ProfileReadonly, ProfileReadonly)
	fmt.Fprintf(&u, "    <%s><readonly>2</readonly><log_queries>1</log_queries></%s>\n", ProfileReadonly2, ProfileReadonly2)
	u.WriteString("  </profiles>\n  <users>\n")
	users := append([]ClickHouseUser{{Name: "default", Password: cfg.Password, SHA256: cfg.PasswordSHA256}}, cfg.Users...)
	for _, usr := range users {
		if usr.Name == "" || strings.ContainsAny(usr.Name, "<>&\"' /") {
			return "", fmt.Errorf("lab: bad user name %q", usr.Name)
		}
		pw := "<password>" + xmlText(usr.Password) + "</password>"
		if usr.SHA256 {
			sum := sha256.Sum256([]byte(usr.Password))
			pw = "<password_sha256_hex>" + hex.EncodeToString(sum[:]) + "</password_sha256_hex>"
		}
		profile := usr.Profile
		if profile == "" {
			profile = ProfileDefault
		}
		fmt.Fprintf(&u, "    <%s>%s<networks><ip>::/0</ip></networks><profile>%s</profile><quota>default</quota></%s>\n",
			usr.Name, pw, xmlText(profile), usr.Name)
	}
	u.WriteString("  </users>\n  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors>" +
		"<result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>\n")
	fmt.Fprintf(&u, "</%s>\n", root)

	if err := os.WriteFile(filepath.Join(d, "users.xml"), []byte(u.String()), 0o600); err != nil {
		return "", fmt.Errorf("lab: %w", err)
	}
	configPath := filepath.Join(d, "config.xml")
	if err := os.WriteFile(configPath, []byte(c.String()), 0o600); err != nil {
		return "", fmt.Errorf("lab: %w", err)
	}
	return configPath, nil
}

func (ch *ClickHouse) ready(tls bool) func(ctx context.Context) error {
	return func(ctx context.Context) error {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+ch.HTTPAddr()+"/ping", nil)
		if err != nil {
			return err
		}
		resp, err := ch.httpClient.Do(req)
		if err != nil {
			return err
		}
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 64))
		resp.Body.Close()
		if strings.TrimSpace(string(b)) != "Ok." {
			return fmt.Errorf("/ping answered %q", b)
		}
		addrs := []string{ch.NativeAddr()}
		if tls {
			addrs = append(addrs, ch.HTTPSAddr(), ch.NativeTLSAddr())
		}
		var d net.Dialer
		for _, a := range addrs {
			c, err := d.DialContext(ctx, "tcp", a)
			if err != nil {
				return err
			}
			c.Close()
		}
		return nil
	}
}

func (ch *ClickHouse) addr(port int) string { return net.JoinHostPort(ch.Host, strconv.Itoa(port)) }

// HTTPAddr, NativeAddr, HTTPSAddr and NativeTLSAddr are "host:port" of each interface;
// the TLS ones are empty when TLS is off.
func (ch *ClickHouse) HTTPAddr() string   { return ch.addr(ch.HTTPPort) }
func (ch *ClickHouse) NativeAddr() string { return ch.addr(ch.NativePort) }
func (ch *ClickHouse) HTTPSAddr() string {
	if ch.HTTPSPort == 0 {
		return ""
	}
	return ch.addr(ch.HTTPSPort)
}
func (ch *ClickHouse) NativeTLSAddr() string {
	if ch.NativeTLSPort == 0 {
		return ""
	}
	return ch.addr(ch.NativeTLSPort)
}

// Addrs lists every open interface, plain first.
func (ch *ClickHouse) Addrs() []string {
	out := []string{ch.HTTPAddr(), ch.NativeAddr()}
	if ch.HTTPSPort != 0 {
		out = append(out, ch.HTTPSAddr(), ch.NativeTLSAddr())
	}
	return out
}

// Ports lists every open port, plain first.
func (ch *ClickHouse) Ports() []int {
	out := []int{ch.HTTPPort, ch.NativePort}
	if ch.HTTPSPort != 0 {
		out = append(out, ch.HTTPSPort, ch.NativeTLSPort)
	}
	return out
}

// LabUserAgent marks the lab's own administrative queries in system.query_log.
const LabUserAgent = "leakwatch-lab"

// Query runs sql as the default user over HTTP and returns the response body. It is the
// lab's administrative channel (seeding, flushing logs, reading query_log) and may
// write; leakwatch itself never uses it.
func (ch *ClickHouse) Query(ctx context.Context, sql string) (string, error) {
	return ch.QueryAs(ctx, "default", ch.Password, sql)
}

// QueryAs runs sql as user.
func (ch *ClickHouse) QueryAs(ctx context.Context, user, password, sql string) (string, error) {
	return ch.query(ctx, user, password, sql, nil)
}

func (ch *ClickHouse) query(ctx context.Context, user, password, sql string, settings url.Values) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://"+ch.HTTPAddr()+"/?"+settings.Encode(), strings.NewReader(sql))
	if err != nil {
		return "", err
	}
	req.SetBasicAuth(user, password)
	req.Header.Set("User-Agent", LabUserAgent)
	resp, err := ch.httpClient.Do(req)
	if err != nil {
		return "", fmt.Errorf("lab: clickhouse query: %w", err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return "", fmt.Errorf("lab: clickhouse query: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("lab: clickhouse query %.80q: HTTP %d: %s", sql, resp.StatusCode, strings.TrimSpace(string(b)))
	}
	return string(b), nil
}

// Stop stops the server and removes its directory when StartClickHouse created it.
func (ch *ClickHouse) Stop() error {
	if ch == nil {
		return nil
	}
	return ch.stopHTTP(ch.httpClient, ch.Dir)
}

// Record describes the server for a lab manifest.
func (ch *ClickHouse) Record(name string) ServerRecord {
	r := ch.record(ServerRecord{
		Name: name, Kind: "clickhouse", Host: ch.Host, Dir: ch.Dir, Version: ch.Version,
		User: "default", Password: ch.Password,
		Ports:   map[string]int{"http": ch.HTTPPort, "native": ch.NativePort},
		Targets: ch.Addrs(),
	})
	if ch.HTTPSPort != 0 {
		r.Ports["https"] = ch.HTTPSPort
		r.Ports["native-tls"] = ch.NativeTLSPort
	}
	return r
}

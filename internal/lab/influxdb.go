package lab

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// InfluxDBConfig says how to start a lab InfluxDB 1.x. Zero values give a server without
// authentication on free ports of 127.0.0.1 in a temporary directory.
type InfluxDBConfig struct {
	Binary string // influxd when empty
	Dir    string
	Host   string
	Port   int // HTTP API; 0 picks a free port
	// Auth turns on authentication. With AdminPassword set an admin user "admin" is
	// created before seeding; without, the server is left with no user at all (which
	// InfluxDB 1.x answers with "create admin user first").
	Auth          bool
	AdminPassword string
	// ReaderUser and ReaderPassword, with Auth and an admin, get READ on the first
	// seeded database only.
	ReaderUser, ReaderPassword string
	Detach                     bool
}

// InfluxDB is a running lab server.
type InfluxDB struct {
	Host          string
	Port, RPCPort int
	Dir           string
	Version       string
	AdminPassword string

	process
	client *http.Client
}

// ErrNoInfluxDB means influxd is not installed.
var ErrNoInfluxDB = errors.New("influxd binary not found")

// InfluxDBBinary finds influxd.
func InfluxDBBinary() (string, error) {
	return findBinary(ErrNoInfluxDB, "influxd", "/usr/bin/influxd")
}

var influxVersionRE = regexp.MustCompile(`v(\d+\.\d+\.\d+\S*)`)

// StartInfluxDB starts a server as configured and waits until /ping answers.
func StartInfluxDB(ctx context.Context, cfg InfluxDBConfig) (*InfluxDB, error) {
	bin, err := binaryOr(cfg.Binary, InfluxDBBinary)
	if err != nil {
		return nil, err
	}
	if err := checkLoopback(&cfg.Host); err != nil {
		return nil, err
	}
	s := &InfluxDB{Host: cfg.Host, Dir: cfg.Dir, client: &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{Proxy: nil}}}
	if err := s.useDir(&s.Dir, "influxdb"); err != nil {
		return nil, err
	}
	s.Version = binaryVersion(influxVersionRE, bin, "version")
	if err := s.start(s.Dir, cfg.Port != 0, func() (*Process, error) {
		s.Port, s.RPCPort = cfg.Port, 0
		if err := freePorts(s.Host, &s.Port, &s.RPCPort); err != nil {
			return nil, err
		}
		conf := filepath.Join(s.Dir, "influxdb.conf")
		d := func(sub string) string { return strconv.Quote(filepath.Join(s.Dir, sub)) }
		text := fmt.Sprintf(`reporting-enabled = false
bind-address = %q
[meta]
  dir = %s
[data]
  dir = %s
  wal-dir = %s
  query-log-enabled = true
[monitor]
  store-enabled = false
[http]
  enabled = true
  bind-address = %q
  auth-enabled = %v
  log-enabled = true
  pprof-enabled = false
`, net.JoinHostPort(s.Host, strconv.Itoa(s.RPCPort)), d("meta"), d("data"), d("wal"),
			net.JoinHostPort(s.Host, strconv.Itoa(s.Port)), cfg.Auth)
		if err := os.WriteFile(conf, []byte(text), 0o600); err != nil {
			return nil, fmt.Errorf("lab: %w", err)
		}
		return StartProcess(ctx, ProcessSpec{Name: "influxd", Path: bin, Args: []string{"run", "-config", conf},
			Dir: s.Dir, Detach: cfg.Detach, Ready: s.ready})
	}); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *InfluxDB) ready(ctx context.Context) error {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+s.Addr()+"/ping", nil)
	resp, err := s.client.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		return fmt.Errorf("/ping answered %d", resp.StatusCode)
	}
	return nil
}

// Addr is the HTTP API's "host:port".
func (s *InfluxDB) Addr() string { return net.JoinHostPort(s.Host, strconv.Itoa(s.Port)) }

// Exec runs statements with POST /query as the admin (the lab's administrative channel:
// it writes).
func (s *InfluxDB) Exec(ctx context.Context, db, q string) (string, error) {
	v := url.Values{"q": {q}}
	if db != "" {
		v.Set("db", db)
	}
	return s.post(ctx, "/query", v, "")
}

// Write writes line protocol into db.
func (s *InfluxDB) Write(ctx context.Context, db, lines string) error {
	_, err := s.post(ctx, "/write", url.Values{"db": {db}}, lines)
	return err
}

func (s *InfluxDB) post(ctx context.Context, path string, v url.Values, body string) (string, error) {
	var rd io.Reader
	u := "http://" + s.Addr() + path
	if body != "" {
		u += "?" + v.Encode()
		rd = strings.NewReader(body)
	} else {
		rd = strings.NewReader(v.Encode())
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, rd)
	if err != nil {
		return "", err
	}
	if body == "" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if s.AdminPassword != "" {
		req.SetBasicAuth("admin", s.AdminPassword)
	}
	resp, err := s.client.Do(req)
	if err != nil {
		return "", fmt.Errorf("lab: influxdb %s: %w", path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	if resp.StatusCode/100 != 2 || strings.Contains(string(b), `"error"`) {
		return "", fmt.Errorf("lab: influxdb %s: HTTP %d: %s", path, resp.StatusCode, strings.TrimSpace(string(b)))
	}
	return string(b), nil
}

// What Seed writes.
const (
	InfluxDBTelemetry = "telemetry"
	InfluxDBApp       = "app_events"
	InfluxCPUHosts    = 5
	InfluxCPUPoints   = 100 // per host
	InfluxRequests    = 60
	InfluxLogins      = 40
	InfluxChats       = 8 // conversations of 3 messages
)

// InfluxSeedSeries is the series count of each seeded measurement.
var InfluxSeedSeries = map[string]int64{
	InfluxDBTelemetry + ".cpu":           InfluxCPUHosts,
	InfluxDBTelemetry + ".http_requests": 3,
	InfluxDBApp + ".logins":              InfluxLogins,
	InfluxDBApp + ".chat_messages":       3,
}

// Seed creates the admin user (when configured), the databases and points holding
// synthetic secrets, personal data and chat transcripts, then the reader user.
func (s *InfluxDB) Seed(ctx context.Context, cfg InfluxDBConfig) error {
	if cfg.Auth && cfg.AdminPassword != "" {
		if _, err := s.Exec(ctx, "", "CREATE USER admin WITH PASSWORD '"+cfg.AdminPassword+"' WITH ALL PRIVILEGES"); err != nil {
			return err
		}
		s.AdminPassword = cfg.AdminPassword
	}
	if cfg.Auth && cfg.AdminPassword == "" {
		return nil // nobody may write: the server stays empty
	}
	syn := NewSynth(8086)
	for db, lines := range InfluxSeedLines(syn) {
		if _, err := s.Exec(ctx, "", "CREATE DATABASE "+db); err != nil {
			return err
		}
		if err := s.Write(ctx, db, strings.Join(lines, "\n")); err != nil {
			return err
		}
	}
	if cfg.ReaderUser != "" {
		if _, err := s.Exec(ctx, "", "CREATE USER "+cfg.ReaderUser+" WITH PASSWORD '"+cfg.ReaderPassword+"'"); err != nil {
			return err
		}
		if _, err := s.Exec(ctx, "", "GRANT READ ON "+InfluxDBApp+" TO "+cfg.ReaderUser); err != nil {
			return err
		}
	}
	return nil
}

func lpString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

func lpTag(s string) string { return strings.NewReplacer(",", `\,`, "=", `\=`, " ", `\ `).Replace(s) }

// InfluxSeedLines returns the line-protocol points Seed writes into each database.
func InfluxSeedLines(s *Synth) map[string][]string {
	out := map[string][]string{}
	t0 := int64(1736121600) // 2025-01-06 00:00:00 UTC
	for h := 1; h <= InfluxCPUHosts; h++ {
		for i := 0; i < InfluxCPUPoints; i++ {
			out[InfluxDBTelemetry] = append(out[InfluxDBTelemetry], fmt.Sprintf("cpu,host=web-%d usage=%d.%d %d",
				h, s.IntN(100), s.IntN(10), (t0+int64(i*60))*1e9))
		}
	}
	paths := []string{"/api/chat", "/api/login", "/api/billing"}
	for i := 0; i < InfluxRequests; i++ {
		p := paths[i%len(paths)]
		out[InfluxDBTelemetry] = append(out[InfluxDBTelemetry], fmt.Sprintf("http_requests,path=%s status=200i,latency_ms=%di,authorization=%s,client_email=%s %d",
			lpTag(p), 10+s.IntN(900), lpString("Bearer "+s.JWT()), lpString(s.Email()), (t0+int64(i*30))*1e9))
	}
	for i := 0; i < InfluxLogins; i++ {
		out[InfluxDBApp] = append(out[InfluxDBApp], fmt.Sprintf("logins,email=%s ip=%s,api_key=%s,phone=%s %d",
			lpTag(s.Email()), lpString(fmt.Sprintf("10.2.%d.%d", i/200, i%200)), lpString(s.OpenAIKey()), lpString(s.Phone()), (t0+int64(i*3600))*1e9))
	}
	for i := 0; i < InfluxChats; i++ {
		for j, m := range chatMessages(s, i) {
			role := []string{"system", "user", "assistant"}[j]
			out[InfluxDBApp] = append(out[InfluxDBApp], fmt.Sprintf("chat_messages,role=%s conversation=%di,message=%s %d",
				role, i, lpString(m), (t0+int64(i*600+j))*1e9))
		}
	}
	return out
}

// LogPath is the file holding the server's output, where it logs every query.
func (s *InfluxDB) LogPath() string { return filepath.Join(s.Dir, "influxd.out") }

// Stop stops the server and removes its directory when StartInfluxDB created it.
func (s *InfluxDB) Stop() error {
	if s == nil {
		return nil
	}
	return s.stopHTTP(s.client, s.Dir)
}

// Record describes the server for a lab manifest.
func (s *InfluxDB) Record(name string) ServerRecord {
	return s.record(ServerRecord{Name: name, Kind: "influxdb", Host: s.Host, Dir: s.Dir, Version: s.Version,
		User: userIf(s.AdminPassword, "admin"), Password: s.AdminPassword,
		Ports: map[string]int{"http": s.Port, "rpc": s.RPCPort}, Targets: []string{s.Addr()}})
}

package lab

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/crypto/bcrypt"
)

// PrometheusConfig says how to start a lab Prometheus. Zero values give an open server
// on a free port of 127.0.0.1 whose configuration holds synthetic credentials.
type PrometheusConfig struct {
	Binary string // prometheus when empty
	Dir    string
	Host   string
	Port   int // 0 picks a free port
	// User and Password turn on basic authentication through --web.config.file (2.24+).
	User, Password string
	// AdminAPIs adds --web.enable-admin-api and --web.enable-lifecycle.
	AdminAPIs bool
	Detach    bool
}

// Prometheus is a running lab server.
type Prometheus struct {
	Host           string
	Port           int
	Dir            string
	Version        string
	User, Password string
	// Secrets are the synthetic credentials written into its configuration.
	Secrets PrometheusSecrets

	process
}

// PrometheusSecrets are the credentials the lab configuration holds: the basic-auth
// password and bearer token Prometheus masks, and the API key in scrape parameters it
// shows.
type PrometheusSecrets struct {
	BasicAuthPassword, BearerToken, ParamAPIKey string
}

// ErrNoPrometheus means prometheus is not installed.
var ErrNoPrometheus = errors.New("prometheus binary not found")

// PrometheusBinary finds prometheus.
func PrometheusBinary() (string, error) {
	return findBinary(ErrNoPrometheus, "prometheus", "/usr/bin/prometheus")
}

var prometheusVersionRE = regexp.MustCompile(`version (\d+\.\d+\.\d+\S*)`)

// PrometheusJobs are the scrape jobs of the lab configuration, each pointing at
// loopback addresses (scrapes of closed ports fail; nothing leaves loopback).
var PrometheusJobs = []string{"prometheus", "node", "billing-api", "payments"}

// StartPrometheus starts a server as configured and waits until it is ready.
func StartPrometheus(ctx context.Context, cfg PrometheusConfig) (*Prometheus, error) {
	bin, err := binaryOr(cfg.Binary, PrometheusBinary)
	if err != nil {
		return nil, err
	}
	if err := checkLoopback(&cfg.Host); err != nil {
		return nil, err
	}
	p := &Prometheus{Host: cfg.Host, Dir: cfg.Dir, User: cfg.User, Password: cfg.Password}
	if err := p.useDir(&p.Dir, "prometheus"); err != nil {
		return nil, err
	}
	if out, err := exec.Command(bin, "--version").CombinedOutput(); err == nil {
		if m := prometheusVersionRE.FindSubmatch(out); m != nil {
			p.Version = string(m[1])
		}
	}
	s := NewSynth(9090)
	p.Secrets = PrometheusSecrets{BasicAuthPassword: s.String(alnum, 24), BearerToken: s.JWT(), ParamAPIKey: s.StripeKey()}
	if err := p.start(p.Dir, cfg.Port != 0, func() (*Process, error) {
		var err error
		if p.Port, err = pickPort(p.Host, cfg.Port); err != nil {
			return nil, err
		}
		args, err := p.writeConfig(cfg)
		if err != nil {
			return nil, err
		}
		return StartProcess(ctx, ProcessSpec{Name: "prometheus", Path: bin, Args: args, Dir: p.Dir, Detach: cfg.Detach,
			Ready: p.ready, ReadyTimeout: time.Minute})
	}); err != nil {
		return nil, err
	}
	return p, nil
}

func (p *Prometheus) writeConfig(cfg PrometheusConfig) ([]string, error) {
	self := p.Addr()
	conf := fmt.Sprintf(`global:
  scrape_interval: 1h
  external_labels:
    env: lab
scrape_configs:
  - job_name: prometheus
    scrape_interval: 1s
    static_configs:
      - targets: [%q]
  - job_name: node
    proxy_url: http://proxyuser:lab-proxy-pw@127.0.0.1:13
    basic_auth:
      username: scraper
      password: %q
    static_configs:
      - targets: ['127.0.0.1:9', '127.0.0.2:9']
        labels: {dc: lab-1}
  - job_name: billing-api
    authorization:
      credentials: %q
    static_configs:
      - targets: ['127.0.0.1:10']
  - job_name: payments
    metrics_path: /probe
    params:
      apikey: [%q]
    static_configs:
      - targets: ['127.0.0.1:11', '127.0.0.1:12']
`, self, p.Secrets.BasicAuthPassword, p.Secrets.BearerToken, p.Secrets.ParamAPIKey)
	if p.User != "" {
		// The server scrapes itself: with basic auth on, it must log in to itself.
		conf = strings.Replace(conf, "  - job_name: prometheus\n", fmt.Sprintf("  - job_name: prometheus\n    basic_auth: {username: %q, password: %q}\n", p.User, p.Password), 1)
	}
	confPath := filepath.Join(p.Dir, "prometheus.yml")
	if err := os.WriteFile(confPath, []byte(conf), 0o600); err != nil {
		return nil, fmt.Errorf("lab: %w", err)
	}
	args := []string{"--config.file=" + confPath, "--web.listen-address=" + self,
		"--storage.tsdb.path=" + filepath.Join(p.Dir, "data"), "--log.level=warn",
		// Targets appear after the first discovery round: 5 s by default.
		"--scrape.discovery-reload-interval=200ms"}
	if cfg.AdminAPIs {
		args = append(args, "--web.enable-admin-api", "--web.enable-lifecycle")
	}
	if p.User != "" {
		hash, err := bcrypt.GenerateFromPassword([]byte(p.Password), bcrypt.MinCost)
		if err != nil {
			return nil, err
		}
		web := filepath.Join(p.Dir, "web.yml")
		if err := os.WriteFile(web, []byte(fmt.Sprintf("basic_auth_users:\n  %s: %s\n", p.User, hash)), 0o600); err != nil {
			return nil, fmt.Errorf("lab: %w", err)
		}
		args = append(args, "--web.config.file="+web)
	}
	return args, nil
}

func (p *Prometheus) ready(ctx context.Context) error {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+p.Addr()+"/-/ready", nil)
	if p.User != "" {
		req.SetBasicAuth(p.User, p.Password)
	}
	resp, err := (&http.Client{Transport: &http.Transport{Proxy: nil}}).Do(req)
	if err != nil {
		return err
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 4096))
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("/-/ready answered %d", resp.StatusCode)
	}
	// Ready once service discovery has produced the targets, so that tests see them.
	req, _ = http.NewRequestWithContext(ctx, http.MethodGet, "http://"+p.Addr()+"/api/v1/targets", nil)
	if p.User != "" {
		req.SetBasicAuth(p.User, p.Password)
	}
	resp, err = (&http.Client{Transport: &http.Transport{Proxy: nil}}).Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if n := strings.Count(string(b), `"scrapeUrl"`); n < 6 || !strings.Contains(string(b), `"health":"up"`) {
		return fmt.Errorf("%d targets discovered so far, none scraped", n)
	}
	return nil
}

// Addr is "host:port".
func (p *Prometheus) Addr() string { return net.JoinHostPort(p.Host, strconv.Itoa(p.Port)) }

// Stop stops the server and removes its directory when StartPrometheus created it.
func (p *Prometheus) Stop() error {
	if p == nil {
		return nil
	}
	return p.stop(p.Dir)
}

// Record describes the server for a lab manifest.
func (p *Prometheus) Record(name string) ServerRecord {
	return p.record(ServerRecord{Name: name, Kind: "prometheus", Host: p.Host, Dir: p.Dir, Version: p.Version,
		User: p.User, Password: p.Password,
		Ports: map[string]int{"http": p.Port}, Targets: []string{p.Addr()}})
}

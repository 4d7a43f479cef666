package lab

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// MinIOConfig says how to start a lab MinIO (single drive). Zero values give one whose
// root account is the built-in default minioadmin/minioadmin, on a free port of
// 127.0.0.1.
type MinIOConfig struct {
	Binary string // the cached build (scripts/build-servers.sh) when empty
	Dir    string
	Host   string
	Port   int
	// RootUser and RootPassword replace minioadmin/minioadmin (the protected variant).
	RootUser, RootPassword string
	// Audit sends MinIO's audit log (one JSON line per API call) to a receiver in this
	// process, which writes it to Dir/audit.log: the read-only proof of a scan. Not for
	// detached servers, which outlive the receiver.
	Audit  bool
	Detach bool
}

// MinIO is a running lab server.
type MinIO struct {
	Host                   string
	Port                   int
	Dir                    string
	Version                string // "RELEASE.2026-02-12T20-18-48Z", as `minio --version` says
	RootUser, RootPassword string
	AuditLog               string

	process
	client *http.Client
	audit  *http.Server
	mu     sync.Mutex
}

// MinIOBinary finds the cached MinIO build.
func MinIOBinary() (string, error) { return cachedBinary("minio") }

var minioVersionRE = regexp.MustCompile(`version (RELEASE\.\S+|DEVELOPMENT\.\S+)`)

// StartMinIO starts MinIO and waits until it is live.
func StartMinIO(ctx context.Context, cfg MinIOConfig) (*MinIO, error) {
	bin, err := binaryOr(cfg.Binary, MinIOBinary)
	if err != nil {
		return nil, err
	}
	if err := checkLoopback(&cfg.Host); err != nil {
		return nil, err
	}
	if cfg.RootUser == "" {
		cfg.RootUser, cfg.RootPassword = "minioadmin", "minioadmin"
	}
	m := &MinIO{Host: cfg.Host, Dir: cfg.Dir, RootUser: cfg.RootUser, RootPassword: cfg.RootPassword,
		client: &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{Proxy: nil}}}
	if err := m.useDir(&m.Dir, "minio"); err != nil {
		return nil, err
	}
	m.Version = binaryVersion(minioVersionRE, bin, "--version")
	env := []string{"MINIO_ROOT_USER=" + cfg.RootUser, "MINIO_ROOT_PASSWORD=" + cfg.RootPassword,
		"MINIO_BROWSER=off", "MINIO_UPDATE=off", "MINIO_CALLHOME_ENABLE=off"}
	if cfg.Audit {
		addr, err := m.startAuditReceiver()
		if err != nil {
			return nil, err
		}
		env = append(env, "MINIO_AUDIT_WEBHOOK_ENABLE_LAB=on", "MINIO_AUDIT_WEBHOOK_ENDPOINT_LAB=http://"+addr+"/audit")
	}
	data := filepath.Join(m.Dir, "data")
	if err := m.start(m.Dir, cfg.Port != 0, func() (*Process, error) {
		var err error
		m.Port = cfg.Port
		if m.Port == 0 {
			if m.Port, err = minioFreePort(m.Host); err != nil {
				return nil, err
			}
		}
		console, err := minioFreePort(m.Host)
		if err != nil {
			return nil, err
		}
		_ = os.RemoveAll(data)
		if err := os.MkdirAll(data, 0o700); err != nil {
			return nil, fmt.Errorf("lab: %w", err)
		}
		args := []string{"server", data, "--address", m.Addr(), "--console-address", net.JoinHostPort(m.Host, strconv.Itoa(console)), "--quiet"}
		return StartProcess(ctx, ProcessSpec{Name: "minio", Path: bin, Args: args, Dir: m.Dir, Detach: cfg.Detach, Env: env,
			Ready: m.ready, ReadyTimeout: 90 * time.Second})
	}); err != nil {
		m.stopAudit()
		return nil, err
	}
	return m, nil
}

func (m *MinIO) ready(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+m.Addr()+"/minio/health/ready", nil)
	if err != nil {
		return err
	}
	resp, err := m.client.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("health: HTTP %d", resp.StatusCode)
	}
	// Live and ready come before the object layer is: a listing proves that.
	if err := m.put(ctx, http.MethodGet, "/", nil); err != nil {
		return err
	}
	return m.iamReady(ctx)
}

// iamReady fails while MinIO still answers an unsigned request with 503
// XMinioIAMNotInitialized: the root account's signed listing works before IAM has
// loaded, but until then every other caller (a scan among them) is refused, and a test
// that scans right after start would see an error instead of "authentication required".
func (m *MinIO) iamReady(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+m.Addr()+"/", nil)
	if err != nil {
		return err
	}
	resp, err := m.client.Do(req)
	if err != nil {
		return err
	}
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<10))
	resp.Body.Close()
	if resp.StatusCode == http.StatusServiceUnavailable {
		return fmt.Errorf("unsigned request: HTTP 503 (%s)", iamCode(b))
	}
	return nil
}

// iamCode is the <Code> of an S3 error body, for the ready error's text.
func iamCode(b []byte) string {
	_, after, ok := bytes.Cut(b, []byte("<Code>"))
	if !ok {
		return "no code"
	}
	code, _, _ := bytes.Cut(after, []byte("</Code>"))
	if len(code) > 64 {
		code = code[:64]
	}
	return string(code)
}

// Addr is the S3 API's "host:port".
func (m *MinIO) Addr() string { return net.JoinHostPort(m.Host, strconv.Itoa(m.Port)) }

// startAuditReceiver listens on a free loopback port and appends every audit entry
// MinIO posts to AuditLog, one a line.
func (m *MinIO) startAuditReceiver() (string, error) {
	l, err := net.Listen("tcp", net.JoinHostPort(m.Host, "0"))
	if err != nil {
		return "", fmt.Errorf("lab: %w", err)
	}
	m.AuditLog = filepath.Join(m.Dir, "audit.log")
	m.audit = &http.Server{ReadHeaderTimeout: 5 * time.Second, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		m.mu.Lock()
		defer m.mu.Unlock()
		if f, err := os.OpenFile(m.AuditLog, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600); err == nil {
			f.Write(append(bytes.TrimSpace(b), '\n'))
			f.Close()
		}
	})}
	go m.audit.Serve(l)
	return l.Addr().String(), nil
}

func (m *MinIO) stopAudit() {
	if m.audit != nil {
		_ = m.audit.Close()
	}
}

// AuditEntries returns, for every audit entry after line offset, "API METHOD" (MinIO
// names each call: ListBuckets, GetObject, …; the method is the HTTP request's when the
// entry carries it), and the number of lines read. It waits for the webhook, which
// posts asynchronously, to fall quiet first.
func (m *MinIO) AuditEntries(offset int) ([]string, int) {
	read := func() []string {
		m.mu.Lock()
		defer m.mu.Unlock()
		b, _ := os.ReadFile(m.AuditLog)
		if t := strings.TrimSpace(string(b)); t != "" {
			return strings.Split(t, "\n")
		}
		return nil
	}
	lines := read()
	for range 20 {
		time.Sleep(100 * time.Millisecond)
		next := read()
		if len(next) == len(lines) {
			break
		}
		lines = next
	}
	var out []string
	for i := offset; i < len(lines); i++ {
		var e struct {
			API struct {
				Name   string `json:"name"`
				Method string `json:"method"`
			} `json:"api"`
		}
		_ = json.Unmarshal([]byte(lines[i]), &e)
		out = append(out, strings.TrimSpace(e.API.Name+" "+e.API.Method))
	}
	return out, len(lines)
}

// put is the lab's administrative channel: a SigV4-signed request as the root account.
func (m *MinIO) put(ctx context.Context, method, path string, body []byte) error {
	return m.putWith(ctx, method, path, body, nil)
}

// putWith is put with the request's own headers (object metadata: X-Amz-Meta-*).
func (m *MinIO) putWith(ctx context.Context, method, path string, body []byte, hdr http.Header) error {
	req, err := http.NewRequestWithContext(ctx, method, "http://"+m.Addr()+path, bytes.NewReader(body))
	if err != nil {
		return err
	}
	for k, vs := range hdr {
		req.Header[k] = vs
	}
	sum := sha256.Sum256(body)
	hash := hex.EncodeToString(sum[:])
	req.Header.Set("X-Amz-Content-Sha256", hash)
	creds := aws.Credentials{AccessKeyID: m.RootUser, SecretAccessKey: m.RootPassword}
	if err := v4.NewSigner().SignHTTP(ctx, creds, req, hash, "s3", "us-east-1", time.Now().UTC()); err != nil {
		return err
	}
	resp, err := m.client.Do(req)
	if err != nil {
		return fmt.Errorf("lab: minio %s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("lab: minio %s %s: HTTP %d: %s", method, path, resp.StatusCode, bytes.TrimSpace(b))
	}
	return nil
}

// MinIOSeed returns the objects of the lab by bucket and key.
func MinIOSeed(s *Synth) map[string]map[string]string {
	p := minioPlanted(s)
	id, secret := p["aws-id"], p["aws-secret"]
	var dump strings.Builder
	dump.WriteString("-- customers export 2025-01-06\nINSERT INTO customers (email, phone) VALUES\n")
	for i := range 10 {
		if i > 0 {
			dump.WriteString(",\n")
		}
		fmt.Fprintf(&dump, "  ('%s', '%s')", s.Email(), s.Phone())
	}
	dump.WriteString(";\n")
	var chat strings.Builder
	for i := range 3 {
		q, a := exchange(s, 200+i)
		fmt.Fprintf(&chat, "{\"role\":\"user\",\"content\":%s}\n{\"role\":\"assistant\",\"content\":%s}\n", jsonString(q), jsonString(a))
	}
	return map[string]map[string]string{
		"backups": {
			"ci/deploy.env": "# deploy credentials\nAWS_ACCESS_KEY_ID=" + id + "\nAWS_SECRET_ACCESS_KEY=" + secret +
				"\nGITHUB_TOKEN=" + p["github"] + "\n",
			"db/customers-2025-01-06.sql": dump.String(),
		},
		"app-config": {
			"prod/settings.json": fmt.Sprintf("{\"stripe_secret_key\":%s,\"slack_bot_token\":%s}\n", jsonString(p["stripe"]), jsonString(p["slack"])),
		},
		"chat-logs": {
			"2025/01/06/session-1.jsonl": chat.String(),
		},
	}
}

func minioPlanted(s *Synth) map[string]string {
	id, secret := s.AWSKeyPair()
	return map[string]string{"aws-id": id, "aws-secret": secret, "github": s.GitHubToken(), "stripe": s.StripeKey(), "slack": s.SlackBotToken()}
}

// MinIOPlanted lists the secrets Seed plants and where a scan must find them: the
// bucket, the object key, and "content".
func MinIOPlanted() []Planted {
	p := minioPlanted(NewSynth(9000))
	return []Planted{
		{Database: "backups", Table: "ci/deploy.env", Column: "content", Kind: "aws-access-key-id", Value: p["aws-id"]},
		{Database: "backups", Table: "ci/deploy.env", Column: "content", Kind: "aws-secret-access-key", Value: p["aws-secret"]},
		{Database: "backups", Table: "ci/deploy.env", Column: "content", Kind: "github-token", Value: p["github"]},
		{Database: "app-config", Table: "prod/settings.json", Column: "content", Kind: "stripe-secret-key", Value: p["stripe"]},
		{Database: "app-config", Table: "prod/settings.json", Column: "content", Kind: "slack-bot-token", Value: p["slack"]},
	}
}

// Seed creates the buckets and objects as the root account.
func (m *MinIO) Seed(ctx context.Context) error {
	for bucket, objects := range MinIOSeed(NewSynth(9000)) {
		if err := m.put(ctx, http.MethodPut, "/"+bucket, nil); err != nil {
			return err
		}
		for key, body := range objects {
			if err := m.put(ctx, http.MethodPut, "/"+bucket+"/"+key, []byte(body)); err != nil {
				return err
			}
		}
	}
	return nil
}

// Stop stops the server (and the audit receiver) and removes its directory when
// StartMinIO created it.
func (m *MinIO) Stop() error {
	if m == nil {
		return nil
	}
	m.client.CloseIdleConnections()
	err := m.stop(m.Dir)
	m.stopAudit()
	return err
}

// Record describes the server for a lab manifest.
func (m *MinIO) Record(name string) ServerRecord {
	return m.record(ServerRecord{Name: name, Kind: "minio", Host: m.Host, Dir: m.Dir, Version: m.Version,
		User: m.RootUser, Password: m.RootPassword,
		Ports: map[string]int{"s3": m.Port}, Targets: []string{m.Addr()}})
}

// SeedFlood adds buckets flood-0 … flood-(buckets-1), each holding objects text objects
// of size bytes (flood-<b>/obj-<i>.txt, lines of printable filler with no secret), as
// a hostile or careless store holds: every one of them is within the per-table caps, so
// only the scan's per-endpoint sample budget bounds what a scan reads of them. Objects
// are put a few at a time.
func (m *MinIO) SeedFlood(ctx context.Context, buckets, objects, size int) error {
	line := "flood filler line: nothing secret here, only bytes to be sampled.\n"
	body := []byte(strings.Repeat(line, size/len(line)+1)[:size])
	type put struct{ path string }
	work := make(chan put)
	errs := make(chan error, 1)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range work {
				if err := m.put(ctx, http.MethodPut, p.path, body); err != nil {
					select {
					case errs <- err:
					default:
					}
				}
			}
		}()
	}
	var err error
	for b := 0; b < buckets && err == nil; b++ {
		bucket := "/flood-" + strconv.Itoa(b)
		if err = m.put(ctx, http.MethodPut, bucket, nil); err != nil {
			break
		}
		for i := range objects {
			work <- put{bucket + "/obj-" + strconv.Itoa(i) + ".txt"}
		}
	}
	close(work)
	wg.Wait()
	if err != nil {
		return err
	}
	select {
	case err := <-errs:
		return err
	default:
		return nil
	}
}

// PutObject creates bucket when it is new and writes one object into it as the root
// account: for tools that seed their own objects (tools/storeeval).
func (m *MinIO) PutObject(ctx context.Context, bucket, key string, body []byte) error {
	if err := m.put(ctx, http.MethodPut, "/"+bucket, nil); err != nil && !strings.Contains(err.Error(), "BucketAlready") {
		return err
	}
	return m.put(ctx, http.MethodPut, "/"+bucket+"/"+key, body)
}

// PutObjectMeta is PutObject with user metadata: each name is sent as X-Amz-Meta-<name>.
func (m *MinIO) PutObjectMeta(ctx context.Context, bucket, key string, body []byte, meta map[string]string) error {
	if err := m.put(ctx, http.MethodPut, "/"+bucket, nil); err != nil && !strings.Contains(err.Error(), "BucketAlready") {
		return err
	}
	hdr := http.Header{}
	for k, v := range meta {
		hdr.Set("X-Amz-Meta-"+k, v)
	}
	return m.putWith(ctx, http.MethodPut, "/"+bucket+"/"+key, body, hdr)
}

// minioCandidatePort proposes a port free on host (a variable so that a test can
// propose one that 127.0.0.1 holds).
var minioCandidatePort = FreePort

// minioFreePort returns a port free on host and on 127.0.0.1. MinIO listens on the
// address it is given and on localhost at the same port (with SO_REUSEPORT): a MinIO on
// 127.0.0.2:N would share 127.0.0.1:N with whatever listens there, and the kernel would
// hand it half of that server's connections.
func minioFreePort(host string) (int, error) {
	for range 50 {
		p, err := minioCandidatePort(host)
		if err != nil {
			return 0, err
		}
		if host == "127.0.0.1" || PortFree("127.0.0.1", p) {
			return p, nil
		}
	}
	return 0, fmt.Errorf("lab: no port of %s is also free on 127.0.0.1", host)
}

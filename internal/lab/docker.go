package lab

import (
	"archive/tar"
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// DockerConfig says how to start a lab Docker Engine: dockerd with its own data and
// exec roots, its own containerd, no bridge and no iptables rules, listening on one
// loopback TCP port — and nothing system-wide (no /var/run/docker.sock, no
// /var/lib/docker). It needs root, as dockerd does.
type DockerConfig struct {
	Binary string // dockerd when empty
	Dir    string
	Host   string
	Port   int
	// TLSVerify demands client certificates signed by the lab's own CA (--tlsverify):
	// the protected variant. The lab keeps a client certificate to seed it.
	TLSVerify bool
	Detach    bool
}

// Docker is a running lab daemon. With debug logging on, dockerd logs every API call it
// serves ("Calling GET /version") to its output: the read-only proof of a scan.
type Docker struct {
	Host      string
	Port      int
	Dir       string
	Version   string // "20.10.24+dfsg1", as GET /version says
	TLSVerify bool
	// CA, ClientCert and ClientKey are the lab's CA and its client's pair (TLSVerify).
	CA, ClientCert, ClientKey string

	process
	client *http.Client
	base   string
}

// ErrNoDocker means dockerd is not installed (Debian: docker.io).
var ErrNoDocker = errors.New("dockerd not found")

// DockerBinary finds dockerd.
func DockerBinary() (string, error) {
	return findBinary(ErrNoDocker, "dockerd", "/usr/sbin/dockerd", "/usr/bin/dockerd")
}

// StaticBusybox is the static binary the lab's images are built around (FROM scratch).
func StaticBusybox() (string, error) {
	return findBinary(errors.New("static busybox not found (Debian: busybox-static)"), "busybox", "/bin/busybox", "/usr/bin/busybox")
}

// StartDocker starts dockerd and waits until the API answers.
func StartDocker(ctx context.Context, cfg DockerConfig) (*Docker, error) {
	bin, err := binaryOr(cfg.Binary, DockerBinary)
	if err != nil {
		return nil, err
	}
	if err := checkLoopback(&cfg.Host); err != nil {
		return nil, err
	}
	if os.Geteuid() != 0 {
		return nil, errors.New("lab: dockerd needs root")
	}
	d := &Docker{Host: cfg.Host, Dir: cfg.Dir, TLSVerify: cfg.TLSVerify}
	if err := d.useDir(&d.Dir, "docker"); err != nil {
		return nil, err
	}
	tr := &http.Transport{Proxy: nil}
	d.client = &http.Client{Timeout: 60 * time.Second, Transport: tr}
	scheme := "http"
	if cfg.TLSVerify {
		if err := d.writeCerts(); err != nil {
			return nil, err
		}
		pair, err := tls.LoadX509KeyPair(d.ClientCert, d.ClientKey)
		if err != nil {
			return nil, fmt.Errorf("lab: %w", err)
		}
		pool := x509.NewCertPool()
		caPEM, _ := os.ReadFile(d.CA)
		pool.AppendCertsFromPEM(caPEM)
		tr.TLSClientConfig = &tls.Config{Certificates: []tls.Certificate{pair}, RootCAs: pool, MinVersion: tls.VersionTLS12}
		scheme = "https"
	}
	if err := d.start(d.Dir, cfg.Port != 0, func() (*Process, error) {
		var err error
		if d.Port, err = pickPort(d.Host, cfg.Port); err != nil {
			return nil, err
		}
		d.base = scheme + "://" + d.Addr()
		args := []string{"-H", "tcp://" + d.Addr(),
			"--data-root", filepath.Join(d.Dir, "data"), "--exec-root", filepath.Join(d.Dir, "exec"),
			"--pidfile", filepath.Join(d.Dir, "docker.pid"),
			"--bridge=none", "--iptables=false", "--ip6tables=false", "--ip-masq=false",
			// vfs works on any filesystem (overlay2 does not nest in every container).
			"--storage-driver=vfs", "--debug", "--log-level=debug"}
		if cfg.TLSVerify {
			args = append(args, "--tlsverify", "--tlscacert", d.CA,
				"--tlscert", filepath.Join(d.Dir, "server-cert.pem"), "--tlskey", filepath.Join(d.Dir, "server-key.pem"))
		}
		return StartProcess(ctx, ProcessSpec{Name: "dockerd", Path: bin, Args: args, Dir: d.Dir, Detach: cfg.Detach,
			Ready: d.ready, ReadyTimeout: 90 * time.Second})
	}); err != nil {
		ReapDocker(d.Dir)
		return nil, err
	}
	var v struct{ Version string }
	if err := d.call(ctx, http.MethodGet, "/version", nil, "", &v); err != nil {
		_ = d.Stop()
		return nil, err
	}
	d.Version = v.Version
	return d, nil
}

func (d *Docker) ready(ctx context.Context) error {
	return d.call(ctx, http.MethodGet, "/_ping", nil, "", nil)
}

// Addr is "host:port".
func (d *Docker) Addr() string { return net.JoinHostPort(d.Host, strconv.Itoa(d.Port)) }

// call is the lab's administrative channel (it builds, creates and starts).
func (d *Docker) call(ctx context.Context, method, path string, body io.Reader, ctype string, out any) error {
	req, err := http.NewRequestWithContext(ctx, method, d.base+path, body)
	if err != nil {
		return err
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	return doJSON(d.client, req, "docker "+method+" "+path, out)
}

// DockerImage is an image the lab makes FROM scratch around a static busybox.
type DockerImage struct {
	Tag    string
	Env    []string          // ENV lines, KEY=value
	Labels map[string]string // LABEL lines
}

// DockerContainer is a container the lab creates (and starts) from an image.
type DockerContainer struct {
	Name       string
	Image      string
	Env        []string
	Labels     map[string]string
	Privileged bool
	// Created only: not started (a privileged container needs capabilities a sandboxed
	// lab host may not grant; inspecting it shows the same).
	Created bool
}

// DockerSeed is what Seed builds and runs: two images whose ENV and LABELs hold
// credentials, and three containers with credentials in their environment and labels
// (one privileged).
func DockerSeed(s *Synth) ([]DockerImage, []DockerContainer) {
	p := dockerPlanted(s)
	images := []DockerImage{
		{Tag: "lab/billing-api:1.4", Env: []string{"STRIPE_API_KEY=" + p["image-env"], "LOG_LEVEL=info"},
			Labels: map[string]string{"org.opencontainers.image.title": "billing-api", "com.example.deploy-token": p["image-label"]}},
		{Tag: "lab/worker:2025.01", Env: []string{"QUEUE=jobs"}, Labels: map[string]string{"maintainer": "ops@example.com"}},
	}
	containers := []DockerContainer{
		{Name: "billing-api", Image: "lab/billing-api:1.4",
			Env:    []string{"DATABASE_URL=" + p["container-env-dsn"], "OPENAI_API_KEY=" + p["container-env"]},
			Labels: map[string]string{"com.example.team": "payments", "com.example.slack-webhook-token": p["container-label"]}},
		{Name: "worker", Image: "lab/worker:2025.01", Env: []string{"CONCURRENCY=4"}},
		{Name: "ops-debug", Image: "lab/worker:2025.01", Privileged: true, Created: true, Env: []string{"DEBUG=1"}},
	}
	return images, containers
}

func dockerPlanted(s *Synth) map[string]string {
	return map[string]string{"image-env": s.StripeKey(), "image-label": s.GitHubToken(), "container-env": s.OpenAIKey(),
		"container-env-dsn": s.PostgresDSN(), "container-label": s.SlackBotToken()}
}

// DockerPlanted lists the secrets Seed plants and where a scan must find them: images
// by tag and containers by name, in their "env" or "labels".
func DockerPlanted() []Planted {
	p := dockerPlanted(NewSynth(2375))
	return []Planted{
		{Database: "images", Table: "lab/billing-api:1.4", Column: "env", Kind: "stripe-key in image ENV", Value: p["image-env"]},
		{Database: "images", Table: "lab/billing-api:1.4", Column: "labels", Kind: "github-token in image LABEL", Value: p["image-label"]},
		{Database: "containers", Table: "billing-api", Column: "env", Kind: "openai-key in container env", Value: p["container-env"]},
		{Database: "containers", Table: "billing-api", Column: "env", Kind: "postgres-dsn-password in container env", Value: dsnPassword(p["container-env-dsn"])},
		{Database: "containers", Table: "billing-api", Column: "labels", Kind: "slack-token in container label", Value: p["container-label"]},
	}
}

// Seed builds the images and creates and starts the containers. The containers sleep,
// without network, and stop at once (STOPSIGNAL SIGKILL) when the daemon stops.
func (d *Docker) Seed(ctx context.Context) error {
	bb, err := StaticBusybox()
	if err != nil {
		return err
	}
	images, containers := DockerSeed(NewSynth(2375))
	for _, img := range images {
		if err := d.build(ctx, bb, img); err != nil {
			return err
		}
	}
	for _, c := range containers {
		var created struct{ ID string }
		body, _ := json.Marshal(map[string]any{"Image": c.Image, "Env": c.Env, "Labels": c.Labels,
			"HostConfig": map[string]any{"NetworkMode": "none", "Privileged": c.Privileged}})
		if err := d.call(ctx, http.MethodPost, "/containers/create?name="+url.QueryEscape(c.Name), bytes.NewReader(body), "application/json", &created); err != nil {
			return err
		}
		if c.Created {
			continue
		}
		if err := d.call(ctx, http.MethodPost, "/containers/"+created.ID+"/start", nil, "", nil); err != nil {
			return fmt.Errorf("%w\n%s", err, d.Logs())
		}
	}
	return nil
}

// build loads img as a docker-archive (what `docker save` writes): one layer holding
// /bin/busybox, and an image configuration with img's ENV, LABELs and command — the
// image a Dockerfile FROM scratch with COPY, ENV, LABEL, STOPSIGNAL and CMD builds, in
// one call instead of a build step per line.
func (d *Docker) build(ctx context.Context, busybox string, img DockerImage) error {
	bin, err := os.ReadFile(busybox)
	if err != nil {
		return fmt.Errorf("lab: %w", err)
	}
	var layer bytes.Buffer
	lw := tar.NewWriter(&layer)
	created := time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC)
	for _, h := range []*tar.Header{
		{Name: "bin/", Typeflag: tar.TypeDir, Mode: 0o755, ModTime: created},
		{Name: "bin/busybox", Typeflag: tar.TypeReg, Mode: 0o755, Size: int64(len(bin)), ModTime: created},
	} {
		if err := lw.WriteHeader(h); err != nil {
			return err
		}
	}
	if _, err := lw.Write(bin); err != nil {
		return err
	}
	if err := lw.Close(); err != nil {
		return err
	}
	layerSum := sha256.Sum256(layer.Bytes())
	layerID := hex.EncodeToString(layerSum[:])
	config, err := json.Marshal(map[string]any{
		"architecture": runtime.GOARCH, "os": "linux", "created": created,
		"config": map[string]any{"Env": img.Env, "Labels": img.Labels, "StopSignal": "SIGKILL",
			"Cmd": []string{"/bin/busybox", "sleep", "86400"}},
		"rootfs":  map[string]any{"type": "layers", "diff_ids": []string{"sha256:" + layerID}},
		"history": []map[string]any{{"created": created, "created_by": "COPY busybox /bin/busybox"}},
	})
	if err != nil {
		return err
	}
	configSum := sha256.Sum256(config)
	configName := hex.EncodeToString(configSum[:]) + ".json"
	manifest, _ := json.Marshal([]map[string]any{{"Config": configName, "RepoTags": []string{img.Tag},
		"Layers": []string{layerID + "/layer.tar"}}})
	var archive bytes.Buffer
	tw := tar.NewWriter(&archive)
	for _, f := range []struct {
		name string
		data []byte
	}{{layerID + "/layer.tar", layer.Bytes()}, {configName, config}, {"manifest.json", manifest}} {
		if err := tw.WriteHeader(&tar.Header{Name: f.name, Mode: 0o644, Size: int64(len(f.data)), ModTime: created}); err != nil {
			return err
		}
		if _, err := tw.Write(f.data); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	if err := d.call(ctx, http.MethodPost, "/images/load?quiet=1", &archive, "application/x-tar", nil); err != nil {
		return fmt.Errorf("lab: loading image %s: %w", img.Tag, err)
	}
	return nil
}

// apiCallRE matches dockerd's debug line for each API request it serves.
var apiCallRE = regexp.MustCompile(`msg="Calling (\S+) (\S+)"`)

// LogSize is the size of dockerd's output now: APICallsSince reads what follows.
func (d *Docker) LogSize() int64 {
	st, err := os.Stat(filepath.Join(d.Dir, "dockerd.out"))
	if err != nil {
		return 0
	}
	return st.Size()
}

// APICallsSince returns "METHOD /path" of every API request dockerd logged after
// offset.
func (d *Docker) APICallsSince(offset int64) []string {
	b, _ := os.ReadFile(filepath.Join(d.Dir, "dockerd.out"))
	if offset > int64(len(b)) {
		offset = 0
	}
	var out []string
	for _, m := range apiCallRE.FindAllSubmatch(b[offset:], -1) {
		out = append(out, string(m[1])+" "+string(m[2]))
	}
	return out
}

// Stop stops dockerd (which stops its containers and its containerd), then kills
// whatever of the daemon's is left — containerd shims and their containers, which
// outlive a daemon that was killed — and unmounts what it left mounted under Dir.
func (d *Docker) Stop() error {
	if d == nil {
		return nil
	}
	if d.client != nil {
		d.client.CloseIdleConnections()
	}
	var err error
	if d.proc != nil {
		err = d.proc.Stop()
	}
	ReapDocker(d.Dir)
	if d.removeDir {
		_ = os.RemoveAll(d.Dir)
	}
	return err
}

// ReapDocker kills every process whose command line names dir (containerd and its
// shims, given dir's sockets) and their descendants (the containers), then unmounts
// everything mounted under dir. cmd/leaklab calls it after stopping a detached daemon.
func ReapDocker(dir string) {
	if dir == "" {
		return
	}
	parents := map[int]int{}
	var roots []int
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid == os.Getpid() {
			continue
		}
		if stat, err := os.ReadFile("/proc/" + e.Name() + "/stat"); err == nil {
			s := string(stat)
			if i := strings.LastIndexByte(s, ')'); i >= 0 {
				if f := strings.Fields(s[i+1:]); len(f) > 1 {
					parents[pid], _ = strconv.Atoi(f[1])
				}
			}
		}
		if cmd, err := os.ReadFile("/proc/" + e.Name() + "/cmdline"); err == nil && bytes.Contains(cmd, []byte(dir)) {
			roots = append(roots, pid)
		}
	}
	kill := map[int]bool{}
	for _, r := range roots {
		kill[r] = true
	}
	for changed := true; changed; {
		changed = false
		for pid, ppid := range parents {
			if kill[ppid] && !kill[pid] {
				kill[pid], changed = true, true
			}
		}
	}
	for pid := range kill {
		_ = syscall.Kill(pid, syscall.SIGKILL)
	}
	for i := 0; i < 100; i++ {
		alive := false
		for pid := range kill {
			if ProcessAlive(pid) {
				alive = true
			}
		}
		if !alive {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	unmountUnder(dir)
}

// unmountUnder detaches every mount point at or below dir, deepest first.
func unmountUnder(dir string) {
	b, err := os.ReadFile("/proc/self/mountinfo")
	if err != nil {
		return
	}
	var points []string
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) < 5 {
			continue
		}
		p := f[4]
		if p == dir || strings.HasPrefix(p, dir+"/") {
			points = append(points, p)
		}
	}
	for i := len(points) - 1; i >= 0; i-- {
		_ = syscall.Unmount(points[i], syscall.MNT_DETACH)
	}
}

// writeCerts makes the lab's CA, a server certificate for Host and a client
// certificate, both signed by it.
func (d *Docker) writeCerts() error {
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	now := time.Now()
	ca := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "leakwatch lab docker CA"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(7 * 24 * time.Hour), IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature}
	caDER, err := x509.CreateCertificate(rand.Reader, ca, ca, &caKey.PublicKey, caKey)
	if err != nil {
		return err
	}
	caCert, _ := x509.ParseCertificate(caDER)
	d.CA = filepath.Join(d.Dir, "ca.pem")
	if err := os.WriteFile(d.CA, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER}), 0o600); err != nil {
		return err
	}
	issue := func(serial int64, name string, usage x509.ExtKeyUsage, ips []net.IP) (string, string, error) {
		key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			return "", "", err
		}
		tmpl := &x509.Certificate{SerialNumber: big.NewInt(serial), Subject: pkix.Name{CommonName: name},
			NotBefore: now.Add(-time.Hour), NotAfter: now.Add(7 * 24 * time.Hour), IPAddresses: ips,
			KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{usage}}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, caCert, &key.PublicKey, caKey)
		if err != nil {
			return "", "", err
		}
		keyDER, err := x509.MarshalPKCS8PrivateKey(key)
		if err != nil {
			return "", "", err
		}
		cp, kp := filepath.Join(d.Dir, name+"-cert.pem"), filepath.Join(d.Dir, name+"-key.pem")
		if err := os.WriteFile(cp, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
			return "", "", err
		}
		return cp, kp, os.WriteFile(kp, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}), 0o600)
	}
	if _, _, err := issue(2, "server", x509.ExtKeyUsageServerAuth, []net.IP{net.ParseIP(d.Host)}); err != nil {
		return fmt.Errorf("lab: %w", err)
	}
	if d.ClientCert, d.ClientKey, err = issue(3, "client", x509.ExtKeyUsageClientAuth, nil); err != nil {
		return fmt.Errorf("lab: %w", err)
	}
	return nil
}

// Record describes the daemon for a lab manifest.
func (d *Docker) Record(name string) ServerRecord {
	note := "no TLS, no authentication"
	if d.TLSVerify {
		note = "--tlsverify: client certificates of the lab CA only (" + d.CA + ")"
	}
	return d.record(ServerRecord{Name: name, Kind: "docker", Host: d.Host, Dir: d.Dir, Version: d.Version,
		Ports: map[string]int{"api": d.Port}, Targets: []string{d.Addr()}, Note: note})
}

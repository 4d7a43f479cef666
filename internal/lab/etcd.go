package lab

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// EtcdUser is an extra user of a lab etcd with authentication: it gets a role that may
// read keys under ReadPrefix.
type EtcdUser struct {
	Name, Password, ReadPrefix string
}

// EtcdConfig says how to start a lab etcd. Zero values give a single member without
// authentication on free ports of 127.0.0.1 in a temporary directory.
type EtcdConfig struct {
	Binary     string // etcd when empty
	Dir        string
	Host       string
	ClientPort int // 0 picks a free port
	PeerPort   int
	// RootPassword, when set, creates the root user after seeding and enables
	// authentication, the way an operator does it (etcdctl user add root; auth enable).
	RootPassword string
	Users        []EtcdUser
	Detach       bool
}

// Etcd is a running lab member.
type Etcd struct {
	Host                 string
	ClientPort, PeerPort int
	Dir                  string
	Version              string
	RootPassword         string

	process
	client *http.Client
}

// ErrNoEtcd means etcd is not installed.
var ErrNoEtcd = errors.New("etcd binary not found")

// EtcdBinary finds etcd.
func EtcdBinary() (string, error) { return findBinary(ErrNoEtcd, "etcd", "/usr/bin/etcd") }

var etcdVersionRE = regexp.MustCompile(`etcd Version: (\d+\.\d+\.\d+)`)

// StartEtcd starts a single-member cluster and waits until it answers.
func StartEtcd(ctx context.Context, cfg EtcdConfig) (*Etcd, error) {
	bin, err := binaryOr(cfg.Binary, EtcdBinary)
	if err != nil {
		return nil, err
	}
	if err := checkLoopback(&cfg.Host); err != nil {
		return nil, err
	}
	e := &Etcd{Host: cfg.Host, Dir: cfg.Dir, client: &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{Proxy: nil}}}
	if err := e.useDir(&e.Dir, "etcd"); err != nil {
		return nil, err
	}
	e.Version = binaryVersion(etcdVersionRE, bin, "--version")
	if err := e.start(e.Dir, cfg.ClientPort != 0, func() (*Process, error) {
		e.ClientPort, e.PeerPort = cfg.ClientPort, cfg.PeerPort
		if err := freePorts(e.Host, &e.ClientPort, &e.PeerPort); err != nil {
			return nil, err
		}
		client := "http://" + net.JoinHostPort(e.Host, strconv.Itoa(e.ClientPort))
		peer := "http://" + net.JoinHostPort(e.Host, strconv.Itoa(e.PeerPort))
		data := filepath.Join(e.Dir, "data")
		_ = os.RemoveAll(data)
		args := []string{"--name", "lab", "--data-dir", data,
			"--listen-client-urls", client, "--advertise-client-urls", client,
			"--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
			"--initial-cluster", "lab=" + peer, "--initial-cluster-state", "new",
			"--log-outputs", filepath.Join(e.Dir, "etcd.log"), "--logger", "zap"}
		return StartProcess(ctx, ProcessSpec{Name: "etcd", Path: bin, Args: args, Dir: e.Dir, Detach: cfg.Detach,
			Ready: e.ready, LogFiles: []string{filepath.Join(e.Dir, "etcd.log")}})
	}); err != nil {
		return nil, err
	}
	return e, nil
}

func (e *Etcd) ready(ctx context.Context) error {
	var out map[string]any
	return e.Call(ctx, "", "/v3/maintenance/status", struct{}{}, &out)
}

// Addr is the client "host:port".
func (e *Etcd) Addr() string { return net.JoinHostPort(e.Host, strconv.Itoa(e.ClientPort)) }

// Call posts a request to the v3 JSON gateway, with token when set (the lab's
// administrative channel: it writes).
func (e *Etcd) Call(ctx context.Context, token, path string, in, out any) error {
	body, err := json.Marshal(in)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://"+e.Addr()+path, bytes.NewReader(body))
	if err != nil {
		return err
	}
	if token != "" {
		req.Header.Set("Authorization", token)
	}
	resp, err := e.client.Do(req)
	if err != nil {
		return fmt.Errorf("lab: etcd %s: %w", path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return fmt.Errorf("lab: etcd %s: %w", path, err)
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("lab: etcd %s: HTTP %d: %s", path, resp.StatusCode, bytes.TrimSpace(b))
	}
	if out != nil {
		return json.Unmarshal(b, out)
	}
	return nil
}

// Token authenticates as user.
func (e *Etcd) Token(ctx context.Context, user, password string) (string, error) {
	var out struct {
		Token string `json:"token"`
	}
	if err := e.Call(ctx, "", "/v3/auth/authenticate", map[string]string{"name": user, "password": password}, &out); err != nil {
		return "", err
	}
	return out.Token, nil
}

// AdminToken is a root token when authentication is on, else "".
func (e *Etcd) AdminToken(ctx context.Context) (string, error) {
	if e.RootPassword == "" {
		return "", nil
	}
	return e.Token(ctx, "root", e.RootPassword)
}

// Put writes one key (seeding only).
func (e *Etcd) Put(ctx context.Context, token, key, value string) error {
	return e.Call(ctx, token, "/v3/kv/put", map[string]string{"key": b64s(key), "value": b64s(value)}, nil)
}

func b64s(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

// Seed writes the synthetic data, then turns on authentication when configured.
func (e *Etcd) Seed(ctx context.Context, cfg EtcdConfig) error {
	for _, kv := range EtcdSeedItems(NewSynth(2379)) {
		if err := e.Put(ctx, "", kv[0], kv[1]); err != nil {
			return err
		}
	}
	if cfg.RootPassword == "" {
		return nil
	}
	type step struct {
		path string
		in   any
	}
	steps := []step{
		{"/v3/auth/user/add", map[string]string{"name": "root", "password": cfg.RootPassword}},
		{"/v3/auth/user/grant", map[string]string{"user": "root", "role": "root"}},
	}
	for _, u := range cfg.Users {
		role := u.Name + "-role"
		steps = append(steps,
			step{"/v3/auth/role/add", map[string]string{"name": role}},
			step{"/v3/auth/role/grant", map[string]any{"name": role, "perm": map[string]string{
				"permType": "READ", "key": b64s(u.ReadPrefix), "range_end": b64s(prefixEndLab(u.ReadPrefix))}}},
			step{"/v3/auth/user/add", map[string]string{"name": u.Name, "password": u.Password}},
			step{"/v3/auth/user/grant", map[string]string{"user": u.Name, "role": role}})
	}
	for _, s := range steps {
		if err := e.Call(ctx, "", s.path, s.in, nil); err != nil {
			return err
		}
	}
	if err := e.Call(ctx, "", "/v3/auth/enable", struct{}{}, nil); err != nil {
		return err
	}
	e.RootPassword = cfg.RootPassword
	return nil
}

func prefixEndLab(p string) string {
	b := []byte(p)
	b[len(b)-1]++
	return string(b)
}

// What Seed writes.
const (
	EtcdAppUsers = 20
	EtcdChats    = 5
	EtcdLocks    = 50
)

// EtcdSeedPrefixes is the number of keys Seed writes under each dataset prefix.
var EtcdSeedPrefixes = map[string]int64{
	"/registry/secrets/":    3,
	"/registry/configmaps/": 1,
	"/registry/pods/":       1,
	"/app/":                 1 + 1 + EtcdAppUsers + EtcdChats,
	"/locks/":               EtcdLocks,
	"feature:":              2,
}

// EtcdSeedItems returns the keys and values Seed writes: a Kubernetes-like registry
// (Secrets as protobuf-like binary values), application configuration with
// credentials, user profiles, chat transcripts, and filler.
func EtcdSeedItems(s *Synth) [][2]string {
	var out [][2]string
	add := func(k, v string) { out = append(out, [2]string{k, v}) }
	k8sSecret := func(ns, name string, data map[string]string) string {
		// "k8s\x00" then a protobuf-ish body: the shape Kubernetes stores, with the
		// Secret's data as raw bytes between field tags.
		var b strings.Builder
		b.WriteString("k8s\x00\n\x0c\n\x02v1\x12\x06Secret\x12")
		b.WriteString("\x0a\x10" + name + "\x12\x07" + ns)
		for k, v := range data {
			b.WriteString("\x1a\x20\x0a" + string(rune(len(k))) + k + "\x12" + string(rune(len(v)%120)) + v)
		}
		b.WriteString("\x1a\x06Opaque\x1a\x00")
		return b.String()
	}
	add("/registry/secrets/default/db-credentials", k8sSecret("default", "db-credentials",
		map[string]string{"password": s.String(alnum, 20), "url": s.PostgresDSN()}))
	add("/registry/secrets/default/github-deploy", k8sSecret("default", "github-deploy", map[string]string{"token": s.GitHubToken()}))
	add("/registry/secrets/kube-system/cloud-provider", k8sSecret("kube-system", "cloud-provider",
		map[string]string{"aws_access_key_id": "AKIA" + s.String(base32AWS, 16)}))
	add("/registry/configmaps/default/app-settings", `{"kind":"ConfigMap","data":{"LOG_LEVEL":"info"}}`)
	add("/registry/pods/default/web-0", `{"kind":"Pod","metadata":{"name":"web-0"},"spec":{"nodeName":"node-1"}}`)
	id, secret := s.AWSKeyPair()
	add("/app/config/prod", fmt.Sprintf(`{"database_url":%s,"openai_api_key":%s,"aws_access_key_id":%s,"aws_secret_access_key":%s}`,
		jsonString(s.PostgresDSN()), jsonString(s.OpenAIKey()), jsonString(id), jsonString(secret)))
	add("/app/config/slack", fmt.Sprintf(`{"slack_bot_token":%s}`, jsonString(s.SlackBotToken())))
	for i := 1; i <= EtcdAppUsers; i++ {
		add(fmt.Sprintf("/app/users/%d", i), fmt.Sprintf(`{"email":%s,"phone":%s}`, jsonString(s.Email()), jsonString(s.Phone())))
	}
	for i := 1; i <= EtcdChats; i++ {
		add(fmt.Sprintf("/app/chats/%d", i), "["+strings.Join(chatMessages(s, i), ",")+"]")
	}
	for i := 1; i <= EtcdLocks; i++ {
		add(fmt.Sprintf("/locks/job-%d", i), fmt.Sprintf("worker-%d", i%7))
	}
	add("feature:new_ui", "on")
	add("feature:beta", "off")
	return out
}

// Stop stops the member and removes its directory when StartEtcd created it.
func (e *Etcd) Stop() error {
	if e == nil {
		return nil
	}
	return e.stopHTTP(e.client, e.Dir)
}

// Record describes the member for a lab manifest.
func (e *Etcd) Record(name string) ServerRecord {
	return e.record(ServerRecord{Name: name, Kind: "etcd", Host: e.Host, Dir: e.Dir, Version: e.Version,
		User: userIf(e.RootPassword, "root"), Password: e.RootPassword,
		Ports: map[string]int{"client": e.ClientPort, "peer": e.PeerPort}, Targets: []string{e.Addr()}})
}

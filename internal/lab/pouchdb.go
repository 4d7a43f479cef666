package lab

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"time"
)

// PouchDBConfig says how to start a lab pouchdb-server (express-pouchdb: the CouchDB
// HTTP API over LevelDB, from npm). Zero values give one in "admin party" — every
// anonymous request is a server admin — on a free port of 127.0.0.1.
type PouchDBConfig struct {
	Binary string // the cached install (scripts/build-servers.sh) when empty
	Dir    string
	Host   string
	Port   int
	// AdminPassword, when set, creates the server admin "admin" after seeding (ending
	// admin party), gives every seeded database members (MemberUser, and for the vault
	// no one but admins), and creates MemberUser.
	AdminPassword string
	// MemberUser and MemberPassword: a user who is a member of the shop database only.
	MemberUser, MemberPassword string
	Detach                     bool
}

// PouchDB is a running lab server. It logs every request ("GET /_all_dbs 200").
type PouchDB struct {
	Host          string
	Port          int
	Dir           string
	Version       string // "4.2.0", as its welcome says
	AdminPassword string

	process
	client *http.Client
}

// PouchDBBinary finds the cached pouchdb-server install.
func PouchDBBinary() (string, error) { return cachedBinary("pouchdb-server") }

// StartPouchDB starts pouchdb-server and waits until it answers its welcome.
func StartPouchDB(ctx context.Context, cfg PouchDBConfig) (*PouchDB, error) {
	bin, err := binaryOr(cfg.Binary, PouchDBBinary)
	if err != nil {
		return nil, err
	}
	if err := checkLoopback(&cfg.Host); err != nil {
		return nil, err
	}
	p := &PouchDB{Host: cfg.Host, Dir: cfg.Dir, client: &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{Proxy: nil}}}
	if err := p.useDir(&p.Dir, "pouchdb"); err != nil {
		return nil, err
	}
	if err := p.start(p.Dir, cfg.Port != 0, func() (*Process, error) {
		var err error
		if p.Port, err = pickPort(p.Host, cfg.Port); err != nil {
			return nil, err
		}
		data := filepath.Join(p.Dir, "db")
		_ = os.RemoveAll(data)
		if err := os.MkdirAll(data, 0o700); err != nil {
			return nil, fmt.Errorf("lab: %w", err)
		}
		// A fresh configuration: /_config writes (the admin) go here.
		conf := filepath.Join(p.Dir, "config.json")
		if err := os.WriteFile(conf, []byte(`{"log":{"file":"`+filepath.Join(p.Dir, "log.txt")+`"}}`), 0o600); err != nil {
			return nil, fmt.Errorf("lab: %w", err)
		}
		args := []string{"--host", p.Host, "--port", strconv.Itoa(p.Port), "--dir", data, "--config", conf}
		return StartProcess(ctx, ProcessSpec{Name: "pouchdb-server", Path: bin, Args: args, Dir: p.Dir, Detach: cfg.Detach,
			Env: []string{"NO_COLOR=1", "FORCE_COLOR=0"}, Ready: p.ready, ReadyTimeout: 60 * time.Second})
	}); err != nil {
		return nil, err
	}
	return p, nil
}

func (p *PouchDB) ready(ctx context.Context) error {
	var w struct {
		Version string `json:"version"`
	}
	if err := p.call(ctx, "", http.MethodGet, "/", nil, &w); err != nil {
		return err
	}
	p.Version = w.Version
	return nil
}

// Addr is "host:port".
func (p *PouchDB) Addr() string { return net.JoinHostPort(p.Host, strconv.Itoa(p.Port)) }

// call is the lab's administrative channel (it writes), as "user:password" when set.
func (p *PouchDB) call(ctx context.Context, userPass, method, path string, in, out any) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, "http://"+p.Addr()+path, body)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	if userPass != "" {
		u, pw, _ := bytes.Cut([]byte(userPass), []byte(":"))
		req.SetBasicAuth(string(u), string(pw))
	}
	return doJSON(p.client, req, "pouchdb "+method+" "+path, out)
}

// The databases Seed creates.
const (
	PouchDBShop  = "shop"  // settings with credentials, customers, chats
	PouchDBVault = "vault" // deploy credentials; members: none but admins (protected variant)
)

// PouchDBSeed returns the documents of each database.
func PouchDBSeed(s *Synth) map[string][]map[string]any {
	p := pouchPlanted(s)
	shop := []map[string]any{
		{"_id": "settings:payments", "type": "settings", "stripe_secret_key": p["stripe"], "currency": "EUR"},
		{"_id": "settings:mail", "type": "settings", "smtp_url": p["dsn"]},
	}
	for i := 1; i <= 8; i++ {
		shop = append(shop, map[string]any{"_id": fmt.Sprintf("customer:%03d", i), "type": "customer", "email": s.Email(), "phone": s.Phone()})
	}
	for i := 1; i <= 3; i++ {
		q, a := exchange(s, 100+i)
		shop = append(shop, map[string]any{"_id": fmt.Sprintf("chat:%03d", i), "type": "chat",
			"messages": []map[string]string{{"role": "user", "content": q}, {"role": "assistant", "content": a}}})
	}
	vault := []map[string]any{
		{"_id": "deploy", "github_token": p["github"], "note": "CI deploy key"},
		{"_id": "llm", "openai_api_key": p["openai"]},
	}
	return map[string][]map[string]any{PouchDBShop: shop, PouchDBVault: vault}
}

func pouchPlanted(s *Synth) map[string]string {
	return map[string]string{"stripe": s.StripeKey(), "dsn": s.PostgresDSN(), "github": s.GitHubToken(), "openai": s.OpenAIKey()}
}

// PouchDBPlanted lists the secrets Seed plants and where a scan must find them: the
// database (which is also the table) and the document field.
func PouchDBPlanted() []Planted {
	p := pouchPlanted(NewSynth(5984))
	return []Planted{
		{Database: PouchDBShop, Table: PouchDBShop, Column: "stripe_secret_key", Kind: "stripe-secret-key", Value: p["stripe"]},
		{Database: PouchDBShop, Table: PouchDBShop, Column: "smtp_url", Kind: "postgres-dsn-password", Value: dsnPassword(p["dsn"])},
		{Database: PouchDBVault, Table: PouchDBVault, Column: "github_token", Kind: "github-token", Value: p["github"]},
		{Database: PouchDBVault, Table: PouchDBVault, Column: "openai_api_key", Kind: "openai-api-key", Value: p["openai"]},
	}
}

// Seed creates the databases and documents; with an admin password it then gives the
// databases members, creates the member user and the admin.
func (p *PouchDB) Seed(ctx context.Context, cfg PouchDBConfig) error {
	for db, docs := range PouchDBSeed(NewSynth(5984)) {
		if err := p.call(ctx, "", http.MethodPut, "/"+db, nil, nil); err != nil {
			return err
		}
		if err := p.call(ctx, "", http.MethodPost, "/"+db+"/_bulk_docs", map[string]any{"docs": docs}, nil); err != nil {
			return err
		}
	}
	if cfg.AdminPassword == "" {
		return nil
	}
	members := map[string][]string{PouchDBShop: {cfg.MemberUser}, PouchDBVault: {}}
	for db, names := range members {
		sec := map[string]any{"admins": map[string]any{"names": []string{}, "roles": []string{}},
			// A database whose members list no one is public; "_admin" as the only role
			// keeps the vault to server admins.
			"members": map[string]any{"names": names, "roles": []string{"_admin"}}}
		if err := p.call(ctx, "", http.MethodPut, "/"+db+"/_security", sec, nil); err != nil {
			return err
		}
	}
	if cfg.MemberUser != "" {
		if err := p.call(ctx, "", http.MethodPut, "/_users/org.couchdb.user:"+url.PathEscape(cfg.MemberUser),
			map[string]any{"name": cfg.MemberUser, "password": cfg.MemberPassword, "roles": []string{}, "type": "user"}, nil); err != nil {
			return err
		}
	}
	if err := p.call(ctx, "", http.MethodPut, "/_config/admins/admin", cfg.AdminPassword, nil); err != nil {
		return err
	}
	p.AdminPassword = cfg.AdminPassword
	return nil
}

// requestRE matches the server's log line for each request it served.
var requestRE = regexp.MustCompile(`(?m)\[info\]\S* (GET|HEAD|POST|PUT|DELETE|COPY|PATCH|OPTIONS) (\S+) `)

// LogSize is the size of the server's output once it stopped growing (node writes its
// log lines after answering): RequestsSince reads what follows.
func (p *PouchDB) LogSize() int64 {
	size := func() int64 {
		st, err := os.Stat(filepath.Join(p.Dir, "pouchdb-server.out"))
		if err != nil {
			return 0
		}
		return st.Size()
	}
	last := size()
	for range 30 {
		time.Sleep(100 * time.Millisecond)
		n := size()
		if n == last {
			return n
		}
		last = n
	}
	return last
}

// RequestsSince returns "METHOD /path" of every request logged after offset.
func (p *PouchDB) RequestsSince(offset int64) []string {
	b, _ := os.ReadFile(filepath.Join(p.Dir, "pouchdb-server.out"))
	if offset > int64(len(b)) {
		offset = 0
	}
	b = ansiRE.ReplaceAll(b[offset:], nil)
	var out []string
	for _, m := range requestRE.FindAllSubmatch(b, -1) {
		out = append(out, string(m[1])+" "+string(m[2]))
	}
	return out
}

var ansiRE = regexp.MustCompile("\x1b\\[[0-9;]*m")

// Stop stops the server and removes its directory when StartPouchDB created it.
func (p *PouchDB) Stop() error {
	if p == nil {
		return nil
	}
	return p.stopHTTP(p.client, p.Dir)
}

// Record describes the server for a lab manifest.
func (p *PouchDB) Record(name string) ServerRecord {
	return p.record(ServerRecord{Name: name, Kind: "pouchdb-server", Host: p.Host, Dir: p.Dir, Version: p.Version,
		User: userIf(p.AdminPassword, "admin"), Password: p.AdminPassword,
		Ports: map[string]int{"http": p.Port}, Targets: []string{p.Addr()}})
}

// PutDocs creates database db, which must be new, and writes docs into it: for tools
// that seed their own documents (tools/storeeval). The server must be in admin party.
func (p *PouchDB) PutDocs(ctx context.Context, db string, docs []map[string]any) error {
	if err := p.call(ctx, "", http.MethodPut, "/"+url.PathEscape(db), nil, nil); err != nil {
		return err
	}
	return p.call(ctx, "", http.MethodPost, "/"+url.PathEscape(db)+"/_bulk_docs", map[string]any{"docs": docs}, nil)
}

package lab

import (
	"bytes"
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// FerretDBConfig says how to start a lab FerretDB (a MongoDB wire-protocol server over
// SQLite or PostgreSQL). Zero values give one without authentication on SQLite, on a
// free port of 127.0.0.1, in a temporary directory.
type FerretDBConfig struct {
	Binary string // the cached build (scripts/build-servers.sh) when empty
	Dir    string
	Host   string
	Port   int
	// User and Password, when set, turn on FerretDB's own SCRAM authentication
	// (--test-enable-new-auth) with this user created at start (--setup-*). On the
	// PostgreSQL backend they are instead the PostgreSQL role the lab seeds as (over
	// PLAIN, through the TLS listener): see FerretDBBackend.
	User, Password string
	// PostgresURL selects the PostgreSQL backend: FerretDB v1 then authenticates
	// clients by passing their PLAIN credentials on to PostgreSQL. Without credentials
	// in it, a client that sends none gets PostgreSQL's refusal.
	PostgresURL string
	// TLSPort, when set, also listens with TLS (a self-signed certificate) there.
	TLSPort int
	TLS     bool // pick a free TLSPort
	Detach  bool
}

// FerretDB is a running lab server. Its log (debug level) holds every request it got.
type FerretDB struct {
	Host          string
	Port, TLSPort int
	Dir           string
	Version       string // "1.24.2", as buildInfo.ferretdbVersion says (without the v)
	// CompatVersion is the MongoDB version FerretDB claims compatibility with.
	CompatVersion  string
	User, Password string
	Backend        string // "sqlite" or "postgresql"
	CertFile       string

	process
}

// FerretDBBinary finds the cached FerretDB build.
func FerretDBBinary() (string, error) { return cachedBinary("ferretdb") }

var ferretVersionRE = regexp.MustCompile(`(?m)^version: v?(\d+\.\d+\.\d+)`)

// StartFerretDB starts FerretDB and waits until it answers a ping.
func StartFerretDB(ctx context.Context, cfg FerretDBConfig) (*FerretDB, error) {
	bin, err := binaryOr(cfg.Binary, FerretDBBinary)
	if err != nil {
		return nil, err
	}
	if err := checkLoopback(&cfg.Host); err != nil {
		return nil, err
	}
	f := &FerretDB{Host: cfg.Host, Dir: cfg.Dir, User: cfg.User, Password: cfg.Password, Backend: "sqlite"}
	if cfg.PostgresURL != "" {
		f.Backend = "postgresql"
	}
	if err := f.useDir(&f.Dir, "ferretdb"); err != nil {
		return nil, err
	}
	f.Version = binaryVersion(ferretVersionRE, bin, "--version")
	if cfg.TLS || cfg.TLSPort != 0 {
		if f.CertFile, _, err = WriteSelfSignedCert(f.Dir, f.Host); err != nil {
			return nil, err
		}
	}
	data := filepath.Join(f.Dir, "data")
	if err := f.start(f.Dir, cfg.Port != 0, func() (*Process, error) {
		var err error
		if f.Port, err = pickPort(f.Host, cfg.Port); err != nil {
			return nil, err
		}
		f.TLSPort = cfg.TLSPort
		for f.CertFile != "" && (f.TLSPort == 0 || f.TLSPort == f.Port) {
			if f.TLSPort, err = FreePort(f.Host); err != nil {
				return nil, err
			}
		}
		_ = os.RemoveAll(data)
		if err := os.MkdirAll(data, 0o700); err != nil {
			return nil, fmt.Errorf("lab: %w", err)
		}
		args := []string{"--listen-addr", f.Addr(), "--state-dir", f.Dir,
			// No debug HTTP listener, no telemetry beacon; debug logs show every request.
			"--debug-addr", "-", "--telemetry", "disable", "--log-level", "debug", "--log-format", "console"}
		if cfg.PostgresURL != "" {
			args = append(args, "--handler", "postgresql", "--postgresql-url", cfg.PostgresURL)
		} else {
			args = append(args, "--handler", "sqlite", "--sqlite-url", "file:"+data+"/")
		}
		if f.CertFile != "" {
			args = append(args, "--listen-tls", net.JoinHostPort(f.Host, strconv.Itoa(f.TLSPort)),
				"--listen-tls-cert-file", f.CertFile, "--listen-tls-key-file", filepath.Join(f.Dir, "key.pem"))
		}
		if cfg.User != "" && cfg.PostgresURL == "" {
			args = append(args, "--test-enable-new-auth", "--setup-database", "admin",
				"--setup-username", cfg.User, "--setup-password", cfg.Password)
		}
		return StartProcess(ctx, ProcessSpec{Name: "ferretdb", Path: bin, Args: args, Dir: f.Dir, Detach: cfg.Detach,
			Ready: f.ready, ReadyTimeout: 60 * time.Second})
	}); err != nil {
		return nil, err
	}
	return f, nil
}

// FerretDBBackendDatabase is the PostgreSQL database a lab FerretDB keeps its data in.
const FerretDBBackendDatabase = "ferretdb"

// FerretDBBackend prepares pg for FerretDB's PostgreSQL backend: a login role user
// (password) that owns FerretDBBackendDatabase. It returns the --postgresql-url, which
// holds no credentials: FerretDB v1 logs in to PostgreSQL with each client's own (PLAIN)
// ones, so pg's password authentication decides who gets in.
func FerretDBBackend(ctx context.Context, pg *Postgres, user, password string) (string, error) {
	if err := pg.Exec(ctx, "postgres", "CREATE ROLE "+pgIdent(user)+" LOGIN PASSWORD "+pgLiteral(password)); err != nil {
		return "", err
	}
	if err := pg.Exec(ctx, "postgres", "CREATE DATABASE "+pgIdent(FerretDBBackendDatabase)+" OWNER "+pgIdent(user)); err != nil {
		return "", err
	}
	return "postgres://" + pg.Addr() + "/" + FerretDBBackendDatabase + "?sslmode=disable", nil
}

// Addr is the plain "host:port".
func (f *FerretDB) Addr() string { return net.JoinHostPort(f.Host, strconv.Itoa(f.Port)) }

// TLSAddr is the TLS "host:port", or "" without TLS.
func (f *FerretDB) TLSAddr() string {
	if f.TLSPort == 0 {
		return ""
	}
	return net.JoinHostPort(f.Host, strconv.Itoa(f.TLSPort))
}

func (f *FerretDB) ready(ctx context.Context) error {
	c, err := net.DialTimeout("tcp", f.Addr(), time.Second)
	if err != nil {
		return err
	}
	c.Close()
	if f.User != "" && f.Backend == "sqlite" {
		// Setup creates the user before the listener accepts; a login proves both.
		cl, err := f.client(ctx)
		if err != nil {
			return err
		}
		defer cl.Disconnect(context.Background())
		return cl.Ping(ctx, nil)
	}
	return nil
}

// client is the lab's administrative connection (it writes): authenticated with the
// setup user when there is one (SCRAM), or with PLAIN on the PostgreSQL backend.
func (f *FerretDB) client(ctx context.Context) (*mongo.Client, error) {
	o := options.Client().ApplyURI("mongodb://" + f.Addr() + "/?directConnection=true").
		SetServerSelectionTimeout(5 * time.Second).SetConnectTimeout(5 * time.Second).SetRetryWrites(false)
	switch {
	case f.User != "" && f.Backend == "postgresql":
		o.SetAuth(options.Credential{AuthMechanism: "PLAIN", AuthSource: "$external", Username: f.User, Password: f.Password})
		if f.TLSPort != 0 {
			// PLAIN sends the password as it is: only over TLS, the lab's own cert.
			o.ApplyURI("mongodb://" + f.TLSAddr() + "/?directConnection=true")
			o.SetTLSConfig(&tls.Config{InsecureSkipVerify: true}) //nolint:gosec // the lab's self-signed certificate, on loopback
		}
	case f.User != "":
		o.SetAuth(options.Credential{AuthMechanism: "SCRAM-SHA-256", AuthSource: "admin", Username: f.User, Password: f.Password})
	}
	return mongo.Connect(o)
}

// Seed writes the lab's documents (see FerretDBPlanted) and reads the compatibility
// version the server claims.
func (f *FerretDB) Seed(ctx context.Context) error {
	cl, err := f.client(ctx)
	if err != nil {
		return fmt.Errorf("lab: ferretdb: %w", err)
	}
	defer cl.Disconnect(context.Background())
	for db, colls := range FerretDBSeed(NewSynth(27017)) {
		for coll, docs := range colls {
			if _, err := cl.Database(db).Collection(coll).InsertMany(ctx, docs); err != nil {
				return fmt.Errorf("lab: ferretdb: seeding %s.%s: %w\n%s", db, coll, err, f.Logs())
			}
		}
	}
	var bi struct {
		Version string `bson:"version"`
	}
	if err := cl.Database("admin").RunCommand(ctx, bson.D{{Key: "buildInfo", Value: 1}}).Decode(&bi); err != nil {
		return fmt.Errorf("lab: ferretdb: buildInfo: %w", err)
	}
	f.CompatVersion = bi.Version
	return nil
}

// What FerretDBSeed writes.
const (
	FerretDBDatabase = "shop"
	FerretDBUsers    = 12
	FerretDBChats    = 4
)

// FerretDBSeed returns the documents of the lab, by database and collection:
// shop.settings with credentials in their own fields (one nested), shop.customers with
// personal data, shop.support_chats with transcripts, and a small second database.
func FerretDBSeed(s *Synth) map[string]map[string][]any {
	p := ferretPlanted(s)
	settings := []any{
		bson.D{{Key: "_id", Value: "payments"}, {Key: "provider", Value: "stripe"}, {Key: "stripe_secret_key", Value: p["stripe"]},
			{Key: "updated", Value: time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC)}},
		bson.D{{Key: "_id", Value: "storage"}, {Key: "aws_access_key_id", Value: p["aws-id"]}, {Key: "aws_secret_access_key", Value: p["aws-secret"]},
			{Key: "bucket", Value: "shop-uploads"}},
		bson.D{{Key: "_id", Value: "deploy"}, {Key: "ci", Value: bson.D{{Key: "github_token", Value: p["github"]}, {Key: "branch", Value: "main"}}}},
		bson.D{{Key: "_id", Value: "database"}, {Key: "primary_url", Value: p["dsn"]}},
	}
	var customers []any
	for i := 1; i <= FerretDBUsers; i++ {
		customers = append(customers, bson.D{{Key: "_id", Value: i}, {Key: "email", Value: s.Email()}, {Key: "phone", Value: s.Phone()},
			{Key: "created", Value: time.Date(2024, 3, i, 8, 0, 0, 0, time.UTC)}})
	}
	var chats []any
	for i := 1; i <= FerretDBChats; i++ {
		var msgs bson.A
		for j := range 3 {
			q, a := exchange(s, i*7+j)
			msgs = append(msgs, bson.D{{Key: "role", Value: "user"}, {Key: "content", Value: q}},
				bson.D{{Key: "role", Value: "assistant"}, {Key: "content", Value: a}})
		}
		chats = append(chats, bson.D{{Key: "_id", Value: i}, {Key: "customer", Value: i}, {Key: "messages", Value: msgs}})
	}
	return map[string]map[string][]any{
		FerretDBDatabase: {"settings": settings, "customers": customers, "support_chats": chats},
		"analytics": {"events": {
			bson.D{{Key: "kind", Value: "page_view"}, {Key: "path", Value: "/checkout"}, {Key: "at", Value: time.Date(2025, 1, 6, 10, 0, 0, 0, time.UTC)}},
			bson.D{{Key: "kind", Value: "login"}, {Key: "path", Value: "/account"}, {Key: "at", Value: time.Date(2025, 1, 7, 10, 0, 0, 0, time.UTC)}},
		}},
	}
}

func ferretPlanted(s *Synth) map[string]string {
	id, secret := s.AWSKeyPair()
	return map[string]string{"stripe": s.StripeKey(), "aws-id": id, "aws-secret": secret, "github": s.GitHubToken(), "dsn": s.PostgresDSN()}
}

// FerretDBPlanted lists the secrets Seed plants and where a scan must find them: the
// database, the collection and the top-level field.
func FerretDBPlanted() []Planted {
	p := ferretPlanted(NewSynth(27017))
	return []Planted{
		{FerretDBDatabase, "settings", "stripe_secret_key", "stripe-secret-key", p["stripe"], false},
		{FerretDBDatabase, "settings", "aws_access_key_id", "aws-access-key-id", p["aws-id"], false},
		{FerretDBDatabase, "settings", "aws_secret_access_key", "aws-secret-access-key", p["aws-secret"], true},
		{FerretDBDatabase, "settings", "ci", "github-token", p["github"], false},
		{FerretDBDatabase, "settings", "primary_url", "postgres-dsn-password", dsnPassword(p["dsn"]), false},
	}
}

// RequestCommands returns the first key (the command name) of every request the
// server logged, in order: the read-only proof of a scan. Requests of the lab's own
// seeding connection are included; callers look at what came after it.
func (f *FerretDB) RequestCommands() []string { return f.RequestCommandsSince(0) }

// In the debug log a request is a "Request message:" line followed by its dump, whose
// first document's first key is the command: `"Document": {"find": …` (OP_MSG) or
// `"Query": {"isMaster": …` (OP_QUERY), on the same line or, for a longer document,
// the next. The response's dump follows; a request is read only up to it.
var ferretRequestRE = regexp.MustCompile(`"(?:Document|Query)": \{\s*"([^"]+)"`)

// LogSize is the size of the log now: RequestCommandsSince reads what follows.
func (f *FerretDB) LogSize() int64 {
	st, err := os.Stat(filepath.Join(f.Dir, "ferretdb.out"))
	if err != nil {
		return 0
	}
	return st.Size()
}

// RequestCommandsSince is RequestCommands for the log after offset.
func (f *FerretDB) RequestCommandsSince(offset int64) []string {
	b, _ := os.ReadFile(filepath.Join(f.Dir, "ferretdb.out"))
	if offset > int64(len(b)) {
		offset = 0
	}
	var out []string
	chunks := bytes.Split(b[offset:], []byte("Request message:\n"))
	for _, c := range chunks[1:] {
		if i := bytes.Index(c, []byte("Response header:")); i >= 0 {
			c = c[:i]
		}
		if m := ferretRequestRE.FindSubmatch(c); m != nil {
			out = append(out, string(m[1]))
		}
	}
	return out
}

// Stop stops the server and removes its directory when StartFerretDB created it.
func (f *FerretDB) Stop() error {
	if f == nil {
		return nil
	}
	return f.stop(f.Dir)
}

// Record describes the server for a lab manifest.
func (f *FerretDB) Record(name string) ServerRecord {
	ports := map[string]int{"mongodb": f.Port}
	targets := []string{f.Addr()}
	if f.TLSPort != 0 {
		ports["mongodb-tls"] = f.TLSPort
		targets = append(targets, f.TLSAddr())
	}
	return f.record(ServerRecord{Name: name, Kind: "ferretdb", Host: f.Host, Dir: f.Dir, Version: f.Version,
		User: f.User, Password: f.Password, Ports: ports, Targets: targets,
		Note: strings.TrimSpace("backend " + f.Backend)})
}

// InsertDocs writes docs into db.coll: for tools that seed their own documents
// (tools/storeeval).
func (f *FerretDB) InsertDocs(ctx context.Context, db, coll string, docs []any) error {
	cl, err := f.client(ctx)
	if err != nil {
		return fmt.Errorf("lab: ferretdb: %w", err)
	}
	defer cl.Disconnect(context.Background())
	if _, err := cl.Database(db).Collection(coll).InsertMany(ctx, docs); err != nil {
		return fmt.Errorf("lab: ferretdb: seeding %s.%s: %w", db, coll, err)
	}
	return nil
}

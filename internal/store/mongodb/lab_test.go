package mongodb

import (
	"bytes"
	"crypto/x509"
	"encoding/base64"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/lab"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// Tests against real FerretDB servers (v1.24.2, built once by scripts/build-servers.sh)
// on loopback: MongoDB's wire protocol over SQLite, one without authentication and one
// with SCRAM users, seeded through the official driver.

func TestMain(m *testing.M) { os.Exit(labtest.Run(m)) }

func TestFerretDBOpen(t *testing.T) {
	f := labtest.FerretDBOpen(t)
	svc, fs := probetest.Scan(t, New(), probetest.At(f.Host, f.Port))
	if svc.Product != "ferretdb" || svc.Version != f.Version || svc.Auth != finding.AuthNone || svc.Status != finding.StatusOpen {
		t.Fatalf("service %s %s auth=%s status=%s err=%s", svc.Product, svc.Version, svc.Auth, svc.Status, svc.Error)
	}
	if svc.Details["mongodb_compatible"] != f.CompatVersion {
		t.Fatalf("details %v (server claims MongoDB %s)", svc.Details, f.CompatVersion)
	}
	if ds := probetest.Dataset(*svc, lab.FerretDBDatabase, "customers"); ds == nil || ds.Rows != lab.FerretDBUsers {
		t.Fatalf("customers %+v", ds)
	}
	probetest.CheckPlanted(t, fs, lab.FerretDBPlanted())
	for _, f := range fs {
		if f.Rule == "mongodb-known-vulnerabilities" {
			t.Fatalf("MongoDB CVEs matched against FerretDB: %+v", f)
		}
	}
	if e := probetest.Finding(fs, "ferretdb-no-auth"); e == nil || e.Title != "FerretDB answers without a password" {
		t.Fatalf("exposure finding %+v", e)
	}
}

func TestFerretDBProtected(t *testing.T) {
	f := labtest.FerretDBProtected(t)
	ep := probetest.At(f.Host, f.Port)
	svc, fs := probetest.Scan(t, New(), ep)
	if svc.Product != "ferretdb" || svc.Version != f.Version || svc.Auth != finding.AuthRequired || svc.Status != finding.StatusAuthRequired {
		t.Fatalf("service %s %s auth=%s status=%s err=%s", svc.Product, svc.Version, svc.Auth, svc.Status, svc.Error)
	}
	for _, f := range fs {
		if f.Category == finding.Secret || f.Category == finding.Exposure {
			t.Fatalf("protected server leaked: %+v", f)
		}
	}
	// The account reads everything.
	svc, fs = probetest.Scan(t, New(), ep, store.Credential{Username: labtest.FerretDBUser, Password: labtest.FerretDBPassword})
	if svc.Auth != finding.AuthCredentials || svc.Status != finding.StatusOpen {
		t.Fatalf("with the account: auth=%s status=%s err=%s", svc.Auth, svc.Status, svc.Error)
	}
	probetest.CheckPlanted(t, fs, lab.FerretDBPlanted())
}

// A scan sends only read commands: FerretDB's debug log has every request it got.
func TestFerretDBReadOnly(t *testing.T) {
	f := labtest.FerretDBFresh(t, lab.FerretDBConfig{})
	before := f.LogSize()
	probetest.Scan(t, New(), probetest.At(f.Host, f.Port))
	cmds := f.RequestCommandsSince(before)
	if len(cmds) < 5 {
		t.Fatalf("the log shows %d requests: %q", len(cmds), cmds)
	}
	for _, c := range cmds {
		if !readCommands[c] {
			t.Fatalf("the scan sent %q (all: %q)", c, cmds)
		}
	}
	t.Logf("%d requests: %q", len(cmds), cmds)
}

// FerretDB v1 on a PostgreSQL with password authentication offers clients SASL PLAIN
// only and hands their credentials to PostgreSQL, whose refusal comes back as an
// InternalError. No credentials: protected, not an error. The user's password goes
// only over TLS whose certificate verifies (here against the lab's own, given as
// --tls-ca would), or with --allow-plaintext-auth; elsewhere it stays unsent, and the
// service says why.
func TestFerretDBPostgresPassword(t *testing.T) {
	f := labtest.FerretDBPostgres(t)
	cred := store.Credential{Username: labtest.FerretDBPGUser, Password: labtest.FerretDBPGPassword}
	plainEP, tlsEP := probetest.At(f.Host, f.Port), probetest.At(f.Host, f.TLSPort)
	verify := func(o *store.Options) {
		pemBytes, err := os.ReadFile(f.CertFile)
		if err != nil {
			t.Fatal(err)
		}
		o.RootCAs = x509.NewCertPool()
		if !o.RootCAs.AppendCertsFromPEM(pemBytes) {
			t.Fatal("the lab's certificate does not parse")
		}
	}
	// passwordSeen reports whether FerretDB's debug log after offset holds the
	// password, as it is or in the base64 of a PLAIN payload.
	passwordSeen := func(offset int64) bool {
		b, _ := os.ReadFile(filepath.Join(f.Dir, "ferretdb.out"))
		if offset > int64(len(b)) {
			offset = 0
		}
		b = b[offset:]
		payload := base64.StdEncoding.EncodeToString([]byte("\x00" + cred.Username + "\x00" + cred.Password))
		return bytes.Contains(b, []byte(cred.Password)) || bytes.Contains(b, []byte(payload))
	}
	protectedAndUnsent := func(t *testing.T, svc *finding.Service, fs []finding.Finding, before int64, wantReason bool) {
		t.Helper()
		if svc.Product != "ferretdb" || svc.Version != f.Version || svc.Auth != finding.AuthRequired ||
			svc.Status != finding.StatusAuthRequired || svc.Error != "" {
			t.Fatalf("service %s %s auth=%s status=%s err=%q", svc.Product, svc.Version, svc.Auth, svc.Status, svc.Error)
		}
		why := svc.Details["password_not_sent"]
		if wantReason != strings.Contains(why, "--allow-plaintext-auth") {
			t.Fatalf("reason %q (want one: %v)", why, wantReason)
		}
		for _, fd := range fs {
			if fd.Category == finding.Secret || fd.Category == finding.Exposure {
				t.Fatalf("protected server leaked: %+v", fd)
			}
		}
		// The well-known defaults may go in the clear (they are public); the user's
		// password may not.
		if passwordSeen(before) {
			t.Fatalf("the password reached the server: %q", f.RequestCommandsSince(before))
		}
	}

	t.Run("no credentials", func(t *testing.T) {
		before := f.LogSize()
		svc, fs := probetest.Scan(t, New(), plainEP)
		protectedAndUnsent(t, svc, fs, before, false)
	})
	t.Run("password over plain TCP", func(t *testing.T) {
		before := f.LogSize()
		svc, fs := probetest.Scan(t, New(), plainEP, cred)
		protectedAndUnsent(t, svc, fs, before, true)
	})
	t.Run("password over TLS that does not verify", func(t *testing.T) {
		before := f.LogSize()
		svc, fs := probetest.Scan(t, New(), tlsEP, cred)
		if !svc.TLS {
			t.Fatalf("TLS listener scanned without TLS: %+v", svc)
		}
		protectedAndUnsent(t, svc, fs, before, true)
	})
	t.Run("password over verified TLS", func(t *testing.T) {
		before := f.LogSize()
		svc, fs := probetest.ScanWith(t, New(), tlsEP, verify, cred)
		if svc.Product != "ferretdb" || !svc.TLS || svc.Auth != finding.AuthCredentials || svc.User != cred.Username ||
			svc.Status != finding.StatusOpen || svc.Details["password_not_sent"] != "" {
			t.Fatalf("service %s tls=%v auth=%s user=%q status=%s err=%q details=%v", svc.Product, svc.TLS, svc.Auth, svc.User,
				svc.Status, svc.Error, svc.Details)
		}
		if ds := probetest.Dataset(*svc, lab.FerretDBDatabase, "customers"); ds == nil || ds.Rows != lab.FerretDBUsers {
			t.Fatalf("customers %+v", ds)
		}
		probetest.CheckPlanted(t, fs, lab.FerretDBPlanted())
		cmds := f.RequestCommandsSince(before)
		if !slices.Contains(cmds, "saslStart") || !passwordSeen(before) {
			t.Fatalf("no PLAIN login with the password in the server's log: %q", cmds)
		}
		for _, c := range cmds {
			if !readCommands[c] {
				t.Fatalf("the scan sent %q (all: %q)", c, cmds)
			}
		}
	})
	t.Run("--allow-plaintext-auth", func(t *testing.T) {
		svc, _ := probetest.ScanWith(t, New(), plainEP, func(o *store.Options) { o.AllowPlaintextAuth = true }, cred)
		if svc.Auth != finding.AuthCredentials || svc.User != cred.Username || svc.TLS {
			t.Fatalf("auth=%s user=%q tls=%v err=%q", svc.Auth, svc.User, svc.TLS, svc.Error)
		}
	})
	t.Run("wrong password over verified TLS", func(t *testing.T) {
		wrong := store.Credential{Username: cred.Username, Password: "not-" + cred.Password}
		svc, _ := probetest.ScanWith(t, New(), tlsEP, verify, wrong)
		if svc.Auth != finding.AuthRequired || svc.Status != finding.StatusAuthRequired || svc.Error != "" {
			t.Fatalf("auth=%s status=%s err=%q", svc.Auth, svc.Status, svc.Error)
		}
	})
}

// A key stored as BSON binary (generic subtype) is found as the text it holds, and a
// list of keys element by element.
func TestFerretDBBinaryAndListFields(t *testing.T) {
	f := labtest.FerretDBFresh(t, lab.FerretDBConfig{})
	const (
		signer = "Rw7Ty1Ui5Op9As3Df8Gh2Jk6Lz0Xc4Vb"
		key1   = "Nm3Bv8Cx2Zl6Kj0Hg5Fd9Sa1Qw7Er4Ty"
		key2   = "Ui6Op0As4Df8Gh2Jk7Lz1Xc5Vb9Nm3Bq"
	)
	doc := bson.D{{Key: "service", Value: "billing"},
		{Key: "signing_key", Value: bson.Binary{Subtype: 0x00, Data: []byte(signer)}},
		{Key: "api_keys", Value: bson.A{key1, key2}},
		{Key: "avatar", Value: bson.Binary{Subtype: 0x00, Data: []byte{0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0}}}}
	if err := f.InsertDocs(t.Context(), "vault", "integrations", []any{doc}); err != nil {
		t.Fatal(err)
	}
	res, _ := probetest.Probe(t, New(), probetest.At(f.Host, f.Port), probetest.LabOptions(5, 600, 100_000))
	labtest.CheckFound(t, res.Samples, signer, key1, key2)
}

// Binary text below the top level (a sub-document's field, an array's element) is read
// as that text too, not as the base64 of extended JSON.
func TestFerretDBNestedBinary(t *testing.T) {
	f := labtest.FerretDBFresh(t, lab.FerretDBConfig{})
	const (
		hook  = "Qz5Wx9Ec3Rv7Tb1Yn6Um0Ik4Ol8Pa2Sd"
		inner = "Lp4Ko8Ji2Hu6Gy0Ft5Dr9Es3Wa7Qz1Xc"
	)
	doc := bson.D{{Key: "service", Value: "ledger"},
		{Key: "settings", Value: bson.D{{Key: "region", Value: "north"},
			{Key: "webhook_secret", Value: bson.Binary{Subtype: 0x00, Data: []byte(hook)}}}},
		{Key: "api_keys", Value: bson.A{bson.Binary{Subtype: 0x80, Data: []byte(inner)}}}}
	if err := f.InsertDocs(t.Context(), "vault", "hooks", []any{doc}); err != nil {
		t.Fatal(err)
	}
	res, _ := probetest.Probe(t, New(), probetest.At(f.Host, f.Port), probetest.LabOptions(5, 600, 100_000))
	labtest.CheckFound(t, res.Samples, hook, inner)
}

// Credentials kept in maps keyed by their use ({"secrets": {"github": …}}, a
// "passwords" sub-document by role) are found by the holder's name, through the
// sampler's documents as they come off the wire; a setting beside them is not.
func TestFerretDBCredentialMaps(t *testing.T) {
	f := labtest.FerretDBFresh(t, lab.FerretDBConfig{})
	const (
		gh     = "Hq3Lm8Zt1Rx6Vc0Pk5Wn9Bd2Fs7Gy4Ja"
		mailer = "Tn6Yb1Qe5Ud9Io3Pa7Sk2Lf8Zh4Xc0Vm"
		admin  = "Quarry2022!Heron"
	)
	doc := bson.D{{Key: "tenant", Value: "northwind"},
		{Key: "secrets", Value: bson.D{{Key: "github", Value: gh}, {Key: "mailer", Value: mailer}}},
		{Key: "passwords", Value: bson.D{{Key: "admin", Value: admin}, {Key: "hashing", Value: "Argon2id19"}}}}
	if err := f.InsertDocs(t.Context(), "ops", "tenants", []any{doc}); err != nil {
		t.Fatal(err)
	}
	res, _ := probetest.Probe(t, New(), probetest.At(f.Host, f.Port), probetest.LabOptions(5, 600, 100_000))
	labtest.CheckFound(t, res.Samples, gh, mailer, admin)
	if r := labtest.FoundValues(res.Samples)["Argon2id19"]; r != "" {
		t.Errorf("passwords.hashing reported by %s", r)
	}
}

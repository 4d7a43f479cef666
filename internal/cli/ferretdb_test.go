package cli

import (
	"fmt"
	"testing"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/lab"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// FerretDB v1 on a PostgreSQL with passwords offers SASL PLAIN only. A password from a
// --credentials file goes there only over TLS that --tls-ca verifies — and then the
// scan reads the documents; over TLS it cannot verify, the password stays unsent and
// the report says why.
func TestFerretDBPlainLoginFromCredentialsFile(t *testing.T) {
	f := labtest.FerretDBPostgres(t)
	creds := writeCreds(t, fmt.Sprintf(`credentials:
  - store: mongodb
    username: %s
    password: %s
`, labtest.FerretDBPGUser, labtest.FerretDBPGPassword))

	rep := scanJSON(t, "--no-default-credentials", "--credentials", creds, "--tls-ca", f.CertFile, f.TLSAddr())
	if len(rep.Services) != 1 {
		t.Fatalf("services %+v", rep.Services)
	}
	svc := rep.Services[0]
	if svc.Product != "ferretdb" || svc.Version != f.Version || !svc.TLS || svc.Auth != finding.AuthCredentials ||
		svc.User != labtest.FerretDBPGUser || svc.Status != finding.StatusOpen {
		t.Fatalf("verified TLS: %s %s tls=%v auth=%s user=%q status=%s err=%q", svc.Product, svc.Version, svc.TLS, svc.Auth,
			svc.User, svc.Status, svc.Error)
	}
	probetest.CheckPlanted(t, rep.Findings, lab.FerretDBPlanted())

	rep = scanJSON(t, "--no-default-credentials", "--credentials", creds, f.TLSAddr())
	if len(rep.Services) != 1 {
		t.Fatalf("services %+v", rep.Services)
	}
	svc = rep.Services[0]
	if svc.Auth != finding.AuthRequired || svc.Status != finding.StatusAuthRequired || svc.Details["password_not_sent"] == "" {
		t.Fatalf("without --tls-ca: auth=%s status=%s details=%v err=%q", svc.Auth, svc.Status, svc.Details, svc.Error)
	}
	for _, fd := range rep.Findings {
		if fd.Category == finding.Secret {
			t.Fatalf("a protected server's secret reported: %+v", fd)
		}
	}
}

package history

import (
	"database/sql"
	"fmt"
	"os"
	"sync/atomic"
	"testing"

	"github.com/leakwatch/leakwatch/internal/lab/labtest"
)

var pgSeq atomic.Int64

// postgresDSN returns the URL of a new empty database on the lab's shared open
// PostgreSQL server (trusting loopback logins), one database per test.
func postgresDSN(t testing.TB) string {
	t.Helper()
	pg := labtest.PostgresOpen(t)
	base := fmt.Sprintf("postgres://postgres@%s", pg.Addr())
	name := fmt.Sprintf("lw_history_%d_%d", os.Getpid(), pgSeq.Add(1))
	db, err := sql.Open("pgx", base+"/postgres?sslmode=disable")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatal(err)
	}
	return base + "/" + name + "?sslmode=disable"
}

package postgres

import "testing"

// TestForeignHost: a foreign server's options as array_to_string(srvoptions, chr(31))
// returns them (postgres_fdw: host, port, dbname; mysql_fdw: host, port; tds_fdw:
// servername; file_fdw: none).
func TestForeignHost(t *testing.T) {
	for opts, want := range map[string]string{
		"host=10.0.0.5\x1fport=5432\x1fdbname=remote": "10.0.0.5:5432",
		"host=db-a,db-b\x1fport=5432":                 "db-a,db-b",
		"dbname=x\x1fhost=pg.internal":                "pg.internal",
		"servername=mssql.internal\x1fport=1433":      "mssql.internal:1433",
		"":                                            "",
		"filename=/etc/passwd":                        "",
	} {
		if got := foreignHost(opts); got != want {
			t.Errorf("%q: %q, want %q", opts, got, want)
		}
	}
}

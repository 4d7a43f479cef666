// Package querywatch watches a ClickHouse server's own logs for signs that someone walked
// in: queries from addresses outside the allowed networks, the default user used from
// another host, sweeps of the catalogue (SHOW DATABASES, system.tables, system.columns),
// bulk reads of tables a scan classified as sensitive, table functions that reach outside
// the server (file(), url(), remote(), s3() …), and bursts of failed logins.
//
// It reads system.query_log (and system.session_log where the server has one, 21.x+)
// incrementally through the same read-only, bounded HTTP path as the scanner, and, for
// servers that log refused logins only in their text log (18.x–20.x), tails
// clickhouse-server.log. Positions and the rules' sliding windows live in a state file,
// so a restart neither repeats nor misses an alert; rows are re-read with a short
// overlap and deduplicated, since servers flush their logs every few seconds.
//
// leakwatch's own queries (query id prefix "leakwatch-" and user agent "leakwatch") are
// ignored unless they call a table function or read in bulk, which leakwatch never does.
package querywatch

// Package audit reads the configuration files of the data stores leakwatch knows —
// ClickHouse (config.xml, users.xml and their override directories, XML or YAML),
// PostgreSQL (postgresql.conf, pg_hba.conf), Redis, MongoDB and Elasticsearch — offline,
// and reports what would let someone in: users without passwords, allow-lists open to
// the world, listeners on every interface without TLS, and the like.
//
// ClickHouse files are loaded the way the server loads them (config.d/users.d/conf.d
// merges with replace and remove, incl substitutions from include_from, from_env and
// from_zk noted), so a finding names the file and line that decide the effective value,
// which is often an override rather than the file a reader would open first.
package audit

package redis

import (
	"sort"
	"strconv"
	"strings"
)

// info is the parsed reply to INFO: "# Section" headers followed by "key:value" lines.
// Keys are unique across sections in every Redis version, so one flat map suffices; the
// section of each key is kept for the keyspace.
type info struct {
	fields   map[string]string
	keyspace []dbStats
}

// maxInfoFields bounds what a hostile server can make us keep.
const maxInfoFields = 2000

// parseInfo reads an INFO reply. Unknown lines are ignored: INFO is for people and
// changes between versions.
func parseInfo(s string) info {
	in := info{fields: map[string]string{}}
	section := ""
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" {
			continue
		}
		if strings.HasPrefix(line, "#") {
			section = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(line, "#")))
			continue
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok || k == "" {
			continue
		}
		if section == "keyspace" || (section == "" && isDBName(k)) {
			if db, ok := parseKeyspaceLine(k, v); ok && len(in.keyspace) < maxInfoFields {
				in.keyspace = append(in.keyspace, db)
			}
			continue
		}
		if len(in.fields) < maxInfoFields {
			in.fields[k] = v
		}
	}
	sort.Slice(in.keyspace, func(i, j int) bool { return in.keyspace[i].index < in.keyspace[j].index })
	return in
}

// dbStats is one line of INFO keyspace: "db0:keys=12,expires=1,avg_ttl=0".
type dbStats struct {
	index   int
	keys    int64
	expires int64
	avgTTL  int64
}

func (d dbStats) name() string { return "db" + strconv.Itoa(d.index) }

func isDBName(k string) bool {
	if !strings.HasPrefix(k, "db") || len(k) < 3 || len(k) > 8 {
		return false
	}
	_, err := strconv.Atoi(k[2:])
	return err == nil
}

func parseKeyspaceLine(k, v string) (dbStats, bool) {
	if !isDBName(k) {
		return dbStats{}, false
	}
	idx, _ := strconv.Atoi(k[2:])
	if idx < 0 {
		return dbStats{}, false
	}
	d := dbStats{index: idx}
	seen := false
	for _, kv := range strings.Split(v, ",") {
		name, val, ok := strings.Cut(kv, "=")
		if !ok {
			continue
		}
		n, err := strconv.ParseInt(val, 10, 64)
		if err != nil || n < 0 {
			continue
		}
		switch name {
		case "keys":
			d.keys, seen = n, true
		case "expires":
			d.expires = n
		case "avg_ttl":
			d.avgTTL = n
		}
	}
	return d, seen
}

// flavor tells Redis from the servers that speak its protocol and answer INFO like it,
// whose redis_version is a compatibility claim rather than their own release.
func (in info) flavor() (name, version string) {
	switch {
	case in.fields["valkey_version"] != "":
		return "valkey", in.fields["valkey_version"]
	case in.fields["dragonfly_version"] != "":
		return "dragonfly", in.fields["dragonfly_version"]
	case strings.EqualFold(in.fields["server_name"], "valkey"):
		return "valkey", in.fields["valkey_version"]
	case in.fields["kvrocks_version"] != "":
		return "kvrocks", in.fields["kvrocks_version"]
	case strings.Contains(strings.ToLower(in.fields["executable"]), "keydb") || in.fields["mvcc-depth"] != "":
		return "keydb", in.fields["redis_version"]
	}
	return "redis", in.fields["redis_version"]
}

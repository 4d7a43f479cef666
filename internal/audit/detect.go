package audit

import (
	"bufio"
	"bytes"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"
)

type fileKind int

const (
	kindUnknown    fileKind = iota
	kindCHServer            // ClickHouse server configuration (config.xml)
	kindCHUsers             // ClickHouse users configuration (users.xml)
	kindCHFragment          // a file of a ClickHouse override directory (config.d, users.d, conf.d)
	kindPGConf              // postgresql.conf
	kindPGHBA               // pg_hba.conf
	kindRedis               // redis.conf
	kindMongo               // mongod.conf
	kindElastic             // elasticsearch.yml
)

// nameHint reports whether a file's name alone says it is a configuration leakwatch
// audits, so that failing to read it is an error rather than a skipped file.
func nameHint(p string) bool {
	b := strings.ToLower(filepath.Base(p))
	switch b {
	case "config.xml", "users.xml", "config.yaml", "users.yaml", "config.yml", "users.yml",
		"postgresql.conf", "postgresql.auto.conf", "pg_hba.conf", "redis.conf", "mongod.conf", "mongodb.conf",
		"elasticsearch.yml", "elasticsearch.yaml":
		return true
	}
	return strings.HasPrefix(b, "redis") && strings.HasSuffix(b, ".conf")
}

// Keys that identify ClickHouse configurations among YAML and XML files.
var (
	chServerKeys = map[string]bool{"listen_host": true, "http_port": true, "tcp_port": true, "https_port": true,
		"tcp_port_secure": true, "interserver_http_port": true, "mysql_port": true, "postgresql_port": true,
		"logger": true, "path": true, "users_config": true, "user_directories": true, "openSSL": true,
		"remote_servers": true, "query_log": true, "include_from": true, "remote_url_allow_hosts": true,
		"default_profile": true, "max_connections": true, "zookeeper": true, "macros": true}
	chUsersKeys = map[string]bool{"users": true, "profiles": true, "quotas": true}
)

// detectKind reads the start of a file to decide what it configures.
func detectKind(p string) (fileKind, error) {
	data, err := readConfigFile(p)
	if err != nil {
		return kindUnknown, err
	}
	base := strings.ToLower(filepath.Base(p))
	ext := strings.ToLower(filepath.Ext(p))
	inDotD := strings.HasSuffix(filepath.Base(filepath.Dir(p)), ".d")
	trimmed := bytes.TrimLeft(data, " \t\r\n\ufeff")

	switch {
	case base == "pg_hba.conf" || (strings.HasPrefix(base, "pg_hba") && ext == ".conf"):
		return kindPGHBA, nil
	case base == "postgresql.conf" || base == "postgresql.auto.conf":
		return kindPGConf, nil
	case base == "elasticsearch.yml" || base == "elasticsearch.yaml":
		return kindElastic, nil
	case base == "mongod.conf" || base == "mongodb.conf" || base == "mongod.yaml" || base == "mongod.yml":
		return kindMongo, nil
	case strings.HasPrefix(base, "redis") && ext == ".conf":
		return kindRedis, nil
	case base == "metrika.xml":
		return kindUnknown, nil // substitutions, read through include_from
	case base == "createcluster.conf" || base == "pg_ident.conf" || base == "sentinel.conf":
		// Debian's pg_createcluster defaults (postgresql.conf syntax, not a server's
		// configuration), user-name maps, and Redis Sentinel: not audited.
		return kindUnknown, nil
	}

	if bytes.HasPrefix(trimmed, []byte("<")) {
		root := xmlRootName(data)
		if !isRoot(root) {
			return kindUnknown, nil
		}
		n, err := parseXML(p, data, &budget{})
		if err != nil {
			return kindUnknown, err
		}
		return chKind(base, inDotD, n), nil
	}

	switch ext {
	case ".yaml", ".yml":
		return yamlKind(p, base, inDotD, data)
	case ".conf":
		return confKind(data), nil
	}
	return kindUnknown, nil
}

// chKind tells a server configuration from a users configuration by the elements it
// sets; files in a ".d" directory are fragments of one or the other.
func chKind(base string, inDotD bool, root *Node) fileKind {
	server, users := false, false
	for _, c := range root.Children {
		server = server || chServerKeys[c.Name]
		users = users || chUsersKeys[c.Name]
	}
	switch {
	case inDotD && (server || users):
		return kindCHFragment
	case strings.HasPrefix(base, "users") && (users || !server):
		return kindCHUsers
	case server:
		return kindCHServer
	case users:
		return kindCHUsers
	case strings.HasPrefix(base, "config"):
		return kindCHServer
	}
	return kindUnknown
}

func yamlKind(p, base string, inDotD bool, data []byte) (fileKind, error) {
	y, err := parseYAMLNode(p, data)
	if err != nil || y == nil {
		// A YAML file we cannot parse is only ours to report when its name says so.
		if err != nil && (strings.HasPrefix(base, "config.") || strings.HasPrefix(base, "users.")) {
			return kindUnknown, err
		}
		return kindUnknown, nil
	}
	y = deref(y)
	if y.Kind != yaml.MappingNode {
		return kindUnknown, nil
	}
	keys := map[string]*yaml.Node{}
	for i := 0; i+1 < len(y.Content); i += 2 {
		keys[y.Content[i].Value] = deref(y.Content[i+1])
	}
	// Elasticsearch: dotted setting names or its well-known sections.
	for k := range keys {
		if strings.HasPrefix(k, "xpack.") || strings.HasPrefix(k, "network.") || strings.HasPrefix(k, "cluster.") ||
			strings.HasPrefix(k, "discovery.") || strings.HasPrefix(k, "http.") || k == "xpack" {
			return kindElastic, nil
		}
	}
	// MongoDB: net/storage/systemLog/security sections.
	if net := keys["net"]; net != nil && (keys["storage"] != nil || keys["systemLog"] != nil || keys["security"] != nil || hasKey(net, "bindIp") || hasKey(net, "bindIpAll")) {
		return kindMongo, nil
	}
	// ClickHouse.
	root := &Node{Name: "clickhouse"}
	for k := range keys {
		root.Children = append(root.Children, &Node{Name: k})
	}
	if inner := keys["clickhouse"]; inner != nil && inner.Kind == yaml.MappingNode {
		root.Children = nil
		for i := 0; i+1 < len(inner.Content); i += 2 {
			root.Children = append(root.Children, &Node{Name: inner.Content[i].Value})
		}
	}
	return chKind(base, inDotD, root), nil
}

func hasKey(m *yaml.Node, k string) bool {
	if m == nil || m.Kind != yaml.MappingNode {
		return false
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == k {
			return true
		}
	}
	return false
}

// Directives that identify other .conf files by content.
var (
	pgKeys    = []string{"listen_addresses", "max_connections", "shared_buffers", "hba_file", "data_directory", "ssl", "password_encryption", "unix_socket_directories", "log_line_prefix", "wal_level"}
	redisKeys = []string{"bind", "port", "protected-mode", "requirepass", "daemonize", "appendonly", "save", "maxmemory", "dbfilename", "tcp-backlog", "databases", "rename-command", "aclfile", "supervised"}
	hbaTypes  = map[string]bool{"local": true, "host": true, "hostssl": true, "hostnossl": true, "hostgssenc": true, "hostnogssenc": true}
)

// confKind scores the first lines of a .conf file against PostgreSQL, pg_hba, Redis and
// legacy MongoDB syntax.
func confKind(data []byte) fileKind {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	var pg, redis, hba, mongo, other int
	for n := 0; sc.Scan() && n < 2000; n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		fields := strings.Fields(line)
		first := strings.ToLower(fields[0])
		name, _, hasEq := strings.Cut(line, "=")
		name = strings.ToLower(strings.TrimSpace(name))
		switch {
		case hbaTypes[first] && len(fields) >= 4:
			hba++
		case hasEq && containsStr(pgKeys, name):
			pg++
		case hasEq && (name == "bind_ip" || name == "auth" || name == "noauth" || name == "dbpath" || name == "bind_ip_all"):
			mongo++
		case !hasEq && containsStr(redisKeys, first):
			redis++
		default:
			other++
		}
	}
	switch {
	case hba > 0 && hba >= other && pg == 0 && redis == 0:
		return kindPGHBA
	case pg > 0 && pg >= redis && pg >= mongo:
		return kindPGConf
	case mongo > 0 && mongo >= redis:
		return kindMongo
	case redis >= 2:
		return kindRedis
	}
	return kindUnknown
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

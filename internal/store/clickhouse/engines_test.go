package clickhouse

import (
	"slices"
	"strings"
	"testing"
)

// TestEngineTargets: where an engine clause reaches, as system.tables.engine_full and
// system.databases.engine_full print it — credentials never part of the answer.
func TestEngineTargets(t *testing.T) {
	for _, tc := range []struct{ full, want string }{
		{"MySQL('10.0.0.5:3306', 'crm', 'users', 'app', 'S3cret!')", "10.0.0.5:3306"},
		{"MySQL('10.0.0.5:3306', 'crm', 'app', '[HIDDEN]')", "10.0.0.5:3306"},
		{"PostgreSQL('pg.internal:5432', 'db', 'events', 'u', 'p', 'public')", "pg.internal:5432"},
		{"URL('http://user:pw@feed.example:8080/x.csv?token=abc', CSV)", "feed.example:8080"},
		{"S3('https://bucket.s3.amazonaws.com/data/*.parquet', 'AKIAEXAMPLE', 'secretkey', 'Parquet')", "bucket.s3.amazonaws.com"},
		{"S3Queue('https://b.s3.amazonaws.com/in/*', 'CSV') SETTINGS mode = 'unordered'", "b.s3.amazonaws.com"},
		{"HDFS('hdfs://namenode:9000/logs/*', 'TSV')", "namenode:9000"},
		{"MongoDB('mongodb://admin:pw@mongo-1:27017/app', 'events')", "mongo-1:27017"},
		{"MongoDB('mongo-1:27017', 'app', 'events', 'admin', 'pw')", "mongo-1:27017"},
		{"Kafka SETTINGS kafka_broker_list = 'kafka-1:9092,kafka-2:9092', kafka_topic_list = 't', kafka_group_name = 'g', kafka_format = 'JSONEachRow'", "kafka-1:9092,kafka-2:9092"},
		{"Kafka('kafka-1:9092', 'topic', 'group', 'JSONEachRow')", "kafka-1:9092"},
		{"RabbitMQ SETTINGS rabbitmq_host_port = 'mq:5672', rabbitmq_exchange_name = 'x', rabbitmq_format = 'JSONEachRow'", "mq:5672"},
		{"NATS SETTINGS nats_url = 'nats-1:4222', nats_subjects = 's', nats_format = 'JSONEachRow'", "nats-1:4222"},
		{"Redis('redis-1:6379', 0, 'pw')", "redis-1:6379"},
		{"JDBC('jdbc:mysql://db-2:3306/?user=root&password=x', 'shop', 'orders')", "db-2:3306"},
		{"ODBC('DSN=warehouse;UID=u;PWD=p', 'db', 't')", ""},
		{"AzureBlobStorage('DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=k==;EndpointSuffix=core.windows.net', 'c', 'b')", "acct.blob.core.windows.net"},
		{"MySQL(mysql_creds, table = 'users')", ""},
		{"MySQL(mysql_creds, host = 'db-3', port = 3306)", "db-3"},
		{"ExternalDistributed('MySQL', 'db-a:3306|db-b:3306', 'crm', 'users', 'u', 'p')", "db-a:3306|db-b:3306"},
		{"DataLakeCatalog('http://catalog.internal:8181/v1', 'admin', '[HIDDEN]') SETTINGS catalog_type = 'rest'", "catalog.internal:8181"},
		{"SQLite('/var/lib/app.sqlite')", ""},
		{"MergeTree ORDER BY ts", ""},
		{"URL('http://" + strings.Repeat("h", 500) + "/')", strings.Repeat("h", maxHostText) + "…"},
	} {
		if got := targetOf(parseEngine(tc.full)); got != tc.want {
			t.Errorf("%s\n got %q\nwant %q", tc.full, got, tc.want)
		}
	}
}

func TestEngineReach(t *testing.T) {
	for eng, want := range map[string]tableReach{
		"MergeTree": reachLocal, "ReplicatedReplacingMergeTree": reachLocal, "Memory": reachLocal, "TinyLog": reachLocal,
		"URL": reachRemote, "S3": reachRemote, "MySQL": reachRemote, "MongoDB": reachRemote, "JDBC": reachRemote, "IcebergS3": reachRemote,
		"Kafka": reachConsume, "RabbitMQ": reachConsume, "NATS": reachConsume, "S3Queue": reachConsume,
		"Distributed": reachQuery, "Merge": reachQuery, "View": reachQuery, "MaterializedView": reachQuery, "Dictionary": reachQuery,
		"File": reachFiles, "Executable": reachFiles, "GenerateRandom": reachUnknown, "SomethingNew": reachUnknown,
	} {
		if got := tableEngineReach(eng); got != want {
			t.Errorf("%s: %v, want %v", eng, got, want)
		}
	}
	for _, e := range []string{"Atomic", "Ordinary", "Memory", "Lazy", "Replicated"} {
		if !localDatabaseEngines[e] {
			t.Errorf("database engine %s not local", e)
		}
	}
	for _, e := range []string{"MySQL", "PostgreSQL", "MaterializedPostgreSQL", "MaterializedMySQL", "SQLite", "Filesystem", "S3", "HDFS", "DataLakeCatalog", "Dictionary"} {
		if localDatabaseEngines[e] {
			t.Errorf("database engine %s listed as local", e)
		}
	}
}

func TestVersionText(t *testing.T) {
	for v, ok := range map[string]bool{"18.16.1": true, "23.8.2.7": true, "25.3.12.10001.altinitystable": true, "24.8.14.10459.altinitystable": true,
		"1.1.54388": true, "23.8": true, "v23.8": false, "23.8.2.7 (official build)": false, "nginx": false, "23.8.2.7.x.y.z": false} {
		if versionText.MatchString(v) != ok {
			t.Errorf("versionText(%q) != %v", v, ok)
		}
	}
	if n, f := splitVersion("25.3.12.10001.altinitystable"); n != "25.3.12.10001" || f != "altinitystable" {
		t.Errorf("splitVersion = %q, %q", n, f)
	}
}

// TestGrantLines: SHOW GRANTS read as statements.
func TestGrantLines(t *testing.T) {
	for _, tc := range []struct {
		line, target string
		privs        []string
		roles        []string
		revoke       bool
	}{
		{line: "GRANT SELECT(a, b), INSERT ON db.t TO u WITH GRANT OPTION", target: "db.t", privs: []string{"SELECT", "INSERT"}},
		{line: "GRANT SHOW, ACCESS MANAGEMENT, SOURCES ON *.* TO default", target: "*.*", privs: []string{"SHOW", "ACCESS MANAGEMENT", "SOURCES"}},
		{line: "REVOKE URL ON *.* FROM analyst", target: "*.*", privs: []string{"URL"}, revoke: true},
		{line: "GRANT etl_role, `other role` TO reader WITH ADMIN OPTION", roles: []string{"etl_role", "other role"}},
		{line: "GRANT READ ON URL('https://api\\\\.x/.*') TO loader", target: "URL('https://api\\.x/.*')", privs: []string{"READ"}},
		{line: "GRANT SELECT ON `TO`.`ON` TO u", target: "TO.ON", privs: []string{"SELECT"}},
		{line: "GRANT CURRENT GRANTS(SELECT ON app.*) TO u", target: "app.*", privs: []string{"SELECT"}},
	} {
		g, ok := parseGrantLine(tc.line)
		if !ok || g.target != tc.target || !slices.Equal(g.privs, tc.privs) || !slices.Equal(g.roles, tc.roles) || g.revoke != tc.revoke {
			t.Errorf("%s: %+v, %v", tc.line, g, ok)
		}
	}
	gs := parseGrants([]string{"GRANT SELECT ON insertions.* TO u", "GRANT CREATE SETTINGS PROFILE ON *.* TO u"})
	if gs.writeLine() != "" || gs.sourceGranted("FILE") || gs.adminLine() != "" {
		t.Errorf("false grants read from names: write %q", gs.writeLine())
	}
}

// TestDiskReach: a table defining its own disk in SETTINGS keeps its rows where that
// disk says; only the local file system is safe to read.
func TestDiskReach(t *testing.T) {
	for _, tc := range []struct {
		full   string
		remote bool
		target string
	}{
		{"MergeTree ORDER BY ts SETTINGS index_granularity = 8192", false, ""},
		{"MergeTree ORDER BY ts SETTINGS storage_policy = 's3_main', index_granularity = 8192", false, ""},
		{"MergeTree ORDER BY ts SETTINGS disk = 's3_disk', index_granularity = 8192", false, ""},
		{"MergeTree ORDER BY ts SETTINGS disk = disk(type = web, endpoint = 'http://third.example:8080/web/'), index_granularity = 8192", true, "third.example:8080"},
		{"MergeTree ORDER BY ts SETTINGS disk = disk(type = s3, endpoint = 'https://bucket.s3.amazonaws.com/data/', access_key_id = 'AKIA', secret_access_key = '[HIDDEN]')", true, "bucket.s3.amazonaws.com"},
		{"MergeTree ORDER BY ts SETTINGS disk = disk(type = object_storage, object_storage_type = azure, connection_string = 'DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=k')", true, "acct.blob.core.windows.net"},
		{"MergeTree ORDER BY ts SETTINGS disk = disk(type = cache, max_size = '1Gi', path = '/c/', disk = disk(type = web, endpoint = 'http://w.example/'))", true, "w.example"},
		{"MergeTree ORDER BY ts SETTINGS disk = disk(type = local, path = '/var/lib/clickhouse/disks/d/')", false, ""},
		{"MergeTree ORDER BY ts SETTINGS disk = disk(name = d, path = '/p/')", true, ""},
		{"Log SETTINGS disk = disk(type = web, endpoint = 'http://third.example/')", true, "third.example"},
	} {
		remote, target := diskReach(tc.full)
		if remote != tc.remote || target != tc.target {
			t.Errorf("%s\n got %v %q, want %v %q", tc.full, remote, target, tc.remote, tc.target)
		}
	}
}

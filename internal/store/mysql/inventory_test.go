package mysql

import "testing"

// TestConnectionHost: where FEDERATED, CONNECT and SPIDER tables connect, from their
// definitions as SHOW CREATE TABLE prints them (shapes from MariaDB's FederatedX,
// CONNECT and Spider documentation; CONNECT and Spider are not installed in this lab,
// FEDERATED is tested live in TestFederatedTablesNotRead). Credentials never come out.
func TestConnectionHost(t *testing.T) {
	for _, tc := range []struct{ def, want string }{
		{"CREATE TABLE `far_users` (\n  `id` int(11) DEFAULT NULL\n) ENGINE=FEDERATED DEFAULT CHARSET=utf8mb4 CONNECTION='mysql://reader:S3cret@10.0.0.7:3306/crm/users'", "10.0.0.7:3306"},
		{"CREATE TABLE t (id int) ENGINE=FEDERATED CONNECTION='mysql://u@db.internal/crm/users'", "db.internal"},
		{"CREATE TABLE t (id int) ENGINE=FEDERATED CONNECTION='crm_server/users'", "(server crm_server)"},
		{"CREATE TABLE t (id int) ENGINE=FEDERATED CONNECTION='crm_server'", "(server crm_server)"},
		{"CREATE TABLE t (id int) ENGINE=CONNECT TABLE_TYPE=MYSQL CONNECTION='mysql://root:pw@192.0.2.8:3307/shop/orders'", "192.0.2.8:3307"},
		{"CREATE TABLE t (id int) ENGINE=SPIDER COMMENT='wrapper \"mysql\", host \"10.1.1.1\", port \"3306\", user \"u\", password \"p\", table \"t\"'", "10.1.1.1:3306"},
		{"CREATE TABLE t (id int) ENGINE=InnoDB", ""},
	} {
		if got := connectionHost(tc.def); got != tc.want {
			t.Errorf("%s\n got %q\nwant %q", tc.def, got, tc.want)
		}
	}
}

package detect

import "testing"

// TestUserinfoRawPassword: the tail of a URL's password written raw, after a character
// a URL should have had encoded ('>', '#'), is no e-mail address; an address in the
// query after a host and port still is.
func TestUserinfoRawPassword(t *testing.T) {
	held5Quiet(t, []string{
		`$config['db_dsnw'] = 'mysql://roundcube:cfBw0*yRyRz>225@mysql-int.luxor-tours.eg/roundcubemail';`,
		`postgres://web:piFX@8sgf0c#86@queue-a.ops.corp.lan:5432/web`,
	}, "email")
	held5Want(t, []held5Case{
		{"see <https://x.org/a> anna.smith7@corp-example.cn", "email", "anna.smith7@corp-example.cn"},
		{"https://x.org/?q=1#anna.smith7@corp-example.cn", "email", "anna.smith7@corp-example.cn"},
	})
}

package detect

import "testing"

// The tail of a percent-encoded URL password, once decoded, is no e-mail address.
func TestEmailUserinfoTail(t *testing.T) {
	held5Quiet(t, []string{
		"kernel ${base-url}/vmlinuz inst.ks=https://ks:Tq7vPzXh%2CB4O%40NXJtU%3B7%5E%5BV@boot.example-corp.com.bd/ks.cfg console=ttyS0",
	}, "email")
	held5Want(t, []held5Case{
		{"https://crm.example.org/contacts?id=7&email=maria.garcia@mail.ru", "email", "maria.garcia@mail.ru"},
		{"see https://wiki.example.org/team: omar.tanaka3@proton.me", "email", "omar.tanaka3@proton.me"},
	})
}

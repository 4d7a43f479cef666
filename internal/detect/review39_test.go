package detect

import "testing"

// A rule whose captured group follows its fixed prefix ("<USERPASS>…", "password =
// \"\"\"…") reports a value shorter than the prefix: the prefix is not in the value,
// and no part of the value is cut off as an issuer's literal.
func TestReviewGroupAfterPrefix(t *testing.T) {
	held5Want(t, []held5Case{
		{"<SONRQ>\n<USERID>jan\n<USERPASS>Xk9#mQ2p\n<LANGUAGE>ENG", "ofx-user-password", "Xk9#mQ2p"},
		{"[database]\npassword = \"\"\"Lx5#qWz9\"\"\"\n", "grafana-ini-password", "Lx5#qWz9"},
		{"sentinel auth-pass mymaster Tk6#pLq2\n", "redis-sentinel-password", "Tk6#pLq2"},
	})
}

// A text that ends within ten bytes of a line opening "A" and seven digits (CPA 005's
// header "A000000001" cut short) is scanned without a panic.
func TestReviewPayShortRecords(t *testing.T) {
	e := Default()
	for _, in := range []string{"A0000000", "A12345678", "note\nA0000000", "note\r\nA1234567\r", "x\nA000000001"} {
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("%q: panic %v", in, r)
				}
			}()
			scanAll(e, in)
		}()
	}
}

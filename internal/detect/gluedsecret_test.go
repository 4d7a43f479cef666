package detect

import "testing"

// A key qualifier glued to "token" or "secret" in a lower-case name names the secret
// its underscored spelling does; a word that is no qualifier does not. Strings written
// for the test.
func TestGluedQualifiedSecret(t *testing.T) {
	held5Want(t, []held5Case{
		{`clienttoken := "Rv4nWq8tLc2xHj7pZm3kBs9d"`, "generic-api-key", "Rv4nWq8tLc2xHj7pZm3kBs9d"},
		{`sessiontoken = 'Rv4nWq8tLc2xHj7pZm3kBs9d'`, "generic-api-key", "Rv4nWq8tLc2xHj7pZm3kBs9d"},
		{`sharedsecret: "Rv4nWq8tLc2xHj7pZm3kBs9d"`, "generic-api-key", "Rv4nWq8tLc2xHj7pZm3kBs9d"},
	})
	h11Quiet(t, []string{
		`csrftoken := "Rv4nWq8tLc2xHj7pZm3kBs9d"`,    // a form's anti-forgery token
		`nexttoken = "Rv4nWq8tLc2xHj7pZm3kBs9d"`,     // a page cursor
		`clienttokenid = "Rv4nWq8tLc2xHj7pZm3kBs9d"`, // not the glued word alone
	})
	for _, w := range []string{"clienttoken", "deploytoken", "mastersecret"} {
		if !gluedQualifiedSecret([]byte(w)) {
			t.Errorf("gluedQualifiedSecret(%q) = false", w)
		}
	}
	for _, w := range []string{"token", "csrftoken", "pagetoken", "xtoken"} {
		if gluedQualifiedSecret([]byte(w)) {
			t.Errorf("gluedQualifiedSecret(%q) = true", w)
		}
	}
}

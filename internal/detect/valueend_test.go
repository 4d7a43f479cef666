package detect

import (
	"strings"
	"testing"
)

// A password written as prose inside a double-quoted string literal runs to the
// string's own end: '&', ';', '%', an escaped quote or backslash are characters of it.
func TestValueEndStringProse(t *testing.T) {
	held5Want(t, []held5Case{
		{`      "note": "Account set up. Temp password: Kiruna41&borgo\nCall the desk: 555-0100",`, "password-assignment", "Kiruna41&borgo"},
		{`      "note": "Account set up. Temp password: Oulu;7720\nCall the desk",`, "password-assignment", "Oulu;7720"},
		{`      "note": "Account set up. Temp password: Vx%Rq\"m2;Lp!WdTz\nCall the desk",`, "password-assignment", `Vx%Rq"m2;Lp!WdTz`},
		{`      "note": "Account set up. Temp password: Tromso\\4418\nCall the desk",`, "password-assignment", `Tromso\4418`},
		{`      "note": "Account set up. Temp password: Bergen2031\"",`, "password-assignment", `Bergen2031"`},
		{`      "note": "Account set up. Temp password: Kx%Wv\"qzTr>PL;mo!JdSs\nCall the desk",`, "password-assignment", `Kx%Wv"qzTr>PL;mo!JdSs`},
	})
	h11Quiet(t, []string{
		`      "note": "Reset the password: it's in the vault\nCall the desk",`,
		`      "hint": "password: see docs",`,
		`      "hint": "Enter the Password: Don't share it\nThanks",`,
	})
}

// On a comment line whose last word is KEY=value, the value runs to the line's end.
func TestValueEndCommentLine(t *testing.T) {
	held5Want(t, []held5Case{
		{"    #   CSC_KEY_PASSWORD=Lahti52&vaasa", "password-assignment", "Lahti52&vaasa"},
		{"    #   CSC_KEY_PASSWORD=Kemi83'", "password-assignment", "Kemi83'"},
		{"    #   CSC_KEY_PASSWORD=Qm4Zt=!pLw7Ns\"xR", "password-assignment", `Qm4Zt=!pLw7Ns"xR`},
		{"// DB_PASSWORD=Pori19\\", "password-assignment", `Pori19\`},
	})
	h11Quiet(t, []string{
		"# PASSWORD=$(cat /run/secrets/db)",
	})
}

// A password in a quoted CSV field's prose runs to the field's closing quote: a
// single quote, a doubled quote ("") and a final ';' are characters of it.
func TestValueEndCSVQuotedField(t *testing.T) {
	held5Want(t, []held5Case{
		{`E10001,Ana,Lima,1990-01-02,"initial password Rovn%QwbTcE'27"`, "password-in-prose", `Rovn%QwbTcE'27`},
		{`E10002,Ana,Lima,1990-01-02,"initial password Kotka55;"`, "password-in-prose", `Kotka55;`},
		{`E10003,Ana,Lima,1990-01-02,"initial password Naxq""7Lwb22&41",active`, "password-in-prose", `Naxq""7Lwb22&41`},
	})
	h11Quiet(t, []string{
		`E10004,Ana,Lima,"initial password sent by mail",active`,
		`E10005,Ana,Lima,"password reset: don't share it"`,
	})
}

// A passphrase written with blanks that is a quoted CSV field's whole rest after the
// password word is the value: lower-case words, then a number glued to a sign.
func TestValueEndCSVBlankedPassphrase(t *testing.T) {
	held5Want(t, []held5Case{
		{`E10006,Ana,Lima,1990-01-02,"initial password borgo kiruna 31'"`, "password-in-prose", `borgo kiruna 31'`},
		{`E10007,Ana,Lima,1990-01-02,"initial password lahti oulu 58^",active`, "password-in-prose", `lahti oulu 58^`},
	})
	h11Quiet(t, []string{
		`E10008,Ana,Lima,"initial password valid for 90 days",active`,
		`E10009,Ana,Lima,"initial password expires after 30.",active`,
		`E10010,Ana,Lima,"initial password sent by sms"`,
	})
}

// A C macro's string literal runs to its first unescaped quote: an escaped quote or
// backslash is a character of the password, kept as written.
func TestValueEndCDefineEscapes(t *testing.T) {
	held5Want(t, []held5Case{
		{`#define SECRET_PASS "Kq7W;eLzmTy\\41"`, "password-assignment", `Kq7W;eLzmTy\\41`},
		{`#define SECRET_PASS "Vaasa\"27"`, "password-assignment", `Vaasa\"27`},
		{`#define SECRET_OTA_PASSWORD "pN\"M4KrqZ+\"},BO?#"`, "password-assignment", `pN\"M4KrqZ+\"},BO?#`},
	})
	h11Quiet(t, []string{
		`#define SECRET_PASS "line\n"`,
		`#define PASSWORD_PROMPT "Password: \\"`,
	})
}

// A quoted span's readers go back to the line's start at most maxProseLineBack bytes.
func TestProseLineStart(t *testing.T) {
	long := func(n int) []byte { return []byte("x\n" + strings.Repeat("a", n)) }
	for _, c := range []struct {
		data []byte
		p    int
		want int
	}{
		{[]byte("abc"), 2, 0},
		{[]byte("ab\ncd"), 4, 3},
		{[]byte("ab\n"), 3, 3},
		{long(maxProseLineBack), 2 + maxProseLineBack, 2},
		{long(maxProseLineBack + 1), 2 + maxProseLineBack + 1, -1},
		{[]byte(strings.Repeat("a", maxProseLineBack+5)), maxProseLineBack, 0},
		{[]byte(strings.Repeat("a", maxProseLineBack+5)), maxProseLineBack + 1, -1},
	} {
		if got := proseLineStart(c.data, c.p); got != c.want {
			t.Errorf("proseLineStart(%d bytes, %d) = %d, want %d", len(c.data), c.p, got, c.want)
		}
	}
}

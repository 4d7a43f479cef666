package detect

import (
	"go/ast"
	"go/parser"
	"go/token"
	"math/rand"
	"runtime/debug"
	"strconv"
	"testing"
)

// A Perl call whose last argument is a q{…} literal closing at the very end of the
// input: callArg looked past the literal's closer for a quote (@"…") one byte past the
// end of the data.
func TestCallArgAltLiteralAtEnd(t *testing.T) {
	e := Default()
	for _, s := range []string{
		"my $dbh = DBI->connect('dbi:Pg:dbname=app;host=db', 'app', q{Quokka42!vine}",
		"DBI->connect('dbi:mysql:db', 'root', [[Quokka42!vine]]",
		"DBI->connect('dbi:mysql:db', 'root', @\"Quokka42!vine\"",
	} {
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("%q: %v", s, r)
				}
			}()
			e.Scan([]byte(s), func(Match) {})
		}()
	}
}

// The string literals of stop 35's tests, cut at every offset (both halves) and with a
// few bytes changed at random: no reader reads past its input's end on a truncated or
// odd line (callArg did, after an alternative literal).
func TestScanSessionCasesTruncated(t *testing.T) {
	files := []string{"codeswitch_test.go", "listvalues_test.go", "lookupdefault_test.go", "pwmech2_test.go", "rarrow_test.go",
		"recallmisc2_b64_test.go", "recallmisc2_bearer_test.go", "recallmisc2_nat_test.go", "recallmisc2_test.go", "recallmisc2_url_test.go",
		"h22sec_test.go", "h22pii_test.go"}
	var lits []string
	fs := token.NewFileSet()
	for _, f := range files {
		af, err := parser.ParseFile(fs, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(af, func(n ast.Node) bool {
			if bl, ok := n.(*ast.BasicLit); ok && bl.Kind == token.STRING {
				if s, err := strconv.Unquote(bl.Value); err == nil && len(s) > 8 && len(s) < 4000 {
					lits = append(lits, s)
				}
			}
			return true
		})
	}
	if len(lits) < 100 {
		t.Fatalf("%d literals: the test reads too few", len(lits))
	}
	e := Default()
	scan := func(b []byte) {
		defer func() {
			if r := recover(); r != nil {
				t.Fatalf("panic %v on %q\n%s", r, b, debug.Stack())
			}
		}()
		e.Scan(b, func(Match) {})
	}
	rng := rand.New(rand.NewSource(35))
	for _, s := range lits {
		for i := 0; i <= len(s); i++ {
			scan([]byte(s[:i]))
			scan([]byte(s[i:]))
		}
		for range 30 {
			b := []byte(s)
			for k := rng.Intn(4) + 1; k > 0; k-- {
				b[rng.Intn(len(b))] = byte(rng.Intn(256))
			}
			scan(b)
		}
	}
}

// Random lines of the stop-35 readers' triggers, quotes, brackets, operators and
// values, ends included: none panics.
func TestScanSessionTriggersShuffled(t *testing.T) {
	toks := []string{"password", "passwd", "pwd", "secret", "api_key", "key", "token", "salt", "root", "admin", "mysql_root", "$USER1$", "login", "user",
		"=", ":", ": ", " = ", "<-", "<<-", " As String = ", "=>", "||", "??", "?:", " or ", "${", ":-", ":=", "}", "{", "[", "]", "[[", "]]", "[=[", "]=]", "(", ")",
		"q{", "qq{", "%q{", "@\"", "L\"", "u8\"", "\"", "'", "`", "\\", "\\\"", "\\\\", ",", ";", ";1", ";2", "'\\\\", "\"\\\\", "\n", "\r\n", " ", "\t", "#", "?", "&", "@", "/",
		"postgres://", "mysql://", "redis://", "://", ":\\/\\/", " + ", " . ", " .. ", " & ", " ~ ", "process.env.", "getenv(", "ENV[", "os.environ.get(", ".orElse(",
		"Xy7kq9Lm2!", "Quokka42!vine", "0123abcdef0123456789abcdef012345", "db.lan", "localhost", "пароль", "密码", "パスワード", "ລະຫັດ", "é", "\xe2\x80", "\xff",
		"the password is ", "password. ", "passwords:", "- ", "  ", "[api]", "api:", "\\\\srv\\share", "Server=", "Pwd=", "net user ", "-p", "--password ", "is ", "for ",
		"add password ", "edge1.corp.example ", "*.oob.* ", "{Vty-pw-1}", "{", "set password ", "::", ":*:", "::;pw::", ";pw", "]pass", "<WKR ", "<CTR ", " A=\"", " J=\"", " L=\"",
		"040 859 9186", "(11) 98653-0447", "(", ")", "voicemail from ", "missed call from ", "caller id ", "IND ID=", "api key ", "fknvwydvvqmqgmbs", "איז ", "، ", "।", "。", "com.sun.org.x"}
	e := Default()
	rng := rand.New(rand.NewSource(3535))
	for range 30000 {
		var b []byte
		for k := rng.Intn(24) + 1; k > 0; k-- {
			b = append(b, toks[rng.Intn(len(toks))]...)
		}
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("panic %v on %q\n%s", r, b, debug.Stack())
				}
			}()
			e.Scan(b, func(Match) {})
		}()
	}
}

package detect

import "testing"

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

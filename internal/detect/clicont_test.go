package detect

import "testing"

// A shell command split over lines by trailing backslashes is one command: the
// password of an option on a continuation line belongs to the tool named on the
// first. Strings written for the test.
func TestCLIArgsContinuedLines(t *testing.T) {
	held5Want(t, []held5Case{
		{"curl -X POST https://api.corp.test/v2/jobs \\\n  -H 'Content-Type: application/json' \\\n  -u deployer:Brack7!Tolt", "password-assignment", "Brack7!Tolt"},
		{"curl -sS \\\r\n  --user ci:Fell3^Garth \\\r\n  https://repo.corp.test/upload", "password-assignment", "Fell3^Garth"},
		{"ldapsearch -x \\\n  -D \"cn=reader,dc=corp\" \\\n  -w Wyke5%Holm -b dc=corp", "password-assignment", "Wyke5%Holm"},
	})
	h11Quiet(t, []string{
		// no continuation: the second line is another command's text
		"curl -X POST https://api.corp.test/v2/jobs\n  -u deployer:Brack7!Tolt",
		// a doubled backslash is written out, not a continuation
		"curl -X POST https://api.corp.test/v2/jobs \\\\\n  -u deployer:Brack7!Tolt",
	})
}

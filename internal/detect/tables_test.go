package detect

import (
	"strings"
	"testing"
	"time"
)

// A column headed by a password's or a secret's name holds one in each row, in every
// table syntax tables.go reads; columns with other headers, sentences and placeholders
// stay quiet.
func TestTablesColumns(t *testing.T) {
	held5Want(t, []held5Case{
		// HTML, header in <thead>, value in <code>
		{"<table>\n<thead><tr><th>Host</th><th>Login</th><th>Password</th></tr></thead>\n<tbody>\n<tr><td>vault2</td><td>ops</td><td><code>Marten-6613Fell</code></td></tr>\n</tbody></table>", "password-assignment", "Marten-6613Fell"},
		// HTML, a <th> naming the <td> beside it
		{"<table class=\"creds\">\n<tr><th>Account</th><td>deploy</td></tr>\n<tr><th>API token</th><td>Hx7qLm2VtR9pKw4NbZ8cY3dJ</td></tr>\n</table>", "generic-api-key", "Hx7qLm2VtR9pKw4NbZ8cY3dJ"},
		// MediaWiki, one cell a line
		{"{| class=\"wikitable\"\n! Server\n! Password\n|-\n| lab-03\n| Osprey_2290Tarn\n|}", "password-assignment", "Osprey_2290Tarn"},
		// MediaWiki, inline separators and a cell's attributes
		{"{| class=\"wikitable sortable\"\n! Service !! Account !! Passwort\n|-\n| ftp || backup || style=\"color:red\" | Dachs!5521Moor\n|}", "password-assignment", "Dachs!5521Moor"},
		// AsciiDoc, implicit header
		{"|===\n|Node |User |Password\n\n|nas1 |admin |Elm+4410Brook\n|nas2 |admin |Fir+8832Creek\n|===", "password-assignment", "Fir+8832Creek"},
		// AsciiDoc, explicit header, one cell a line
		{"[%header,cols=\"2\"]\n|===\n|Client |Client secret\n|portal\n|Vq3nT8zLk2Rw7YpM4xBc9HdF\n|===", "generic-api-key", "Vq3nT8zLk2Rw7YpM4xBc9HdF"},
		// psql
		{" id | username |  password\n----+----------+-------------\n  1 | alice    | Lynx.7730Vale\n(1 row)\n", "password-assignment", "Lynx.7730Vale"},
		// mysql
		{"mysql> select user, pass from accounts;\n+-------+------------------+\n| user  | pass             |\n+-------+------------------+\n| bob   | Stoat*4491Heath  |\n+-------+------------------+\n1 row in set (0.00 sec)\n", "password-assignment", "Stoat*4491Heath"},
		// reStructuredText grid
		{"+--------+--------------------------+\n| Name   | Token                    |\n+========+==========================+\n| ci     | Pz8wKq3mRt6YvN2bLx9cJ4dH |\n+--------+--------------------------+\n", "generic-api-key", "Pz8wKq3mRt6YvN2bLx9cJ4dH"},
		// reStructuredText simple
		{"======  ================\nHost    Password\n======  ================\nrelay1  Heron^3318Ghyll\n======  ================\n", "password-assignment", "Heron^3318Ghyll"},
		// plain text with a dashed underline
		{"NAME        SECRET\n----------  ------------------------\nwebhook     Gm5tRk9qWz2LpV7xNc3bYh8D\n", "generic-api-key", "Gm5tRk9qWz2LpV7xNc3bYh8D"},
		// markup around the value: MediaWiki's bold and nowiki, AsciiDoc's strong,
		// Markdown's strong code
		{"{| class=\"wikitable\"\n! Host !! Password\n|-\n| db1 || '''Ibis.4402.Mere'''\n|-\n| db2 || <nowiki>Rook|5531Tor</nowiki>\n|}", "password-assignment", "Ibis.4402.Mere"},
		{"{| class=\"wikitable\"\n! Host !! Password\n|-\n| db2 || <nowiki>Rook|5531Tor</nowiki>\n|}", "password-assignment", "Rook|5531Tor"},
		{"|===\n|Node |Password\n\n|nas1 |*Elm+4410Brook*\n|===", "password-assignment", "Elm+4410Brook"},
		{"| Host | Password |\n|---|---|\n| db1 | **`Bittern-7712Ash`** |\n", "password-assignment", "Bittern-7712Ash"},
		// org-mode
		{"| host | password |\n|------+----------|\n| mx1  | Curlew#6602Fen |\n", "password-assignment", "Curlew#6602Fen"},
	})
	h11Quiet(t, []string{
		"<table><tr><th>Host</th><th>Notes</th></tr><tr><td>db1</td><td>Marten-6613Fell</td></tr></table>",
		"<table><tr><th>Host</th><th>Password</th></tr><tr><td>db1</td><td>ask the on-call engineer</td></tr></table>",
		"{| class=\"wikitable\"\n! Server !! Owner\n|-\n| lab-03 || Osprey_2290Tarn\n|}",
		"|===\n|Node |Password\n|nas1 |Elm+4410Brook\n|===",
		" id | username |  comment\n----+----------+-------------\n  1 | alice    | Lynx.7730Vale\n",
		"======  ================\nHost    Password\n======  ================\nrelay1  see the vault\n======  ================\n",
		"{| class=\"wikitable\"\n! Host !! Password\n|-\n| cache || ''(none)''\n|}",
		// a table of names and values: its keys are names
		"KEY                          | VALUE\n---------------------------- | ------------\nimageGcLowThresholdPercent   | integer\nsessionAffinityTimeoutSecs   | integer\n",
		// a column about a credential, not holding one
		"<table><tr><th>Host</th><th>Key ID</th></tr><tr><td>db1</td><td>Kq7TzW2mLx9RvP4nYc8B</td></tr></table>",
		" user  | password hash\n-------+---------------------\n alice | Lynx7730ValeQuorn21\n",
		"| Service | Token expiry |\n|---|---|\n| ci | Kq7TzW2mLx9RvP4nYc8B |\n",
		"Some text about the password\n------------------------------\nHeron^3318Ghyll\n",
		// a table of an SDK's credential types: the cells name kinds of credential
		"| Credential | Token caching |\n| --- | --- |\n| `ClientSecretCredential` | Supported |\n| `UsernamePasswordCredential` | Supported |\n",
	})
}

// Hostile tables: many small tables, long rules, a table that never closes. Each reader
// keeps to its bounds and reads each table once, so the scan stays linear.
func TestTablesBounded(t *testing.T) {
	e := Default()
	bodies := []string{
		strings.Repeat("| password |\n+---+\n", 40000),
		strings.Repeat(" a | password\n---+---\n", 40000),
		strings.Repeat("{|\n! password\n|-\n", 40000),
		strings.Repeat("<table><tr><th>password</th><th>token</th></tr><tr><td>", 30000),
		strings.Repeat("|===\n|a |password\n\n", 40000),
		"h  password\n" + strings.Repeat("-", 1<<20) + "  ---\n",
		strings.Repeat("name  password\n----  --------\n", 40000),
	}
	unruled := strings.NewReplacer("-", "~", "=", "~", "+", "~", "{|", "{~", "<table", "<tabxe")
	for i, b := range bodies {
		// the same text without the tables' syntax costs the readers nothing: the
		// hostile text may cost a few times that, not a table's rows per anchor
		plain := unruled.Replace(b)
		cost := func(s string) time.Duration {
			best := time.Duration(1 << 62)
			for range 3 {
				best = min(best, scanTime(e, []byte(s)))
			}
			return best
		}
		hostile, base := cost(b), cost(plain)
		t.Logf("body %d: %v vs %v", i, hostile, base)
		if hostile > 4*base+50*time.Millisecond {
			t.Errorf("body %d (%d bytes): %v, against %v without the tables' syntax", i, len(b), hostile, base)
		}
	}
}

// Cells that span rows or columns (rowspan, colspan) move the cells after them: a
// row's value is read in the column it stands in, not by its place in the row.
func TestTablesSpans(t *testing.T) {
	ins := []string{
		"{| class=\"wikitable\"\n! System !! User !! Password !! Notes\n|-\n| rowspan=\"2\" | Jenkins || admin || Kite.5512.Fell || none\n|-\n| ops || Gull.7781.Scar || Wren.4410.Moss\n|}",
		"<table><tr><th>System</th><th>User</th><th>Password</th><th>Notes</th></tr>\n<tr><td rowspan=\"2\">Jenkins</td><td>admin</td><td>Kite.5512.Fell</td><td>none</td></tr>\n<tr><td>ops</td><td>Gull.7781.Scar</td><td>Wren.4410.Moss</td></tr>\n<tr><td colspan=\"2\">shared</td><td>Tarn.3391.Beck</td><td>Fern.2281.Holm</td></tr></table>",
	}
	held5Want(t, []held5Case{
		{ins[0], "password-assignment", "Gull.7781.Scar"},
		{ins[1], "password-assignment", "Gull.7781.Scar"},
		{ins[1], "password-assignment", "Tarn.3391.Beck"},
	})
	e := Default()
	for _, in := range ins {
		for _, m := range scanAll(e, in) {
			if m.Value == "Wren.4410.Moss" || m.Value == "Fern.2281.Holm" {
				t.Errorf("%q: a note read as a password: %s %q", in, m.Rule.ID, m.Value)
			}
		}
	}
}

package detect

import (
	"testing"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// The classes of misses and false positives the held8 evaluation split showed
// (tools/evalcorpus/held8.go). Each test covers one class with strings written for the
// test, not taken from the split, beside a control that must stay quiet.

// An aside between a password's name and its copula ("the password — yes, that one —
// is …", "das Passwort (nur bis Freitag): …"), and an unquoted value in English prose
// when it looks chosen or generated.
func TestHeld8ProseAsides(t *testing.T) {
	held5Want(t, []held5Case{
		{"The password, which ops rotated on Friday, is now Lupin#4471", "password-in-prose", "Lupin#4471"},
		{"The password — don't share it — is Krill88!tide", "password-in-prose", "Krill88!tide"},
		{"the staging password (the new one) is Marsh$2207x", "password-in-prose", "Marsh$2207x"},
		{"> >> and the wifi password is Ferns4471owl (as before)", "password-in-prose", "Ferns4471owl"},
		{"el password del router — lo puso Ana — es Cardo#5512", "password-assignment", "Cardo#5512"},
		{"Das Kennwort (bitte nicht weitergeben): Distel!7730", "password-assignment", "Distel!7730"},
	})
	held5Quiet(t, []string{
		"The password is incorrect, try again",
		"the password is stored in the vault",
		"The password, as usual, is required",
		"The password is os.getenv(DB_PASS) at runtime",
		"The password (see below) is ${DB_PASSWORD}",
		"the password is 8 characters long",
		"The password, which = x; is set", // code, not an aside
		"the password is /run/secrets/db_pw",
	}, "password-in-prose", "password-assignment")
}

// Name/value pairs with no assignment operator: Erlang config tuples, EDN keywords
// and `reg query` output.
func TestHeld8OperatorlessPairs(t *testing.T) {
	held5Want(t, []held5Case{
		{`  {ldap, [{user, "svc"}, {password, "Badger#3318"}]},`, "password-assignment", "Badger#3318"},
		{`   {db_pass, <<"Otter!9904q">>}`, "password-assignment", "Otter!9904q"},
		{` :prod {:db-password "Heath$7781"}`, "password-assignment", "Heath$7781"},
		{"    SmtpPassword    REG_SZ    Gorse#2290", "password-assignment", "Gorse#2290"},
	})
	held5Quiet(t, []string{
		`  {password, Pw}`,               // a variable, not a literal
		`  {db_host, "Badger#3318"}`,     // the name says nothing secret
		` :prod {:db-host "Heath$7781"}`, // ditto
		"    ProxyServer    REG_SZ    Gorse#2290",
		"    SmtpPassword    REG_DWORD    0x00000001",
	}, "password-assignment")
}

// A MySQL client's -p with its value quoted, as CI logs echo it (with colour codes).
func TestHeld8MySQLQuotedFlag(t *testing.T) {
	held5Want(t, []held5Case{
		{"\x1b[32;1m$ mysql -h db1 -u ci -p'Bramble#2291' -e 'select 1'\x1b[0;m", "password-assignment", "Bramble#2291"},
		{`mariadb -u root -p"Sorrel!8812" shop`, "password-assignment", "Sorrel!8812"},
	})
	held5Quiet(t, []string{
		"mysql -u root -p'' shop",
		"mysql -u root -p -e 'select 1'",
		"grep -p'Bramble#2291' x", // not a MySQL client
	}, "password-assignment")
}

// URL credentials before a host a template fills in.
func TestHeld8TemplatedHost(t *testing.T) {
	held5Want(t, []held5Case{
		{"const url = `postgres://app:Sedge#4410@${process.env.DB_HOST}:5432/app`;", "postgres-connection-string", "Sedge#4410"},
		{`redis_url: "redis://:Tansy!6612@{{ .Values.redis.host }}:6379/0"`, "redis-connection-string", "Tansy!6612"},
	})
	held5Quiet(t, []string{
		"const url = `postgres://app:${DB_PASS}@${DB_HOST}:5432/app`;",
		"postgres://app:Sedge#4410@${DB_HOST", // no closing brace: not a template
	}, "postgres-connection-string", "redis-connection-string")
}

// A literal in parentheses, or appended to an empty literal, is the value assigned.
func TestHeld8WrappedLiterals(t *testing.T) {
	held5Want(t, []held5Case{
		{`db_password = ("Clover#5561")`, "password-assignment", "Clover#5561"},
		{`static final String DB_PASSWORD = "" + "Yarrow!3390";`, "password-assignment", "Yarrow!3390"},
	})
	held5Quiet(t, []string{
		`db_password = ("")`,
		`db_password = "" + readPassword()`,
		`db_password = get("Clover#5561")`, // a call's argument, not the value
	}, "password-assignment")
}

// A field of an Amazon Resource Name is not a key: "secret:prod/db-AbC123" names a
// Secrets Manager secret.
func TestHeld8ARNFields(t *testing.T) {
	held5Quiet(t, []string{
		"arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/billing-Q7x9Zk",
		`SECRET_ID="${SECRET_ID:-arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db-T2m8Pq}"`,
	}, "generic-api-key")
	held5Want(t, []held5Case{
		{"secret: Rm7Qx2Lp9Zt4Vb8Nc3Kd6Wf1Hg5Js0Ya", "generic-api-key", "Rm7Qx2Lp9Zt4Vb8Nc3Kd6Wf1Hg5Js0Ya"},
		{"learn:secret:Rm7Qx2Lp9Zt4Vb8Nc3Kd6Wf1Hg5Js0Ya", "generic-api-key", "Rm7Qx2Lp9Zt4Vb8Nc3Kd6Wf1Hg5Js0Ya"}, // "arn:" inside a word
	})
}

// Dynatrace access tokens, from the documented format (prefix, 24-character public
// portion, 64-character secret portion).
func TestHeld8DynatraceToken(t *testing.T) {
	tok := "dt0c01.Q4M7ZK2XB9RT3WNC8VJ5HD6L.P2X7QK9M4ZT8RW3NC6VJ5HD2LB7YF4GS9KE3UA8XP1QM6ZT2RW7NC4VJ9HD5LB8Y"
	held5Want(t, []held5Case{
		{"  apiToken: " + tok, "dynatrace-api-token", tok},
		{"Api-Token=" + tok + "&x=1", "dynatrace-api-token", tok},
	})
	held5Quiet(t, []string{
		"dt0c01.Q4M7ZK2XB9RT3WNC8VJ5HD6L.<masked>", // the public identifier alone is safe to log
		"dt0c01.Q4M7ZK2XB9RT3WNC8VJ5HD6L",
	}, "dynatrace-api-token")
}

// A SpreadsheetML workbook's cells stand under the header row's names.
func TestHeld8SpreadsheetML(t *testing.T) {
	doc := func(head, val string) string {
		return `<?xml version="1.0"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
 <Worksheet ss:Name="S"><Table>
  <Row><Cell><Data ss:Type="String">system</Data></Cell><Cell><Data ss:Type="String">` + head + `</Data></Cell></Row>
  <Row><Cell><Data ss:Type="String">wiki</Data></Cell><Cell><Data ss:Type="String">` + val + `</Data></Cell></Row>
  <Row><Cell ss:Index="2"><Data ss:Type="String">Thrift#6620</Data></Cell></Row>
 </Table></Worksheet>
</Workbook>
`
	}
	e := Default()
	var got []string
	ScanDocument(e, "xml", []byte(doc("password", "Aster!4417")), func(m LineMatch) {
		if m.Rule.Category == finding.Secret {
			got = append(got, m.Value)
		}
	})
	if len(got) != 2 || got[0] != "Aster!4417" || got[1] != "Thrift#6620" {
		t.Errorf("password column: got %q, want both cells", got)
	}
	ScanDocument(e, "xml", []byte(doc("note", "Aster!4417")), func(m LineMatch) {
		if m.Rule.Category == finding.Secret {
			t.Errorf("note column: unexpected %s %q", m.Rule.ID, m.Value)
		}
	})
}

// An unquoted value whose last character is '&' keeps it when a blank or the line's
// end follows; a query string's '&' still separates parameters.
func TestHeld8TrailingAmpersand(t *testing.T) {
	held5Want(t, []held5Case{
		{"password: Yarrow771&", "password-assignment", "Yarrow771&"},
		{`conn = "host=db1 user=app password=Teasel42& dbname=shop"`, "password-assignment", "Teasel42&"},
		{"https://api.example.net/login?password=Vetch#882&user=bob", "password-assignment", "Vetch#882"},
		{"./server --password=Borage55 &", "password-assignment", "Borage55"},
	})
}

// Prose in an HTML page: the entity after the word is a quote, not part of a value.
func TestHeld8ProseHTMLEntity(t *testing.T) {
	held5Quiet(t, []string{
		`  printf(&quot;Password is correct.&quot;);`,
		`<p>The password is incorrect&#33;</p>`,
	}, "password-in-prose")
	held5Want(t, []held5Case{
		{`<p>The password is Tamarack#3310&quot;</p>`, "password-in-prose", "Tamarack#3310"},
	})
}

// Excel writes an empty cell that has a style as a self-closed element
// (<Cell ss:StyleID="s1"/>): it takes its column, and the next cell's value stays in the
// next column.
func TestSpreadsheetMLSelfClosedCell(t *testing.T) {
	doc := `<?xml version="1.0"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
 <Worksheet ss:Name="S"><Table>
  <Row><Cell><Data ss:Type="String">note</Data></Cell><Cell><Data ss:Type="String">password</Data></Cell></Row>
  <Row><Cell ss:StyleID="s1"/><Cell><Data ss:Type="String">Aster!4417</Data></Cell></Row>
 </Table></Worksheet>
</Workbook>
`
	spans := spreadsheetMLSpans([]byte(doc))
	if len(spans) != 1 || spans[0].Path != "password" || doc[spans[0].Start:spans[0].End] != "Aster!4417" {
		t.Fatalf("got %+v, want the value under \"password\"", spans)
	}
	var got []string
	ScanDocument(Default(), "xml", []byte(doc), func(m LineMatch) {
		if m.Rule.Category == finding.Secret {
			got = append(got, m.Value)
		}
	})
	if len(got) != 1 || got[0] != "Aster!4417" {
		t.Errorf("got %q, want the password", got)
	}
}

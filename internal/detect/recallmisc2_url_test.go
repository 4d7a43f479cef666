package detect

import "testing"

// A URL's password spelled from the URL's own words (its scheme and a label of its
// host) names the service, as a published shared login does; other passwords in the
// same places stay findings.
func TestSpellsOwnURL(t *testing.T) {
	held5Quiet(t, []string{
		`"telnet": "telnet://{mycall}:CMSTelnet@cms.winlink.org:8772/wl2k",`,
		`ftp://mirror:MirrorFtp@mirror.corp.net/pub`,
	}, "url-credentials", "password-assignment")
	held5Want(t, []held5Case{
		{`telnet://{mycall}:Kestrel7Tern@cms.winlink.org:8772/wl2k`, "url-credentials", "Kestrel7Tern"},
		{`redis://app:redisredis@cache.corp.net`, "redis-connection-string", "redisredis"},
		{`postgres://app:TundraOrbit@db.internal/x`, "postgres-connection-string", "TundraOrbit"},
	})
}

// An employee's or person's ID field of a record that names the person holds the
// national number its checksum passes; the same field without the person's names
// around it is a company's own numbering.
func TestPersonRecordID(t *testing.T) {
	rec := "<item name='FirstName'><text>Ada</text></item>\n<item name='LastName'><text>Byron</text></item>\n" +
		"<item name='InternetAddress'><text>ada@corp.test</text></item>\n"
	held5Want(t, []held5Case{
		{rec + "<item name='EmployeeID'><text>85071412341</text></item>\n", "national-id", "85071412341"},
		{"first_name: Ada\nlast_name: Byron\nemployee_id: 85071412341\n", "national-id", "85071412341"},
	})
	held5Quiet(t, []string{
		"<item name='EmployeeID'><text>85071412341</text></item>\n",
		rec + "<item name='OrderID'><text>85071412341</text></item>\n",
	}, "national-id")
}

package detect

import "testing"

// A command's user:password option with one side empty: "-u :PASSWORD" sends the
// password with an empty user name, and "-u KEY:" the API key that services taking
// their key as the user name (and no password) read from it. Either side that is left
// is the credential. A bare word or a short name on its own ("-u admin:", "-u :x")
// stays quiet. Values written for this test.
func TestPeers40CLIPairOneSide(t *testing.T) {
	held5Want(t, []held5Case{
		{`curl -u ":Vq4mZ8rT2w!k" https://search.lan:9200`, "password-assignment", "Vq4mZ8rT2w!k"},
		{`curl -u :Vq4mZ8rT2w!k https://search.lan:9200`, "password-assignment", "Vq4mZ8rT2w!k"},
		{`curl --user "Tq7vB3nX9kLm2Rw8:" https://api.example.org/v1/charges`, "password-assignment", "Tq7vB3nX9kLm2Rw8"},
		{`curl -u Zp4!kW8qLm2xRt: https://api.example.org/v1`, "password-assignment", "Zp4!kW8qLm2xRt"},
	})
	held5Quiet(t, []string{
		`curl -u admin: https://search.lan:9200`,
		`curl -u deploy2024: https://search.lan:9200`,
		`curl -u : --negotiate https://intranet.lan/`,
		`curl -u :secret https://search.lan:9200`,
	}, "password-assignment", "generic-api-key")
}

// PHP's and Perl's concatenating assignment ("$fooToken .= '…'") puts a value under
// its key as '=' does: the generic rule's parser reads it, and a provider's name in
// the key ties the value to the provider the same way. Values written for this test.
func TestPeers40ConcatAssignProvider(t *testing.T) {
	held5Want(t, []held5Case{
		{`$discordSecret .= "Vb7Qx2Lm9TkR4wZp8NcY3hJd6FsG1aKe";`, "discord-client-secret", "Vb7Qx2Lm9TkR4wZp8NcY3hJd6FsG1aKe"},
		{`$discordSecret = "Vb7Qx2Lm9TkR4wZp8NcY3hJd6FsG1aKe";`, "discord-client-secret", "Vb7Qx2Lm9TkR4wZp8NcY3hJd6FsG1aKe"},
		{`my $sonarToken .= "7f3a9c1e5b2d8f4a6c0e9b3d7a1f5c2e8b4d6a0f";`, "sonar-api-key", "7f3a9c1e5b2d8f4a6c0e9b3d7a1f5c2e8b4d6a0f"},
	})
	// the operator does not make a name a key: a value under another key stays quiet
	held5Quiet(t, []string{
		`$discordSecret = 1; $etag .= "Vb7Qx2Lm9TkR4wZp8NcY3hJd6FsG1aKe";`,
	}, "discord-client-secret")
}

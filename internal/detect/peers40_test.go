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

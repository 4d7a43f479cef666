package detect

import "testing"

// The code of a door, a gate or an entrance handed over in a message, in several
// languages and scripts (accessCodeDet), and numbers after a code word alone, or a door
// word alone, that are not read.
func TestAccessCode(t *testing.T) {
	held5Want(t, []held5Case{
		{`{"text": "Hi! The front door code: 730214"}`, "password-in-prose", "730214"},
		{"ticket,\"Code du portail : 5512097\"\n", "password-in-prose", "5512097"},
		{`{"msg": "Код домофона: 804417#"}`, "password-in-prose", "804417"},
		{`{"msg": "Wejście do klatki, kod do drzwi: 661930"}`, "password-in-prose", "661930"},
		{`<p>Código de la puerta: 29047713</p>`, "password-in-prose", "29047713"},
		{"Garagentor-Code: 481200. Danke!\n", "password-in-prose", "481200"},
		{`{"body": "ⴰⴽⵓⴷ ⵏ ⵜⵡⵓⵔⵜ ⵜⴰⵎⵇⵔⴰⵏⵜ: 905512"}`, "password-in-prose", "905512"},
		{"小区大门代码：739105\n", "password-in-prose", "739105"},
		{`{"body": "Ovikoodi: 284016"}`, "password-in-prose", "284016"},
		{`{"body": "Mã cửa: 551730"}`, "password-in-prose", "551730"},
	})
	held5Quiet(t, []string{
		"Error code: 104233\n",
		"PIN code: 560001\n",
		"Postal code: 560001\n",
		"Door: 730214\n",
		"The door code: 7302149931\n",
		"Door code: 730214-55\n",
		`{"msg": "order code: 730214"}`,
		"Door 3, then see page 12. Code: 730214\n",
	}, "password-in-prose")
}

package detect

import "testing"

// A card number under a member called only "number" of an object named for the card,
// and card words of more languages before a number in text.
func TestCardContexts(t *testing.T) {
	held5Want(t, []held5Case{
		{`{"card":{"number":"4532017719462809","exp":"09/27"}}`, "credit-card", "4532017719462809"},
		{`{"payment_card": {"brand": "mc", "number": "5491182304475610"}}`, "credit-card", "5491182304475610"},
		{`"content": "Broj kartice: 4532017719462809",`, "credit-card", "4532017719462809"},
		{`"text": "Kortnummer: 5491182304475610",`, "credit-card", "5491182304475610"},
	})
	h11Quiet(t, []string{
		`{"order":{"number":"4532017719462809"}}`,
		`{"card":{"id":"4532017719462809"}}`,
	})
}

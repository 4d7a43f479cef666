package detect

import "testing"

// IATA e-mail in an SSR CTCE element, and a card in a form of payment.
func TestPNRContacts(t *testing.T) {
	held5Want(t, []held5Case{
		{"  6 SSR CTCE YY HK1 AMIRA.HADDAD//EXAMPLE.COM.JO/P1", "email", "AMIRA.HADDAD//EXAMPLE.COM.JO"},
		{"  4 SSR CTCE LH HK1/J..SMITH//MAIL./HOST.DE-1SMITH/JOHNMR", "email", "J..SMITH//MAIL./HOST.DE"},
		{"  9 FP CCVI4532017719462809/0927*CV/AAPS1OK", "credit-card", "4532017719462809"},
		{"  9 FP PAX CCCA5491182304475610/1128", "credit-card", "5491182304475610"},
	})
	held5Quiet(t, []string{
		"  6 SSR CTCE YY HK1 NOTANADDRESS/P1",
		"  6 SSR OTHS YY see //wiki.example/x",
		"  9 FP CCVI4532017719462808/0927",
		"  9 FP CASH",
	}, "email", "credit-card")
}

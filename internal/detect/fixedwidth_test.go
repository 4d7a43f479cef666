package detect

import "testing"

// A phone number that a fixed-width record runs into the next field with one blank.
func TestPhoneBeforeNextField(t *testing.T) {
	held5Want(t, []held5Case{
		{"58519091OKSANA HRYHORENKO         o.h@example.com.ua                  +380 67 512 44 83 05034876374       UA58", "phone-number", "+380 67 512 44 83"},
		{"55492819ADI SANTOSO               adi@example.co.id                   +62 857-2210-4468 012528600         ID", "phone-number", "+62 857-2210-4468"},
	})
	// the column's width from the record above: the next field starts with a short group
	const rec = "82515434AYESHA QURESHI            a.q@example.com.pk                  +91 71883 29550   7612 0044 9921    PK\n" +
		"51915924NOA LEVI                  noa@example.co.il                   +62 884-1065-4773 3217 0600 5032    IL\n"
	held5Want(t, []held5Case{{rec, "phone-number", "+62 884-1065-4773"}})
	held5Quiet(t, []string{
		"build +20191229111838 20240101",
		"offset +1 2 3 4 5 6 7 8 9 0 1 2 3",
		"total +12345 678901234",
	}, "phone-number")
}

package detect

import "testing"

// EDI segments name a value by its position or by the qualifier beside it.
func TestSegmentFormats(t *testing.T) {
	isa := "ISA*00*          *01*K7RW2MQ9TX*ZZ*SENDER01       *ZZ*RECEIVER02     *260311*0915*^*00501*000004711*0*P*:~"
	held5Want(t, []held5Case{
		{isa, "password-assignment", "K7RW2MQ9TX"},
		{"ISA|03|Qv8Lm2Zp4R|00|          |ZZ|SENDER01       |ZZ|RECEIVER02     |260311|0915|^|00501|000004711|0|P|:~", "password-assignment", "Qv8Lm2Zp4R"},
		{"GS*HC*A*B~PER*IC*OLA NORDMANN*TE*4721983345*EM*ola@example.org~", "phone-number", "4721983345"},
		{"PER|IC|BILLING|FX|(312) 555-0187~", "phone-number", "(312) 555-0187"},
		{"NM1*IL*1*DOE*JANE****MI*W8812~\nREF*SY*412673085~", "us-ssn", "412673085"},
		{"NM1*IL*1*ROE*RICHARD****34*412-67-3085~", "us-ssn", "412-67-3085"},
		{"UNH+1+ORDERS:D:96A:UN'CTA+IC'COM+0047 22 81 93 40:TE'", "phone-number", "0047 22 81 93 40"},
	})
	held5Quiet(t, []string{
		"ISA*00*          *00*          *ZZ*SENDER01       *ZZ*RECEIVER02     *260311*0915*^*00501*000004711*0*P*:~",
		"PER*IC*OLA NORDMANN*EM*ola4721983345@example.org~",
		"REF*EI*412673085~",
		"REF*SY*666123456~",
		"NM1*IL*1*DOE*JANE****MI*412673085~",
		"the super*REF*SY*412673085 text",
		"COM+0047 22 81 93 40:EM'",
	}, "password-assignment", "phone-number", "us-ssn")
}

// Countries whose banks use IBANs outside the ISO registry keep the check digits.
func TestIBANOutsideRegistry(t *testing.T) {
	held5Want(t, []held5Case{
		{":50K:/MG0400008124039776150022317", "iban", "MG0400008124039776150022317"},
		{"IBAN SN53C21800293847561029384756", "iban", "SN53C21800293847561029384756"},
	})
	held5Quiet(t, []string{":50K:/MG0400008124039776150022318", "MG04000081240397761500223"}, "iban")
}

// A value a packet decoder prints with its escaped line end; a Java .properties value
// with escaped separators; a phone number percent-encoded in a query.
func TestEscapedShapes(t *testing.T) {
	held5Want(t, []held5Case{
		{"File Transfer Protocol (FTP)\n    PASS Wq7vRt2mLx9Kp\\r\\n\n", "password-assignment", "Wq7vRt2mLx9Kp"},
		{`jdbc.url=jdbc\:mysql\://db1.example.org\:3306/shop?user\=shop&password\=Lumo!8812x`, "password-assignment", "Lumo!8812x"},
		{"GET /cgi-bin/sendsms?user=gw&to=%2B47+912+38+455&text=hi", "phone-number", "%2B47+912+38+455"},
		{"curl -d 'From=%2B14155550177&Body=x' https://api.example.org/", "phone-number", "%2B14155550177"},
	})
	held5Quiet(t, []string{
		"GET /calc?x=%2B4+5&y=2",
		"q=%2B47+912+38+455x",
		`a\=b`,
	}, "password-assignment", "phone-number")
}

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

// An FTP client's command stream gives the password a line of its own.
func TestFTPScripts(t *testing.T) {
	jcl := "//XFER01   EXEC PGM=FTP,PARM='(EXIT TIMEOUT 30'\n//SYSPRINT DD SYSOUT=*\n//INPUT    DD *\nfiles.example.org 21\nbatchusr\nTq8#marlow\nBINARY\nQUIT\n/*\n"
	held5Want(t, []held5Case{
		{jcl, "password-assignment", "Tq8#marlow"},
		{"open ftp.example.org\nuploader\nKv3!harbor9\nbinary\nput out.zip\nbye\n", "password-assignment", "Kv3!harbor9"},
		{"open ftp.example.org 21\nuser uploader Kv3!harbor9\nbye\n", "password-assignment", "Kv3!harbor9"},
		{"File Transfer Protocol (FTP)\n    Request command: PASS\n    Request arg: Zr5^quokka1\n", "password-assignment", "Zr5^quokka1"},
	})
	held5Quiet(t, []string{
		"//XFER01   EXEC PGM=FTP\n//INPUT    DD *\nfiles.example.org 21\nbatchusr\nBINARY\nQUIT\n",
		"open the door\nthen\nwalk away\n",
		"    Request command: USER\n    Request arg: uploader77\n",
	}, "password-assignment")
}

// A password operand in KEYWORD(value) syntax of command languages and SQL.
func TestPasswordOperand(t *testing.T) {
	held5Want(t, []held5Case{
		{"ALTUSER PAY01 PASSWORD(K7RW2MQ9) NOEXPIRED", "password-assignment", "K7RW2MQ9"},
		{"ADDUSER JDOE PHRASE('wet otter lamp 42') OWNER(SYS1)", "password-assignment", "wet otter lamp 42"},
		{"SET PASSWORD FOR 'app'@'%' = PASSWORD('Quill!8812');", "password-assignment", "Quill!8812"},
	})
	held5Quiet(t, []string{
		"if (PASSWORD(user)) return",
		"ALU X PASSWORD(&NEWPW)",
		"validate(password(Kq7Rw2Mq9))",
		"ALTUSER X NOPASSWORD",
	}, "password-assignment")
}

// Provider shapes and key names: Alibaba STS key ids, a key's slot between its use
// and "key"; addresses after the property that names them.
func TestRecallShapes(t *testing.T) {
	held5Want(t, []held5Case{
		{`"access_key_id": "STS.Nq3Lx8Vr2Tz6Kp9Wm4Hc7Yb1D"`, "alibaba-access-key-id", "STS.Nq3Lx8Vr2Tz6Kp9Wm4Hc7Yb1D"},
		{"ACTIVE_RECORD_ENCRYPTION_PRIMARY_KEY=Rk4Wq9Zt2Lm7Xv3Nb8Pc6Hd1Fs5Jy0Ga", "generic-api-key", "Rk4Wq9Zt2Lm7Xv3Nb8Pc6Hd1Fs5Jy0Ga"},
		{"proxyAddresses: SMTP:ingrid.dahl@fjord-shipping.no", "email", "ingrid.dahl@fjord-shipping.no"},
		{"Reply-To:ingrid.dahl@fjord-shipping.no", "email", "ingrid.dahl@fjord-shipping.no"},
	})
	held5Quiet(t, []string{"DB_PRIMARY_KEY=Rk4Wq9Zt2Lm7Xv3Nb8Pc6Hd1Fs5Jy0Ga", "STS.TokenService"}, "generic-api-key", "alibaba-access-key-id")
	held5Quiet(t, []string{"git clone ssh:git@code.example.org/r.git"}, "email")
}

// "Authorization: token <key>:<secret>": the secret half is the credential.
func TestTokenKeySecret(t *testing.T) {
	held5Want(t, []held5Case{
		{`curl -H "Authorization: token 5c1e9a07d3b24f8:9e4b07c2a1d83f6" https://erp.example.org/api/resource/Item`, "generic-api-key", "9e4b07c2a1d83f6"},
	})
	held5Quiet(t, []string{`Authorization: token admin:password`, `Authorization: token 5c1e9a07d3b24f8:000000000000000`}, "generic-api-key")
}

// The password words of more languages in chat text.
func TestMoreLanguagesPasswordWords(t *testing.T) {
	held5Want(t, []held5Case{
		{`"content": "Рамзи почта инҳо: Lamp7?otter",`, "password-in-prose", "Lamp7?otter"},
		{`"content": "د ویب پاڼې پټنوم دا دی: Kx9marten44",`, "password-in-prose", "Kx9marten44"},
		{`"text": "La pasvorto estas: Vento!2291",`, "password-in-prose", "Vento!2291"},
	})
}

// A pre-shared key is a passphrase people choose: judged as a password.
func TestPreSharedKey(t *testing.T) {
	held5Want(t, []held5Case{
		{`        "preSharedKey":  "Mostar4417lake",`, "password-assignment", "Mostar4417lake"},
		{`PresharedKey=Lantern-harbor-77`, "password-assignment", "Lantern-harbor-77"},
	})
	held5Quiet(t, []string{`"preSharedKey": "${WIFI_PSK}"`, `pre_shared_key: true`,
		`// "psk_key_exchange_modes", "pre_shared_key", "protocol_version"`}, "password-assignment", "generic-api-key")
}

// A comma after the password's word, then its qualifiers and a mark.
func TestPasswordWordComma(t *testing.T) {
	held5Want(t, []held5Case{
		{"            # initial password, rotated after first apply: Wq4mLx9Kp2Rt", "password-in-prose", "Wq4mLx9Kp2Rt"},
	})
	held5Quiet(t, []string{"please change the password, token Kq7Rw2Mq9x", "password, pin"}, "password-in-prose")
}

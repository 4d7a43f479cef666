package detect

import "testing"

// A value in ASCII that ends an utterance written in another script: a password whose
// word no lexicon holds, read by the switch of script (codeSwitchDet), and a number
// with valid check digits after another script's label and a colon (codeSwitchLabel).
func TestCodeSwitchPassword(t *testing.T) {
	held5Want(t, []held5Case{
		// Tibetan (tsheg between syllables), Amharic with a possessive, Georgian and a
		// made-up label in Canadian syllabics: no word of the lexicon is read
		{`{"Content": "ཁོའི་གསང་ཚིག་ནི Qm7vRt2xLp9wZ"}`, "password-in-prose", "Qm7vRt2xLp9wZ"},
		{`{"text": "የይለፍ ቃሌ Heron#4471kx"}`, "password-in-prose", "Heron#4471kx"},
		{"ჩემი საიდუმლო სიტყვა: Tern~2291Mv\n", "password-in-prose", "Tern~2291Mv"},
		{`<p>ᐅᖃᐅᓯᖅ ᐊᑐᖅᑕᐅᔪᖅ: p1ov@r#88</p>`, "password-in-prose", "p1ov@r#88"},
	})
	held5Quiet(t, []string{
		// a reference, a time stamp, base64 of text, a word ending a sentence, a path, a
		// roff escape, an e-mail address, a code of one case
		"アシスタント: 確認しました。参照番号 bWFya2Rvd24gdGV4dA==",
		"アシスタント: 確認しました。参照番号 2025-04-18T08:15:00Z",
		"Цей параметр описано у XSLProcessor!",
		"Запустіть ./configure.",
		"Оператор: номер заявки 3.14.2-rc.5+build.2291",
		`Див. \fB\-\-format\fR`,
		`{"Content": "ئیمەیڵەکەم: lina.k77@example.org"}`,
		`{"Content": "ژمارەی داواکاری: ORD-2291-XK"}`,
		// the token is not the utterance's last, or Latin words stand before it
		`{"Content": "ངའི་གསང་ཚིག་ནི Qm7vRt2xLp9wZ ཡིན"}`,
		`{"Content": "API ᐃᒪᖅ: Qm7vRt2xLp9wZ"}`,
	}, "password-in-prose")
}

func TestCodeSwitchNationalID(t *testing.T) {
	held5Want(t, []held5Case{
		{`{"Content": "ᐃᓕᓐᓂᐊᕐᕕᒃ ᓈᓴᐅᑎ: 314159260"}`, "national-id", "314159260"},
		{"ژمارەی ناسنامە: 8001015009087\n", "national-id", "8001015009087"},
	})
	held5Quiet(t, []string{
		`{"Content": "ᐃᓕᓐᓂᐊᕐᕕᒃ ᓈᓴᐅᑎ: 314159261"}`, // check digit wrong
		`{"Content": "ᐃᓕᓐᓂᐊᕐᕕᒃ ᓈᓴᐅᑎ 314159260"}`,  // no colon
		`{"Content": "ᓈᓴᐅᑎ: 314159260 ᐊᑐᖅᑕᐅᔪᖅ"}`,  // not the utterance's last
		`{"Content": "order ᓈᓴᐅᑎ: 314159260"}`,    // a Latin word in the label
		"ژمارەی ناسنامە: 8001015009083\n",         // check digit wrong
	}, "national-id")
}

// The inflected word for a password in a script without case: Sorani's "my password".
func TestCaselessSuffix(t *testing.T) {
	held5Want(t, []held5Case{
		{"وشەی نهێنییەکەم ئەمەیە: kestrel-ridge42\n", "password-in-prose", "kestrel-ridge42"},
	})
}

// Positional credentials after the address they open.
func TestTriple(t *testing.T) {
	held5Want(t, []held5Case{
		{`TX> :MMEM:NETW:MAP 'Y:','\\nas02\scans','svc_scan','plover_ridge7k'`, "password-assignment", "plover_ridge7k"},
		{"sms 1234 setparam 2001:internet.example.net;2002:fleet_ops;2003:Kestrel_4471q", "password-assignment", "Kestrel_4471q"},
		{"# portal login for crew rota: rota / Plover4471Xz", "password-assignment", "Plover4471Xz"},
	})
	h11Quiet(t, []string{
		`TX> :MMEM:NETW:MAP 'Y:','\\nas02\scans','svc_scan','plover_ridge7k','extra'`,   // not the last argument
		`copy('\\nas02\scans','svc_scan','results')`,                                    // no digit or sign
		"sms 1234 setparam 2001:internet.example.net;2003:fleet_ops;2004:Kestrel_4471q", // numbers not consecutive
		"sms 1234 setparam 2001:100;2002:fleet_ops;2003:Kestrel_4471q",                  // no host first
		"# login for the crew rota: see the wiki",
	})
}

// TestQualifiedNameIsNoCodeSwitchPassword: a package-qualified class name ending a
// translated message (a JDK resource bundle's "\u8BF7\u6539\u4E3A\u4F20\u9012
// com.sun.org.apache.xpath.internal.DOM2Helper!") is no password; a dotted password
// opening with a capital stays one.
func TestQualifiedNameIsNoCodeSwitchPassword(t *testing.T) {
	for _, v := range []string{"com.sun.org.apache.xpath.internal.DOM2Helper!", "org.example.Main2x"} {
		if codeSwitchPassword([]byte(v)) {
			t.Errorf("%q read as a password", v)
		}
	}
	for _, v := range []string{"Tiger.Lake.Rover9", "Kx7.Blue.Sky"} {
		if packageQualified([]byte(v)) {
			t.Errorf("%q read as a qualified name", v)
		}
	}
	if !packageQualified([]byte("com.sun.org.apache.xpath.internal.DOM2Helper")) || packageQualified([]byte("a..b.c")) || packageQualified([]byte("ab.cd")) {
		t.Error("packageQualified's shape")
	}
}

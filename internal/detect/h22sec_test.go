package detect

import "testing"

// The password classes the held22a evaluation split showed missing or misread (held22b,
// its held-out sibling, was only read in totals). Strings written for the test.

// A password given as a directive's arguments: "add password TARGET {pw} {enable}"
// (device login files) and "set password {…}" (Tcl, Expect); the target is a host
// name, an address or a glob and is no password.
func TestH22DirectivePassword(t *testing.T) {
	held5Want(t, []held5Case{
		{"add password core4.lab-net.example {Heron4471Kx}", "password-assignment", "Heron4471Kx"},
		{"add password core4.lab-net.example {Heron4471Kx} {tern-harbor9q}", "password-assignment", "tern-harbor9q"},
		{"add password *.oob.* {Qm7vRt2xLp9wZaa}", "password-assignment", "Qm7vRt2xLp9wZaa"},
		{"add password 10.20.30.40 \"Lupin#4471\"", "password-assignment", "Lupin#4471"},
		{"set password {Krill88tide}", "password-assignment", "Krill88tide"},
		{"add password sw2.lab-net.example {-Wq7vRt2xLp9wZ}", "password-assignment", "-Wq7vRt2xLp9wZ"},
	})
	held5Quiet(t, []string{
		"add password * {changeme} {changeme}",
		"passwd username",
		"passwd [options] [LOGIN]",
		"add user core4.lab-net.example {rancid}",
	}, "password-assignment", "password-in-prose")
	// the target is never reported
	e := Default()
	for _, m := range scanAll(e, "add password edge7.harbor-radio.example {Heron4471Kx}\n") {
		if m.Value == "edge7.harbor-radio.example" {
			t.Errorf("host reported as %s", m.Rule.ID)
		}
	}
}

// Key names: a device's authorization key (OCPP's AuthorizationKey set through a
// key/value pair) and Java keystore passwords (storepass, keypass).
func TestH22KeyNames(t *testing.T) {
	held5Want(t, []held5Case{
		{`{"key":"AuthorizationKey","value":"c3a9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1"}`, "generic-api-key", "c3a9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1"},
		{"keystore.storepass = tern-harbor9q", "password-assignment", "tern-harbor9q"},
	})
	held5Quiet(t, []string{`{"key":"AuthorizationKey","value":"true"}`}, "generic-api-key")
}

// A password dictated in a clause of another script's text, where a mark ends the
// clause and the sentence goes on, or a Latin name stands in an earlier sentence.
func TestH22CodeSwitchClause(t *testing.T) {
	held5Want(t, []held5Case{
		{"[yi] שלום, דאָ רעדט Daan Bakker. מײַן נײַער פּאַראָל איז Heron4471Kxq, ביטע טוישט אים.", "password-in-prose", "Heron4471Kxq"},
		{"[as] নমস্কাৰ, মই Daan Bakker। মোৰ নতুন পাছৱৰ্ড হৈছে Tern2291MvQ, কাকো নক'ব।", "password-in-prose", "Tern2291MvQ"},
	})
	held5Quiet(t, []string{
		"Версия Python 3.11 поддерживает это. Используйте python3 для запуска.",
		"Пакет libfoo2-dev содержит заголовки, см. документацию.",
		"Ваш номер заказа Ab12Cd34x, спасибо за покупку.",
	}, "password-in-prose")
}

// A key a note gives as its line's last word right after the key's name.
func TestH22KeyLabelValue(t *testing.T) {
	held5Want(t, []held5Case{
		{"HISTORY   nova api key kqzvbwtrmdxplhgn                                ", "generic-api-key", "kqzvbwtrmdxplhgn"},
		{"# api token Kq7Lm2Xw9Rt4Zp8Vb3Nc6Yh1", "generic-api-key", "Kq7Lm2Xw9Rt4Zp8Vb3Nc6Yh1"},
	})
	held5Quiet(t, []string{
		"see the api key documentation",
		"HISTORY   nova api key configuration",
		"rotate the api key regularlyandoften",
	}, "generic-api-key")
}

// A text expander's abbreviation whose trigger names a password.
func TestH22Hotstring(t *testing.T) {
	held5Want(t, []held5Case{
		{"::;pw::Heron4471Kx", "password-assignment", "Heron4471Kx"},
		{":*:]pass::tern-harbor9q", "password-assignment", "tern-harbor9q"},
	})
	held5Quiet(t, []string{
		"::;em::ayesha.m@example.org",
		"::;pw::{Raw}%ADMIN_PW%",
		"::btw::by the way",
		"std::string pw::value",
	}, "password-assignment", "password-in-prose")
}

// Words after a password word in text or code are no directive's values.
func TestH22DirectiveBareWords(t *testing.T) {
	held5Quiet(t, []string{
		"\tstruct passwd *result;",
		"Change passphrase operation.",
		"  for password entries.",
		"and password authentication.",
	}, "password-assignment", "password-in-prose")
}

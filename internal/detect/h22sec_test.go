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

package detect

import "testing"

// The classes the held12a evaluation split showed missing or misreported
// (tools/evalcorpus/held12.go; held12b, its held-out sibling, was only read in totals).
// Each test covers one general syntax with strings written for the test, not taken from
// the split, beside controls that must stay quiet.

// Passwords named in prose in Icelandic, Estonian, Croatian, Slovak and Afrikaans: the
// copulas "je" and "is" after those languages' names, a time adverb after the copula,
// up to six qualifier words and long compounds among them.
func TestHeld12Prose(t *testing.T) {
	held5Want(t, []held5Case{
		{"Lykilorðið fyrir gestanetið í móttökunni er Hrafn!4471vatn", "password-assignment", "Hrafn!4471vatn"},
		{"Nýja lykilorð: Skafl_8812x", "password-assignment", "Skafl_8812x"},
		{"Serveri parool on nüüd Kask^5521mets, palun hoia seda salajas.", "password-assignment", "Kask^5521mets"},
		{"Lozinka za bazu je Jadran-7720more (do kraja mjeseca).", "password-assignment", "Jadran-7720more"},
		{"Heslo do wifi v kancelárii je Smrek*3319les a meno je hostia.", "password-assignment", "Smrek*3319les"},
		{"Die wagwoord vir die rekeningbestuurstelsel is Protea~6630berg, hou dit geheim.", "password-assignment", "Protea~6630berg"},
		{"Das Passwort ist jetzt Linde#4418baum", "password-assignment", "Linde#4418baum"},
	})
	h11Quiet(t, []string{
		"The password is now stored in the vault, not here.",
		"the password is Tulip2231x", // English prose is the key rules' to read
		"Heslo je príliš krátke, zvoľte dlhšie.",
		"Lozinka je promijenjena 12.03.2025.",
		"Die wagwoord is verkeerd.",
		"parool on nüüd muudetud",
	})
}

// An account on a host followed by a path, as git, scp and rsync write their SSH
// remotes, is not an e-mail address; an address followed by a colon and a password
// (a leaked combo line) still is.
func TestHeld12ScpRemote(t *testing.T) {
	held5Want(t, []held5Case{
		{"jon.arnason@simnet.is:Hekla2291x", "email", "jon.arnason@simnet.is"},
		{"Contact: kadri.tamm@hot.ee: any time", "email", "kadri.tamm@hot.ee"},
		{"mail petra@azet.sk:", "email", "petra@azet.sk"},
	})
	held5Quiet(t, []string{
		"MATCH_GIT_URL=git@github.com:tatra-apps/certs.git",
		"git remote add origin git@gitlab.com:vik/ops/infra",
		"scp backup.tgz deploy@web1.nordhost.net:/srv/backups/",
		"rsync -a ./site/ www@files.karoo.co.za:~/public_html/",
		"url = ops@bitbucket.org:team/mobile.git",
	}, "email")
}

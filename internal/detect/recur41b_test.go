package detect

import "testing"

func TestJoinedPasswordShapes(t *testing.T) {
	for _, c := range []struct {
		v               string
		scrambled, tail bool
	}{
		{"qWmbE_tzRhK", true, false},
		{"HxvQ-pLrAe.mTbz", true, false},
		{"walrus-cobaltQz", false, true},
		{"tundra.marigoldVk", false, true},
		{"fjord_lagoonmRT", false, true},
		{"get_user_name", false, false},
		{"obj.getId", false, false},
		{"conn.rawPtrs", false, false},
		{"window.innerHTML", false, false},
		{"page.loadURL", false, false},
		{"cfg.dbPassXY", false, false},
		{"Some_Module.Name", false, false},
		{"base.rootAPI", false, false},
		{"tundra-lagoonsK", false, true},
		{"canvas.offsetX", false, false},
		{"my_app.rowP", false, false},
		{"plain.wordsXy", false, true},
		{"HTTP_Request-Handler", false, false},
	} {
		if got := joinedScrambled([]byte(c.v)); got != c.scrambled {
			t.Errorf("joinedScrambled(%q) = %v", c.v, got)
		}
		if got := wordsLetterTail([]byte(c.v)); got != c.tail {
			t.Errorf("wordsLetterTail(%q) = %v", c.v, got)
		}
	}
}

// A generated password of letters alone, cut into parts by joiners or made of words
// with a tail of mixed-case letters, set under a password's name or written in prose
// after the word for it: the bare-word and code gates took it for a name.
func TestRecurJoinedLetterPasswords(t *testing.T) {
	held5Want(t, []held5Case{
		{"wifi_password=tundra.marigoldVk\n", "password-assignment", "tundra.marigoldVk"},
		{"  - lab_password=fjord-lagoonQx\n", "password-assignment", "fjord-lagoonQx"},
		{"db.password: HxvQ_pLrAe-mTbzWq\n", "password-assignment", "HxvQ_pLrAe-mTbzWq"},
		{`{"body": "Hasło do sieci biurowej to walrus.cobaltQz"}`, "password-in-prose", "walrus.cobaltQz"},
		{"the password for the shed is qWmbE_tzRhK-vLp\n", "password-in-prose", "qWmbE_tzRhK-vLp"},
	})
	held5Quiet(t, []string{
		"password=page.loadURL\n",
		"password: obj.getId\n",
		"password=conn.rawPtr\n",
		"password=Some_Module.Name\n",
		"the password is stored in user.lastName\n",
	}, "password-assignment")
}

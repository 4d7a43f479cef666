package detect

import (
	"strings"
	"testing"
)

// A rule whose captured group follows its fixed prefix ("<USERPASS>…", "password =
// \"\"\"…") reports a value shorter than the prefix: the prefix is not in the value,
// and no part of the value is cut off as an issuer's literal.
func TestReviewGroupAfterPrefix(t *testing.T) {
	held5Want(t, []held5Case{
		{"<SONRQ>\n<USERID>jan\n<USERPASS>Xk9#mQ2p\n<LANGUAGE>ENG", "ofx-user-password", "Xk9#mQ2p"},
		{"[database]\npassword = \"\"\"Lx5#qWz9\"\"\"\n", "grafana-ini-password", "Lx5#qWz9"},
		{"sentinel auth-pass mymaster Tk6#pLq2\n", "redis-sentinel-password", "Tk6#pLq2"},
	})
	// an OFX 1.x value runs to the line's end (or the next tag): a passphrase's blanks
	// are in it, its first word alone is no value
	for _, in := range []string{"<SIGNONMSGSRQV1>\n<USERPASS>maple river 27\n<LANGUAGE>ENG", "<USERPASS>maple river 27</USERPASS>", "<USERPASS>maple river 27  \r\n"} {
		ms := scanAll(Default(), in)
		if !hasMatch(ms, "ofx-user-password", "maple river 27") || hasMatch(ms, "ofx-user-password", "maple") {
			t.Errorf("%q: want ofx-user-password %q, got %s", in, "maple river 27", describe(ms))
		}
	}
}

// A text that ends within ten bytes of a line opening "A" and seven digits (CPA 005's
// header "A000000001" cut short) is scanned without a panic.
func TestReviewPayShortRecords(t *testing.T) {
	e := Default()
	for _, in := range []string{"A0000000", "A12345678", "note\nA0000000", "note\r\nA1234567\r", "x\nA000000001"} {
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("%q: panic %v", in, r)
				}
			}()
			scanAll(e, in)
		}()
	}
}

// A payment file whose header is the first line a stream's second window reports (at
// the window's cut, or at the window's first byte) is read there.
func TestReviewPayFileStreamWindow(t *testing.T) {
	pnr := "19811218" + "987" + luhnDigit("811218987")
	file := bgmaxExample("000"+"501234"+luhnDigit("000501234"), pnr) + "\n"
	for _, lead := range []int{scanChunk + scanContext, scanChunk} { // the header at the cut; at the second window's first byte
		line := strings.Repeat("z", 63) + "\n"
		filler := strings.Repeat(line, (lead-1)/len(line))
		filler += strings.Repeat("y", lead-len(filler)-1) + "\n"
		found := false
		if err := ScanLines(Default(), strings.NewReader(filler+file+strings.Repeat("w\n", scanHold)), func(m LineMatch) {
			if m.Rule.ID == "national-id" && m.Value == pnr {
				found = true
			}
		}); err != nil {
			t.Fatal(err)
		}
		if !found {
			t.Errorf("lead %d: the BgMax payer's personnummer was not reported", lead)
		}
	}
	// TITO's basic record (322) and a transaction (188) fill the 512 bytes a window keeps
	// before its cut: the second window opens at the basic record, and the transaction
	// after the cut is read by the engine's start hook alone.
	acct := "4573001098765" + luhnDigit("4573001098765")
	tl := strings.Split(titoExample("45730010123452"), "\n")
	tito := tl[0] + "\n" + tl[1] + "\n" + strings.Split(titoExample(acct), "\n")[1] + "\n" + tl[2] + "\n"
	if len(tl[0])+len(tl[1])+2 != scanContext {
		t.Fatalf("TITO lead %d", len(tl[0])+len(tl[1])+2)
	}
	found := false
	if err := ScanLines(Default(), strings.NewReader(strings.Repeat("z", scanChunk-1)+"\n"+tito+strings.Repeat("w\n", scanHold)), func(m LineMatch) {
		if m.Rule.ID == "ach-account-number" && m.Value == acct {
			found = true
		}
	}); err != nil {
		t.Fatal(err)
	}
	if !found {
		t.Errorf("the TITO transaction after the cut was not reported")
	}
}

// The readers added this session, on every prefix and suffix of their inputs (CRLF,
// after a line, after invalid UTF-8, with non-ASCII letters), in a slice whose capacity
// is its length: no panic, no read past the text.
func TestReviewTruncatedInputs(t *testing.T) {
	e := Default()
	pnr := "19811218" + "987" + luhnDigit("811218987")
	payee := nrb("102028920000550201234567")
	ins := []string{elixirExample("110", payee), bgmaxExample("0005012344", pnr), titoExample("45730010123452"), cbiRibaExample("RSSMRA85T10A562S"),
		"A000000001" + strings.Repeat("X", 60) + "\nC000000002", ":25:12345678/1234567890\n", "0128A", "5680" + strings.Repeat("1", 80), "01BGMAX", "T00322", " IB", "110,",
		"<USERPASS>ab c", "AB123456(7)", "RFC ABCD800101AB1", "&000000"}
	for _, tk := range formats39Tokens {
		ins = append(ins, tk.ex...)
	}
	ins = append(ins, ":type password: ~pkg.SecretBase", "def f(self, password: \"_models.SecretBase\",", "x = {\"net_ipv4_gc\": {\"key\": \"netIpv4Gc\"}}",
		"pkg/codecov.yml,sha256=AnHc_mCdXyz,63", "%2Fazure-sdk-for-python", "password: Optional[List[str]]", "import AzureArcVMwareManagementServiceAPIMixinABC",
		"[db]\npassword = x1234567y", "SALT=0123456789ABCDEF", "password='get_secret()'", "pw=\"uMAV4xKNsFs`A3zj9Uutur2\"", "KEY = USNUhYRyKw4.TqfgkdJnLkq", "-Dx=1")
	n := 0
	for _, base := range ins {
		for _, in := range []string{base, strings.ReplaceAll(base, "\n", "\r\n"), "x\n" + base, "\xff\xfe" + base, strings.ReplaceAll(base, "a", "\xc3\xa9")} {
			for i := 0; i <= len(in); i++ {
				for _, s := range []string{in[:i], in[i:]} {
					b := make([]byte, len(s))
					copy(b, s)
					func() {
						defer func() {
							if r := recover(); r != nil {
								t.Errorf("%q: %v", s, r)
							}
						}()
						if len(b) > 0 {
							e.Scan(b[:len(b):len(b)], func(Match) {})
						}
					}()
					n++
				}
			}
		}
	}
	if n < 1000 {
		t.Fatalf("%d scans", n)
	}
}

// A password with a bracketed part stays a password: the call-and-subscript check
// (codeExpression, gates40.go) asks the part before the bracket to read as code's name.
func TestReviewBracketedPassword(t *testing.T) {
	held5Want(t, []held5Case{
		{"spec:\n  db_password: \"Hx4kPq9Zt[Lm]\"\n", "password-assignment", "Hx4kPq9Zt[Lm]"},
		{"spec:\n  password: \"Tr8mKq4Lw(Xp)\"\n", "password-assignment", "Tr8mKq4Lw(Xp)"},
	})
	held5Quiet(t, []string{
		"spec:\n  password: \"get_secret()\"\n",
		"spec:\n  password: \"request.form['password']\"\n",
	}, "password-assignment")
}

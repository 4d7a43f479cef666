package detect

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// The structures the held21a evaluation split showed unread (held21b, its held-out
// sibling, was only read in totals). Strings written for the test, beside controls.

// A declared layout of placeholders: the lines below hold the password in its slot.
func TestStructLayout(t *testing.T) {
	held5Want(t, []held5Case{
		{"# SMS format: <login> <password> <command>\ncfg Qv7Lm2Rt_Kp9 setparam 2004:gps.example.net\n# note\ncfg Qv7Lm2Rt_Kp9 getver", "password-assignment", "Qv7Lm2Rt_Kp9"},
		{"usage: <user> <pass> <cmd>\nadm Heron!5531Pond reboot now", "password-assignment", "Heron!5531Pond"},
		// two password placeholders in one run: each reads its own position of the
		// lines split once
		{"# format: <user> <pwd> <secret>\nu1 Qv7Lm2Rt_Kp9 Heron!5531Pond", "password-assignment", "Qv7Lm2Rt_Kp9"},
		{"# format: <user> <pwd> <secret>\nu1 Qv7Lm2Rt_Kp9 Heron!5531Pond", "password-assignment", "Heron!5531Pond"},
	})
	h11Quiet(t, []string{
		"# SMS format: <login> <password> <command>\ncfg password getver",
		"# SMS format: <login> <password> <command>\n\ncfg Qv7Lm2Rt_Kp9 getver",
		"usage: <user> <password>\nthe tool asks again",
		// a quoted synopsis in a man page, then prose: the run declares nothing
		".IP \"\\s-1CRAM\\-MD5\\s0 <username> <password> <challenge>\" 4\n.IX Item \"CRAM-MD5 <username> <password> <challenge>\"\n\\&\\s-1CRAM\\-MD5\\s0 (\\s-1RFC 2195\\s0) accepts three supplemental arguments.",
		"Call it as gen-auth <username> <password> first.\ncfg Qv7Lm2Rt_Kp9 setparam 2004:gps.example.net",
		// runs inside a line of text (not ending it) declare nothing
		"<a> <pwd> <b> or <c> <pwd>\nu1 Qv7Lm2Rt_Kp9 c1\nu2 Heron!5531Pond",
	})
}

// KeyValues pairs: the second quoted string is the value the first names.
func TestStructQuotedPair(t *testing.T) {
	held5Want(t, []held5Case{
		{"\t\"SteamPassword\"\t\t\"Wren*8812Moss\"", "password-assignment", "Wren*8812Moss"},
		{"\t\"WebAPIPublisherKey\"\t\"9F1C2A7B44E0D3C8B6A5F7E2D1C0B9A8\"", "generic-api-key", "9F1C2A7B44E0D3C8B6A5F7E2D1C0B9A8"},
		{"  \"SteamGuardSharedSecret\"  \"Zq8mVt3LpR7wKs2NbX4cY6dEzM0=\"", "generic-api-key", "Zq8mVt3LpR7wKs2NbX4cY6dEzM0="},
	})
	h11Quiet(t, []string{
		"\t\"SteamUser\"\t\t\"Wren8812Moss\"",
		"\t\"WebAPIPublisherKey\"\t\"00000000000000000000000000000000\"",
		"\t\"SteamPassword\"\t\"Wren*8812Moss\" extra",
	})
}

// An element's n= and v= attributes are a name and its value.
func TestStructNVAttr(t *testing.T) {
	held5Want(t, []held5Case{
		{`  <p n="brokerPassword" v="Tern.6620.Cove"/>`, "password-assignment", "Tern.6620.Cove"},
	})
	h11Quiet(t, []string{
		`  <p n="brokerHost" v="Tern.6620.Cove"/>`,
		`  <p n="brokerPassword"/> v="Tern.6620.Cove"`,
	})
}

// Passport numbers under a key or in a column named for them; an ACH entry's account.
func TestStructPII(t *testing.T) {
	held5Want(t, []held5Case{
		{"passport: NS8255556", "passport-number", "NS8255556"},
		{"Passport No.: 405843132", "passport-number", "405843132"},
		{"SURNAME   GIVEN      PASSPORT   NAT\nTAN       CHLOÉ      P9ZRN7LC   SGP\nSOUSA     RUI        405843132  CAN", "passport-number", "P9ZRN7LC"},
		{"5200ACME\n6323267892705823854102       0000024587KLZKTPVE       BORG MARIJA             0302309310000001", "ach-account-number", "5823854102"},
	})
	held5Quiet(t, []string{
		"passport: required",
		"E95723,+66 88 419 6241,\"passport UO7006020\"",
		"SURNAME   PASSPORT   NAT\nTAN       PENDING    SGP",
		"SURNAME   PASSPORT   NAT\nTAN       REDACTED   SGP",
		"5200ACME\n6323267892715823854102       0000024587KLZKTPVE       BORG MARIJA             0302309310000001",
	}, "passport-number", "ach-account-number")
}

// A text table's MOBILE column holds numbers in their country's own form.
func TestStructPhoneColumn(t *testing.T) {
	held5Want(t, []held5Case{
		{"EMPNO  SURNAME   NAT MOBILE              EMAIL\n972303 TAN       SGP (677) 558-9475      x\n436122 AZIZ      BEL 021 346 2628        y", "phone-number", "021 346 2628"},
	})
	held5Quiet(t, []string{
		"EMPNO  SURNAME   NAT MOBILE              EMAIL\n972303 TAN       SGP 2026-05-01          x",
		"MOBILE  PLAN  NOTE\nnone  basic  x",
	}, "phone-number")
}

// A headerless CSV's column of international numbers holds national ones too; a
// caller id's number in angle brackets.
func TestStructCSVPhones(t *testing.T) {
	held5Want(t, []held5Case{
		{"\"noc\",\"+250 788 116 612\",\"x\"\n\"\",\"021 194 4345\",\"y\"", "phone-number", "021 194 4345"},
		{"noc,+250 788 116 612,x\nops,070-140 81 78,y", "phone-number", "070-140 81 78"},
		{"\"a,b\",noc,+250 788 116 612\n\"c,d\",ops,070-140 81 78\n", "phone-number", "070-140 81 78"},
		{"\"\"\"Erik Lindqvist\"\" <021 194 4345>\",\"PJSIP/499\"", "phone-number", "021 194 4345"},
		{"From: \"Erik Lindqvist\" <070-140 81 78>", "phone-number", "070-140 81 78"},
	})
	held5Quiet(t, []string{
		"\"noc\",\"2026-05-01\",\"x\"\n\"\",\"021 194 4345\",\"y\"",
		"id,amount\n1,021 194 4345",
		"From: \"<b>\" <021 194 4345>",
	}, "phone-number")
}

// The structure readers stay linear on their anchors repeated.
func TestStructLinear(t *testing.T) {
	skipTiming(t)
	e := Default()
	for _, unit := range []string{
		`,"021 194 4345"`, ",021 194 4345\n", "NAT  MOBILE  EMAIL\n", "A  PASSPORT  B\n", "<login> <password> ",
		"\"key\"\t\"v\"\n", ` n="pw" v="x"`, "\n6221234567890", `"a" <021 194 4345>`, "community_rw = ", "A:B:PASS ",
		"IAX2/a:", `(crypt "`, `x: *"`,
	} {
		small := bytes.Repeat([]byte(unit), (128<<10)/len(unit))
		large := bytes.Repeat([]byte(unit), (2<<20)/len(unit))
		assertLinear(t, e, fmt.Sprintf("%q", unit), small, large, 64)
	}
}

// crypt(3)'s clear text, a psk, CUE's default, an SNMP community, an SCPI password
// command and an Asterisk dial string.
func TestStructArgs(t *testing.T) {
	held5Want(t, []held5Case{
		{`      (password (crypt "Erbil#3724" "$6$ngsp")))`, "password-assignment", "Erbil#3724"},
		{`$h = crypt("Wren*8812Moss", $salt);`, "password-assignment", "Wren*8812Moss"},
		{`;; wifi: ssid "LAB-5G" psk "G2+ftdpiL_W*Ud2y"`, "password-assignment", "G2+ftdpiL_W*Ud2y"},
		{`secrets: smtp: password: *"K=Raghk.O3^q3@O75lKc" | string`, "password-assignment", "K=Raghk.O3^q3@O75lKc"},
		{"community_rw = Lhasa6158o7", "password-assignment", "Lhasa6158o7"},
		{`2026-12-24 01:58:50.771 TX> SYST:PASS:CEN "Rotorua627xF"`, "password-assignment", "Rotorua627xF"},
		{`"Dial","IAX2/orders:brg1EV@iax.example.pt/82766451,60"`, "password-assignment", "brg1EV"},
	})
	h11Quiet(t, []string{
		`(crypt "$6$abc")`,
		"community_rw = public",
		"community_rw = community_ro",
		"// community : 2013-12-05 Binky Moon, LLC",
		"x community_rw = Lhasa6158o7",
		"community_name = Lhasa6158o7",
		"    community = nextcommunity()",
		"community = get_community(host)",
		"\tCommunityNodeEdition    = NodeEdition(1)",
		`func B(b *testing.B) { benchEncrypt("64KB", "OAEPAndGCM", b) }`,
		`SYST:PASS:CEN "password"`,
		`"Dial","IAX2/orders@iax.example.pt/82766451,60"`,
		`name: *"default" | string`,
	})
}

// Passport and driver's licence numbers under keys and CSV columns that name them; an
// AL3 download's driver and insured groups.
func TestStructKeyedIDs(t *testing.T) {
	held5Want(t, []held5Case{
		{"  passport_no: NS8255556", "passport-number", "NS8255556"},
		{`{"passportNumber": "E12209080"}`, "passport-number", "E12209080"},
		{`{"drivers_license_number": "F579307516916"}`, "driver-licence-number", "F579307516916"},
		{"driver_licence_no = D1234-5678-9012", "driver-licence-number", "D1234-5678-9012"},
		{"5BIS172 B10001    P  NASEEM IBRAHIM\n6PDR187 B10001    IBRAHIM NASEEM           F579307516916       20020426", "driver-licence-number", "F579307516916"},
		{"5BIS172 B10001    P  NASEEM IBRAHIM\n5ISI200 B10001    65583253119980326", "us-ssn", "655832531"},
	})
	held5Quiet(t, []string{
		`{"passport_country": "SGP123456"}`,
		`{"driver_license_state": "CA1234567"}`,
		`{"license_key": "F579307516916"}`,
		"x\n5ISI200 B10001    00000000019980326",
	}, "passport-number", "driver-licence-number", "us-ssn")
}

// A wide row of national numbers costs what narrow rows of the same cells do: each
// cell read the eleven lines around for the column it stands in, up to 1 KiB each
// (a 2 MB file of 90-cell rows took eight times as long as without the reader); the
// line's cells are now counted once and its neighbours' columns read once.
func TestStructCSVWideRows(t *testing.T) {
	skipTiming(t)
	e := Default()
	rows := func(cells int) []byte {
		var b bytes.Buffer
		x := uint32(2463534242)
		for b.Len() < 512<<10 {
			for c := 0; c < cells; c++ {
				x ^= x << 13
				x ^= x >> 17
				x ^= x << 5
				if c > 0 {
					b.WriteByte(',')
				}
				fmt.Fprintf(&b, "0%02d %07d", 20+x%70, 1000000+x%9000000)
			}
			b.WriteByte('\n')
		}
		return b.Bytes()
	}
	if r, ts, tl := scaleRatio(e, rows(3), rows(90), 3); r > 3 {
		t.Errorf("rows of 90 cells took %.1fx the time of rows of 3 (%v, %v)", r, ts, tl)
	}
}

// A line of placeholders costs what a line of plain words does: every placeholder
// split the 24 lines below into words and read its position in each, a match each
// time (2 MB of such lines took 23 s, and one with a run of two placeholders repeated
// held a match for every placeholder and line below until resolve); the lines below are
// now split once, and each word read once for a position.
func TestStructLayoutLines(t *testing.T) {
	skipTiming(t)
	e := Default()
	for _, block := range []string{
		strings.Repeat("<pwd> ", 80) + "\n",
		strings.Repeat("<pwd> <pwd> x ", 35) + "\n" + strings.Repeat("Ab3dEf7h9 Qz8xWv2Lk9 x ", 21) + "\n",
	} {
		plain := strings.ReplaceAll(block, "<pwd>", "[pwd]")
		lines := []byte(strings.Repeat(block, (512<<10)/len(block)))
		words := []byte(strings.Repeat(plain, (512<<10)/len(plain)))
		if r, ts, tl := scaleRatio(e, words, lines, 6); r > 6 {
			t.Errorf("%.20q…: lines of placeholders took %.1fx the time of plain words (%v, %v)", block, r, ts, tl)
		}
	}
}

// Lines that each read as a table's header, a header word repeated along them, cost
// a bounded multiple of the same lines without the word (the key readers look at each
// word: about ten times as long): each word read the 200 lines below for its column, a
// cell at a time (2 MB took 30 s, 1400 times as long); the column readers now read at
// most colBudget and twice the text's length of lines.
func TestStructHeaderWordLines(t *testing.T) {
	skipTiming(t)
	e := Default()
	for _, word := range []string{"passport", "mobile"} {
		line := strings.Repeat("ab  "+word+"  ", 1000/(len(word)+6)) + "\n"
		plain := strings.ReplaceAll(line, word, strings.Repeat("x", len(word)))
		lines := []byte(strings.Repeat(line, (512<<10)/len(line)))
		words := []byte(strings.Repeat(plain, (512<<10)/len(plain)))
		if r, ts, tl := scaleRatio(e, words, lines, 40); r > 40 {
			t.Errorf("%q: header lines took %.1fx the time of plain ones (%v, %v)", word, r, ts, tl)
		}
	}
}

// The column readers' budget leaves a real table whole: a header over 200 rows, its
// lines read once for each of its columns.
func TestStructColumnBudget(t *testing.T) {
	var b strings.Builder
	b.WriteString("SURNAME   GIVEN      PASSPORT   MOBILE          NAT\n")
	for i := 0; i < 200; i++ {
		fmt.Fprintf(&b, "TAN       WEI LING   NS%07d  021 %03d %04d    SGP\n", 8255556+i*7, 194+i%700, 4345+i)
	}
	ms := scanAll(Default(), b.String())
	n := 0
	for _, m := range ms {
		if m.Rule.ID == "passport-number" {
			n++
		}
	}
	if n != 200 {
		t.Errorf("%d passport numbers of 200", n)
	}
}

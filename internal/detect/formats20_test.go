package detect

import (
	"strings"
	"testing"
)

// csvRules scans csv as a CSV file and returns the rules found with their values.
func csvRules(t *testing.T, csv string) map[string][]string {
	t.Helper()
	e := Default()
	data := []byte(csv)
	got := map[string][]string{}
	e.ScanFields(data, csvSpans(data, 0), func(m Match, _ string) {
		got[m.Rule.ID] = append(got[m.Rule.ID], string(data[m.Start:m.End]))
	})
	return got
}

// A SIM batch file and a LoRaWAN device import name their keys by column, after '#'
// lines saying what the batch is: the header is the first line after them, and Ki, OPc,
// AppKey and NwkKey are found in every row; the MSISDN column is a phone number without
// its "+". The TS 35.208 test key in the preamble is documentation.
func TestProvisioningCSV(t *testing.T) {
	ki, opc := ExpandExample("{H:32}"), ExpandExample("{H:32}x")[:32]
	sim := "# SIM batch delivery — keys: Milenage, OPc\n# test set 1: K=465b5ce8b199b49faa5f0a2ee238a6bc\n" +
		"name,iccid,mcc,mnc,imsi,msisdn,ki,opc,pin1,puk1\n" +
		"sim0425,8932439822585268224,242,97,242972183102847,4793940261," + ki + "," + opc + ",2117,06358545\n"
	got := csvRules(t, sim)
	if len(got["sim-auth-key"]) != 2 || got["sim-auth-key"][0] != ki && got["sim-auth-key"][1] != ki {
		t.Errorf("sim batch: sim-auth-key %q, want %s and %s", got["sim-auth-key"], ki, opc)
	}
	if len(got["phone-number"]) != 1 || got["phone-number"][0] != "4793940261" {
		t.Errorf("sim batch: phone-number %q, want the msisdn", got["phone-number"])
	}
	ak := ExpandExample("{h:32}")
	lora := "# chirpstack device import\ndev_eui,join_eui,name,app_key,nwk_key\n968d3f493fbc71ba,42f05cdd0830c7e0,soil-701," + ak + ",\n"
	if got := csvRules(t, lora); len(got["lorawan-device-key"]) != 1 {
		t.Errorf("chirpstack import: lorawan-device-key %q, want %s", got["lorawan-device-key"], ak)
	}
	// A commented-out header stays the header.
	if got := csvRules(t, "#name,ki,opc\nsim1,"+ki+","+opc+"\n"); len(got["sim-auth-key"]) != 2 {
		t.Errorf("commented header: sim-auth-key %q", got["sim-auth-key"])
	}
	// Not an MSISDN: a number whose country code does not exist, or a run of one digit.
	if got := csvRules(t, "name,msisdn\na,2891234567\nb,4799999999\n"); len(got["phone-number"]) != 0 {
		t.Errorf("bad msisdn: phone-number %q", got["phone-number"])
	}
}

func TestCSVPreamble(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
	}{
		{"a,b\n1,2\n", 0},
		{"# batch 42\n\na,b\n1,2\n", len("# batch 42\n\n")},
		{"#a,b\n1,2\n", 0},
		{"# only a note\n", 0},
	} {
		if got := csvPreamble([]byte(tc.in)); got != tc.want {
			t.Errorf("csvPreamble(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

// National ids in the forms held20's files wrote them: a Chilean RUT with its check
// digit, an id named in Esperanto or Indonesian, and a OneRoster users.csv whose
// "identifier" column holds the person's national id.
func TestNationalIDForms20(t *testing.T) {
	e := Default()
	find := func(text string) []string {
		var out []string
		e.Scan([]byte(text), func(m Match) {
			if m.Rule.ID == "national-id" {
				out = append(out, m.Value)
			}
		})
		return out
	}
	for in, want := range map[string]string{
		"Employee id number: 12.970.677-5":    "12.970.677-5",
		"Employee id number: 8.974.057-6":     "8.974.057-6",
		"<p>Identiga numero: 10059834032</p>": "10059834032",
		"Nomer KTP: 10023339086":              "10023339086",
	} {
		if got := find(in); len(got) != 1 || got[0] != want {
			t.Errorf("%q: national-id %q, want %q", in, got, want)
		}
	}
	for _, in := range []string{"Employee id number: 12.970.677-4", "order 12.970.677-5 shipped"} {
		if got := find(in); len(got) != 0 {
			t.Errorf("%q: unexpected national-id %q", in, got)
		}
	}
	roster := "sourcedId,role,username,givenName,familyName,identifier,email\n" +
		"6119dfd1,teacher,lotte.p,Lotte,Peeters,885102/8802,lotte@example.nl\n"
	if got := csvRules(t, roster); len(got["national-id"]) != 1 {
		t.Errorf("oneroster identifier: national-id %q", got["national-id"])
	}
	if got := csvRules(t, "sku,name,identifier\nA1,bolt,885102/8802\n"); len(got["national-id"]) != 0 {
		t.Errorf("product identifier: national-id %q", got["national-id"])
	}
}

// An option list's entry naming a key file is no secret; a secret after the same kind
// of option name still is.
func TestOptionPathNotSecret(t *testing.T) {
	e := Default()
	rules := func(text string) []string {
		var out []string
		e.Scan([]byte(text), func(m Match) { out = append(out, m.Rule.ID+" "+m.Value) })
		return out
	}
	if got := rules("AuthAltTypes=auth/jwt\nAuthAltParameters=jwt_key=/var/spool/slurm/statesave/jwt_hs256.key\n"); len(got) != 0 {
		t.Errorf("slurm jwt_key path: %q", got)
	}
	tok := ExpandExample("{a:40}")
	if got := rules("API_SECRET=" + tok + "\n"); len(got) == 0 {
		t.Errorf("a secret: nothing found")
	}
}

// A Concordance load file's þ quotes and ® newline marks no longer glue a token to
// them, in UTF-8 and in Latin-1; lines and offsets stay those of the file.
func TestConcordanceDAT(t *testing.T) {
	e := Default()
	ghp := "NNSXS." + ExpandExample("{32:39}.{32:64}")
	for name, data := range map[string][]byte{
		"utf-8":   []byte("þBEGDOCþ\x14þSNIPPETþ\nþABC1þ\x14þconfig for the vendor:®TTN_API_KEY=" + ghp + "þ\n"),
		"latin-1": []byte("\xfeBEGDOC\xfe\x14\xfeSNIPPET\xfe\n\xfeABC1\xfe\x14\xfeconfig for the vendor:\xaeTTN_API_KEY=" + ghp + "\xfe\n"),
	} {
		var got []LineMatch
		ScanDocument(e, "", data, func(m LineMatch) {
			if m.Value == ghp {
				got = append(got, m)
			}
		})
		line := strings.Split(string(data), "\n")[1]
		if len(got) != 1 || got[0].Value != ghp || got[0].Line != 2 || line[got[0].Start:got[0].End] != ghp {
			t.Errorf("%s: %+v, want %s on line 2", name, got, ghp)
		}
	}
}

// A card number named in Esperanto, Javanese or Indonesian in a chat message.
func TestCardWordsIntl20(t *testing.T) {
	e := Default()
	for _, label := range []string{"Kartnumero", "Nomer kertu", "Nomor kartu"} {
		in := "<p>" + label + ": 4849615230018006</p>"
		n := 0
		e.Scan([]byte(in), func(m Match) {
			if m.Rule.ID == "credit-card" {
				n++
			}
		})
		if n != 1 {
			t.Errorf("%q: %d credit-card findings, want 1", in, n)
		}
	}
}

// A password named in Uyghur before a colon ("the server's password: …").
func TestPasswordWordsUyghur(t *testing.T) {
	e := Default()
	for _, in := range []string{"سېرۋېرنىڭ پارولى: NRXhF%Tj4OK!359", "ۋەبسايتنىڭ پارولى: NRXhF%Tj4OK!359"} {
		found := false
		e.Scan([]byte(in), func(m Match) {
			if m.Rule.Category == "secret" && m.Value == "NRXhF%Tj4OK!359" {
				found = true
			}
		})
		if !found {
			t.Errorf("%q: password not found", in)
		}
	}
}

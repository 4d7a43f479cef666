package detect

import "testing"

// Hex of a symmetric key's length (32, 48 or 64 digits) under a "<word>_key" name or a
// longer name ending in key is the thing's key; not in a column of such values, not
// under an owner whose keys are digests, not typed in order, not under a long name's
// weaker shapes.
func TestGates41KeySizeHex(t *testing.T) {
	held5Want(t, []held5Case{
		{"gateway:\n  bridge_key: 9D41B27C0E8F36A5D2C74B19E60F8A3D\n", "generic-api-key", "9D41B27C0E8F36A5D2C74B19E60F8A3D"},
		{"<DeviceKey>c3a90e17b4d25f68a1e03c97d46b2f51</DeviceKey>\n", "generic-api-key", "c3a90e17b4d25f68a1e03c97d46b2f51"},
		{`tunnelKey = "7C19E40BA3D62F58E0A94D17B6C3258F1B6C3E0A94D17258F7C19E40BA3D62F5"` + "\n", "generic-api-key",
			"7C19E40BA3D62F58E0A94D17B6C3258F1B6C3E0A94D17258F7C19E40BA3D62F5"},
		{`<agent selfEnrollKey="5c1e8a7d03f94b26e8d17c4a9b32f05e" />` + "\n", "generic-api-key", "5c1e8a7d03f94b26e8d17c4a9b32f05e"},
	})
	h11Quiet(t, []string{
		// a column of digests under keyed names
		"bridge_key: 9D41B27C0E8F36A5D2C74B19E60F8A3D\nlamp_key: 1F8E4A7C2D9B05E36A4C8F17B2D0E953\n" +
			"door_key: 5B2E9C0A7F41D863E2A9C7054B1F8D36\n",
		// an owner whose keys are digests
		"cache_key: 9d41b27c0e8f36a5d2c74b19e60f8a3d\n",
		`<item primaryPartitionKey="5c1e8a7d03f94b26e8d17c4a9b32f05e" />` + "\n",
		// typed in order, or repeated
		"bridge_key: 0123456789ABCDEF0123456789ABCDEF\n",
		"bridge_key: 9D41B27C0E8F36A5D2C7FFFF9E60F8A3\n",
		// a long name takes key-sized hex alone
		`<agent selfEnrollKey="Xq7RtZ2wLm9KpV4sNc8BdF3hJ6gY" />` + "\n",
		"netPoolConfigKeys = []string{\n\t\"pool.0.net_settings.0.ipv6_enabled\",\n}\n",
		// not a key's length
		"bridge_key: 9D41B27C0E8F36A5D2C74B19E60F8A3D1C\n",
	})
}

func TestGates41KeySizeHexShape(t *testing.T) {
	for v, want := range map[string]bool{
		"9d41b27c0e8f36a5d2c74b19e60f8a3d":                 true,
		"9D41B27C0E8F36A5D2C74B19E60F8A3D5C1E8A7D03F94B26": true,
		"9D41B27C0E8F36A5d2c74b19e60f8a3d":                 false, // two cases
		"9d41b27c0e8f36a5d2c74b19e60f8a3":                  false, // 31
		"9d41b27c0e8f36a5d2c74b19e6789abc":                 false, // a run in order
		"abcdefabcdefabcdefabcdefabcdefab":                 false, // no digit
		"11223344556677881122334455667788":                 false, // few digits
	} {
		if got := keySizeHex([]byte(v)); got != want {
			t.Errorf("keySizeHex(%q) = %v, want %v", v, got, want)
		}
	}
}

// A card number after a label written as a phrase of a person's words, in a language
// the card words do not list, is decided by the number as in text with no label; a
// code key of another name still says no.
func TestGates41CardPhraseLabel(t *testing.T) {
	held5Want(t, []held5Case{
		{"- Numero della tessera: 4832011453224225\n", "credit-card", "4832011453224225"},
		{`{"text": "Numru tal kard tiegħi: 4455319300686017"}` + "\n", "credit-card", "4455319300686017"},
		{"<note>Ikhadi yebhange: 377642872761378</note>\n", "credit-card", "377642872761378"},
	})
	h11Quiet(t, []string{
		`{"trace_number": "4832011453224225"}` + "\n",
		"order_ref: 4832011453224225\n",
		"x = call(a, b) tessera socio: 4832011453224225\n",
	})
}

// A phone number in its national format after a label written as a phrase of words
// the phone words do not list is read as after "Tel."; after a code key, a version or
// a single word it is not.
func TestGates41PhonePhraseLabel(t *testing.T) {
	held5Want(t, []held5Case{
		{`4410,12B,web,"Nambari yangu: 079214 53861"` + "\n", "phone-number", "079214 53861"},
		{"- Numru tiegħi: 079214 53861\n", "phone-number", "079214 53861"},
	})
	h11Quiet(t, []string{
		"build_number: 0712 448 903\n",
		"Nambari: 0712 448 903\n",
		"x = f() nambari yangu: 0712 448 903\n",
		"Nambari yangu: 0712448903abc\n",
		// a date after a label: the anchor's digit is any digit, the number's first
		// must be the trunk prefix
		"Create Date: 2017-02-01 09:40:05\n",
		"<p>Sample input value: 01/10/2020 12:00</p>\n",
	})
}

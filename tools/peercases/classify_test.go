package main

import "testing"

// A Maven master password in braces is left out for every tool when it is no text that
// Plexus cipher writes; one that is stays a fair question, and so does a plain one.
func TestBadPlexus(t *testing.T) {
	for _, c := range []struct {
		in  string
		bad bool
	}{
		{"<settingsSecurity><master>{jpqUfRncDLoHLpQUnRBW5lbBowVWiES95dZm4FbSpY0=}</master></settingsSecurity>", false},
		{`"<master>{tw9HUGkH3vMH4Y53GZvmROUj+CkyLbvvYOMX70Rq2oAKZbrPyI1SFBSoqIbdRDCw\}</master>"`, false},
		{"<master>{XyUSO3zDUaILUy5i7OXNatmXDxm5eVPjmWETjpjXuc4wLL29}</master>", true}, // 36 bytes
		{"<master>{y6on0wH2lmQJzFhDmGrvgmSWRTsIHrxGJyI0KT+++Uk=}</master>", true},     // filler length 9
		{"<master>{not base64 at all!}</master>", true},
		{"<master>Kv7tR2wq9Lmz</master>", false},
		{"no maven here", false},
	} {
		if got := badPlexus(c.in); got != c.bad {
			t.Errorf("badPlexus(%q) = %v, want %v", c.in, got, c.bad)
		}
	}
	cl := classify([]testCase{{Source: "ripsecrets", Positive: true, Input: "<master>{XyUSO3zDUaILUy5i7OXNatmXDxm5eVPjmWETjpjXuc4wLL29}</master>"}})
	if cl.kind[0] != leftOut {
		t.Errorf("a made-up encrypted master password is a fair question: %v", cl.kind[0])
	}
}

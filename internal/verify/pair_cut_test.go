package verify

import "testing"

// A secret that pairs with a value found on its line is not paired from a Cut record
// (a later part of the line may hold the value, or a second one); one that pairs from
// the text alone, or needs no pair, is.
func TestCutRecordDoesNotPairFromFound(t *testing.T) {
	id, secret := "AKIAABCDEFGHIJKLMNOP", "abcdefghijABCDEFGHIJabcdefghijABCDEFGHIJ"
	for _, cut := range []bool{false, true} {
		rec := &Record{Cut: cut, Found: []Found{{Rule: ruleAWSKeyID, Value: id}, {Rule: ruleAWSSecret, Value: secret}}}
		_, missing := awsPrepare(ruleAWSKeyID, id, rec)
		if cut != (missing == ReasonLineCut) {
			t.Errorf("cut %v: key ID's reason %q", cut, missing)
		}
		l := (&Runner{}).NewLedger()
		if got := l.Waits(ruleAWSKeyID, id, rec); got != cut {
			t.Errorf("cut %v: Waits %v", cut, got)
		}
	}
}

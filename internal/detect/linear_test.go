package detect

import (
	"bytes"
	"testing"
	"time"
)

// scanTime is the least of three scans' times of data.
func scanTime(e *Engine, data []byte) time.Duration {
	best := time.Duration(1 << 62)
	for range 3 {
		t0 := time.Now()
		e.Scan(data, func(Match) {})
		best = min(best, time.Since(t0))
	}
	return best
}

// A line of one anchor repeated must cost time in proportion to its length: a detector
// that searches the rest of the line (or back to its start) for each hit makes a
// hostile row of a few MB take minutes. Eight times the input may take about eight times
// as long; a search per hit makes it sixty-four.
func TestScanLinearOnRepeatedAnchors(t *testing.T) {
	if testing.Short() {
		t.Skip("timing")
	}
	e := Default()
	for _, unit := range []string{
		"UGFzc3dvcmQ6 ",   // SMTP AUTH LOGIN's prompt: its line's end was searched to the end
		"arn:aws:secret:", // an ARN's "secret:" key: parameterDefault read back to the line's start
		"\ttrue\t/",       // a cookie jar's flags
		"AUTH PLAIN ",     // SMTP AUTH PLAIN
		"database(a, b, ", // a positional password call
		"the password (",  // prose with an aside
		// held9.go's anchors
		"user a on >", "<Password><Value>", "a:b@tcp(", "Content-Transfer-Encoding: base64\n",
		"Content-Transfer-Encoding: base64\n\nQUJD\n", `"encrypt": "`, "PresharedKey = ",
	} {
		small := bytes.Repeat([]byte(unit), (128<<10)/len(unit))
		large := bytes.Repeat([]byte(unit), (1<<20)/len(unit))
		ts, tl := scanTime(e, small), scanTime(e, large)
		if ts < time.Millisecond {
			ts = time.Millisecond
		}
		if r := float64(tl) / float64(ts); r > 24 {
			t.Errorf("%q: 8x the input took %.1fx the time (%v, %v): a search per hit", unit, r, ts, tl)
		}
	}
}

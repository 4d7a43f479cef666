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

// scaleRatio is how many times longer the large input takes than the small one: the
// best of three scans each, measured once more when over limit (one run on a busy
// machine can be slow).
func scaleRatio(e *Engine, small, large []byte, limit float64) (float64, time.Duration, time.Duration) {
	measure := func() (float64, time.Duration, time.Duration) {
		ts, tl := scanTime(e, small), scanTime(e, large)
		return float64(tl) / float64(max(ts, time.Millisecond)), ts, tl
	}
	r, ts, tl := measure()
	if r > limit {
		r, ts, tl = measure()
	}
	return r, ts, tl
}

// A line of one anchor repeated must cost time in proportion to its length: a detector
// that searches the rest of the line (or back to its start) for each hit makes a
// hostile row of a few MB take minutes. Sixteen times the input takes about sixteen times
// as long (up to twice that with caches and a loaded machine); a search per hit makes it
// 256. A ratio over the bound is measured once more before it counts, since one run on a
// busy machine can be slow.
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
		// held10.go's anchors
		"a password ", "x/y@", "-U a%", "auth: a:", "FERNET_KEY=", "secret 0 ", "community ",
	} {
		small := bytes.Repeat([]byte(unit), (128<<10)/len(unit))
		large := bytes.Repeat([]byte(unit), (2<<20)/len(unit))
		if r, ts, tl := scaleRatio(e, small, large, 64); r > 64 {
			t.Errorf("%q: 16x the input took %.1fx the time (%v, %v): a search per hit", unit, r, ts, tl)
		}
	}
}

// One long line of many findings: each finding's post-pass checks (example and
// real-tree filters) read a bounded neighbourhood, not the whole line again. Before,
// a 400 KB line of password assignments took minutes (linesAround, badgeToken).
func TestScanLinearOnRepeatedFindings(t *testing.T) {
	if testing.Short() {
		t.Skip("timing")
	}
	e := Default()
	for _, unit := range []string{
		`password="Lantern7781!Corvid" `,
		`<password>Lantern7781!Corvid</password>`,
		`net user bob Lantern7781!Corvid `,
		`--password=Lantern7781!Corvid `,
		`WEBHOOK_SECRET="Lantern7781!Corvid" `,
		`mysql -u root -pLantern7781Corvid `, // optionPair read back to the line's start
		// providerContradicts read the rest of the value's line for provider names
		`"api_key": "q8Zr2LmX7vTn4KpW9sYb3HdF6gJc1NeA", "note": "github slack twilio sendgrid mailgun heroku", `,
	} {
		small := bytes.Repeat([]byte(unit), (32<<10)/len(unit))
		large := bytes.Repeat([]byte(unit), (256<<10)/len(unit))
		n := 0
		e.Scan(small, func(Match) { n++ })
		if n < len(small)/len(unit)/2 {
			t.Fatalf("%q: %d findings in %d repetitions: the unit is no finding, the test measures nothing", unit, n, len(small)/len(unit))
		}
		if r, ts, tl := scaleRatio(e, small, large, 32); r > 32 {
			t.Errorf("%q: 8x the findings took %.1fx the time (%v, %v): each finding reads its whole line", unit, r, ts, tl)
		}
	}
}

// Values under an example key on one long line are dropped (underKey) without
// reading the line back for each of them.
func TestScanLinearUnderExampleKey(t *testing.T) {
	if testing.Short() {
		t.Skip("timing")
	}
	e := Default()
	unit := "example: api_key=q8Zr2LmX7vTn4KpW9sYb3HdF6gJc1NeA "
	small := bytes.Repeat([]byte(unit), (32<<10)/len(unit))
	large := bytes.Repeat([]byte(unit), (256<<10)/len(unit))
	if r, ts, tl := scaleRatio(e, small, large, 32); r > 32 {
		t.Errorf("8x the values took %.1fx the time (%v, %v): each reads its whole line", r, ts, tl)
	}
}

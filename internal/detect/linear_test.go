package detect

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"
)

// scanTime is the CPU time of one scan of data (cpuNow: the wall clock counts other
// processes' turns on a loaded machine, which made a ratio of two scans flake).
func scanTime(e *Engine, data []byte) time.Duration {
	t0 := cpuNow()
	e.Scan(data, func(Match) {})
	return cpuNow() - t0
}

// scaleRatio is how many times longer the large input takes than the small one: the
// best of three scans each, taken in turn, measured once more when over limit (one run
// on a busy machine can be slow). The small input counts as at least 5 ms: a scan of a
// few milliseconds is timed too coarsely to divide by, and a search per hit takes the
// large input far over limit times that.
func scaleRatio(e *Engine, small, large []byte, limit float64) (float64, time.Duration, time.Duration) {
	measure := func() (float64, time.Duration, time.Duration) {
		ts, tl := time.Duration(1<<62), time.Duration(1<<62)
		for range 3 {
			ts, tl = min(ts, scanTime(e, small)), min(tl, scanTime(e, large))
		}
		return float64(tl) / float64(max(ts, 5*time.Millisecond)), ts, tl
	}
	r, ts, tl := measure()
	if r > limit {
		r, ts, tl = measure()
	}
	return r, ts, tl
}

// skipTiming skips a timing test in short mode and under the race detector (which
// slows a scan tenfold and unevenly).
func skipTiming(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("timing")
	}
}

// assertLinear fails the test when large takes more than limit times as long to scan
// as small.
func assertLinear(t *testing.T, e *Engine, what string, small, large []byte, limit float64) {
	t.Helper()
	if r, ts, tl := scaleRatio(e, small, large, limit); r > limit {
		t.Errorf("%s: %.0fx the input took %.1fx the time (%v, %v)", what, float64(len(large))/float64(len(small)), r, ts, tl)
	}
}

// A line of one anchor repeated must cost time in proportion to its length: a detector
// that searches the rest of the line (or back to its start) for each hit makes a
// hostile row of a few MB take minutes. Sixteen times the input takes about sixteen times
// as long (up to twice that with caches and a loaded machine); a search per hit makes it
// 256. A ratio over the bound is measured once more before it counts, since one run on a
// busy machine can be slow.
func TestScanLinearOnRepeatedAnchors(t *testing.T) {
	skipTiming(t)
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
		assertLinear(t, e, fmt.Sprintf("%q (a search per hit)", unit), small, large, 64)
	}
}

// One long line of many findings: each finding's post-pass checks (example and
// real-tree filters) read a bounded neighbourhood, not the whole line again. Before,
// a 400 KB line of password assignments took minutes (linesAround, badgeToken).
func TestScanLinearOnRepeatedFindings(t *testing.T) {
	skipTiming(t)
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
		assertLinear(t, e, fmt.Sprintf("%q (each finding reads its whole line)", unit), small, large, 32)
	}
}

// Values under an example key on one long line are dropped (underKey) without
// reading the line back for each of them.
func TestScanLinearUnderExampleKey(t *testing.T) {
	skipTiming(t)
	e := Default()
	unit := "example: api_key=q8Zr2LmX7vTn4KpW9sYb3HdF6gJc1NeA "
	small := bytes.Repeat([]byte(unit), (32<<10)/len(unit))
	large := bytes.Repeat([]byte(unit), (256<<10)/len(unit))
	assertLinear(t, e, "values under an example key (each reads its whole line)", small, large, 32)
}

// repeatTo is prefix followed by unit repeated until the whole is about size bytes, each
// "%d" in unit replaced by a different number (the values of one line are not all the
// same, so no check can answer once for them all).
func repeatTo(prefix, unit string, size int) []byte {
	b := []byte(prefix)
	for i := 0; len(b) < size; i++ {
		b = append(b, strings.ReplaceAll(unit, "%d", strconv.Itoa(1000000+i))...)
	}
	return b
}

// A detector reading its anchor's line (a command's switches, a cookie header's pairs, a
// format call's arguments) reads it from a cursor that
// moves along the text, or within a bound of the anchor: a long line of anchors is not
// read whole again for each. Before, 256 KB of any of these took seconds.
func TestScanLinearOnAnchorLines(t *testing.T) {
	skipTiming(t)
	e := Default()
	for _, unit := range []string{
		"ConvertTo-SecureString ", // secureString read the whole line for -AsPlainText
		"--password-stdin ",       // passwordStdin read back to the line's start for the pipe
		"cookie ",                 // cookie: the line's bounds
		"cookie:a=cookie:a=",      // a cookie pair's value ran to the line's end
		"password=%s ",            // formatArg: the line's bounds around a placeholder
		// digestAt and keyWordBefore searched the line before each candidate for words
		// (a flattened CI .env of 512 KB: 4.4 s, now 0.3 s)
		"buildkite token 3f786850e387550fdab836ed7e6dc881a%d ",
	} {
		assertLinear(t, e, fmt.Sprintf("%q (each anchor reads its whole line)", unit), repeatTo("", unit, 32<<10), repeatTo("", unit, 256<<10), 32)
	}
}

// The post-pass classes that read the lines above a value (an "Example:" or "format:"
// label, an indented or reStructuredText block, a docstring, a troff display, a Python
// session, an example key) find its line with a cursor and answer once a line: the values
// of one long line do not each read the line, and the lines above it, again. An object's
// keys are gathered once a text (definedName searched the whole text for each value).
func TestScanLinearUnderIntroductions(t *testing.T) {
	skipTiming(t)
	e := Default()
	for _, c := range []struct{ prefix, unit string }{
		{"for example ", `password="Lantern%d!Corvid" `},
		{"Example:\n\n    ", `password="Lantern%d!Corvid" `},
		{"\"\"\"\nExample usage:\n    ", `password="Lantern%d!Corvid" `},
		{"An example::\n\n    ", `api_key = "q8Zr2LmX7vTn4Kp%dgJc1NeA" `},
		{"example\n    ", `api_key = "q8Zr2LmX7vTn4Kp%dgJc1NeA" `},
		{"Request format:\n", `    password="Lantern%d!Corvid" `},
		{"e.g.\n", `password="Lantern%d!Corvid" `}, // the line was searched for "e.g." for each value
		{".TH X 1\n.SH NAME\n.nf\n", `password=Lantern%dCorvid `},
		{">>> x = 1\n", `token="q8Zr2LmX7vTn4Kp%dgJc1NeA" `},
		{"{", `"apiKey": "Q8Zr2LmX7vTn4Kp%dgJc1NeA", "k%d": {"a": 1}, `},
	} {
		assertLinear(t, e, fmt.Sprintf("%q then %q (each value reads its line again)", c.prefix, c.unit),
			repeatTo(c.prefix, c.unit, 32<<10), repeatTo(c.prefix, c.unit, 256<<10), 32)
	}
}

// lineCursor's answers are the line's bounds, whatever order the offsets come in.
func TestLineCursorExact(t *testing.T) {
	data := []byte("ab\n\ncdef\ng\n\n\nhijkl mno\npq")
	var c lineCursor
	for _, at := range []int{0, 1, 3, 5, 6, 4, 2, 9, 8, 12, 12, 7, 14, 20, 15, 23, 25, 24, 22, 0, 25, 10, 3, 2} {
		ls, le := c.around(data, at)
		ws := bytes.LastIndexByte(data[:at], '\n') + 1
		we := bytes.IndexByte(data[at:], '\n')
		if we < 0 {
			we = len(data)
		} else {
			we += at
		}
		if ls != ws || le != we {
			t.Errorf("line of %d: %d-%d, want %d-%d", at, ls, le, ws, we)
		}
	}
}

// The cells of a long line of findings (a form-encoded body of passwords, a flattened
// config) cost what the same cells cost on lines of their own: a check that reads a
// fixed window around each finding (fieldsOnMachine's 16 KiB, badgeToken's 2 KiB)
// reads nothing more for a short line, but the whole window for each finding of a long
// one. Before, a 512 KB line of "password=p…&" took eight times as long as the same
// pairs one a line; the checks now ask the text's offsets of what they look for
// (a loopback host, a Markdown image), found once a text.
func TestScanLongLineCostsItsCells(t *testing.T) {
	skipTiming(t)
	e := Default()
	for _, unit := range []string{
		"password=p%d",
		"password=Wq%dzX7!p",
		"pwd=Lantern%dCorvid",
	} {
		line := repeatTo("", unit+"&", 512<<10)
		n := 0
		e.Scan(line, func(Match) { n++ })
		if n < len(line)/(len(unit)+8)/2 {
			t.Fatalf("%q: %d findings: the unit is no finding, the test measures nothing", unit, n)
		}
		assertLineCostsCells(t, e, unit, 6)
	}
}

// assertLineCostsCells fails the test when 512 KB of unit joined by '&' on one line
// take more than limit times as long as the same cells one a line.
func assertLineCostsCells(t *testing.T, e *Engine, unit string, limit float64) {
	t.Helper()
	lines := repeatTo("", unit+"\n", 512<<10)
	line := repeatTo("", unit+"&", 512<<10)
	if r, ts, tl := scaleRatio(e, lines, line, limit); r > limit {
		t.Errorf("%q: one line took %.1fx the time of the same cells one a line (%v, %v)", unit, r, ts, tl)
	}
}

// Lines of escaped assignments ("api_key=3D…", quoted-printable) are decoded into one
// view and every match settled against it: the settle asked each match whether an
// escape lies under it by reading every escape of the file (4 MiB took 13.6 s, 2 MiB
// 4.6 s, 1 MiB 1.5 s); the escapes are in order, so it now searches them.
func TestScanLinearOnEscapedLines(t *testing.T) {
	skipTiming(t)
	e := Default()
	lines := func(n int) []byte {
		const abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
		var b bytes.Buffer
		x := uint32(2463534242)
		r := func(k int) string {
			s := make([]byte, k)
			for i := range s {
				x ^= x << 13
				x ^= x >> 17
				x ^= x << 5
				s[i] = abc[x%uint32(len(abc))]
			}
			return string(s)
		}
		for b.Len() < n {
			b.WriteString("api_key=3D" + r(24) + "=3D" + r(4) + "\n")
		}
		return b.Bytes()
	}
	assertLinear(t, e, "api_key=3D… lines", lines(256<<10), lines(2<<20), 20)
}

// A line of logins to the machine itself ("host=localhost&user=admin…&password=admin…"):
// every password asked for the user fields of a 16 KiB window around it, lower-casing
// and searching the window each time (1 MB took 0.94 CPU-seconds as one line, 0.17 as
// the same cells one a line); the fields' words are now found once a text.
func TestScanLongLineOfMachineLogins(t *testing.T) {
	skipTiming(t)
	e := Default()
	for _, unit := range []string{
		"host=localhost&user=admin%d&password=admin%d",
		"Host=127.0.0.1&Login=svc%d&Password=svc%d",
	} {
		assertLineCostsCells(t, e, unit, 6)
	}
}

// A URL whose authority holds an '@' before a '#' or '?' reads its host after a later
// '@' (uripw.go, uri.go) one byte at a time: a long run of host bytes after that '@' was
// read again for each byte (hostLike over a growing slice), quadratic in the run.
func TestScanLinearOnHostAfterLaterAt(t *testing.T) {
	skipTiming(t)
	e := Default()
	for _, pre := range []string{"postgres://u:p@x#@", "postgres://u:pw#x@"} {
		small := []byte(pre + strings.Repeat("a", 16<<10) + "\n")
		large := []byte(pre + strings.Repeat("a", 128<<10) + "\n")
		assertLinear(t, e, fmt.Sprintf("%q and a long host (the host read again per byte)", pre), small, large, 16)
	}
}

// The readers added in stop 35 (lists under a secret's name, lookups' fallbacks and
// ${NAME:-…} defaults, concatenated and '@'-holding URLs, role keys, salts, passwords
// under secret names, positional triples, script switches, next-clause prose, other
// quotings, R's arrows and Visual Basic's "As String") read within bounds of their
// anchor: a line of one of their triggers repeated costs time in proportion to its length.
func TestScanLinearOnSessionReaders(t *testing.T) {
	skipTiming(t)
	e := Default()
	for _, unit := range []string{
		"x key=0123abcdef0123 ", " key: 0123abcdef0123 ",
		`"postgres://" + u + ":" + "Pw4x9!kq" + "@" + "db/x" `, `"postgres://x" + `,
		"passwords: [Xy7kq9Lm2!, ", "${DB_PASSWORD:-Xy7kq9Lm2!} ",
		`process.env.API_KEY || "Xy7kq9Lm2Ab3" `, `getenv("DB_PASSWORD") ?: 'Xy7kq9Lm2Ab3' `,
		`'\\srv\share', 'admin', 'Xy7kq9Lm2!' `, ";1", "1:a.b;2:u;3:Xy7kq9Lm2!;",
		"пароль: Xy7kq9Lm2! ", "пароль ", "the password. Xy7kq9Lm2! ", "password is below; ",
		"secret_password=Capital42 ", `salt = "Xy7kq9Lm2Ab3Cd" `, "mysql_root=Xy7kq9Lm2! ", "$USER1$=Xy7kq9Lm2! ",
		`connect('a', 'b', q{Quokka42!vine}) `, `password = @"Quokka42!vine" `,
		`api_key <- "q8Zr2LmX7vTn4KpW9sYb3HdF6gJc1NeA" `, `Const API_TOKEN As String = "q8Zr2LmX7vTn4KpW9sYb3HdF6gJc1NeA" `,
		"postgres://web:piFX@8sgf0c#86@db.lan/x ", "login for admin: Xy7kq9Lm2! ",
		// the readers merged last in stop 35: directives, hotstrings, ISOBUS records,
		// caller phrases, labels of keys, code-switched clauses
		"add password HOST {", "::;pw::", `<WKR A="1" J="040 859 9186" `, "<CTR ", "voicemail from ", "missed call from (11) ",
		"caller id 0", "IND ID=", "api key fknvwydvvqmqgmbs ", "איז Xy7kq9Lm2Ab, ",
	} {
		small := bytes.Repeat([]byte(unit), (64<<10)/len(unit))
		large := bytes.Repeat([]byte(unit), (512<<10)/len(unit))
		assertLinear(t, e, fmt.Sprintf("%q (a stop-35 reader)", unit), small, large, 20)
	}
}

// A bare "key" with a hex value asks for the section or the YAML parent above it
// (apiParentAt): only when the key starts its line, found by reading back over the
// blanks before it, not to the start of a long line of such keys for each of them.
func TestScanLinearOnBareKeysOnOneLine(t *testing.T) {
	skipTiming(t)
	e := Default()
	for _, unit := range []string{
		"key=0123abcdef0123abcdef0123abcdef01 ", `key: "0123abcdef0123abcdef0123abcdef01", `,
		`"key": "0123abcdef0123abcdef0123abcdef01", `, "key = '0123abcdef0123abcdef0123abcdef01'; ",
	} {
		small := bytes.Repeat([]byte(unit), (16<<10)/len(unit))
		large := bytes.Repeat([]byte(unit), (128<<10)/len(unit))
		assertLinear(t, e, fmt.Sprintf("%q (the line read back for each key)", unit), small, large, 20)
	}
}

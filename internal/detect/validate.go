package detect

import (
	"bytes"
	"hash/crc32"
	"math"
)

const base62Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// base62CRC writes the six-character base62 form of the CRC32 of body, the checksum that
// GitHub and npm tokens end with.
func base62CRC(body []byte) [6]byte {
	n := crc32.ChecksumIEEE(body)
	var out [6]byte
	for i := 5; i >= 0; i-- {
		out[i] = base62Alphabet[n%62]
		n /= 62
	}
	return out
}

// checksumTokenOK validates prefix + entropy + 6 base62 checksum characters. The prefix
// length is where the entropy starts.
func checksumTokenOK(prefixLen int) func([]byte) bool {
	return func(tok []byte) bool {
		if len(tok) < prefixLen+7 {
			return false
		}
		body := tok[prefixLen : len(tok)-6]
		sum := base62CRC(body)
		return bytes.Equal(sum[:], tok[len(tok)-6:])
	}
}

// luhnOK is the payment card check digit.
func luhnOK(digits []byte) bool {
	sum := 0
	double := false
	for i := len(digits) - 1; i >= 0; i-- {
		d := int(digits[i] - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}

// cardBrand names the issuer of a card number by its IIN range and length, or returns ""
// for numbers no major network issues.
func cardBrand(d []byte) string {
	n := len(d)
	p := func(k int) int {
		v := 0
		for i := 0; i < k && i < n; i++ {
			v = v*10 + int(d[i]-'0')
		}
		return v
	}
	switch {
	case d[0] == '4' && (n == 13 || n == 16 || n == 19):
		return "visa"
	case (p(2) >= 51 && p(2) <= 55 || p(4) >= 2221 && p(4) <= 2720) && n == 16:
		return "mastercard"
	case (p(2) == 34 || p(2) == 37) && n == 15:
		return "amex"
	case (p(4) == 6011 || p(2) == 65 || p(3) >= 644 && p(3) <= 649) && n >= 16 && n <= 19:
		return "discover"
	case p(4) >= 3528 && p(4) <= 3589 && n >= 16 && n <= 19:
		return "jcb"
	case (p(3) >= 300 && p(3) <= 305 || p(2) == 36 || p(2) == 38 || p(2) == 39) && n >= 14 && n <= 19:
		return "diners"
	case p(2) == 62 && n >= 16 && n <= 19:
		return "unionpay"
	case p(4) >= 2200 && p(4) <= 2204 && n == 16:
		return "mir"
	}
	return ""
}

// testCards are the numbers payment processors publish for testing; they show up in
// staging data and documentation, never on a real card.
var testCards = map[string]bool{
	"4111111111111111": true, "4242424242424242": true, "4012888888881881": true, "4000056655665556": true,
	"5555555555554444": true, "5105105105105100": true, "2223003122003222": true, "378282246310005": true,
	"371449635398431": true, "6011111111111117": true, "6011000990139424": true, "3530111333300000": true,
	"30569309025904": true, "4222222222222": true, "6200000000000005": true,
}

// ibanLengths is the registered IBAN length per country (ISO 13616 registry).
var ibanLengths = map[string]int{
	"AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22,
	"BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28,
	"EE": 20, "EG": 29, "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23,
	"GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26,
	"IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20,
	"LV": 21, "LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MR": 27, "MT": 31, "MU": 30,
	"NL": 18, "NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22,
	"SA": 24, "SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "ST": 25, "SV": 28,
	"TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
	// added to the registry since 2020
	"BI": 27, "DJ": 27, "FK": 18, "HN": 28, "MN": 20, "NI": 28, "OM": 23, "RU": 33, "SO": 23, "YE": 30,
	// used by the country's banks outside the registry (the central banks of the
	// West and Central African monetary unions, the Maghreb, Madagascar, Iran, …):
	// the same mod-97 check digits, a national length
	"AO": 25, "BF": 28, "BJ": 28, "CF": 27, "CG": 27, "CI": 28, "CM": 27, "CV": 25, "DZ": 26, "GA": 27,
	"GQ": 27, "GW": 25, "IR": 26, "KM": 27, "MA": 28, "MG": 27, "ML": 28, "MZ": 25, "NE": 28, "SN": 28,
	"TD": 27, "TG": 28,
}

// ibanOK checks country, length and the mod-97 check digits of a compact IBAN.
func ibanOK(s []byte) bool {
	if len(s) < 15 || len(s) > 34 || !isUpper(s[0]) || !isUpper(s[1]) || !isDigit(s[2]) || !isDigit(s[3]) {
		return false
	}
	if want, ok := ibanLengths[string(s[:2])]; !ok || want != len(s) {
		return false
	}
	rem := 0
	add := func(c byte) bool {
		switch {
		case isDigit(c):
			rem = (rem*10 + int(c-'0')) % 97
		case isUpper(c):
			v := int(c-'A') + 10
			rem = (rem*100 + v) % 97
		default:
			return false
		}
		return true
	}
	for _, c := range s[4:] {
		if !add(c) {
			return false
		}
	}
	for _, c := range s[:4] {
		add(c)
	}
	return rem == 1
}

// prcIDOK validates an 18-character PRC resident identity number: province code, birth
// date and the ISO 7064 MOD 11-2 check character.
func prcIDOK(s []byte) bool {
	if len(s) != 18 {
		return false
	}
	for _, c := range s[:17] {
		if !isDigit(c) {
			return false
		}
	}
	last := s[17]
	if !isDigit(last) && last != 'X' && last != 'x' {
		return false
	}
	switch prov := int(s[0]-'0')*10 + int(s[1]-'0'); {
	case prov >= 11 && prov <= 15, prov >= 21 && prov <= 23, prov >= 31 && prov <= 37,
		prov >= 41 && prov <= 46, prov >= 50 && prov <= 54, prov >= 61 && prov <= 65,
		prov == 71, prov == 81, prov == 82, prov == 83:
	default:
		return false
	}
	num := func(a, b int) int {
		v := 0
		for _, c := range s[a:b] {
			v = v*10 + int(c-'0')
		}
		return v
	}
	year, month, day := num(6, 10), num(10, 12), num(12, 14)
	if year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month) {
		return false
	}
	weights := [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, w := range weights {
		sum += int(s[i]-'0') * w
	}
	want := "10X98765432"[sum%11]
	if last == 'x' {
		last = 'X'
	}
	return last == want
}

func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// ssnOK rejects the SSN shapes the Social Security Administration never issues and the
// numbers that are famous for being printed in examples.
func ssnOK(area, group, serial int) bool {
	if area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0 {
		return false
	}
	switch {
	case area == 78 && group == 5 && serial == 1120, // the Woolworth wallet card
		area == 219 && group == 9 && serial == 9999,
		area == 123 && group == 45 && serial == 6789:
		return false
	}
	return true
}

// ninoOK validates the prefix and suffix letters of a UK National Insurance number.
func ninoOK(a, b, suffix byte) bool {
	if !isUpper(a) || !isUpper(b) || suffix < 'A' || suffix > 'D' {
		return false
	}
	switch a {
	case 'D', 'F', 'I', 'Q', 'U', 'V':
		return false
	}
	switch b {
	case 'D', 'F', 'I', 'O', 'Q', 'U', 'V':
		return false
	}
	switch string([]byte{a, b}) {
	case "BG", "GB", "KN", "NK", "NT", "TN", "ZZ":
		return false
	}
	return true
}

// entropy is the Shannon entropy of s in bits per byte.
func entropy(s []byte) float64 {
	if len(s) == 0 {
		return 0
	}
	var counts [256]uint32
	var seen [256]byte
	nd := 0
	for _, c := range s {
		if counts[c] == 0 {
			seen[nd] = c
			nd++
			if nd == 256 {
				nd = 255 // all 256 byte values: the last one is counted below anyway
			}
		}
		counts[c]++
	}
	// H = log2(n) - (1/n)·Σ c·log2(c)
	sum := 0.0
	for _, c := range seen[:nd] {
		sum += clog2(counts[c])
	}
	n := float64(len(s))
	return math.Log2(n) - sum/n
}

var clogTable = func() (t [1024]float64) {
	for i := 1; i < len(t); i++ {
		t[i] = float64(i) * math.Log2(float64(i))
	}
	return
}()

func clog2(c uint32) float64 {
	if c < uint32(len(clogTable)) {
		return clogTable[c]
	}
	return float64(c) * math.Log2(float64(c))
}

// classCount counts which of lower case, upper case and digits occur in s.
func classCount(s []byte) int {
	m := classesOf(s)
	n := 0
	for _, bit := range []uint16{cLower, cUpper, cDigit} {
		if m&bit != 0 {
			n++
		}
	}
	return n
}

// placeholderWords are matched ignoring case. They are long enough not to turn up by
// chance inside a random token.
var placeholderWords = []string{
	"example", "redacted", "placeholder", "your_", "your-", "yourkey", "your key", "yourtoken",
	"yoursecret", "yourpassword", "insert_", "insert-", "replace_me", "replaceme", "replace-me", "dummy",
	"sample", "${", "$(", "{{", "}}", "{%", "%}", "<%", "#{", "process.env", "os.environ", "getenv",
	"env(", "secrets.", "vault:", "enc[", "0000000", "1234567890", "abcdefghij", "...", "…", "[hidden]",
	"[masked]", "[filtered]", "masked", "not_set", "notset", "not-set", "foobar", "replace_with", "replace-with",
	"not-a-real", "not_a_real", "not a real", "notareal", // "xoxb-not-a-real-token" says what it is (held19a)
}

var placeholderAC = func() *automaton {
	pats := make([]string, len(placeholderWords))
	for i, w := range placeholderWords {
		pats[i] = foldString(w)
	}
	a, err := newAutomaton(pats)
	if err != nil {
		panic(err)
	}
	return a
}()

// hasPlaceholderWord looks for every placeholder word in one pass over low (lower case).
// With runsOK the runs of the alphabet and of the digits ("1234567890", "abcdefghij")
// do not count (see anchoredPlaceholder).
func hasPlaceholderWord(low []byte, runsOK bool) bool {
	found, nested := false, 0
	placeholderAC.run(low, func(p int32, end int) {
		w := placeholderWords[p]
		if runsOK && (w == "1234567890" || w == "abcdefghij") {
			return
		}
		if !found && bytes.Equal(low[end-len(w):end], []byte(w)) {
			if templateMarker(w) {
				if nested == 0 {
					nested = 2
					if misNested(low) {
						nested = 1
					}
				}
				if nested == 1 {
					return // punctuation of a generated password, not a template
				}
			}
			found = true
		}
	})
	return found
}

// placeholderRuns are masks made of characters no token alphabet has. Runs of letters
// ("xxxxxx") are caught by lowVariety's six-in-a-row test: four would also turn up in
// one random token in ten thousand.
var placeholderRuns = []string{"****", "••", "####"}

var placeholderExact = map[string]bool{
	"": true, "null": true, "nil": true, "none": true, "undefined": true, "true": true, "false": true,
	"password": true, "passwd": true, "pass": true, "secret": true, "token": true, "key": true,
	// what Windows setup writes over the passwords of an answer file it has used
	"*sensitive*data*deleted*": true,
	"string":                   true, "value": true, "empty": true, "hidden": true, "required": true, "optional": true, "unused": true,
	"api_key": true, "apikey": true, "str": true, "text": true, "yes": true, "no": true,
	"on": true, "off": true, "unknown": true, "n/a": true, "na": true, "-": true, "%s": true, "%v": true,
	"open sesame": true, "opensesame": true, "anonymous": true, "anoncvs": true, "foo": true, "bar": true, "baz": true, "qux": true, "bearer": true, "basic": true, "token_here": true, "secret_here": true,
	// the defaults that documentation and templates ask to be changed
	"changeme": true, "change_me": true, "change-me": true, "changeit": true, "replaceme": true, "replace_me": true,
	// documented example passwords: the two the industry's docs print for "a password"
	// (bash.org's, xkcd 936's), and MinIO's default root password and the ones its
	// quickstarts, scripts and Helm chart README tell the reader to type
	"hunter2": true, "correct horse battery staple": true, "minioadmin": true, "minio123": true, "rootpass123": true,
	// the fixed password of every PKCS#12 service-account key file Google issues, printed
	// in its API documentation: it protects nothing by design
	"notasecret": true,
}

// isPlaceholder reports whether v reads as a stand-in rather than a real value:
// documentation keys, masks, template expressions, environment references and values
// with too little variety to be a generated secret.
func isPlaceholder(v []byte) bool { return placeholderTest(v, false) }

// anchoredPlaceholder is isPlaceholder for a value its context already ties to one
// provider's credential: the provider's name and the exact shape of its key around a
// value, or the prefix that names the issuer at the head of a token. There a value that
// runs through the alphabet or the digits ("…1234567890abcdef…") is still reported: the
// slot it fills is a credential's, people paste the provider's own documented sample
// keys into it, and the other scanners (gitleaks, trufflehog, Kingfisher) all report it.
// Words, masks, templates, references and values of too little variety stay
// placeholders.
func anchoredPlaceholder(v []byte) bool { return placeholderTest(v, true) }

func placeholderTest(v []byte, runsOK bool) bool {
	if len(v) > 256 {
		v = v[:256]
	}
	var buf [256]byte
	low := buf[:len(v)]
	for i, c := range v {
		low[i] = lowerASCII(c)
	}
	if placeholderExact[string(low)] {
		return true
	}
	if bytes.IndexByte(low, '`') >= 0 && !loneSymbolRun(v) {
		return true // shell command substitution (one backtick in a generated run opens none: gates40.go)
	}
	if maskOnly(low) {
		return true // "***", "xxx", "•••"
	}
	if low[0] == '<' && low[len(low)-1] == '>' {
		return true // <redacted>, <your-key>
	}
	if redactionMarker(low) {
		return true // ***REMOVED***, [HIDDEN]
	}
	if low[0] == '$' && len(low) > 1 && (is(low[1], cWord) || low[1] == '{' || low[1] == '(') {
		return true // $VAR, ${VAR}, $(cmd)
	}
	if low[0] == '%' && len(low) > 1 && (low[1] == '(' || low[1] == 's' || low[1] == 'd') {
		return true // %(name)s, %s
	}
	if hasPlaceholderWord(low, runsOK) || braceName(low) || atMarker(low) || fakeWord(low) || oneByteRepeated(low) || standIn(low) {
		return true
	}
	for _, w := range placeholderRuns {
		if bytes.Contains(v, []byte(w)) {
			return true
		}
	}
	return lowVariety(v)
}

func maskOnly(low []byte) bool {
	for _, c := range low {
		switch c {
		case '*', 'x', '.', '#', '-', '_', 0xe2, 0x80, 0xa2: // • is e2 80 a2
		default:
			return false
		}
	}
	return true
}

// lowVariety catches "aaaaaaaa", "abababab", "12121212", masks and long runs of one
// character.
func lowVariety(v []byte) bool {
	if len(v) < 6 {
		return false
	}
	var seen [256]bool
	distinct, runLen := 0, 0
	for i, c := range v {
		if !seen[c] {
			seen[c] = true
			distinct++
		}
		if i > 0 && v[i-1] == c {
			runLen++
			if runLen >= 5 && !isDigit(c) {
				return true // six in a row
			}
		} else {
			runLen = 0
		}
	}
	switch {
	case distinct <= 2:
		return true
	case len(v) >= 12 && distinct <= 4:
		return true
	case len(v) >= 20 && distinct < 12:
		return entropy(v) < 2.5
	}
	return false
}

// tokenBodyOK is the common sanity check for the variable part of a generated token.
func tokenBodyOK(body []byte) bool {
	return len(body) > 0 && !isPlaceholder(body)
}

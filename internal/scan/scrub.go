package scan

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf16"

	"github.com/leakwatch/leakwatch/internal/store"
)

// minScrubbed is the shortest password taken out of reports: a shorter one would blot
// out ordinary words of every message, and says little anyway.
const minScrubbed = 4

// scrubbed stands where a user's password stood.
const scrubbed = "[password]"

// secretSet is what scrubbing takes out: the user's passwords, in every form a server
// could quote them back in.
type secretSet struct {
	// texts are the literal forms (for scrubCuts): the password as it is and its
	// common escapings.
	texts []string
	// whole matches a password written with any of its characters in any reversible
	// escape a server's text could carry it in (mixed freely: JSON escapes only some
	// characters, `\/` for '/' or `\u003c` for '<'); and the base64 forms of the
	// credentials an HTTP Basic or SASL PLAIN exchange sends.
	whole *regexp.Regexp
	// cut matches the start of a password (minScrubbed characters or more, in any of
	// those escapes) just before the mark of a cut.
	cut *regexp.Regexp
	// literal replaces the texts.
	literal *strings.Replacer
	// long are the texts of the passwords longer than cut reaches (cutDepth
	// characters): scrubCuts looks for their longer starts literally.
	long []string
}

// cutDepth is how many characters of a password cut's expression reaches.
const cutDepth = 200

func (s *secretSet) empty() bool { return s == nil || len(s.texts) == 0 }

// credentialTexts lists the forms in which a server could quote back a user's password
// it was sent: as it is; each character percent-encoded (`%2F`, `+` for a space, or
// escaped again, `%252F`), escaped as JSON and Go strings do (`\/`, `\"`, `\u003c`,
// `\xe2`, `\U0001f600`, a backslash doubled any number of times by escaping the
// escape again) or as HTML (`&lt;`, `&#60;`, `&#x3c;`), mixed in any way (a JSON encoder
// escapes some characters and not others); and base64 of "user:pass" (an HTTP Basic
// header) and of "\x00user\x00pass" (SASL PLAIN), padded or not, standard or
// URL-safe — an error in JSON or an HTML debug page quotes a request in those. Well-known
// defaults are public and left alone.
func credentialTexts(creds []store.Credential) *secretSet {
	// The same credentials serve every endpoint (and every failed probe's log line) of a
	// scan, and their expressions take milliseconds to build: built once, kept.
	var key strings.Builder
	for _, c := range creds {
		if !c.Default && len(c.Password) >= minScrubbed {
			fmt.Fprintf(&key, "%d:%s%d:%s", len(c.Username), c.Username, len(c.Password), c.Password)
		}
	}
	if key.Len() == 0 {
		return &secretSet{}
	}
	secretSetsMu.Lock()
	set, ok := secretSets[key.String()]
	secretSetsMu.Unlock()
	if ok {
		return set
	}
	set = buildSecretSet(creds)
	secretSetsMu.Lock()
	if len(secretSets) >= 64 {
		clear(secretSets)
	}
	secretSets[key.String()] = set
	secretSetsMu.Unlock()
	return set
}

var (
	secretSetsMu sync.Mutex
	secretSets   = map[string]*secretSet{}
)

func buildSecretSet(creds []store.Credential) *secretSet {
	set := &secretSet{}
	seen := map[string]bool{}
	add := func(s string) {
		if len(s) >= minScrubbed && !strings.Contains(scrubbed, s) && !seen[s] {
			seen[s] = true
			set.texts = append(set.texts, s)
		}
	}
	var whole, cut []string
	for _, c := range creds {
		if c.Default || len(c.Password) < minScrubbed {
			continue
		}
		first := len(set.texts)
		add(c.Password)
		add(url.QueryEscape(c.Password))
		add(url.PathEscape(c.Password))
		for _, escapeHTML := range []bool{true, false} {
			var b bytes.Buffer
			enc := json.NewEncoder(&b)
			enc.SetEscapeHTML(escapeHTML)
			if enc.Encode(c.Password) == nil {
				add(strings.TrimSuffix(strings.TrimSuffix(strings.TrimPrefix(b.String(), `"`), "\n"), `"`))
			}
		}
		q := strconv.Quote(c.Password)
		add(q[1 : len(q)-1])
		add(html.EscapeString(c.Password))
		var chars []string
		for _, r := range []rune(c.Password) {
			chars = append(chars, charForms(r))
		}
		whole = append(whole, strings.Join(chars, ""))
		if len(chars) > minScrubbed {
			// c1c2c3c4(?:c5(?:c6…)?)?… ; at most 200 characters deep.
			n := min(len(chars), cutDepth)
			tail := ""
			for i := n - 1; i >= minScrubbed; i-- {
				tail = "(?:" + chars[i] + tail + ")?"
			}
			cut = append(cut, strings.Join(chars[:minScrubbed], "")+tail+regexp.QuoteMeta(cutMark))
		}
		for _, plain := range []string{c.Username + ":" + c.Password, "\x00" + c.Username + "\x00" + c.Password} {
			for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding, base64.RawStdEncoding, base64.RawURLEncoding} {
				b := enc.EncodeToString([]byte(plain))
				add(b)
				whole = append(whole, regexp.QuoteMeta(b))
			}
		}
		if len(chars) > cutDepth {
			set.long = append(set.long, set.texts[first:]...)
		}
	}
	if len(set.texts) == 0 {
		return set
	}
	set.literal = strings.NewReplacer(pairs(set.texts)...)
	// Longest first: a padded base64 form before its unpadded prefix.
	slices.SortStableFunc(whole, func(a, b string) int { return len(b) - len(a) })
	set.whole = regexp.MustCompile(strings.Join(whole, "|"))
	if len(cut) > 0 {
		set.cut = regexp.MustCompile(strings.Join(cut, "|"))
	}
	return set
}

// charForms is a regular expression matching the character r as it is or in any
// escape that reads back as r.
func charForms(r rune) string {
	var alts []string
	alts = append(alts, regexp.QuoteMeta(string(r)))
	bs := []byte(string(r))
	// Backslash escapes; \\+ admits an escape escaped again (JSON in JSON).
	const bsl = `\\+`
	if r < 0x10000 {
		alts = append(alts, bsl+"u"+hexForm(uint64(r), 4))
	} else {
		r1, r2 := utf16.EncodeRune(r)
		alts = append(alts, bsl+"u"+hexForm(uint64(r1), 4)+bsl+"u"+hexForm(uint64(r2), 4))
		alts = append(alts, bsl+"U"+hexForm(uint64(r), 8))
	}
	var x, pct, dec string
	for _, b := range bs {
		x += bsl + "x" + hexForm(uint64(b), 2)
		pct += "%(?:25)*" + hexForm(uint64(b), 2)
	}
	alts = append(alts, x, pct)
	if r < 0x80 && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
		alts = append(alts, bsl+regexp.QuoteMeta(string(r))) // \/ \" \\ \'
	}
	switch r {
	case ' ':
		alts = append(alts, `\+`)
	case '\n':
		alts = append(alts, bsl+"n")
	case '\t':
		alts = append(alts, bsl+"t")
	case '\r':
		alts = append(alts, bsl+"r")
	case '<':
		alts = append(alts, "&(?:amp;)*lt;")
	case '>':
		alts = append(alts, "&(?:amp;)*gt;")
	case '&':
		alts = append(alts, "&(?:amp;)*amp;")
	case '"':
		alts = append(alts, "&(?:amp;)*quot;")
	case '\'':
		alts = append(alts, "&(?:amp;)*apos;")
	}
	dec = "&(?:amp;)*#0*" + strconv.Itoa(int(r)) + ";?"
	alts = append(alts, dec, "&(?:amp;)*#[xX]0*"+hexForm(uint64(r), 0)+";?")
	return "(?:" + strings.Join(alts, "|") + ")"
}

// hexForm matches v in hexadecimal, width digits (0: as many as it takes), either case.
func hexForm(v uint64, width int) string {
	h := strconv.FormatUint(v, 16)
	for len(h) < width {
		h = "0" + h
	}
	var b strings.Builder
	for _, c := range h {
		if c >= 'a' && c <= 'f' {
			b.WriteString("[" + string(c) + string(c-'a'+'A') + "]")
		} else {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// scrubOutcome takes the user's passwords out of every text of o a server could have
// put them in by quoting a request back (an error page that shows the request's
// headers, a command echoed in an error, a column or key named after it): every string
// of the endpoint's error, its service (names, details, datasets, columns, key patterns,
// time ranges) and its findings, and of what answered when it is no data store, but
// the fields of keptFields.
func scrubOutcome(o *Outcome, secrets *secretSet) {
	if secrets.empty() {
		return
	}
	scrub := func(p *string) {
		if *p != "" {
			*p = secrets.scrub(*p)
		}
	}
	if o.Err != nil {
		scrubStrings(reflect.ValueOf(o.Err).Elem(), scrub)
	}
	if o.Service != nil {
		scrubStrings(reflect.ValueOf(o.Service).Elem(), scrub)
	}
	if o.Other != nil {
		scrubStrings(reflect.ValueOf(o.Other).Elem(), scrub)
		if o.Other.BannerBase64 != "" {
			if b, err := base64.StdEncoding.DecodeString(o.Other.BannerBase64); err == nil {
				if s := secrets.scrub(string(b)); s != string(b) {
					o.Other.BannerBase64 = base64.StdEncoding.EncodeToString([]byte(s))
				}
			}
		}
	}
	for i := range o.Findings {
		scrubStrings(reflect.ValueOf(&o.Findings[i]).Elem(), scrub)
	}
}

// keptFields are the string fields scrubbing leaves: leakwatch's own identifiers and
// enumerations (a password "open" must not turn a status into "[password]"), addresses
// the user gave, and a detected value's own fields (redacted by default, exact only with
// --reveal, which asked for them).
var keptFields = map[string]bool{
	"ID": true, "Category": true, "Rule": true, "Auth": true, "Status": true, "Stage": true,
	"Host": true, "Hostname": true, "Protocol": true, "Product": true, "Service": true,
	"SameAs": true, "Duration": true, "Verified": true, "VerifiedAt": true,
	"Value": true, "Redacted": true, "SHA256": true,
}

// scrubStrings calls scrub on every string v holds: fields (but keptFields), elements,
// map keys and values, through pointers.
func scrubStrings(v reflect.Value, scrub func(*string)) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			scrubStrings(v.Elem(), scrub)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if f.IsExported() && !(f.Type.Kind() == reflect.String && keptFields[f.Name]) {
				scrubStrings(v.Field(i), scrub)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			scrubStrings(v.Index(i), scrub)
		}
	case reflect.Map:
		if v.Len() == 0 || v.Type().Key().Kind() != reflect.String {
			return
		}
		m := reflect.MakeMapWithSize(v.Type(), v.Len())
		it := v.MapRange()
		for it.Next() {
			k := reflect.New(v.Type().Key()).Elem()
			k.Set(it.Key())
			scrubStrings(k, scrub)
			e := reflect.New(v.Type().Elem()).Elem()
			e.Set(it.Value())
			scrubStrings(e, scrub)
			m.SetMapIndex(k, e)
		}
		v.Set(m)
	case reflect.String:
		if v.CanSet() {
			s := v.String()
			scrub(&s)
			v.SetString(s)
		}
	}
}

// scrubText takes secrets out of s, as scrubOutcome does.
func scrubText(s string, secrets *secretSet) string {
	if secrets.empty() {
		return s
	}
	return secrets.scrub(s)
}

func (set *secretSet) scrub(s string) string {
	s = set.literal.Replace(s)
	// Without one of the characters that start an escape, a password can stand in s
	// only as it is or base64-encoded, literal forms the replacer took out: the
	// expression (some microseconds a string) is left for the texts that need it.
	if strings.ContainsAny(s, escapeStarts) {
		s = set.whole.ReplaceAllLiteralString(s, scrubbed)
	}
	return scrubCuts(s, set)
}

// escapeStarts are the characters an escaped character of a password starts with
// (charForms): a backslash, '%', '&' and '+' (a space).
const escapeStarts = `\%&+`

// cutMark ends a server's text that was cut short (probekit.FirstLine, Printable).
const cutMark = "…"

// scrubCuts takes out the start of a password (minScrubbed characters or more, in any
// of its escapes) that stands just before the mark of a cut: the cut of a quoted request
// (an HTTP error's body is cut to 200 bytes) can end inside the password, which the
// whole password's replacement then misses.
func scrubCuts(s string, set *secretSet) string {
	if set.cut == nil || !strings.Contains(s, cutMark) {
		return s
	}
	s = set.cut.ReplaceAllLiteralString(s, scrubbed+cutMark)
	// A start longer than the expression reaches (a token of hundreds of characters
	// used as a password, cut after more than cutDepth of them), as it is.
	for _, sec := range set.long {
		for n := len(sec) - 1; n >= minScrubbed; n-- {
			if p := sec[:n] + cutMark; strings.Contains(s, p) {
				s = strings.ReplaceAll(s, p, scrubbed+cutMark)
			}
		}
	}
	return s
}

func pairs(secrets []string) []string {
	out := make([]string, 0, 2*len(secrets))
	for _, s := range secrets {
		out = append(out, s, scrubbed)
	}
	return out
}

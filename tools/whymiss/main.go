// Command whymiss tells why labelled values of an evaluation split (tools/evalcorpus)
// are missed. It runs `leakwatch detect` in process with the detector's trace on
// (detect.SetTrace), matches every missed label of the chosen families to the trace's
// events by their text, and sorts each miss into a reason:
//
//	a:…  no key word of a credential was recognised on the label's line
//	b:…  a key word was recognised there but the value read for it does not cover the
//	     label (the shape between key and value is given)
//	c:…  a value covering the label was read and refused (the gate is named), or its
//	     match was dropped after the pass
//
// Held-out splits (held, held2 and every "b" half) print the histogram only: the code
// that prints cases is reached for the tuning splits alone (-split names the split; an
// unknown name counts as held out).
//
//	go run ./tools/whymiss -split dev -dir /tmp/x/eval-dev [-families password,generic] [-cases]
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/leakwatch/leakwatch/internal/cli"
	"github.com/leakwatch/leakwatch/internal/detect"
	"github.com/leakwatch/leakwatch/tools/internal/evallabel"
)

// tuning are the splits whose cases may be looked at; every other split is held out.
var tuning = regexp.MustCompile(`^(dev|held[3-8]|held[0-9]+a)$`)

type finding struct {
	File       string `json:"file"`
	Line       int    `json:"line"`
	Start, End int
}

func main() {
	split := flag.String("split", "", "split name (decides whether cases may be printed)")
	dir := flag.String("dir", "", "the split's directory (evalcorpus -out)")
	fams := flag.String("families", "password,generic", "families to explain")
	cases := flag.Bool("cases", false, "print each miss (tuning splits only)")
	traceFile := flag.String("trace", "", "print every trace event of scanning this file (a file of your own) and stop")
	flag.Parse()
	if *traceFile != "" {
		detect.SetTrace(func(e detect.TraceEvent) {
			fmt.Printf("%s %s %s key=%q value=%q\n", e.Stage, e.Rule, e.Reason, e.Key, e.Value)
		})
		cli.Main([]string{"detect", "--format", "jsonl", "-o", os.DevNull, *traceFile}, strings.NewReader(""), io.Discard, io.Discard)
		return
	}
	if *dir == "" || *split == "" {
		fmt.Fprintln(os.Stderr, "usage: whymiss -split NAME -dir DIR")
		os.Exit(2)
	}
	showCases := *cases && tuning.MatchString(*split)
	if *cases && !showCases {
		fmt.Fprintf(os.Stderr, "whymiss: %s is held out: counts only\n", *split)
	}
	want := map[string]bool{}
	for _, f := range strings.Split(*fams, ",") {
		want[f] = true
	}
	abs, err := filepath.Abs(*dir)
	check(err)

	var mu sync.Mutex
	var evs []detect.TraceEvent
	detect.SetTrace(func(e detect.TraceEvent) {
		mu.Lock()
		evs = append(evs, e)
		mu.Unlock()
	})
	rep, err := os.CreateTemp("", "whymiss-*.jsonl")
	check(err)
	rep.Close()
	defer os.Remove(rep.Name())
	cli.Main([]string{"detect", "--format", "jsonl", "--reveal", "-o", rep.Name(), abs}, strings.NewReader(""), io.Discard, io.Discard)
	detect.SetTrace(nil)

	found := readFindings(rep.Name(), abs)
	labels, err := evallabel.ReadFile(filepath.Join(abs, evallabel.FileName))
	check(err)
	byText := indexEvents(evs)

	hist := map[string]map[string]int{} // family → reason → count
	total := map[string]int{}
	lines := map[string][][]byte{}
	for _, l := range labels {
		if !want[l.Family] || l.Kind == "neutral" {
			continue
		}
		if lines[l.File] == nil {
			b, err := os.ReadFile(filepath.Join(abs, l.File))
			check(err)
			lines[l.File] = bytes.Split(b, []byte("\n"))
		}
		ls := lines[l.File]
		if l.Line < 1 || l.Line > len(ls) {
			continue
		}
		line := string(ls[l.Line-1])
		s, e, form := locate(line, l.Value)
		if s < 0 {
			continue // the generator overwrote it: not counted by the benchmark either
		}
		total[l.Family]++
		if covered(found[l.File+"\x00"+fmt.Sprint(l.Line)], s, e) {
			continue
		}
		prev := ""
		if l.Line >= 2 {
			prev = string(ls[l.Line-2])
		}
		why := explain(l, line, prev, form, s, byText, showCases)
		if hist[l.Family] == nil {
			hist[l.Family] = map[string]int{}
		}
		hist[l.Family][why]++
		if showCases {
			fmt.Printf("case %s %s:%d %s %q | %.240q\n", l.Family, l.File, l.Line, why, l.Value, line)
		}
	}
	fams2 := make([]string, 0, len(hist))
	for f := range total {
		fams2 = append(fams2, f)
	}
	sort.Strings(fams2)
	for _, f := range fams2 {
		miss := 0
		for _, n := range hist[f] {
			miss += n
		}
		fmt.Printf("%s %s: %d labels, %d missed\n", *split, f, total[f], miss)
		type kv struct {
			k string
			n int
		}
		var rs []kv
		for k, n := range hist[f] {
			rs = append(rs, kv{k, n})
		}
		sort.Slice(rs, func(i, j int) bool { return rs[i].n > rs[j].n || rs[i].n == rs[j].n && rs[i].k < rs[j].k })
		for _, r := range rs {
			fmt.Printf("  %5d  %s\n", r.n, r.k)
		}
	}
}

// explain sorts one missed label into a reason from the events whose text holds it.
func explain(l evallabel.Label, line, prev, form string, s int, byText map[string][]detect.TraceEvent, detail bool) string {
	own := map[string]string{"password": "password-assignment", "generic": "generic-api-key"}[l.Family]
	var best, keyEv *detect.TraceEvent
	rank := func(e *detect.TraceEvent) int {
		r := 0
		switch e.Stage {
		case "drop":
			r = 4
		case "reject":
			r = 3
		}
		if e.Rule == own {
			r += 10
		}
		return r
	}
	for _, evs := range [][]detect.TraceEvent{byText[line], byText[strings.TrimRight(line, "\r")]} {
		for i := range evs {
			e := &evs[i]
			if e.Depth > 0 {
				continue
			}
			if e.Value != "" && (strings.Contains(e.Value, form) || len(e.Value) >= 4 && strings.Contains(form, e.Value)) {
				if e.Stage != "key" && e.Stage != "keyword" && (best == nil || rank(e) > rank(best)) {
					best = e
				}
				continue
			}
			if e.Stage == "key" || e.Stage == "keyword" && keyEv == nil {
				if keyEv == nil || keyEv.Stage == "keyword" {
					keyEv = e
				}
			}
		}
	}
	switch {
	case best != nil:
		rule := "other"
		if best.Rule == own {
			rule = "own"
		} else if best.Rule == "" {
			rule = "any"
		}
		return fmt.Sprintf("c:%s:%s(%s rule)", best.Stage, best.Reason, rule)
	case keyEv != nil && keyEv.Stage == "keyword":
		return "b:key refused by the rule's key test: " + keyClass(keyEv.Key, line, s)
	case keyEv != nil:
		k := strings.Index(line, keyEv.Key)
		sep := "value before key or key not found"
		if k >= 0 && k+len(keyEv.Key) <= s {
			sep = shape(line[k+len(keyEv.Key) : s])
		}
		read := "nothing read"
		if keyEv.Value != "" {
			read = "another value read"
		}
		if !detail {
			words := ""
			if c := coarse(sep); c == "with words" {
				words = fmt.Sprintf(" (%d)", strings.Count(sep, "a"))
			}
			return "b:" + read + "; sep " + coarse(sep) + words + sepMarks(sep)
		}
		return fmt.Sprintf("b:%s; sep %q", read, sep)
	}
	if !detail {
		return "a:no key recognised; " + context(line, prev, s, s+len(form))
	}
	return "a:no key recognised; " + context(line, prev, s, s+len(form)) + "; before " + before(line[:s])
}

// pwWords are the words the password rule's keys end with, in their commonest forms.
var pwWords = []string{"password", "passwd", "passphrase", "passcode", "pass", "pwd", "pw", "pswd"}

// keyClass sorts a key the password rule refused by where its password word stands.
func keyClass(key, line string, vs int) string {
	where := "elsewhere on the line"
	if k := strings.Index(line, key); k >= 0 && k+len(key) <= vs && vs-(k+len(key)) <= 8 {
		where = "just before the value"
	}
	segs := segments(key)
	for i, g := range segs {
		for _, w := range pwWords {
			switch {
			case g == w && i < len(segs)-1:
				return where + ", password word not last (" + fmt.Sprint(len(segs)-1-i) + " after)"
			case g == w:
				return where + ", password word last"
			case strings.HasPrefix(g, w):
				return where + ", password word with a suffix"
			case strings.HasSuffix(g, w):
				return where + ", password word with a prefix"
			case strings.Contains(g, w):
				return where + ", password word inside a word"
			}
		}
	}
	last := "other word"
	if len(segs) > 0 {
		switch w := segs[len(segs)-1]; w {
		case "secret", "key", "auth", "token", "cred", "creds", "credential", "credentials", "login", "pin", "code", "salt", "hash", "user", "access", "private", "api":
			last = "last word " + w
		}
	}
	script := "ASCII"
	for _, c := range key {
		if c >= 0x80 {
			script = "not ASCII"
			break
		}
	}
	return where + ", no password word, " + last + fmt.Sprintf(", %d words, %s", len(segs), script)
}

// segments splits a key into lower-case words at non-letters and camelCase humps.
func segments(k string) []string {
	var out []string
	cur := []rune{}
	rs := []rune(k)
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	for i, c := range rs {
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
		if !letter && !(c >= '0' && c <= '9') {
			flush()
			continue
		}
		if c >= 'A' && c <= 'Z' && i > 0 && rs[i-1] >= 'a' && rs[i-1] <= 'z' {
			flush()
		}
		cur = append(cur, c)
	}
	flush()
	return out
}

// context sorts the text around an unexplained value into coarse classes.
func context(line, prev string, vs, ve int) string {
	low := strings.ToLower(line)
	hasPw := false
	for _, w := range pwWords {
		if strings.Contains(low, w) {
			hasPw = true
		}
	}
	after := line[ve:]
	switch {
	case strings.HasPrefix(after, "@") && strings.Contains(line[:vs], "://"):
		return "URL user:password@"
	case strings.HasPrefix(after, "@"):
		return "user:password@ without scheme"
	case vs > 0 && line[vs-1] == ':' && !hasPw:
		return "after user name and ':', " + pairLead(line[:vs-1])
	case hasPw && strings.Index(low, "pass") > vs:
		return "password word after the value"
	case hasPw:
		return "password word on the line, not read as a key"
	}
	plow := strings.ToLower(prev)
	for _, w := range pwWords {
		if strings.Contains(plow, w) {
			above := strings.TrimRight(prev, " \t\r")
			end := "ends otherwise"
			switch {
			case strings.HasSuffix(above, ":"):
				end = "ends with ':'"
			case strings.HasSuffix(above, ">"):
				end = "ends with a tag"
			case strings.HasSuffix(above, "=") || strings.HasSuffix(above, "|") || strings.HasSuffix(above, "\\"):
				end = "ends with an operator or continuation"
			case strings.HasSuffix(above, ",") || strings.HasSuffix(above, "{") || strings.HasSuffix(above, "["):
				end = "ends with ',' or an opening bracket"
			}
			lastWord := "password word before its end"
			if f := strings.FieldsFunc(strings.ToLower(above), func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= 0x80) }); len(f) > 0 {
				for _, w := range pwWords {
					if strings.HasSuffix(f[len(f)-1], w) {
						lastWord = "password word ends it"
					}
				}
			}
			alone := "value not alone"
			if strings.TrimSpace(line[:vs]) == "" && strings.TrimSpace(line[ve:]) == "" {
				alone = "value alone"
			}
			return "password word on the line above (" + end + ", " + lastWord + ", " + alone + ")"
		}
	}
	if strings.TrimSpace(line[:vs]) == "" {
		return "value alone, no password word near"
	}
	return "no password word on the line"
}

// coarse sorts a separator shape by its length and whether words stand in it.
func coarse(sep string) string {
	switch {
	case strings.HasPrefix(sep, "(far") || strings.HasPrefix(sep, "value before"):
		return sep[:strings.IndexAny(sep+":", ":")] + ")"
	case strings.Contains(sep, "a"):
		return "with words"
	}
	return "punctuation/blanks only"
}

// pairLead sorts what stands before a "user:password" pair's user name.
func pairLead(s string) string {
	k := strings.LastIndexAny(s, " \t\"'=,([{<>")
	if k < 0 {
		return "at line start"
	}
	lead := strings.TrimRight(s[:k+1], " \t")
	switch {
	case lead == "":
		return "after blanks at line start"
	case strings.HasSuffix(lead, "="):
		return "after a key and '='"
	case strings.HasSuffix(lead, ":"):
		return "after a key and ':'"
	case strings.HasSuffix(lead, "\"") || strings.HasSuffix(lead, "'"):
		return "after a quoted string"
	}
	f := strings.Fields(lead)
	if last := f[len(f)-1]; strings.HasPrefix(last, "-") || strings.HasPrefix(last, "/") {
		return "after a flag"
	}
	return "after a word"
}

// sepMarks names the marks a separator with words holds.
func sepMarks(sep string) string {
	var m []string
	for _, c := range []string{":", "=", "\"", "'", "`", ",", "(", "-"} {
		if strings.Contains(sep, c) {
			m = append(m, c)
		}
	}
	if len(m) == 0 {
		return ""
	}
	return " [" + strings.Join(m, " ") + "]"
}

// shape abstracts a separator: letter runs become 'a', digit runs '9', blank runs ' '.
func shape(s string) string {
	if len(s) > 40 {
		return "(far: " + fmt.Sprint(len(s)) + " bytes)"
	}
	var b strings.Builder
	last := rune(0)
	for _, c := range s {
		k := c
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80:
			k = 'a'
		case c >= '0' && c <= '9':
			k = '9'
		case c == ' ' || c == '\t':
			k = ' '
		}
		if (k == 'a' || k == '9' || k == ' ') && k == last {
			continue
		}
		b.WriteRune(k)
		last = k
	}
	return b.String()
}

// before abstracts the text before an unexplained value: nothing (the value starts its
// line), or the last mark before it and whether the word before that is in a script
// other than Latin.
func before(s string) string {
	t := strings.TrimRight(s, " \t")
	if strings.TrimSpace(t) == "" {
		return "line start"
	}
	gap := ""
	if len(t) < len(s) {
		gap = " then blank"
	}
	last := t[len(t)-1]
	mark := string(last)
	switch {
	case last >= 'a' && last <= 'z' || last >= 'A' && last <= 'Z':
		mark = "letter"
	case last >= '0' && last <= '9':
		mark = "digit"
	case last >= 0x80:
		mark = "non-ASCII letter"
	}
	w := strings.TrimRight(t, "=:\"'` \t>([{,;")
	if k := strings.LastIndexAny(w, " \t\"'<>=:,;({["); k >= 0 {
		w = w[k+1:]
	}
	word := "word"
	for _, c := range w {
		if c >= 0x80 {
			word = "non-ASCII word"
			break
		}
	}
	if w == "" {
		word = "no word"
	}
	return fmt.Sprintf("%s before, %q%s", word, mark, gap)
}

func indexEvents(evs []detect.TraceEvent) map[string][]detect.TraceEvent {
	m := map[string][]detect.TraceEvent{}
	for _, e := range evs {
		m[e.Line] = append(m[e.Line], e)
	}
	return m
}

// locate finds the label's value in its line, raw or JSON-escaped once or twice.
func locate(line, v string) (int, int, string) {
	form := v
	for i := 0; i < 3; i++ {
		if j := strings.Index(line, form); j >= 0 {
			return j, j + len(form), form
		}
		b, _ := json.Marshal(form)
		form = string(b[1 : len(b)-1])
	}
	return -1, -1, v
}

func covered(fs []finding, s, e int) bool {
	for _, f := range fs {
		if f.Start < e && s < f.End {
			return true
		}
	}
	return false
}

func readFindings(p, root string) map[string][]finding {
	f, err := os.Open(p)
	check(err)
	defer f.Close()
	out := map[string][]finding{}
	dec := json.NewDecoder(bufio.NewReader(f))
	for {
		var x finding
		if err := dec.Decode(&x); err == io.EOF {
			return out
		} else if err != nil {
			check(err)
		}
		rel, err := filepath.Rel(root, x.File)
		if err != nil {
			continue
		}
		k := rel + "\x00" + fmt.Sprint(x.Line)
		out[k] = append(out[k], x)
	}
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "whymiss:", err)
		os.Exit(1)
	}
}

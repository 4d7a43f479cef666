package detect

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"unicode"
	"unicode/utf8"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// tk describes a token rule: a literal anchor and a regular expression for the token.
type tk struct {
	id, title, provider string
	sev                 finding.Severity
	cat                 finding.Category // default finding.Secret
	re                  string           // the whole token; group 1 (with group set) is the secret
	lits                []string         // anchors; default: the literal prefix of re
	back                int              // the token may start this many bytes before the anchor
	group               int
	check               func([]byte) bool
	ctx                 *ctxSpec
	prio                int
	noLeft, noRight     bool
	keepRaw             bool              // see Rule.keepRaw
	bodyOK              func([]byte) bool // replaces the placeholder test of the token's body
	left                func([]byte, int) bool
	find                func(data []byte, at int) (int, int, bool, int) // hand-written matcher equivalent to re
	ex, nex             []string
	rem                 string
}

// kv describes a rule that trusts a value because of the key it is assigned to.
type kv struct {
	id, title, provider string
	sev                 finding.Severity
	keys, all, near     []string
	nearAnyLine         bool // a near word may stand on another line (see nearReq.anyLine)
	nearDist            int  // how far a near word may stand (default 256 bytes)
	keyOK               func([][]byte) bool
	value               string // regular expression for the whole decoded value
	valueOK             func([]byte) bool
	decode              func([]byte) ([]byte, bool) // the reported value, from the raw one
	assignOK            func(a *assignment, key, v []byte) bool
	prio                int
	provAware           bool
	claims              []string
	ex, nex             []string
	rem                 string
}

func remediationFor(provider string) string {
	return fmt.Sprintf("Revoke this %s credential at the provider and issue a new one; then delete the exposed copy "+
		"and stop whatever wrote it there (logs, tables, dumps) from doing so again.", provider)
}

func (s tk) rule(nd *nearDet) *Rule {
	r := &Rule{
		ID: s.id, Title: s.title, Provider: s.provider, Category: s.cat, Severity: s.sev,
		Remediation: s.rem, Examples: s.ex, NotExamples: s.nex, prio: s.prio, keepRaw: s.keepRaw,
	}
	if r.Category == "" {
		r.Category = finding.Secret
	}
	if r.Remediation == "" {
		r.Remediation = remediationFor(s.provider)
	}
	if r.prio == 0 {
		r.prio = prioSpecific
	}
	src := s.re
	if s.back == 0 {
		src = "^(?:" + s.re + ")"
	}
	// (compiled when an anchor first calls for it: most rules' anchors are absent from
	// most inputs, and compiling every expression was a sixth of detect's start-up)
	re := lazyRegexp(src)
	lits := s.lits
	parsed := mustParse(s.re) // read four ways below
	prefix := rePrefixOf(parsed, s.re)
	if lits == nil {
		if len(prefix) < 3 {
			panic(fmt.Sprintf("detect: rule %s needs explicit anchors", s.id))
		}
		lits = []string{prefix}
	}
	allowed, minLen := regexShapeOf(parsed)
	maxLen, ok := maxWidthOf(parsed)
	if !ok || maxLen > 8192 {
		maxLen = 8192
	}
	pl := len(prefix)
	if s.back > 0 {
		pl = 0
	}
	r.Keywords = lits
	r.det = &tokenDet{
		rule: r, lits: lits, re: re, back: s.back, maxLen: maxLen, group: s.group,
		prefix: pl, check: s.check, bodyOK: s.bodyOK, noLeft: s.noLeft, noRight: s.noRight, left: s.left,
		allowed: allowed, minLen: minLen, preOut: s.group > 0 && !groupLeads(parsed, s.group),
	}
	if s.find != nil {
		r.det.(*tokenDet).find = s.find
	} else if s.back == 0 && s.group == 0 {
		r.det.(*tokenDet).seg = compileSegOf(parsed)
	}
	if s.ctx != nil {
		td := r.det.(*tokenDet)
		td.ctxKeys = s.ctx.keys
		td.near = nd.require(s.ctx.near, s.ctx.dist)
		if td.near != nil && s.ctx.anyLine {
			td.near.anyLine = true
		}
		if td.near != nil {
			r.nearDet = nd
		}
	}
	return r
}

func (s kv) rule(d *kvDet, nd *nearDet) *Rule {
	r := &Rule{
		ID: s.id, Title: s.title, Provider: s.provider, Category: finding.Secret, Severity: s.sev,
		Remediation: s.rem, Examples: s.ex, NotExamples: s.nex, prio: s.prio, Keywords: s.keys,
	}
	if r.Remediation == "" {
		r.Remediation = remediationFor(s.provider)
	}
	if r.prio == 0 {
		r.prio = prioContext
	}
	spec := &kvSpec{rule: r, keys: s.keys, all: s.all, near: s.near, keyOK: s.keyOK, valueOK: s.valueOK, decode: s.decode,
		generic: r.prio <= prioGeneric, assignOK: s.assignOK, provAware: s.provAware, claims: s.claims}
	if s.value != "" {
		parsed := mustParse(s.value) // (parsed now: a bad expression fails at start-up)
		spec.value = lazyRegexp("^(?:" + s.value + ")$")
		spec.valueSeg = compileSegOf(parsed)
	}
	dist := 256
	if s.nearDist > 0 {
		dist = s.nearDist
	}
	spec.nearReq = nd.require(s.near, dist)
	if spec.nearReq != nil && s.nearAnyLine {
		spec.nearReq.anyLine = true
	}
	if spec.nearReq != nil {
		r.nearDet = nd
	}
	d.add(spec)
	r.det = d
	return r
}

// rePrefix returns what regexp.MustCompile(src).LiteralPrefix() does, read off the
// parsed expression instead of compiling it: compiling each token rule's expression for
// its prefix alone was a third of detect's start-up (the expression itself is compiled
// lazily). It follows syntax.Prog.Prefix: the single runes, not case-folded, that the
// program must read first, through captures and concatenations. An expression that
// starts at an anchor (whose prefix regexp reads in another way) is compiled.
// TestRePrefix holds it to regexp's answer for every rule.
func rePrefix(src string) string { return rePrefixOf(mustParse(src), src) }

// rePrefixOf is rePrefix of src parsed as re.
func rePrefixOf(re *syntax.Regexp, src string) string {
	var b []rune
	var walk func(*syntax.Regexp) bool // false: the prefix ends here
	walk = func(r *syntax.Regexp) bool {
		switch r.Op {
		case syntax.OpCapture:
			return walk(r.Sub[0])
		case syntax.OpConcat:
			for _, sub := range r.Sub {
				if !walk(sub) {
					return false
				}
			}
			return true
		case syntax.OpEmptyMatch:
			return true
		case syntax.OpLiteral:
			for _, c := range r.Rune {
				if r.Flags&syntax.FoldCase != 0 && unicode.SimpleFold(c) != c || c == utf8.RuneError {
					return false
				}
				b = append(b, c)
			}
			return true
		case syntax.OpPlus:
			walk(r.Sub[0]) // its first pass, then the loop's branch
			return false
		case syntax.OpRepeat:
			// Simplify writes x{n,m} as n copies of x and then the optional ones (or
			// x+ for the last copy when unbounded), and x{0} as the empty match; read
			// here without simplifying, which is costly for long repeats
			if r.Min == 0 && r.Max == 0 {
				return true
			}
			for range r.Min {
				if !walk(r.Sub[0]) {
					return false
				}
			}
			return r.Min > 0 && r.Max == r.Min
		}
		return false
	}
	if first := leading(re); first == syntax.OpBeginText || first == syntax.OpBeginLine {
		p, _ := regexp.MustCompile(src).LiteralPrefix()
		return p
	}
	walk(re)
	return string(b)
}

// leading returns the op of the first node that is no capture or concatenation.
func leading(re *syntax.Regexp) syntax.Op {
	for (re.Op == syntax.OpCapture || re.Op == syntax.OpConcat) && len(re.Sub) > 0 {
		re = re.Sub[0]
	}
	return re.Op
}

// regexShape returns the bytes a regular expression can match and the shortest length of
// a match, so a detector can skip the regexp when the text after an anchor is too short.
func regexShape(src string) (allowed [256]bool, minLen int) { return regexShapeOf(mustParse(src)) }

// mustParse parses a built-in expression (Perl syntax, as regexp.MustCompile does); a
// bad one fails at start-up. The helpers below only read the tree, so one parse serves
// them all.
func mustParse(src string) *syntax.Regexp {
	re, err := syntax.Parse(src, syntax.Perl)
	if err != nil {
		panic(err)
	}
	return re
}

// groupLeads reports that capture group n opens the expression, so that a fixed prefix
// of the expression is the head of the group's text too.
func groupLeads(re *syntax.Regexp, n int) bool {
	for {
		switch re.Op {
		case syntax.OpCapture:
			if re.Cap == n {
				return true
			}
		case syntax.OpConcat:
			if len(re.Sub) == 0 {
				return false
			}
		default:
			return false
		}
		re = re.Sub[0]
	}
}

// regexShapeOf is regexShape of a parsed expression.
func regexShapeOf(re *syntax.Regexp) (allowed [256]bool, minLen int) {
	var walk func(*syntax.Regexp) int
	addRange := func(lo, hi rune) {
		for c := lo; c <= hi; c++ {
			if c >= 0x80 {
				for b := 0x80; b < 256; b++ {
					allowed[b] = true
				}
				return
			}
			allowed[c] = true
		}
	}
	walk = func(r *syntax.Regexp) int {
		switch r.Op {
		case syntax.OpLiteral:
			n := 0
			for _, c := range r.Rune {
				addRange(c, c)
				if r.Flags&syntax.FoldCase != 0 {
					addRange(unicode.ToUpper(c), unicode.ToUpper(c))
					addRange(unicode.ToLower(c), unicode.ToLower(c))
				}
				n += utf8.RuneLen(c)
			}
			return n
		case syntax.OpCharClass:
			for i := 0; i+1 < len(r.Rune); i += 2 {
				hi := r.Rune[i+1]
				if hi > 0xff {
					hi = 0xff
				}
				addRange(r.Rune[i], hi)
			}
			return 1
		case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
			addRange(0, 0xff)
			return 1
		case syntax.OpCapture, syntax.OpPlus:
			return walk(r.Sub[0])
		case syntax.OpQuest, syntax.OpStar:
			walk(r.Sub[0])
			return 0
		case syntax.OpRepeat:
			return walk(r.Sub[0]) * r.Min
		case syntax.OpConcat:
			t := 0
			for _, s := range r.Sub {
				t += walk(s)
			}
			return t
		case syntax.OpAlternate:
			m := -1
			for _, s := range r.Sub {
				if n := walk(s); m < 0 || n < m {
					m = n
				}
			}
			return m
		}
		return 0
	}
	minLen = walk(re)
	return allowed, minLen
}

// maxWidth is the longest byte length a regular expression can match, when bounded.
func maxWidth(src string) (int, bool) {
	re, err := syntax.Parse(src, syntax.Perl)
	if err != nil {
		return 0, false
	}
	return maxWidthOf(re)
}

// maxWidthOf is maxWidth of a parsed expression.
func maxWidthOf(re *syntax.Regexp) (int, bool) {
	var walk func(*syntax.Regexp) (int, bool)
	walk = func(r *syntax.Regexp) (int, bool) {
		switch r.Op {
		case syntax.OpLiteral:
			n := 0
			for _, c := range r.Rune {
				n += utf8.RuneLen(c)
			}
			return n, true
		case syntax.OpCharClass:
			if len(r.Rune) > 0 && r.Rune[len(r.Rune)-1] < utf8.RuneSelf {
				return 1, true // an ASCII class: one byte
			}
			return utf8.UTFMax, true
		case syntax.OpAnyCharNotNL, syntax.OpAnyChar:
			return utf8.UTFMax, true
		case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
			syntax.OpWordBoundary, syntax.OpNoWordBoundary:
			return 0, true
		case syntax.OpCapture:
			return walk(r.Sub[0])
		case syntax.OpQuest:
			return walk(r.Sub[0])
		case syntax.OpStar, syntax.OpPlus:
			return 0, false
		case syntax.OpRepeat:
			if r.Max < 0 {
				return 0, false
			}
			n, ok := walk(r.Sub[0])
			return n * r.Max, ok
		case syntax.OpConcat:
			t := 0
			for _, s := range r.Sub {
				n, ok := walk(s)
				if !ok {
					return 0, false
				}
				t += n
			}
			return t, true
		case syntax.OpAlternate:
			m := 0
			for _, s := range r.Sub {
				n, ok := walk(s)
				if !ok {
					return 0, false
				}
				if n > m {
					m = n
				}
			}
			return m, true
		}
		return 0, false
	}
	return walk(re)
}

// buildCatalogue assembles every built-in rule.
func buildCatalogue() []*Rule {
	kvd := newKVDet()
	nd := newNearDet()
	var rules []*Rule
	var toks []tk
	addTokens := func(ts []tk) {
		for _, t := range ts {
			rules = append(rules, t.rule(nd))
			toks = append(toks, t)
		}
	}
	addKV := func(ks []kv) {
		for _, k := range ks {
			rules = append(rules, k.rule(kvd, nd))
		}
	}
	addTokens(aiTokens)
	addKV(aiKV)
	addTokens(cloudTokens)
	addKV(cloudKV)
	addTokens(devTokens)
	addKV(devKV)
	addTokens(messagingTokens)
	addKV(messagingKV)
	addTokens(paymentTokens)
	addKV(paymentKV)
	addTokens(saasTokens)
	addKV(saasKV)
	addTokens(moreTokens)
	addTokens(peerTokens)
	addKV(moreKV)
	addTokens(formatTokens)
	addKV(formatKV)
	addKV(peerKV)
	addTokens(prefixedTokens)
	addTokens(kfaTokens)
	addTokens(kf2Tokens)
	addTokens(provTokens)
	addTokens(provPrefixed)
	addTokens(held7Tokens)
	addKV(held7KV)
	addTokens(held8Tokens)
	addTokens(peers2Tokens)
	addTokens(peers3Tokens)
	addTokens(peers4Tokens)
	addTokens(peers41Tokens)
	addTokens(held13Tokens)
	addTokens(oosTokens)
	addTokens(tunnelTokens)
	addKV(oosKV)
	addTokens(formats20Tokens)
	addKV(formats20KV)
	addTokens(formats39Tokens)
	structural := structuralRules(kvd, nd)
	rules = append(rules, structural...)
	rules = append(rules, credCtxRules()...)
	nat := &natDet{}
	shapes := &shapeDet{}
	cmd := &cmdDet{}
	h9 := &held9Det{}
	h10 := &held10Det{}
	h11 := &held11Det{h10: h10}
	h12 := &held12Det{}
	h13 := &held13Det{}
	h14 := &held14Det{}
	h16 := &held16Det{}
	h21 := &structDet{}
	role := &roleKeyDet{}
	krb := &kerberosDet{}
	layout := &docLayoutDet{}
	for _, r := range structural {
		switch r.ID {
		case "password-assignment":
			nat.password, shapes.password, cmd.password, h9.password, h10.password, h11.password, h12.password, h13.password, h14.password = r, r, r, r, r, r, r, r, r
			r.extra = append(r.extra, nat, shapes, cmd, &smtpAuthDet{password: r}, &posArgsDet{password: r}, &cliArgsDet{password: r}, &loginPairDet{password: r}, &credFileDet{password: r}, &richTextDet{password: r}, &pwCmdDet{password: r}, &proseLinkDet{password: r}, &credListDet{password: r}, h9, h10, h11, h12, h13, h14, h16)
			h16.password = r
			h21.password = r
			role.password = r
			r.extra = append(r.extra, role)
			r.extra = append(r.extra, h21)
			krb.password = r
			layout.password = r
		case "generic-api-key":
			nat.secret, shapes.secret, cmd.secret, h9.secret, h10.secret, h11.secret, h12.secret, h13.secret = r, r, r, r, r, r, r, r
			h16.secret = r
			h21.secret = r
			role.secret = r
			krb.secret = r
			layout.secret = r
			r.extra = append(r.extra, krb, layout, nat, &cookieJarDet{secret: r}, &keyProseDet{secret: r}, &tfSensitiveDet{secret: r})
		case "bearer-token":
			shapes.bearer = r
		}
	}
	oosListDet(rules)
	seg := &segDet{}
	for _, r := range rules {
		switch r.ID {
		case "password-assignment":
			seg.password = r
			r.extra = append(r.extra, seg, &ftpScriptDet{password: r}, &operandDet{password: r}, &tripleDet{password: r}, &directiveDet{password: r}, &hotstringDet{password: r})
		case "aws-secret-access-key":
			r.extra = append(r.extra, &awsPairDet{secret: r})
		case "password-in-prose":
			r.extra = append(r.extra, &pwPhraseDet{password: r}, &codeSwitchDet{password: r}, &accessCodeDet{password: r})
		case "wandb-api-key":
			r.extra = append(r.extra, &cliTokenDet{rule: r, spec: wandbLogin})
		}
	}
	_, provRules := buildProviders(rules, kvd.specs(), toks)
	rules = append(rules, provRules...)
	for _, t := range hashRules(hashTokens) {
		rules = append(rules, t.rule(nd)) // (opt-in: see optIn; no provider of a secret)
	}
	pii := piiRules()
	for _, r := range pii {
		switch r.ID {
		case "phone-number":
			addPhoneKV(kvd, r)
			r.extra = append(r.extra, &phoneColDet{rule: r}, &csvPhoneDet{rule: r}, &callerDet{rule: r}, &phoneShapeDet{rule: r}, &teltonikaDet{rule: r})
			seg.phone = r
			r.extra = append(r.extra, seg)
		case "us-ssn":
			seg.ssn = r
			r.extra = append(r.extra, seg)
		case "email":
			layout.email = r
		case "credit-card":
			layout.card = r
		}
	}
	rules = append(rules, pii...)
	h21pii := passportACHRules()
	addPassportKV(kvd, h21pii[0])
	dl := licenceRule()
	addLicenceKV(kvd, dl)
	al3 := &al3Det{dl: dl}
	dl.det = al3
	iso := &isoxmlDet{dl: dl}
	dl.extra = append(dl.extra, iso)
	for _, r := range pii {
		switch r.ID {
		case "us-ssn":
			al3.ssn = r
		case "phone-number":
			iso.phone = r
			al3.phone = r
			r.extra = append(r.extra, iso)
		}
	}
	h21pii = append(h21pii, dl)
	rules = append(rules, h21pii...)
	addPayFiles(h21pii[1], pii)
	addPayKV(kvd, pii, h21pii[1])
	return rules
}

package detect

import (
	"bytes"
	"math"
	"regexp"
	"slices"
	"strings"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// kvSpec recognises a secret by the name of the key it is assigned to. Formats like an
// AWS secret access key (40 base64 characters) or a Mistral key (32 alphanumerics) look
// like any other random string; the key name is what makes them trustworthy.
type kvSpec struct {
	rule *Rule
	det  *kvDet
	// keys are anchor literals; the key must contain one (lower case).
	keys []string
	// all, when set, are further words the key must contain (every one of them).
	all []string
	// near are provider words that must occur in the key or within 256 bytes.
	near    []string
	nearReq *nearReq
	// keyOK is an extra predicate on the key's lower-case segments.
	keyOK func(segs [][]byte) bool
	// value must match the whole decoded value.
	value    func() *regexp.Regexp
	valueSeg *segMatcher // the same, without the regexp engine, when its shape allows
	// valueOK is an extra predicate on the decoded value.
	valueOK func(v []byte) bool
	// decode turns the value into the secret to report (base64 user:password).
	decode func(v []byte) ([]byte, bool)
	// generic rules trust nothing but the key name, so they also reject values that
	// read as program code (see assignment.codeLike).
	generic  bool
	assignOK func(a *assignment, key, v []byte) bool
	// provAware: a value whose key or context names a provider whose shapes it lacks
	// is not reported (the generic secret rule; passwords have no shape to lack)
	provAware bool
	// claims: key words that name this rule's credential outright; under such a key a
	// value of another shape is no secret the generic rules should report either
	// (a 42-character hex string under AWS_SECRET_ACCESS_KEY is not an AWS key)
	claims []string
	// wantsID: the rule looks for an identifier, or its own key words name one
	// (private_key_id, reporter_id, secret_id), so a key ending in "id" is no reason to
	// doubt its value
	wantsID bool
}

// genericAnchors are key-name anchors of provider rules that name no provider.
var genericAnchors = map[string]bool{"session_token": true, "sessiontoken": true, "security_token": true, "securitytoken": true,
	"storage": true, "account_key": true, "accountkey": true, "account-key": true, "signing": true, "webhook": true,
	"consumer_secret": true, "client_secret": true, "clientsecret": true, "client-secret": true, "channel_access_token": true,
	"signing_secret": true, "signingsecret": true, "secretkey": true, "secret_key": true, "access_key": true, "accesskey": true,
	"access-key": true, "secret": true, "_authtoken": true, "_auth": true, "auth": true, "private_key_id": true, "mch_key": true,
	"mchkey": true, "ld_": true}

// indexWordFold finds w in key where a word of the key starts (after a separator, at a
// camelCase hump or at the start), ignoring case.
func indexWordFold(key []byte, w string) int {
	for off := 0; off < len(key); {
		i := indexFold(key[off:], w)
		if i < 0 {
			return -1
		}
		i += off
		if leftBoundKey(key, i) {
			return i
		}
		off = i + 1
	}
	return -1
}

func leftBoundKey(data []byte, i int) bool {
	if i == 0 || !is(data[i], cLower|cUpper) {
		return true
	}
	p := data[i-1]
	return !is(p, cLower|cUpper) || is(p, cLower) && isUpper(data[i])
}

// kvDet is the one detector for every key-name rule: a keyword hit parses the assignment
// around it once and offers it to the rules that registered that keyword.
type kvDet struct {
	lits    []string
	byTag   [][]*kvSpec
	litTags map[string]int
	// claimers: the specs with claims, which keep the generic rules off their keys
	claimers []*kvSpec
	// password and secret: the generic password and secret rules' specs, which a
	// field named by a short word of the lexicon wakes without an anchor (lexCands)
	password, secret *kvSpec
}

func newKVDet() *kvDet { return &kvDet{litTags: map[string]int{}} }

func (d *kvDet) add(s *kvSpec) {
	s.det = d
	s.wantsID = s.rule != nil && strings.HasSuffix(s.rule.ID, "-id") || // discord-client-id
		s.anyKeyWord(func(k string) bool { return strings.HasSuffix(k, "id") })
	if len(s.claims) > 0 {
		d.claimers = append(d.claimers, s)
	}
	if s.rule != nil {
		switch s.rule.ID {
		case "password-assignment":
			d.password = s
		case "generic-api-key":
			d.secret = s
		}
	}
	for _, k := range s.keys {
		tag, ok := d.litTags[k]
		if !ok {
			tag = len(d.lits)
			d.litTags[k] = tag
			d.lits = append(d.lits, k)
			d.byTag = append(d.byTag, nil)
		}
		d.byTag[tag] = append(d.byTag[tag], s)
	}
}

func (d *kvDet) anchors() []string { return d.lits }

// specs lists every rule registered, once.
func (d *kvDet) specs() []*kvSpec {
	var out []*kvSpec
	seen := map[*kvSpec]bool{}
	for _, ss := range d.byTag {
		for _, s := range ss {
			if !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
	}
	return out
}

func (d *kvDet) hit(sc *scanner, di, tag, at int) {
	data := sc.data
	if !hasPrefixFold(data, at, d.lits[tag]) {
		return
	}
	// The key first: most keyword hits are keys no rule wants ("max_tokens"), and
	// those are rejected before the assignment is parsed.
	ks, ke, ok := keyAround(data, at)
	if !ok {
		return
	}
	key := numberedKey(data[ks:ke], sc)
	// a list assigned to the key: each element stands under its name, a plural's
	// singular (listvalues.go)
	var listBuf [maxListItems]seqItem
	items, isList := listValues(data, ks, ke, listBuf[:0])
	if isList {
		key = singularKey(key)
	}
	var segs [][]byte
	segsDone := false
	var pass [16]*kvSpec
	np := 0
	lit := d.lits[tag]
	for _, s := range d.byTag[tag] {
		if !sc.e.on[s.rule.idx] {
			continue
		}
		if !s.generic && !genericAnchors[lit] && !leftBoundKey(data, at) {
			continue // "rookTable": the provider's name inside another word
		}
		if len(s.all) > 0 && !containsAll(key, s.all) {
			if tracer != nil {
				sc.trace(s.rule, "keyword", "keyAll", key, at, 0, 0)
			}
			continue
		}
		if s.keyOK != nil {
			if !sc.keyOK(s, key, &segs, &segsDone) {
				if tracer != nil && s.generic {
					sc.trace(s.rule, "keyword", "keyOK", key, at, 0, 0)
				}
				continue
			}
		}
		if np < len(pass) {
			pass[np] = s
			np++
		}
	}
	if np == 0 {
		return
	}
	if isList {
		d.listHit(sc, ks, ke, items, key, pass[:np])
		return
	}
	// A key holding several keywords ("aws_secret_access_key") is parsed once.
	var a assignment
	if sc.hasKey && sc.lastKey.keyStart == ks && sc.lastKey.keyEnd == ke {
		a = sc.lastKey
	} else {
		if pa, found := phpSerialPair(data, ks, ke); found {
			a, ok = pa, true // a PHP session's or serialize()'s pair (phpser.go)
		} else {
			a, ok = parseAssign(data, at)
		}
		if !ok || a.valEnd <= a.valStart {
			if pa, found := parameterDefault(data, ks, ke); found {
				a, ok = pa, true
			} else if fa, found := lookupFallback(data, ks, ke); found {
				a, ok = fa, true // process.env.X || "…" (lookupdefault.go)
			}
		}
		if !ok {
			a = assignment{keyStart: ks, keyEnd: ke}
		}
		sc.lastKey, sc.hasKey = a, true
	}
	if tracer != nil {
		sc.trace(nil, "key", "", key, at, a.valStart, a.valEnd)
	}
	if a.valEnd <= a.valStart {
		return
	}
	if a.quote == 0 && a.valEnd-a.valStart <= 4 && formatVerb(data[a.valStart:a.valEnd]) {
		// "password=%s" inside a format string: the value is the matching argument
		fa, ok := formatArg(data, a)
		if !ok {
			if tracer != nil {
				sc.trace(nil, "reject", "formatArg", key, at, a.valStart, a.valEnd)
			}
			return
		}
		a = fa
	}
	d.evaluate(sc, a, key, pass[:np], true)
}

// keyNamesNoSecret reports a key that names the provider and then says its value is
// something else than the credential the rule looks for: an identifier (HEROKU_APP_ID,
// vultrSnapshotId), a name, region, URL or version (HEROKU_APP_NAME), or a public or
// fake value (LINODE_PUBLIC_KEY). Ids and digests share the shapes of keys (UUIDs, hex,
// upper-case alphanumerics), so a provider's key-name rule must not take them for its
// credential; the generic rules ask the same of every key (secretKey, saysNotSecret).
func (s *kvSpec) keyNamesNoSecret(sc *scanner, key []byte) bool {
	if !s.wantsID && idKey(key) {
		return true
	}
	return tailSaysNoSecret(sc, key, s.ownsWord)
}

// tailSaysNoSecret reports a key of two words or more whose last word names no secret
// (name, url, region, uuid…) unless owns claims that word, or one of whose words says
// the value is public or fake.
func tailSaysNoSecret(sc *scanner, key []byte, owns func(string) bool) bool {
	segs := keySegments(key, sc.segBuf[:0], sc.segText[:0])
	if len(segs) < 2 {
		return false
	}
	last := string(segs[len(segs)-1])
	if (notSecretTail[last] || last == "uuid" || last == "guid" || last == "identifier") && (owns == nil || !owns(last)) {
		return true
	}
	return saysNotSecret(segs)
}

// ownsWord reports whether w is one of the rule's own key words or ends its id.
func (s *kvSpec) ownsWord(w string) bool {
	return s.anyKeyWord(func(k string) bool { return strings.Contains(k, w) }) || strings.HasSuffix(s.rule.ID, "-"+w)
}

// anyKeyWord reports whether f holds for one of the rule's key words (keys and all),
// without copying them into one list for each question.
func (s *kvSpec) anyKeyWord(f func(string) bool) bool {
	for _, ks := range [2][]string{s.keys, s.all} {
		for _, k := range ks {
			if f(k) {
				return true
			}
		}
	}
	return false
}

// formatVerb reports a printf or .NET/Python placeholder: %s, %v, %q, {}, {0}.
func formatVerb(v []byte) bool {
	switch string(v) {
	case "%s", "%v", "%q", "%+v", "%@", "{}", "{0}", "{1}", "{2}", "{3}":
		return true
	}
	return false
}

// formatCallWindow bounds how far before its key and after its placeholder a format
// call is read.
const formatCallWindow = 1024

// formatArg finds the string literal passed for the placeholder at a's value in a
// formatting call: fmt.Sprintf("host=db password=%s", "…"), String.format(…),
// string.Format("…Password={1}", user, "…"), "…password=%s" % ("…",). It returns a
// with the value moved onto that literal, or false when the argument is not a literal.
func formatArg(data []byte, a assignment) (assignment, bool) {
	// the call is read within formatCallWindow of the placeholder: a long line of
	// placeholders is not read whole for each
	ls := lineStartWithin(data, a.keyStart, formatCallWindow)
	le := lineEndWithin(data, a.valEnd, formatCallWindow)
	// the format string: the quote that opens before the key and closes after the value
	fs := bytes.LastIndexByte(data[ls:a.keyStart], '"')
	if fs < 0 {
		return a, false
	}
	fs += ls
	fe := bytes.IndexByte(data[a.valEnd:le], '"')
	if fe < 0 {
		return a, false
	}
	fe += a.valEnd
	verb := data[a.valStart:a.valEnd]
	// which argument: printf verbs count in order, {n} names its index
	idx := 0
	if verb[0] == '{' && len(verb) == 3 {
		idx = int(verb[1] - '0')
	} else {
		for i := fs + 1; i < a.valStart; i++ {
			if data[i] == '%' && i+1 < a.valStart {
				if data[i+1] == '%' {
					i++
					continue
				}
				idx++
			} else if data[i] == '{' && i+1 < a.valStart && data[i+1] == '}' {
				idx++
			}
		}
	}
	p := skipSpaces(data, fe+1)
	switch {
	case p < le && data[p] == ',':
		p++
	case p < le && data[p] == '%':
		p = skipSpaces(data, p+1)
		if p < le && data[p] == '(' {
			p++
		}
	case hasPrefixFold(data, p, ".format("):
		p += len(".format(")
	default:
		return a, false
	}
	for n := 0; p < le; n++ {
		p = skipSpaces(data, p)
		if p >= le {
			break
		}
		var end int
		if data[p] == '@' && p+1 < le && data[p+1] == '"' {
			p++ // Objective-C's string literal: @"…"
		}
		if q := data[p]; q == '"' || q == '\'' {
			e := bytes.IndexByte(data[p+1:le], q)
			if e < 0 {
				return a, false
			}
			end = p + 1 + e
			if n == idx {
				a.valStart, a.valEnd, a.quote = p+1, end, q
				return a, end > p+1
			}
			end++
		} else {
			if n == idx {
				return a, false // a variable, not a literal
			}
			end = p
			for end < le && data[end] != ',' && data[end] != ')' {
				end++
			}
		}
		p = skipSpaces(data, end)
		if p >= le || data[p] != ',' {
			return a, false
		}
		p++
	}
	return a, false
}

// pendingKV is a generic-rule candidate whose evaluation waits for the end of the pass.
// Its assignment is kept packed (packAssign): a file of assignments defers a candidate
// nearly every line, and a copy of the whole assignment held 104 bytes a line (a 16 MiB
// .env deferred 440k of them, 51 MB with the slice's growth). 32 bytes: the
// assignment's own name, seldom set, is kept apart (scanner.pendOwn).
type pendingKV struct {
	a    packedAssign
	spec *kvSpec
}

// packedAssign is an assignment but its own name in 24 bytes: its offsets as int32 (a
// scan's text is under 2 GiB; evaluate defers nothing otherwise) and its flags as bits.
type packedAssign struct {
	keyStart, keyEnd, valStart, valEnd, esc int32
	flags                                   uint16
	quote                                   byte
}

// pendOwn is the own name (assignment.own) of the deferred candidate sc.pending[at].
type pendOwn struct {
	at  int
	own []byte
}

// deferKV defers the evaluation of a's value by s to the end of the pass.
func (sc *scanner) deferKV(a assignment, s *kvSpec) {
	if a.own != nil {
		sc.pendOwn = append(sc.pendOwn, pendOwn{len(sc.pending), a.own})
	}
	sc.pending = append(sc.pending, pendingKV{a: packAssign(a), spec: s})
}

// pendingAt is the assignment and the spec of the deferred candidate sc.pending[i].
func (sc *scanner) pendingAt(i int) (assignment, *kvSpec) {
	p := &sc.pending[i]
	a := p.a.unpack()
	if len(sc.pendOwn) > 0 {
		if j, ok := slices.BinarySearchFunc(sc.pendOwn, i, func(o pendOwn, i int) int { return o.at - i }); ok {
			a.own = sc.pendOwn[j].own
		}
	}
	return a, p.spec
}

// the flags of packedAssign, one bit per bool of assignment
const (
	paPct uint16 = 1 << iota
	paQuery
	paSpacedSep
	paColonEq
	paColonSep
	paNotCode
	paUserPair
	paAnonUser
	paCtxDone
	paArgs
	paField
	paPolicyPlace
	paWeakLeaf
	paStoreRec
	paCorrob
	paAPIParent
)

// packable reports whether packAssign keeps every offset of a text of n bytes.
func packable(n int) bool { return n < math.MaxInt32 }

func packAssign(a assignment) packedAssign {
	p := packedAssign{keyStart: int32(a.keyStart), keyEnd: int32(a.keyEnd), valStart: int32(a.valStart),
		valEnd: int32(a.valEnd), esc: int32(a.esc), quote: a.quote}
	for _, f := range [...]struct {
		on  bool
		bit uint16
	}{{a.pct, paPct}, {a.query, paQuery}, {a.spacedSep, paSpacedSep}, {a.colonEq, paColonEq},
		{a.colonSep, paColonSep}, {a.notCode, paNotCode}, {a.userPair, paUserPair}, {a.anonUser, paAnonUser},
		{a.ctxDone, paCtxDone}, {a.args, paArgs}, {a.field, paField}, {a.policyPlace, paPolicyPlace},
		{a.weakLeaf, paWeakLeaf}, {a.storeRec, paStoreRec}, {a.corrob, paCorrob}, {a.apiParent, paAPIParent}} {
		if f.on {
			p.flags |= f.bit
		}
	}
	return p
}

func (p *packedAssign) unpack() assignment {
	return assignment{keyStart: int(p.keyStart), keyEnd: int(p.keyEnd), valStart: int(p.valStart),
		valEnd: int(p.valEnd), esc: int(p.esc), quote: p.quote,
		pct: p.flags&paPct != 0, query: p.flags&paQuery != 0, spacedSep: p.flags&paSpacedSep != 0,
		colonEq: p.flags&paColonEq != 0, colonSep: p.flags&paColonSep != 0, notCode: p.flags&paNotCode != 0,
		userPair: p.flags&paUserPair != 0, anonUser: p.flags&paAnonUser != 0, ctxDone: p.flags&paCtxDone != 0,
		args: p.flags&paArgs != 0, field: p.flags&paField != 0, policyPlace: p.flags&paPolicyPlace != 0,
		weakLeaf: p.flags&paWeakLeaf != 0, storeRec: p.flags&paStoreRec != 0, corrob: p.flags&paCorrob != 0,
		apiParent: p.flags&paAPIParent != 0}
}

// valueShapeOK reports whether v passes the spec's checks of the value alone — its
// shape and valueOK — the first that evaluate makes.
func (s *kvSpec) valueShapeOK(v []byte) bool {
	if s.valueSeg != nil {
		if s.valueSeg.match(v) != len(v) {
			return false
		}
	} else if s.value != nil && !s.value().Match(v) {
		return false
	}
	return s.valueOK == nil || s.valueOK(v)
}

// valSpan is the value span of a deferred candidate whose value evaluate would reject.
// Its offsets are int32: candidates are deferred only in texts under 2 GiB (packable).
type valSpan struct{ start, end int32 }

// evaluate checks the value of assignment a against the candidate rules. Generic rules
// (prioGeneric and below) lose to any specific match on the same value, and most values
// they see are tokens a specific rule also finds; with deferGeneric they are queued and
// evaluated after the pass, only where no specific match covers the value.
func (d *kvDet) evaluate(sc *scanner, a assignment, key []byte, cands []*kvSpec, deferGeneric bool) {
	data := sc.data
	var v []byte
	if held14DigestNamed(sc, key) && held14DigestShaped(a.value(data)) {
		if tracer != nil {
			sc.trace(nil, "reject", "digestNamed", key, a.keyStart, a.valStart, a.valEnd)
		}
		return // "api_token_sha256 = <hex>": the digest of the secret (held14.go)
	}
	rej := func(s *kvSpec, why string) {
		if tracer != nil {
			sc.trace(s.rule, "reject", why, key, a.keyStart, a.valStart, a.valEnd)
		}
	}
	placeholder := 0 // 0 unknown, 1 yes, 2 no
	for _, s := range cands {
		if deferGeneric && s.rule.prio <= prioGeneric && packable(len(data)) {
			if tracer == nil && !s.valueShapeOK(a.value(data)) && !(a.quote != 0 && saltLike(a.value(data))) && !d.secretAsPassword(s, key, a.value(data)) {
				// the evaluation after the pass would reject it first thing: only
				// the span is kept, for freeMarksIn (most lines of a file of
				// assignments queue a candidate, and a copy of each held 100 bytes)
				sc.pendSpans = append(sc.pendSpans, valSpan{int32(a.valStart), int32(a.valEnd)})
				continue
			}
			sc.deferKV(a, s)
			continue
		}
		if v == nil {
			v = a.value(data)
		}
		if s.generic && s.rule.ID == "generic-api-key" && a.quote != 0 && saltLike(v) {
			sc.emit(s.rule, a.valStart, a.valEnd, sc.textString(v)) // (salt.go)
			continue
		}
		if s.valueSeg != nil {
			if s.valueSeg.match(v) != len(v) {
				rej(s, "valueShape")
				continue
			}
		} else if s.value != nil && !s.value().Match(v) {
			rej(s, "valueShape")
			continue
		}
		if s.valueOK != nil && !s.valueOK(v) {
			if tracer != nil {
				rej(s, "valueOK:"+s.valueWhy(v))
			}
			if d.secretAsPassword(s, key, v) {
				d.evaluate(sc, a, key, []*kvSpec{d.password}, false) // (secretpw.go)
			}
			continue
		}
		if !s.generic && s.rule.Category == finding.Secret && s.keyNamesNoSecret(sc, key) {
			rej(s, "keyNamesNoSecret")
			continue
		}
		if s.generic && s.assignOK != nil && !a.ctxDone {
			userContext(data, &a, v)
		}
		own := key
		if a.own != nil {
			own = a.own
		}
		if s.generic && (a.codeLike(data, v) || echoesKey(key, v) || d.claimed(sc, own, v, data, a.keyStart) || valueIsKey(data, &a) || held9NotSecret(data, &a, key, v) || held16NotSecret(data, a.keyStart, key, v) || !sc.heldField && (hexColumnRow(data, &a, v) || namedHexColumnRow(data, &a, key, v))) {
			if tracer != nil {
				why := "held9NotSecret"
				switch {
				case a.codeLike(data, v):
					why = "codeLike"
				case echoesKey(key, v):
					why = "echoesKey"
				case d.claimed(sc, own, v, data, a.keyStart):
					why = "claimed"
				case valueIsKey(data, &a):
					why = "valueIsKey"
				}
				rej(s, why)
			}
			continue
		}
		if s.assignOK != nil && !s.assignOK(&a, key, v) {
			if tracer != nil {
				rej(s, "assignOK:"+s.assignWhy(&a, key, v))
			}
			continue
		}
		if s.provAware && (sc.e.prefixClaimed(v) || sc.providerContradicts(&a, own, v)) {
			rej(s, "provider")
			continue
		}
		if !s.generic && s.rule.Provider != "" && s.near == nil {
			// the key names the provider and the value has its shape: see
			// anchoredPlaceholder
			if anchoredPlaceholder(v) {
				rej(s, "placeholder")
				continue
			}
		} else {
			if placeholder == 0 {
				placeholder = 2
				if isPlaceholder(v) {
					placeholder = 1
				}
			}
			if placeholder == 1 {
				rej(s, "placeholder")
				return
			}
		}
		var cond *nearReq
		if s.nearReq != nil && !containsFold(key, s.near...) {
			cond = s.nearReq
		}
		val := v
		if s.decode != nil {
			var ok bool
			if val, ok = s.decode(v); !ok {
				rej(s, "decode")
				continue
			}
		}
		if sc.dupHead > 0 && sc.repeats(s.rule.prio, a.valStart, a.valEnd) {
			rej(s, "repeat")
			continue
		}
		sc.emitIf(s.rule, a.valStart, a.valEnd, sc.textString(val), cond)
	}
}

// claimed reports a value whose key names an enabled rule's credential outright (see
// kvSpec.claims) but which has not that credential's shape (its length, its alphabet).
// A key the AWS rule claims stops claiming near an endpoint setting: the credential is
// then an S3-compatible store's (held12S3Elsewhere).
func (d *kvDet) claimed(sc *scanner, key, v, data []byte, ks int) bool {
	for _, s := range d.claimers {
		if sc.e.on[s.rule.idx] && s.value != nil && !s.value().Match(v) && containsFold(key, s.claims...) {
			return !held12S3Elsewhere(key, data, ks)
		}
	}
	return false
}

func containsAll(key []byte, words []string) bool {
	for _, w := range words {
		if indexFold(key, w) < 0 {
			return false
		}
	}
	return true
}

// echoesKey reports values that repeat their key's name or build a string:
// "encryptionKey": "encryptionKey1024" (a test name), "PWD="+dir (concatenation).
func echoesKey(key, v []byte) bool {
	if len(v) > 0 && v[0] == '+' && !keyLengthB64(v) && !held13PlusB64(v) || bytes.HasSuffix(v, []byte(" +")) || bytes.HasSuffix(v, []byte("+ ")) {
		return true
	}
	k := bytes.Trim(key, `"'-_$@.`)
	return len(k) >= 4 && indexFold(v, string(bytes.ToLower(k))) >= 0 || namesField(k, v)
}

// namesField reports a value that is the last word of its own key, the field's name
// rather than its content: "PGSSLPASSWORD": "sslpassword",
// "clientCertificate.passphrase": 'passphrase'. Only letters count: a password with a
// digit or a sign in it is a password.
func namesField(key, v []byte) bool {
	if len(v) < 6 || len(v) > len(key) {
		return false
	}
	for _, c := range v {
		if !is(c, cLower|cUpper) {
			return false
		}
	}
	// compare from the end, skipping the key's separators
	j := len(key) - 1
	for i := len(v) - 1; i >= 0; i-- {
		for j >= 0 && !is(key[j], cAlnum) {
			j--
		}
		if j < 0 || lowerASCII(key[j]) != lowerASCII(v[i]) {
			return false
		}
		j--
	}
	return j < 0 || !is(key[j], cLower) || is(key[j+1], cUpper) // a word boundary before it
}

// valueIsKey reports a quoted "value" that is the next key of a JSON object, read
// because the key before it was a string naming a password rather than a key
// ({"name": "smtp_password", "instances": […]}): a colon follows its closing quote.
func valueIsKey(data []byte, a *assignment) bool {
	if a.quote != '"' || a.esc != 0 || a.valEnd >= len(data) || data[a.valEnd] != '"' {
		return false
	}
	p := skipSpaces(data, a.valEnd+1)
	return p < len(data) && data[p] == ':' && a.valStart >= 3 && bytes.HasSuffix(bytes.TrimRight(data[:a.valStart-1], " "), []byte(`",`))
}

// parameterDefault reads the default value of a template parameter declared as a YAML
// mapping under its name, as CloudFormation and SAM write them ("DbPassword:" then,
// indented below it, "Type: String", "NoEcho: true", "Default: '…'"): the key at ks:ke
// must end its line with a colon, and "Default:" must be one of its children within the
// next eight lines.
func parameterDefault(data []byte, ks, ke int) (assignment, bool) {
	if ke >= len(data) || data[ke] != ':' {
		return assignment{}, false
	}
	// Only blanks may stand before the key on its line. Scan back over them alone, not
	// to the line's start: a line of many keys would be read again for each one.
	ls := ks
	for ls > 0 && data[ls-1] == ' ' {
		ls--
	}
	if ls > 0 && data[ls-1] != '\n' {
		return assignment{}, false
	}
	indent := ks - ls
	p := ke + 1
	for p < len(data) && (data[p] == ' ' || data[p] == '\r') {
		p++
	}
	if p >= len(data) || data[p] != '\n' {
		return assignment{}, false
	}
	for n := 0; n < 8 && p < len(data); n++ {
		p++ // past the newline
		q := p
		for q < len(data) && data[q] == ' ' {
			q++
		}
		if q >= len(data) || q-p <= indent {
			return assignment{}, false
		}
		if bytes.HasPrefix(data[q:], []byte("Default:")) {
			vs := skipSpaces(data, q+len("Default:"))
			var quote byte
			if vs < len(data) && (data[vs] == '\'' || data[vs] == '"') {
				quote = data[vs]
				vs++
			}
			ve := vs
			for ve < len(data) && data[ve] != '\n' && data[ve] != '\r' && (quote == 0 || data[ve] != quote) && ve-vs < maxValueLen {
				ve++
			}
			if quote != 0 && (ve >= len(data) || data[ve] != quote) || ve <= vs {
				return assignment{}, false
			}
			return assignment{keyStart: ks, keyEnd: ke, valStart: vs, valEnd: ve, quote: quote}, true
		}
		e := bytes.IndexByte(data[p:], '\n')
		if e < 0 {
			return assignment{}, false
		}
		p += e
	}
	return assignment{}, false
}

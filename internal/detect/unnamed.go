package detect

import (
	"bytes"
	"strings"
)

// A field of a structured document (YAML, JSON, INI, XML, CSV…) whose name wakes no
// key-name rule is still a named value: "httpHeaderValue1: …", "$USER5$=…",
// "<ConsumerToken>…</ConsumerToken>" under a name nobody listed. The key-name rules
// cannot list every name a secret is kept under; what they can tell is a name that
// says its value is NOT a secret (an id, a digest, a version, a reference). So a field
// whose name is none of those, and whose whole value is a generated token — a long
// run of letters of both cases and digits, switching class as often as a random draw
// does and unlike any identifier or word — is read as a generic secret. Only whole
// values are read (never a token inside text), only in documents (a store's record
// keeps random ids under names of every kind), and the value model is strict where
// the name model is loose.

// unnamedNotSecret are name words that say what a generated-looking value is when it is
// not a credential: identifiers and references, digests and their notations, versions,
// public or encoded data, addresses and names.
var unnamedNotSecret = map[string]bool{
	"id": true, "ids": true, "uuid": true, "guid": true, "uid": true, "oid": true, "cid": true, "ref": true, "refs": true,
	"reference": true, "hash": true, "hashes": true, "sha": true, "sha1": true, "sha256": true, "sha512": true, "md5": true,
	"digest": true, "checksum": true, "sum": true, "crc": true, "integrity": true, "etag": true, "commit": true,
	"rev": true, "revision": true, "version": true, "ver": true, "build": true, "release": true, "nonce": true,
	"iv": true, "fingerprint": true, "thumbprint": true, "signature": true, "sig": true, "public": true, "pub": true,
	"pubkey": true, "name": true, "names": true, "user": true, "username": true, "login": true, "email": true,
	"url": true, "uri": true, "href": true, "link": true, "path": true, "file": true, "filename": true, "dir": true,
	"image": true, "icon": true, "img": true, "logo": true, "avatar": true, "blob": true, "tag": true, "tags": true,
	"serial": true, "number": true, "no": true, "num": true, "code": true, "slug": true, "trace": true, "span": true,
	"request": true, "correlation": true, "message": true, "msg": true, "event": true, "order": true, "invoice": true,
	"transaction": true, "tx": true, "txn": true, "object": true, "bucket": true, "key": true, "keys": true,
	"cert": true, "certificate": true, "ca": true, "label": true, "title": true, "description": true, "text": true,
	"comment": true, "example": true, "sample": true, "test": true, "mock": true, "fake": true, "fixture": true,
	"font": true, "color": true, "colour": true, "style": true, "class": true, "type": true, "kind": true,
	"mode": true, "format": true, "encoding": true, "locale": true, "lang": true, "language": true, "host": true,
	"domain": true, "address": true, "addr": true, "ip": true, "mac": true, "device": true, "model": true,
	"pattern": true, "regex": true, "regexp": true, "match": true, "expected": true, "want": true, "got": true,
	"input": true, "output": true, "result": true, "answer": true, "ciphertext": true, "encrypted": true,
	"cipher": true, "enc": true, "b64": true, "base64": true, "base32": true, "encoded": true, "compressed": true,
	"seed": true, "random": true, "rand": true, "entropy": true, "state": true, "challenge": true, "verifier": true,
	// places and quantities: what they hold is an address or a number, never a secret
	"endpoint": true, "region": true, "zone": true, "server": true, "queue": true, "topic": true, "table": true,
	"database": true, "schema": true, "port": true, "sec": true, "secs": true, "seconds": true, "ms": true,
	"timeout": true, "ttl": true, "interval": true, "delay": true, "size": true, "count": true, "max": true,
	"min": true, "limit": true,
}

// unnamedFieldSecret says whether a field named by the lower-case words segs, whose name
// woke no key-name rule, holds a secret in its whole value v.
func unnamedFieldSecret(segs [][]byte, v []byte) bool {
	if len(segs) == 0 || !generatedToken(v) {
		return false
	}
	for _, s := range segs {
		if unnamedNotSecret[string(s)] || bytes.HasSuffix(s, []byte("id")) && len(s) <= 4 {
			return false // "client_id", "cid", "uid", "pid"
		}
	}
	return true
}

// generatedToken recognises a value drawn at random from letters of both cases and
// digits, 20 to 100 of them: a random draw switches between lower case, upper case and
// digits at about three characters in five, an identifier written in camelCase or
// with numbers at most at one in four, a word never; hex with a stray capital, a
// placeholder, and a run of one alphabet are not generated tokens.
func generatedToken(v []byte) bool {
	if len(v) < 20 || len(v) > 100 {
		return false
	}
	var up, low, dig, switches int
	prev := uint16(0)
	for _, c := range v {
		var k uint16
		switch {
		case isUpper(c):
			k, up = cUpper, up+1
		case is(c, cLower):
			k, low = cLower, low+1
		case is(c, cDigit):
			k, dig = cDigit, dig+1
		default:
			return false
		}
		if prev != 0 && k != prev {
			switches++
		}
		prev = k
	}
	if up < 3 || low < 3 || dig < 2 {
		return false
	}
	if switches*5 < (len(v)-1)*2 {
		return false // fewer than two switches in five characters: words and identifiers
	}
	if nearHex(v) || isPlaceholder(v) || entropy(v) < 3.6 {
		return false
	}
	return true
}

// unnamedFields offers the whole values of the document's fields whose names woke no
// key-name rule to unnamedFieldSecret.
func (sc *scanner) unnamedFields() {
	e := sc.e
	if e.kvd == nil || e.kvd.secret == nil || !e.on[e.kvd.secret.rule.idx] {
		return
	}
	r := e.kvd.secret.rule
	for j := range sc.fields {
		f := &sc.fields[j]
		pi := sc.info(f)
		if len(pi.cands) > 0 || len(pi.norm) == 0 || len(pi.norm) > maxKeyLen || pi.abbrev != abbrevNone && pi.abbrev != abbrevNumbered || pi.held {
			continue
		}
		vs, ve := trimSpan(sc.data, int(f.vs), int(f.ve))
		if f.quote == fieldRaw && ve-vs >= 2 && (sc.data[vs] == '"' || sc.data[vs] == '\'') && sc.data[ve-1] == sc.data[vs] {
			vs, ve = vs+1, ve-1
		}
		if ve-vs < 20 || ve-vs > 100 {
			continue
		}
		v := sc.data[vs:ve]
		if !unnamedFieldSecret(bytes.Split(pi.norm, []byte("_")), v) || !e.unnamedSlot(sc.data, f, pi, vs) {
			continue
		}
		sc.emit(r, vs, ve, string(v))
	}
}

// generatedB64 is generatedToken for a value in a base64 alphabet (standard or URL-safe,
// padded or not): its letters and digits, with the '+', '/', '-' or '_' between them
// taken out, must read as a generated token.
func generatedB64(v []byte) bool {
	t := bytes.TrimRight(v, "=")
	if len(v)-len(t) > 2 || len(t) < 20 || len(t) > 100 {
		return false
	}
	var buf [100]byte
	n := 0
	for _, c := range t {
		switch {
		case is(c, cAlnum):
			buf[n] = c
			n++
		case c == '+' || c == '/' || c == '-' || c == '_':
		default:
			return false
		}
	}
	return n >= 20 && generatedToken(buf[:n])
}

// unnamedSlot says whether the field f, whose value starts at vs, is a slot named by
// nothing a key-name rule judged: its name holds no key word at all (a name a rule woke
// and refused — "hotkey", "sort_key" — was judged not to name a secret), abbreviates
// none ("api_sec"), is no value column of a name/value pair (whose name is the
// sibling's text), and the value is no element of a list (whose name says what the
// list holds, not what each element is).
func (e *Engine) unnamedSlot(data []byte, f *fieldSpan, pi *pathInfo, vs int) bool {
	if _, kind := fieldAbbrev(f.path); kind != abbrevNone && kind != abbrevNumbered {
		return false
	}
	leaf := f.path
	if i := strings.LastIndexAny(leaf, ".:/"); i >= 0 {
		leaf = leaf[i+1:]
	}
	if valueKey(leaf) || nameKey(leaf) {
		return false
	}
	p := vs - 1
	for p >= 0 && (data[p] == '"' || data[p] == '\'' || data[p] == ' ' || data[p] == '\t') {
		p--
	}
	if p >= 0 && (data[p] == '[' || data[p] == ',' || data[p] == '-') {
		return false
	}
	woke := false
	for _, key := range [][]byte{pi.norm, pi.squash} {
		e.ac.run(key, func(pat int32, end int) {
			at := end - e.ac.patLen[pat]
			for _, t := range e.dispatch[pat] {
				if t.di == e.kvDI && hasPrefixFold(key, at, e.kvd.lits[t.tag]) {
					woke = true
				}
			}
		})
	}
	if woke {
		return false
	}
	k, _, _ := lexName(bytes.Split(pi.norm, []byte("_")))
	return k == lexNone
}

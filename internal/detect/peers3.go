package detect

import (
	"bytes"
	"encoding/base64"
	"strings"
	"sync"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// Classes that the fourth round on peers' test cases (issue 11, tools/peercases: Nosey
// Parker's negatives, Kingfisher's, secretlint's, detect-secrets' and ripsecrets'
// positives, half A of each) showed, written as general mechanisms; every string in
// this file and its tests is written here.

// ownerKeyWords name what a "<word>_key" key belongs to when it is no secret: database
// and cache keys (sort_key, partition_key, cache_key), message routing, translation
// and lookup keys, keys of records and files. A key named after anything else
// ("weather_key", "hereapi_key", "MAPS_KEY") holds an access key as often as not, and
// its value must look generated before it counts (namedKeyValue).
var ownerKeyWords = map[string]bool{"cache": true, "sort": true, "partition": true, "primary": true, "foreign": true,
	"row": true, "range": true, "hash": true, "object": true, "s3": true, "file": true, "idempotency": true,
	"dedup": true, "dedupe": true, "deduplication": true, "routing": true, "message": true, "lookup": true,
	"group": true, "translation": true, "i18n": true, "locale": true, "index": true, "unique": true, "composite": true,
	"natural": true, "surrogate": true, "shard": true, "sharding": true, "distribution": true, "cluster": true,
	"bucket": true, "event": true, "job": true, "task": true, "redis": true, "state": true, "record": true,
	"meta": true, "metadata": true, "field": true, "column": true, "table": true, "entity": true, "request": true,
	"response": true, "trace": true, "correlation": true, "map": true, "dict": true, "ssh": true, "gpg": true,
	"pgp": true, "host": true, "sign": true, "node": true, "user": true, "form": true, "list": true, "item": true,
	"query": true, "search": true, "sequence": true, "cursor": true, "page": true, "pagination": true, "next": true,
	"previous": true, "prev": true, "last": true, "first": true, "start": true, "end": true, "parent": true,
	"child": true, "data": true, "value": true, "lock": true, "mutex": true, "queue": true, "topic": true,
	"stream": true, "channel": true, "config": true, "setting": true, "settings": true, "property": true,
	"attribute": true, "attr": true, "label": true, "tag": true, "storage": true, "local": true, "session": true,
	"cookie": true, "header": true, "param": true, "env": true, "registry": true, "schema": true, "version": true,
	"type": true, "kind": true, "sub": true, "hot": true, "short": true, "shortcut": true, "keyboard": true,
	"music": true, "piano": true, "sharp": true, "flat": true, "major": true, "minor": true, "answer": true,
	"cipher": true, "public": true, "pub": true, "verify": true, "verification": true, "cert": true,
	"certificate": true, "tls": true, "ssl": true, "x509": true, "jwk": true, "jwks": true, "kms": true,
	"old": true, "new": true, "my": true, "the": true, "this": true, "some": true, "default": true,
	// a key that says it is not a working one
	"bad": true, "invalid": true, "wrong": true, "broken": true, "expired": true, "revoked": true, "test": true,
	"example": true, "sample": true, "demo": true}

// keySlotWords are the owner words that also name a slot of a key in rotation:
// "primary_key"/"secondary_key" (Azure's pair), "old_key"/"new_key", "default_key".
// Under such a name a database's or a list's key is an id or a word; a generated
// string of mixed case and digits (namedKeyValue, which namedKey's strict names
// must pass) is the slot's secret.
var keySlotWords = map[string]bool{"primary": true, "old": true, "new": true, "default": true}

// namedKey accepts "<word>_key" (two segments, the last "key") whose first word names
// neither an owner that is no secret (ownerKeyWords) nor anything notSecretTail or
// saysNotSecret rejects. A word that ends in "api" ("weatherapi_key") names an API
// key as plainly as api_key does; any other word leaves the value to namedKeyValue.
func namedKey(segs [][]byte) (ok, strict bool) {
	if len(segs) == 3 && string(segs[0]) == "x" {
		segs = segs[1:] // an HTTP header's "X-" ("X-Upload-Key"): the name is what follows
	}
	if len(segs) != 2 || string(segs[1]) != "key" {
		return false, false
	}
	w := segs[0]
	if len(w) < 3 || ownerKeyWords[string(w)] && !keySlotWords[string(w)] || notSecretTail[string(w)] || saysNotSecret(segs) || providerWord(w) {
		return false, false
	}
	for _, c := range w {
		if !is(c, cLower) {
			return false, false // "v2_key", "x509key": a version or a format, not a name
		}
	}
	if bytes.HasSuffix(w, []byte("api")) && len(w) > 3 {
		return true, false
	}
	return true, true
}

// providerWords are the names of the providers whose key shapes the catalogue knows
// (the provider table's words, and the clouds whose rules are written apart): a key
// named after one ("aws_key", "stripe_key") is left to that provider's rules, which
// know what its keys look like, and a value of another shape there is not a key of it.
var providerWords = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{"aws": true, "amazon": true, "azure": true, "gcp": true, "google": true, "microsoft": true,
		"alibaba": true, "aliyun": true, "tencent": true, "huawei": true, "oracle": true, "ibm": true}
	for _, p := range providers {
		for _, w := range p.words {
			m[strings.NewReplacer(" ", "", "_", "", "-", "", ".", "").Replace(strings.ToLower(w))] = true
		}
	}
	return m
})

func providerWord(w []byte) bool { return providerWords()[string(w)] }

// namedKeyValue is what a value under namedKey's strict names must be: long, with
// digits, two letter cases or more, not hexadecimal (digests and ids), not base64 of
// text, not words, and spread over many symbols — the test a bare "key" gets.
func namedKeyValue(v []byte) bool {
	if bytes.IndexByte(v, ':') >= 0 || allHex(bytes.ReplaceAll(v, []byte("-"), nil)) || base64Text(v) || wordy(v) {
		return false
	}
	return len(v) >= 20 && bytes.ContainsAny(v, "0123456789") && classCount(v) >= 3 && entropy(v) >= 3.8
}

// namedKeyBytes reports whether a raw key is one namedKey accepts only with a strict
// value (see secretAssign).
func namedKeyBytes(key []byte) bool {
	var segBuf [8][]byte
	var text [maxKeyLen]byte
	if len(key) > maxKeyLen {
		return false
	}
	segs := keySegments(key, segBuf[:0], text[:0])
	if secretKey(segs) {
		return false // api_key, secret_key: the names secretKey trusts as they are
	}
	ok, strict := namedKey(segs)
	return ok && strict
}

// genericKey is generic-api-key's key test: secretKey's names, and namedKey's.
func genericKey(segs [][]byte) bool {
	if secretKey(segs) || letterKey(segs) && !notSecretTail[string(segs[len(segs)-1])] || bareSaltKey(segs) {
		return true
	}
	ok, _ := namedKey(segs)
	return ok
}

// peers3Tokens are tokens whose structure proves them without a key name.
var peers3Tokens = []tk{
	{id: "discord-bot-token-structural", title: "Discord bot token (by its structure)", provider: "Discord", sev: finding.High,
		// A Discord bot token is three dot-separated parts: the bot's user id (a
		// snowflake of 17 to 20 digits) in unpadded base64url, a 6-character timestamp
		// and an HMAC of 27 to 38 characters. Digits in base64 begin with M, N or O and
		// a second character of D, T, j or z (the anchors); the first part decoding to
		// a snowflake is what tells a token from any three dotted base64 strings, so no
		// key name is needed.
		re: `[MNO][DTjz][A-Za-z0-9_-]{21,25}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38}`, lits: discordAnchors(),
		check: discordSnowflake,
		// below discord-bot-token, which reads the same value under a Discord key name
		prio: prioContext - 1,
		ex:   []string{`bot.run("ODQ3MjkxNTYwMzg0NTI3MzYx.Gk7Rzq.Tw3Lp9Xv2Kb8Mn4Qz7Wc1Hd6Fg0Js5Ua2Ie3Ro")`, `token: MTEwMjk0ODM3NTYxODI3NDQ3Mg.Yq2Wz9.Vb3Nm8Qw2Er7Ty5Ui1Op4As9Df6Gh0JkLz`},
		nex: []string{`MTIzNDU2Nzg5MDEyMzQ1Njc4.Gk7Rzq.Tw3Lp9Xv2Kb8Mn4Qz7Wc1Hd6Fg`, `MDAwMDAwMDAwMDAwMDAwMDAw.Gk7Rzq.Tw3Lp9Xv2Kb8Mn4Qz7Wc1Hd6Fg0Js5`,
			`ODQ3MjkxNTYwMzg0NTI3MzZ4.Gk7Rzq.Tw3Lp9Xv2Kb8Mn4Qz7Wc1Hd6Fg0Js5`}},
}

// discordAnchors are the first two characters of base64 over two ASCII digits.
func discordAnchors() []string {
	var out []string
	for _, a := range "MNO" {
		for _, b := range "DTjz" {
			out = append(out, string(a)+string(b))
		}
	}
	return out
}

// discordSnowflake reports a token whose first part decodes to a Discord snowflake:
// 17 to 20 digits, not starting with 0, not one digit repeated or a counting run (the
// stand-ins "123456789012345678", "000…").
func discordSnowflake(tok []byte) bool {
	dot := bytes.IndexByte(tok, '.')
	if dot < 0 {
		return false
	}
	id, err := base64.RawURLEncoding.DecodeString(string(tok[:dot]))
	if err != nil || len(id) < 17 || len(id) > 20 || id[0] == '0' {
		return false
	}
	counting := true
	for i, c := range id {
		if !isDigit(c) {
			return false
		}
		if i > 0 && c != '0'+(id[i-1]-'0'+1)%10 {
			counting = false
		}
	}
	return !counting && !lowVariety(id) && !isPlaceholder(tok[dot+1:])
}

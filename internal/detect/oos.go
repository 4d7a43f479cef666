package detect

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"regexp"
	"strings"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/lazyre"
)

// Provider formats that stood in shapes the rules did not read (issue 11: "a documented
// provider shape is a finding wherever it stands; context raises confidence, it is not
// a precondition"). Each is written from the provider's own documentation:
//
//   - `vault operator init` prints the unseal (or recovery) key shares as "Unseal Key 1:
//     <base64 of 33 bytes>" and their hex form; Vault before 1.10 issued service tokens
//     as "s." and 24 base62 characters (batch "b.", recovery "r.").
//   - Elasticsearch service account tokens are the base64 of 0x00 0x01 0x00 0x01 and
//     "elastic/<service>/<name>:<secret>", so they begin "AAEAAWVsYXN0aWMv" whatever
//     their service.
//   - An Ethereum (EVM) account's private key is 32 bytes written as 0x and 64 hex
//     digits; Hardhat and Truffle list them under "accounts".
//   - An AWS secret access key travels with its access key ID: 40 base64 characters a
//     few lines from an AKIA/ASIA id are its secret, whatever the key calls it.
var oosTokens = []tk{
	{id: "hashicorp-vault-unseal-key", title: "HashiCorp Vault unseal or recovery key share", provider: "HashiCorp", sev: finding.Critical,
		re: `(?:Unseal|Recovery) Key \d{1,2}: ([0-9a-f]{66}|[A-Za-z0-9+/]{44})`, group: 1, lits: []string{"Unseal K", "Recovery"},
		check: func(v []byte) bool { return generatedBody(0)(v) && classCount(v) >= 2 },
		ex:    []string{`Unseal Key 1: {b:43}A`, `Recovery Key 3: {h:66}`},
		nex:   []string{`Unseal Key 1: <redacted>`, `Unseal Key 2: {b:20}`, `Unseal Key 1: AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`}},
	{id: "elastic-service-account-token", title: "Elasticsearch service account token", provider: "Elastic", sev: finding.Critical,
		re: `AAEAAWVsYXN0aWMv[A-Za-z0-9+/_-]{20,400}={0,2}`, check: elasticServiceToken,
		ex: []string{`elasticsearch.serviceAccountToken: "` + "AAEAAWVsYXN0aWMvZmxlZXQtc2VydmVyL2NpLXJ1bm5lcjpQbTdxUnoyVnhLOHdOM2JMNXRZNg" + `"`,
			`Authorization: Bearer AAEAAWVsYXN0aWMva2liYW5hL2RlcGxveS0xOmJUOXZLMnFYN3JNNHpMOGNXNW5ZM2g`},
		nex: []string{`AAEAAWVsYXN0aWMvZmxlZXQtc2VydmVyL2NpLXJ1bm5lcg`, `AAEAAWVsYXN0aWMvZmxlZXQtc2VydmVyL2NpOnBhc3N3b3Jk`}},
	{id: "elastic-enrollment-token", title: "Elasticsearch enrollment token", provider: "Elastic", sev: finding.Critical,
		re: `eyJ2ZXIiOi[A-Za-z0-9+/]{60,1000}={0,2}`, check: elasticEnrollmentToken,
		ex:  []string{"eyJ2ZXIiOiI4LjE1LjEiLCJhZHIiOlsiMTAuNC4wLjEyOjkyMDAiXSwiZmdyIjoiNGU5YjJjN2ExZDBmOCIsImtleSI6IlBxN1J6MlZ4SzhtTjNiTDV0WTZ3OmhKNHFYOW5UMnZMN2tSNXBXOGNaM20ifQ=="},
		nex: []string{"eyJ2ZXIiOiI4LjE1LjEiLCJhZHIiOlsiMTAuNC4wLjEyOjkyMDAiXSwiZmdyIjoiNGU5YjJjN2ExZDBmOCIsImtleSI6IiJ9"}},
}

// elasticEnrollmentToken reports the base64 JSON of an Elasticsearch enrollment token
// (ver, adr, fgr and key "<id>:<api key>") whose API key is generated.
func elasticEnrollmentToken(tok []byte) bool {
	var buf [1024]byte
	t := bytes.TrimRight(tok, "=")
	if base64.RawStdEncoding.DecodedLen(len(t)) > len(buf) {
		return false
	}
	n, err := base64.RawStdEncoding.Decode(buf[:], t)
	if err != nil {
		return false
	}
	var doc struct {
		Ver string   `json:"ver"`
		Adr []string `json:"adr"`
		Key string   `json:"key"`
	}
	if json.Unmarshal(buf[:n], &doc) != nil || doc.Ver == "" || len(doc.Adr) == 0 {
		return false
	}
	_, sec, ok := strings.Cut(doc.Key, ":")
	return ok && len(sec) >= 16 && schemeKeyPart([]byte(sec))
}

// elasticServiceToken reports a token that decodes to Elasticsearch's service token
// layout with a generated secret after "elastic/<service>/<name>:".
func elasticServiceToken(tok []byte) bool {
	t := bytes.TrimRight(tok, "=")
	var buf [320]byte
	if base64.RawStdEncoding.DecodedLen(len(t)) > len(buf) {
		return false
	}
	n, err := base64.RawStdEncoding.Decode(buf[:], t)
	if err != nil {
		if n, err = base64.RawURLEncoding.Decode(buf[:], t); err != nil {
			return false
		}
	}
	dec := buf[:n]
	if !bytes.HasPrefix(dec, []byte("\x00\x01\x00\x01elastic/")) {
		return false
	}
	c := bytes.LastIndexByte(dec, ':')
	if c < 0 || bytes.Count(dec[:c], []byte("/")) != 2 {
		return false
	}
	sec := dec[c+1:]
	return len(sec) >= 16 && generatedBody(0)(sec) && !isPlaceholder(sec) && entropy(sec) >= 3.5
}

var oosKV = []kv{
	{id: "hashicorp-vault-legacy-token", title: "HashiCorp Vault token (before 1.10: s., b., r.)", provider: "HashiCorp", sev: finding.Critical,
		keys:  []string{"vault_token", "vaulttoken", "vault-token", "root_token", "roottoken", "root-token"},
		value: `[sbr]\.[A-Za-z0-9]{24}`, valueOK: func(v []byte) bool { return classCount(v[2:]) >= 3 && generatedBody(0)(v[2:]) },
		ex:  []string{`VAULT_TOKEN=s.{a:23}7`, `X-Vault-Token: s.{a:23}Q`, `{"root_token": "s.{a:23}z"}`},
		nex: []string{`VAULT_TOKEN=s.abcdefghijklmnopqrstuvwx`, `VAULT_TOKEN=hvs.{a:10}`, `VAULT_TOKEN=s.{a:10}`}},
	{id: "ethereum-private-key", title: "Ethereum (EVM) account private key", provider: "Ethereum", sev: finding.Critical,
		keys: []string{"private_key", "privatekey", "private-key", "priv_key", "privkey", "priv-key", "deployer_key", "signer_key", "wallet_key",
			"walletkey"},
		value: `0x[0-9a-fA-F]{64}`, valueOK: evmKeyOK,
		ex:  []string{`PRIVATE_KEY=0x{h:63}a`, `deployerPrivateKey: "0x{h:63}b"`, `--private-key 0x{h:63}c`},
		nex: []string{`PRIVATE_KEY=0x0000000000000000000000000000000000000000000000000000000000000000`, `PRIVATE_KEY=0x{h:40}`, `tx_hash: 0x{h:64}`}},
}

// evmKeyOK: 64 hex digits that are not one digit repeated or counted, with letters and
// digits both (as nearly every random 32 bytes in hex has).
func evmKeyOK(v []byte) bool {
	h := v[2:]
	letters, digits := 0, 0
	for _, c := range h {
		if isDigit(c) {
			digits++
		} else {
			letters++
		}
	}
	return letters > 0 && digits > 0 && !lowVariety(h) && entropy(h) >= 3.0 && !isPlaceholder(h)
}

// awsPairDet reports an AWS secret access key beside its access key ID: 40 base64
// characters standing alone within a few lines of an AKIA/ASIA id. Credential files,
// CLI output, tables and code name the secret in many ways (or not at all); the id next
// to it is what names it.
type awsPairDet struct{ secret *Rule }

func (d *awsPairDet) anchors() []string { return []string{"AKIA", "ASIA", "ABIA", "ACCA"} }

const (
	awsPairLines = 4   // lines either side of the id
	awsPairBytes = 640 // and bytes
)

func (d *awsPairDet) hit(sc *scanner, di, tag, at int) {
	data := sc.data
	end := at + 20
	if end > len(data) || at > 0 && is(data[at-1], cAlnum) || end < len(data) && is(data[end], cAlnum) {
		return
	}
	for _, c := range data[at+4 : end] {
		if !is(c, cUpper) && !isDigit(c) {
			return
		}
	}
	if bytes.Contains(data[at:end], []byte("EXAMPLE")) {
		return
	}
	lo, hi := awsPairWindow(data, at, end)
	for p := lo; p < hi; {
		if !isAWSSecretByte(data, p) || p > 0 && (isAWSSecretByte(data, p-1) || data[p-1] == '-' || data[p-1] == '_' || data[p-1] == '.') {
			p++
			continue
		}
		q, n := p, 0
		for q < hi && isAWSSecretByte(data, q) && n <= 40 {
			if data[q] == '%' {
				q += 3
			} else {
				q++
			}
			n++
		}
		if n == 40 && (q >= len(data) || !isAWSSecretByte(data, q) && data[q] != '=' && data[q] != '-' && data[q] != '_' && !(data[q] == '.' && q+1 < len(data) && is(data[q+1], cAlnum))) {
			raw := data[p:q]
			v := raw
			if bytes.IndexByte(raw, '%') >= 0 {
				v = []byte(awsPctReplacer.Replace(string(raw)))
			}
			if awsPairSecretOK(v) && !(p >= 7 && hasPrefixFold(data, p-7, "base64,")) { // (a data: URI's payload)
				sc.emit(d.secret, p, q, string(v))
			}
		}
		if q == p {
			q++
		}
		p = q
	}
}

// awsPairWindow is where awsPairDet looks for a secret around the id at [at, end):
// awsPairLines lines before the id's line and after it, and no more than awsPairBytes
// either side, the line breaks found by the library's searches (a byte at a time, the
// window cost more than the rest of the reader).
func awsPairWindow(data []byte, at, end int) (lo, hi int) {
	lo, floor := at, max(0, at-awsPairBytes)
	for n := 0; ; n++ {
		i := lastIndexByte(data[floor:lo], '\n')
		if i < 0 {
			lo = floor
			break
		}
		if n == awsPairLines {
			lo = floor + i + 1 // just past the line break that ends the window
			break
		}
		lo = floor + i
	}
	hi, ceil := end, min(len(data), end+awsPairBytes)
	for n := 0; ; n++ {
		i := bytes.IndexByte(data[hi:ceil], '\n')
		if i < 0 {
			hi = ceil
			break
		}
		if n == awsPairLines {
			hi += i // at the line break that ends the window
			break
		}
		hi += i + 1
	}
	return lo, hi
}

var awsPctReplacer = strings.NewReplacer("%2B", "+", "%2b", "+", "%2F", "/", "%2f", "/")

// isAWSSecretByte: a base64 character, or the percent-encoding of '+' or '/'.
func isAWSSecretByte(data []byte, p int) bool {
	c := data[p]
	if is(c, cAlnum) || c == '+' || c == '/' {
		return true
	}
	return c == '%' && p+2 < len(data) && data[p+1] == '2' && (data[p+2]|0x20 == 'b' || data[p+2]|0x20 == 'f')
}

// awsPairSecretOK: a generated value of the secret's alphabet, with capitals, small
// letters and digits (hex, paths and words have not all three spread this way).
func awsPairSecretOK(v []byte) bool {
	up, low, dig := 0, 0, 0
	for _, c := range v {
		switch {
		case isUpper(c):
			up++
		case is(c, cLower):
			low++
		case isDigit(c):
			dig++
		}
	}
	if up < 4 || low < 4 || dig < 2 || bytes.Count(v, []byte("/")) > 4 {
		return false
	}
	// base64 of text (an encoded word or token) is no generated key
	return awsSecretOK(v) && entropy(v) >= 4.0 && !isPlaceholder(v) && !identifierLike(v) && !base64Text(v)
}

// listKeyDet reads the values of a list assigned to a key that names what each element
// is: Hardhat's `accounts: ["0x…", "0x…"]` (private keys), the JSON of `vault operator
// init` (`"unseal_keys_b64": ["…", …]`). The key readers take one value a key; a list
// of them is read here, element by element, each tested as the rule's value.
type listKeyDet struct{ specs []listSpec }

type listSpec struct {
	key    string // lower case
	suffix bool   // the key may go on in word characters ("unseal_keys" → "unseal_keys_b64")
	rule   *Rule
	ok     func([]byte) bool
}

func (d *listKeyDet) anchors() []string {
	out := make([]string, len(d.specs))
	for i, s := range d.specs {
		out[i] = s.key
	}
	return out
}

// listMax bounds the elements and bytes read from one list.
const (
	listMaxItems = 16
	listMaxBytes = 4096
)

func (d *listKeyDet) hit(sc *scanner, di, tag, at int) {
	data := sc.data
	sp := &d.specs[tag]
	if !hasPrefixFold(data, at, sp.key) || at > 0 && is(data[at-1], cAlnum) {
		return
	}
	p := at + len(sp.key)
	if sp.suffix {
		p = run(data, p, cWord, 32)
	}
	if p < len(data) && is(data[p], cWord) {
		return
	}
	if p < len(data) && (data[p] == '"' || data[p] == '\'') {
		p++
	}
	p = skipSpaces(data, p)
	if p >= len(data) || data[p] != ':' && data[p] != '=' {
		return
	}
	p = skipSpaces(data, p+1)
	if p >= len(data) || data[p] != '[' {
		return
	}
	lim := p + listMaxBytes
	if lim > len(data) {
		lim = len(data)
	}
	p++
	for n := 0; n < listMaxItems && p < lim; n++ {
		for p < lim && (data[p] == ' ' || data[p] == '\t' || data[p] == '\n' || data[p] == '\r' || data[p] == ',') {
			p++
		}
		if p >= lim || data[p] == ']' {
			return
		}
		var s, e int
		if data[p] == '"' || data[p] == '\'' {
			q := data[p]
			s = p + 1
			e = s
			for e < lim && data[e] != q && data[e] != '\n' {
				e++
			}
			if e >= lim || data[e] != q {
				return
			}
			p = e + 1
		} else {
			s = p
			e = s
			for e < lim && data[e] != ',' && data[e] != ']' && data[e] > ' ' {
				e++
			}
			p = e
		}
		if sp.ok(data[s:e]) {
			sc.emit(sp.rule, s, e, string(data[s:e]))
		}
	}
}

var (
	evmKeyRe     = lazyre.New(`^0x[0-9a-fA-F]{64}$`)
	unsealKeyRe  = lazyre.New(`^(?:[0-9a-f]{66}|[A-Za-z0-9+/]{44})$`)
	unsealB64Re  = regexp.MustCompile(`^[A-Za-z0-9+/]{44}$`)
	unsealShares = func(v []byte) bool { return unsealKeyRe.Match(v) && classCount(v) >= 2 && generatedBody(0)(v) }
)

// oosListDet attaches the list readers to their rules.
func oosListDet(rules []*Rule) {
	d := &listKeyDet{}
	for _, r := range rules {
		switch r.ID {
		case "ethereum-private-key":
			d.specs = append(d.specs, listSpec{key: "accounts", rule: r, ok: func(v []byte) bool { return evmKeyRe.Match(v) && evmKeyOK(v) }})
			r.extra = append(r.extra, d)
		case "hashicorp-vault-unseal-key":
			d.specs = append(d.specs, listSpec{key: "unseal_keys", suffix: true, rule: r, ok: unsealShares},
				listSpec{key: "recovery_keys", suffix: true, rule: r, ok: unsealShares},
				listSpec{key: "keys_base64", rule: r, ok: func(v []byte) bool { return unsealB64Re.Match(v) && unsealShares(v) }})
			r.extra = append(r.extra, d)
		}
	}
}

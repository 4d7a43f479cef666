package main

import (
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"maps"
	"math/rand/v2"
	"net/url"
	"slices"
	"strings"
)

// The generator: labelled records, written into every store in that store's shapes.
// Everything here (names, words, templates) is this tool's own, chosen to be unlike
// the lab's seed, the detection corpus and the rules' examples.
//
// A record is a small tree of named leaves. A leaf is a positive (a secret in a field
// of its own: only the field's name, or the path above it, says what it is), a hard
// negative (a hash, an id, a placeholder, a public key: must not be reported) or
// filler. Records belong to half "a" or half "b": each half has its own field names
// (every name family is split between the halves), its own nesting layouts and its own
// encodings, so half b measures mechanisms on shapes never tuned on.

// leaf is one named value of a record.
type leaf struct {
	Name  string
	Value string
	// Role: "pos", "neg" or "fill".
	Role   string
	Family string // the name or value family, for the per-family table
}

// record is a tree: top-level entries are leaves or groups (nested objects, or arrays
// of objects).
type record struct {
	Half    string
	Layout  string // flat, nested, deep, array, nvpairs
	Entries []entry
}

type entry struct {
	Name   string
	Leaf   *leaf
	Object []entry   // a nested object
	Array  [][]entry // an array of objects
}

// nameFamilies are field names that mean "this value is a credential", by family. Each
// family is split between the halves by the seed.
var nameFamilies = map[string][]string{
	"pw-en": {"passwd", "userPassword", "loginPass", "dbPasswd", "adminPwd", "masterPassword", "rootPass",
		"smtp_pass", "ldapBindPassword", "keystore_pass", "PASSWORD_PLAIN", "vpnPasscode", "wifi_psk", "bind_pw",
		"pgpass", "serviceAccountPassword", "ftp_passwd", "redisAuthPass"},
	"token-en": {"accessToken", "auth_tok", "refreshToken", "sessionTok", "bearerToken", "botToken", "deployToken",
		"ciJobToken", "webhookToken", "PUSH_TOKEN", "registry_token", "personalAccessToken", "tokenValue",
		"upload_token", "syncToken", "apiTok"},
	"secret-en": {"apiKey", "api_secret", "clientSecret", "consumerSecret", "signingSecret", "hmacKey",
		"encryptionKey", "secretKey", "appSecret", "merchantKey", "sharedSecret", "webhookSecret",
		"SECRET_KEY_BASE", "master_key", "aes_key", "jwtSecret", "cookieSecret", "partnerApiKey"},
	"abbrev": {"pw", "pwd", "pass", "creds", "sk", "apikey", "secret", "tok", "akey", "svc_cred", "AUTH_PW",
		"passwd2", "pword", "api_sec", "cli_secret", "x_key"},
	"other-lang": {"contraseña", "contrasena", "mot_de_passe", "motdepasse", "passwort", "kennwort", "senha",
		"parola_chiave", "wachtwoord", "salasana", "hasło", "haslo", "heslo", "lösenord", "şifre", "пароль",
		"パスワード", "密码", "비밀번호", "mat_khau", "kata_sandi", "clave_secreta", "chave_api", "geheimnis",
		"segreto", "токен", "jeton_acces", "cle_api"},
}

// neutralNames are fields whose values are ids, hashes and other non-secrets.
var neutralNames = []string{"checksum", "digest", "etag", "requestId", "trace_id", "object_id", "sku",
	"build_sha", "commitHash", "fingerprint_sha256", "row_uuid", "correlationId", "image_digest", "blob_md5",
	"session_ref", "externalRef", "contentHash", "orderNumber", "deviceId", "nonce_id"}

// placeholderNames are credential names that carry placeholders (must not be reported).
var placeholderNames = []string{"password", "api_key", "token", "client_secret", "db_password", "secret_key",
	"auth_token", "smtp_password", "access_token", "passphrase"}

// publicNames carry public material.
var publicNames = []string{"publicKey", "public_key", "ssh_pubkey", "sshPublicKey", "pub_key", "signing_pubkey"}

var placeholders = []string{"changeme", "<your-api-key>", "${DB_PASSWORD}", "********", "xxxxxxxxxxxxxxxx",
	"REPLACE_ME", "{{ secret }}", "none", "null", "TODO", "%(password)s", "<password>", "your_token_here",
	"$API_TOKEN", "example", "dummy"}

var fillNames = []string{"region", "retries", "enabled", "timeout_ms", "owner_team", "tier", "locale",
	"max_conns", "endpoint_path", "description"}
var fillValues = []string{"eu-west-3", "3", "true", "2500", "payments-core", "gold", "pt_BR", "64",
	"/v2/ingest", "nightly export job", "ap-south-1", "false", "standby", "de_CH"}

// words for passwords and container names.
var pwWords = []string{"Maple", "river", "Cobalt", "tundra", "Saffron", "lantern", "Granite", "orbit",
	"Velvet", "meadow", "Juniper", "falcon", "Copper", "harbour", "Nimbus", "quill"}
var containerWords = []string{"ledger", "roster", "vendor", "invoice", "fleet", "tenant", "warehouse",
	"courier", "kiosk", "clinic", "depot", "campus", "studio", "atlas", "beacon", "harvest", "pylon",
	"quarry", "summit", "voyage"}

// gen is the generator's state.
type gen struct {
	r *rand.Rand
	// halfNames are the credential names of each half, by family.
	halfNames map[string]map[string][]string
	halfNeg   map[string][]string
	halfPH    map[string][]string
	halfPHv   map[string][]string
	halfPub   map[string][]string
	used      map[string]bool // container names
}

func newGen(seed uint64) *gen {
	g := &gen{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
		halfNames: map[string]map[string][]string{"a": {}, "b": {}}, halfNeg: map[string][]string{},
		halfPH: map[string][]string{}, halfPHv: map[string][]string{}, halfPub: map[string][]string{}, used: map[string]bool{}}
	for _, f := range slices.Sorted(maps.Keys(nameFamilies)) {
		a, b := g.split(nameFamilies[f])
		g.halfNames["a"][f], g.halfNames["b"][f] = a, b
	}
	g.halfNeg["a"], g.halfNeg["b"] = g.split(neutralNames)
	g.halfPH["a"], g.halfPH["b"] = g.split(placeholderNames)
	g.halfPHv["a"], g.halfPHv["b"] = g.split(placeholders)
	g.halfPub["a"], g.halfPub["b"] = g.split(publicNames)
	return g
}

// split shuffles xs and deals it into two halves.
func (g *gen) split(xs []string) (a, b []string) {
	c := append([]string(nil), xs...)
	g.r.Shuffle(len(c), func(i, j int) { c[i], c[j] = c[j], c[i] })
	for i, x := range c {
		if i%2 == 0 {
			a = append(a, x)
		} else {
			b = append(b, x)
		}
	}
	return a, b
}

func (g *gen) pick(xs []string) string { return xs[g.r.IntN(len(xs))] }

const (
	lower  = "abcdefghijklmnopqrstuvwxyz"
	upper  = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	digit  = "0123456789"
	alnumC = lower + upper + digit
)

func (g *gen) str(alphabet string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[g.r.IntN(len(alphabet))]
	}
	return string(b)
}

// secretValue is a credential with nothing in it that names it, of one of several
// kinds; it returns the value and its kind.
func (g *gen) secretValue() (string, string) {
	switch g.r.IntN(6) {
	case 0: // a human password
		sym := g.pick([]string{"!", "#", "%", "&", "+", "@", "?", "*"})
		return g.pick(pwWords) + fmt.Sprint(100+g.r.IntN(9900)) + sym + g.pick(pwWords), "human-password"
	case 1: // a mixed-case random token
		return g.str(alnumC, 24+g.r.IntN(25)), "random-alnum"
	case 2: // url-safe base64 of random bytes
		b := make([]byte, 24+g.r.IntN(12))
		for i := range b {
			b[i] = byte(g.r.UintN(256))
		}
		return base64.RawURLEncoding.EncodeToString(b), "random-b64url"
	case 3: // hex key
		b := make([]byte, []int{16, 24, 32}[g.r.IntN(3)])
		for i := range b {
			b[i] = byte(g.r.UintN(256))
		}
		return hex.EncodeToString(b), "random-hex"
	case 4: // std base64 of random bytes
		b := make([]byte, 30+g.r.IntN(18))
		for i := range b {
			b[i] = byte(g.r.UintN(256))
		}
		return base64.StdEncoding.EncodeToString(b), "random-b64"
	default: // a generated passphrase-like password
		return g.str(lower, 4) + g.str(digit, 2) + g.str(upper, 3) + "-" + g.str(alnumC, 6) + g.pick([]string{"$", "!", "~", "^"}), "mixed-password"
	}
}

// negative is a hard negative leaf for half h.
func (g *gen) negative(h string) leaf {
	switch g.r.IntN(5) {
	case 0: // a hash or digest under a neutral name
		b := make([]byte, []int{16, 20, 32}[g.r.IntN(3)])
		for i := range b {
			b[i] = byte(g.r.UintN(256))
		}
		return leaf{Name: g.pick(g.halfNeg[h]), Value: hex.EncodeToString(b), Role: "neg", Family: "neg-hash"}
	case 1: // a UUID
		u := g.str("0123456789abcdef", 32)
		return leaf{Name: g.pick(g.halfNeg[h]), Value: u[:8] + "-" + u[8:12] + "-4" + u[13:16] + "-a" + u[17:20] + "-" + u[20:],
			Role: "neg", Family: "neg-uuid"}
	case 2: // an object id or a random id
		if g.r.IntN(2) == 0 {
			return leaf{Name: g.pick(g.halfNeg[h]), Value: g.str("0123456789abcdef", 24), Role: "neg", Family: "neg-objectid"}
		}
		return leaf{Name: g.pick(g.halfNeg[h]), Value: g.str(alnumC, 20+g.r.IntN(12)), Role: "neg", Family: "neg-randomid"}
	case 3: // a placeholder under a credential name
		return leaf{Name: g.pick(g.halfPH[h]), Value: g.pick(g.halfPHv[h]), Role: "neg", Family: "neg-placeholder"}
	default: // public key material
		b := make([]byte, 51)
		copy(b, "\x00\x00\x00\x0bssh-ed25519\x00\x00\x00\x20")
		for i := 19; i < len(b); i++ {
			b[i] = byte(g.r.UintN(256))
		}
		return leaf{Name: g.pick(g.halfPub[h]), Value: "ssh-ed25519 " + base64.StdEncoding.EncodeToString(b) + " ops@" + g.pick(containerWords),
			Role: "neg", Family: "neg-publickey"}
	}
}

// positive is a credential leaf of half h: a name of one family and a value of one kind.
func (g *gen) positive(h string) leaf {
	f := g.pick(slices.Sorted(maps.Keys(g.halfNames[h])))
	v, _ := g.secretValue()
	return leaf{Name: g.pick(g.halfNames[h][f]), Value: v, Role: "pos", Family: f}
}

func (g *gen) filler() leaf {
	return leaf{Name: g.pick(fillNames), Value: g.pick(fillValues), Role: "fill", Family: "fill"}
}

// layouts of records by half: flat and nested in both; the rest split.
var halfLayouts = map[string][]string{
	"a": {"flat", "nested", "nvpairs"},
	"b": {"flat", "deep", "array"},
}

// newRecord makes a record of half h: npos positives, nneg negatives, two fillers,
// arranged by one of the half's layouts (or the given one).
func (g *gen) newRecord(h string, npos, nneg int, layout string) record {
	if layout == "" {
		layout = g.pick(halfLayouts[h])
	}
	var leaves []leaf
	names := map[string]bool{}
	add := func(l leaf) {
		for names[l.Name] { // names must be unique within a record
			l.Name += "2"
		}
		names[l.Name] = true
		leaves = append(leaves, l)
	}
	for range npos {
		add(g.positive(h))
	}
	for range nneg {
		add(g.negative(h))
	}
	add(g.filler())
	add(g.filler())
	g.r.Shuffle(len(leaves), func(i, j int) { leaves[i], leaves[j] = leaves[j], leaves[i] })
	rec := record{Half: h, Layout: layout}
	flat := func(ls []leaf) []entry {
		out := make([]entry, len(ls))
		for i := range ls {
			out[i] = entry{Name: ls[i].Name, Leaf: &ls[i]}
		}
		return out
	}
	groupA := []string{"integration", "upstream", "mailer", "storage", "billing"}
	groupB := []string{"connectors", "backends", "providers", "targets", "accounts"}
	switch layout {
	case "flat":
		rec.Entries = flat(leaves)
	case "nested": // {"<group>": {leaf, …}, filler…}
		var in, out []leaf
		for _, l := range leaves {
			if l.Role == "fill" {
				out = append(out, l)
			} else {
				in = append(in, l)
			}
		}
		rec.Entries = append(flat(out), entry{Name: g.pick(groupA), Object: flat(in)})
	case "deep": // {"<group>": {"<word>": {"settings": {leaf, …}}}}
		inner := entry{Name: "settings", Object: flat(leaves)}
		rec.Entries = []entry{{Name: g.pick(groupB), Object: []entry{{Name: g.pick(containerWords), Object: []entry{inner}}}}}
	case "array": // {"<group>": [{"id": n, leaf}, …]}
		var arr [][]entry
		for i, l := range leaves {
			idl := leaf{Name: "id", Value: fmt.Sprint(i + 1), Role: "fill", Family: "fill"}
			arr = append(arr, []entry{{Name: "id", Leaf: &idl}, {Name: l.Name, Leaf: &leaves[i]}})
		}
		rec.Entries = []entry{{Name: g.pick(groupB), Array: arr}}
	case "nvpairs": // {"params": [{"name": <name>, "value": <value>}, …]}
		var arr [][]entry
		for i := range leaves {
			n := leaf{Name: "name", Value: leaves[i].Name, Role: "fill", Family: "fill"}
			arr = append(arr, []entry{{Name: "name", Leaf: &n}, {Name: "value", Leaf: &leaves[i]}})
		}
		rec.Entries = []entry{{Name: "params", Array: arr}}
	}
	return rec
}

// leaves are the record's leaves (positives, negatives, fillers) in order.
func (r record) leaves() []*leaf {
	var out []*leaf
	var walk func([]entry)
	walk = func(es []entry) {
		for _, e := range es {
			switch {
			case e.Leaf != nil:
				out = append(out, e.Leaf)
			case e.Object != nil:
				walk(e.Object)
			default:
				for _, a := range e.Array {
					walk(a)
				}
			}
		}
	}
	walk(r.Entries)
	return out
}

// tree is the record as a plain value (map[string]any / []any / string), for JSON,
// YAML and BSON.
func (r record) tree() map[string]any { return entriesTree(r.Entries) }

func entriesTree(es []entry) map[string]any {
	m := make(map[string]any, len(es))
	for _, e := range es {
		switch {
		case e.Leaf != nil:
			m[e.Name] = e.Leaf.Value
		case e.Object != nil:
			m[e.Name] = entriesTree(e.Object)
		default:
			arr := make([]any, len(e.Array))
			for i, a := range e.Array {
				arr[i] = entriesTree(a)
			}
			m[e.Name] = arr
		}
	}
	return m
}

// flatPairs are the record's leaves as dotted paths and values, for .env files,
// name/value tables and key-per-field stores.
func (r record) flatPairs() [][2]string {
	var out [][2]string
	var walk func(prefix string, es []entry)
	walk = func(prefix string, es []entry) {
		for _, e := range es {
			p := e.Name
			if prefix != "" {
				p = prefix + "." + e.Name
			}
			switch {
			case e.Leaf != nil:
				out = append(out, [2]string{p, e.Leaf.Value})
			case e.Object != nil:
				walk(p, e.Object)
			default:
				for i, a := range e.Array {
					// name/value pairs collapse to their name
					if len(a) == 2 && a[0].Name == "name" && a[1].Name == "value" {
						out = append(out, [2]string{a[0].Leaf.Value, a[1].Leaf.Value})
						continue
					}
					walk(fmt.Sprintf("%s.%d", p, i), a)
				}
			}
		}
	}
	walk("", r.Entries)
	return out
}

// container is a fresh neutral name for a table, key, bucket or document group.
func (g *gen) container(sep string) string {
	for {
		n := g.pick(containerWords) + sep + g.pick(containerWords) + sep + fmt.Sprint(10+g.r.IntN(90))
		if !g.used[n] {
			g.used[n] = true
			return n
		}
	}
}

// encodings by half: how a whole record is hidden in one text value.
var halfEncodings = map[string][]string{"a": {"base64-json"}, "b": {"urlencoded-form"}}

// encode renders the record as one string in the encoding.
func encode(r record, enc string) string {
	switch enc {
	case "base64-json":
		return base64.StdEncoding.EncodeToString([]byte(jsonText(r.tree())))
	case "urlencoded-form":
		v := url.Values{}
		var keys []string
		for _, p := range r.flatPairs() {
			v.Set(p[0], p[1])
			keys = append(keys, p[0])
		}
		var parts []string
		for _, k := range keys {
			parts = append(parts, url.QueryEscape(k)+"="+url.QueryEscape(v.Get(k)))
		}
		return strings.Join(parts, "&")
	}
	panic("unknown encoding " + enc)
}

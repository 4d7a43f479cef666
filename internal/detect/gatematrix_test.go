package detect

import (
	"fmt"
	"math/rand"
	"os"
	"sort"
	"strings"
	"testing"
)

// The gate matrix: the generic name -> value judgement audited as a cross of credential
// NAMES (every kind, every case style) x VALUE SHAPES x a few syntaxes, instead of read
// from any evaluation split's misses. Every value was generated here (a fixed seed) or
// written for this test. A cell class is (name kind, value shape); the test reports the
// found-ratio of each class and fails when a class the gates must find falls below its
// floor, or when any negative cell (placeholders, references, code, prose, versions,
// digests under digest names) is reported.
//
// GATEMATRIX=1 go test -run TestGateMatrix -v prints the table and, with
// GATEMATRIX=miss, every missed cell.

type gmName struct {
	kind  string
	words []string
}

var gmNames = []gmName{
	{"password", []string{"password"}}, {"password", []string{"passwd"}}, {"password", []string{"pwd"}},
	{"password", []string{"pass"}}, {"password", []string{"passphrase"}}, {"password", []string{"db", "password"}},
	{"secret", []string{"secret"}}, {"secret", []string{"shared", "secret"}}, {"secret", []string{"client", "secret"}},
	{"secret", []string{"secret", "key"}}, {"secret", []string{"app", "secret"}}, {"secret", []string{"api", "secret"}},
	{"apikey", []string{"api", "key"}}, {"apikey", []string{"apikey"}}, {"apikey", []string{"access", "key"}},
	{"token", []string{"token"}}, {"token", []string{"access", "token"}}, {"token", []string{"auth", "token"}},
	{"token", []string{"bearer", "token"}},
	{"key", []string{"private", "key"}}, {"key", []string{"signing", "key"}}, {"key", []string{"encryption", "key"}},
	{"key", []string{"hmac", "key"}},
	{"cred", []string{"credentials"}}, {"cred", []string{"salt"}},
	{"pin", []string{"pin"}}, {"pin", []string{"sim", "pin"}},
}

// gmStyle writes a name's words in one case style; the prefixed styles add an app or
// a vendor the way configurations do.
func gmStyle(style string, w []string) string {
	switch style {
	case "upper":
		return strings.ToUpper(strings.Join(w, "_"))
	case "dotted":
		return "radius." + strings.Join(w, "_")
	case "dotted2":
		return "omero.web." + strings.Join(w, ".")
	case "camel":
		s := w[0]
		for _, x := range w[1:] {
			s += strings.ToUpper(x[:1]) + x[1:]
		}
		return s
	case "kebab":
		return strings.Join(w, "-")
	case "vendor":
		return "ACME_" + strings.ToUpper(strings.Join(w, "_"))
	}
	return strings.Join(w, "_")
}

var gmStyles = []string{"upper", "dotted", "dotted2", "camel", "kebab", "vendor"}

// gmSyntax: {K} key, {V} value. quote is the character the value may not hold.
type gmSyntax struct {
	name, tmpl, forbid string
	unquoted           bool
}

var gmSyntaxes = []gmSyntax{
	{"eq", "{K}={V}", "#", true},
	{"colon", "{K}: {V}", "#", true},
	{"speq", "{K} = {V}", "#", true},
	{"quoted", `{K}="{V}"`, `"\`, false},
	{"xmlel", "<{K}>{V}</{K}>", "<&", false},
	{"xmlattr", `<auth {K}="{V}"/>`, `"<&`, false},
	{"json", `{"{K}": "{V}"}`, `"\`, false},
	{"cli", "app --{K} {V}", "#", true},
}

const gmPunct = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"

type gmShape struct {
	name string
	gen  func(r *rand.Rand) string
}

func gmRand(r *rand.Rand, n int, alpha string) string {
	for {
		b := make([]byte, n)
		for i := range b {
			b[i] = alpha[r.Intn(len(alpha))]
		}
		s := string(b)
		// mixed-class: a lower, an upper and a digit
		if alpha == gmAlnum && (!strings.ContainsAny(s, "abcdefghijklmnopqrstuvwxyz") ||
			!strings.ContainsAny(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") || !strings.ContainsAny(s, "0123456789")) {
			continue
		}
		return s
	}
}

const gmAlnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

var gmWords = []string{"Harbor", "Maple", "Quartz", "Falcon", "Velvet", "Copper", "Meadow", "Tundra", "Orchid", "Lantern"}

func gmShapes() []gmShape {
	var s []gmShape
	for _, n := range []int{8, 10, 12, 15, 16, 20, 24, 32, 40, 48, 64} {
		n := n
		s = append(s, gmShape{fmt.Sprintf("rand%d", n), func(r *rand.Rand) string { return gmRand(r, n, gmAlnum) }})
	}
	for i := 0; i < len(gmPunct); i++ {
		c := gmPunct[i]
		s = append(s, gmShape{fmt.Sprintf("in%c", c), func(r *rand.Rand) string {
			a := gmRand(r, 22, gmAlnum)
			return a[:11] + string(c) + a[11:]
		}})
		s = append(s, gmShape{fmt.Sprintf("at%c", c), func(r *rand.Rand) string { return string(c) + gmRand(r, 24, gmAlnum) }})
	}
	for _, n := range []int{16, 24, 32, 40, 64} {
		n := n
		s = append(s, gmShape{fmt.Sprintf("hex%d", n), func(r *rand.Rand) string { return gmRand(r, n, "0123456789abcdef") }})
		s = append(s, gmShape{fmt.Sprintf("HEX%d", n), func(r *rand.Rand) string { return gmRand(r, n, "0123456789ABCDEF") }})
	}
	s = append(s,
		gmShape{"b64", func(r *rand.Rand) string {
			for {
				v := gmRand(r, 42, gmAlnum+"+/") + "=="
				if strings.ContainsAny(v[:42], "+/") {
					return v
				}
			}
		}},
		gmShape{"human", func(r *rand.Rand) string {
			return gmWords[r.Intn(len(gmWords))] + fmt.Sprint(10+r.Intn(9000)) + string("!@#$%&*?"[r.Intn(8)])
		}},
		gmShape{"dashed", func(r *rand.Rand) string {
			a := gmRand(r, 16, "abcdefghijklmnopqrstuvwxyz0123456789")
			return a[:4] + "-" + a[4:8] + "-" + a[8:12] + "-" + a[12:]
		}},
		gmShape{"pin", func(r *rand.Rand) string { return fmt.Sprint(1000 + r.Intn(9000)) }},
		gmShape{"pin6", func(r *rand.Rand) string { return fmt.Sprint(100000 + r.Intn(900000)) }},
	)
	return s
}

// gmExpect says whether a cell is clearly a secret: the floor the gates must reach.
// Short values under names that hold ids as often as secrets, digits under names that
// are not a PIN's, and characters that in a syntax start something else (a comment, a
// reference, a template, a block, a mask, an anchor or a tag) are not demanded.
func gmExpect(kind, shape string, syn gmSyntax) bool {
	if kind == "pin" {
		return false // recorded only
	}
	if strings.HasPrefix(shape, "pin") {
		return false
	}
	if strings.HasPrefix(shape, "rand") {
		var n int
		fmt.Sscanf(shape[4:], "%d", &n)
		switch kind {
		case "password":
			return n >= 8
		case "secret", "key":
			return n >= 12
		}
		return n >= 16
	}
	if shape == "human" {
		return kind == "password"
	}
	if strings.HasPrefix(shape, "in") || strings.HasPrefix(shape, "at") {
		c := shape[2]
		if strings.IndexByte(syn.forbid, c) >= 0 || c == ' ' {
			return false
		}
		if shape[:2] == "at" {
			// leading characters that mean something else than a value's first
			// character: a reference, a template, a structure, a mask, YAML's
			// anchors/tags/blocks/quotes, a comment, a file reference
			if strings.IndexByte("$%{[<*&!|>'\"#;@`,?:=\\", c) >= 0 {
				return false
			}
			if c == '-' && syn.name == "cli" {
				return false // "--key -x": an option after the option
			}
		}
		if syn.unquoted && strings.IndexByte(",;'\"`", c) >= 0 {
			return false // a list's separator or a quote inside an unquoted value
		}
		return true
	}
	if strings.HasPrefix(shape, "hex") || strings.HasPrefix(shape, "HEX") {
		var n int
		fmt.Sscanf(shape[3:], "%d", &n)
		return n >= 32 || n >= 16 && (kind == "password" || kind == "secret")
	}
	return true // b64, dashed
}

func gmFill(syn gmSyntax, k, v string) string {
	return strings.ReplaceAll(strings.ReplaceAll(syn.tmpl, "{K}", k), "{V}", v)
}

// gmFound reports whether a match covers the value.
func gmFound(ms []Match, v string) bool {
	for _, m := range ms {
		if m.Value == v || len(m.Value) >= 8 && strings.Contains(v, m.Value) && len(m.Value)*10 >= len(v)*7 {
			return true
		}
	}
	return false
}

// gmFloors are the found-ratios each (kind, shape class) of the expected cells must
// reach. Every expected cell is required (1.0) except the classes listed here, whose
// floor is the ratio the gates reach now (gates38; re-recorded by gates40); a gate change that loses cells
// fails here, one that gains them may raise the floor.
var gmFloors = map[string]float64{
	"apikey/b64":            0.986,
	"apikey/punct-inside":   0.946,
	"apikey/punct-lead":     0.879,
	"apikey/rand16":         0.986,
	"apikey/rand24":         0.986,
	"cred/HEX32":            0.854,
	"cred/HEX40":            0.854,
	"cred/HEX64":            0.854,
	"cred/b64":              0.854,
	"cred/dashed":           0.687,
	"cred/hex32":            0.854,
	"cred/hex40":            0.854,
	"cred/hex64":            0.854,
	"cred/punct-inside":     0.801,
	"cred/punct-lead":       0.710,
	"cred/rand16":           0.833,
	"cred/rand20":           0.854,
	"cred/rand24":           0.854,
	"cred/rand32":           0.854,
	"cred/rand40":           0.854,
	"cred/rand48":           0.854,
	"cred/rand64":           0.854,
	"key/b64":               0.989,
	"key/dashed":            0.958,
	"key/punct-inside":      0.941,
	"key/punct-lead":        0.885,
	"key/rand12":            0.739,
	"key/rand15":            0.822,
	"key/rand16":            0.979,
	"key/rand20":            0.989,
	"password/HEX16":        0.986,
	"password/HEX24":        0.993,
	"password/HEX32":        0.993,
	"password/HEX40":        0.993,
	"password/HEX64":        0.993,
	"password/b64":          0.993,
	"password/dashed":       0.993,
	"password/hex16":        0.993,
	"password/hex24":        0.993,
	"password/hex32":        0.993,
	"password/hex40":        0.993,
	"password/hex64":        0.993,
	"password/human":        0.992,
	"password/punct-inside": 0.971,
	"password/punct-lead":   0.851,
	"password/rand10":       0.958,
	"password/rand12":       0.965,
	"password/rand15":       0.979,
	"password/rand16":       0.972,
	"password/rand20":       0.993,
	"password/rand24":       0.993,
	"password/rand32":       0.993,
	"password/rand40":       0.993,
	"password/rand48":       0.993,
	"password/rand64":       0.993,
	"password/rand8":        0.951,
	"secret/HEX16":          0.916,
	"secret/HEX32":          0.972,
	"secret/hex16":          0.881,
	"secret/hex24":          0.993,
	"secret/punct-inside":   0.948,
	"secret/punct-lead":     0.883,
	"secret/rand12":         0.909,
	"secret/rand15":         0.944,
	"secret/rand20":         0.986,
	"token/punct-inside":    0.946,
	"token/punct-lead":      0.884,
	"token/rand16":          0.979,
	"token/rand24":          0.989,
}

func gmClass(shape string) string {
	switch {
	case strings.HasPrefix(shape, "in"):
		return "punct-inside"
	case strings.HasPrefix(shape, "at"):
		return "punct-lead"
	case strings.HasPrefix(shape, "hex"), strings.HasPrefix(shape, "HEX"):
		return shape
	}
	return shape
}

func TestGateMatrix(t *testing.T) {
	if testing.Short() {
		t.Skip("matrix")
	}
	e := Default()
	r := rand.New(rand.NewSource(38))
	shapes := gmShapes()
	type cnt struct{ exp, expFound, all, allFound int }
	table := map[string]*cnt{}
	var misses []string
	for _, nm := range gmNames {
		for si, st := range gmStyles {
			k := gmStyle(st, nm.words)
			for _, sh := range shapes {
				v := sh.gen(r)
				for yi, syn := range gmSyntaxes {
					if (si+yi)%2 == 1 {
						continue // half the style x syntax pairs, in a checkerboard
					}
					if strings.ContainsAny(v, syn.forbid) {
						continue
					}
					in := gmFill(syn, k, v)
					found := gmFound(scanAll(e, in), v)
					cl := nm.kind + "/" + gmClass(sh.name)
					c := table[cl]
					if c == nil {
						c = &cnt{}
						table[cl] = c
					}
					c.all++
					if found {
						c.allFound++
					}
					if gmExpect(nm.kind, sh.name, syn) {
						c.exp++
						if found {
							c.expFound++
						} else {
							misses = append(misses, nm.kind+"/"+sh.name+" "+syn.name+": "+in)
						}
					}
				}
			}
		}
	}
	var keys []string
	for k := range table {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	show := os.Getenv("GATEMATRIX") != ""
	for _, k := range keys {
		c := table[k]
		if show {
			t.Logf("%-24s expected %4d/%4d  all %4d/%4d", k, c.expFound, c.exp, c.allFound, c.all)
		}
		if c.exp == 0 {
			continue
		}
		floor, ok := gmFloors[k]
		if !ok {
			floor = 1
		}
		if got := float64(c.expFound) / float64(c.exp); got+1e-9 < floor {
			t.Errorf("%s: found %d of %d expected cells (%.3f), floor %.3f", k, c.expFound, c.exp, got, floor)
		}
	}
	if os.Getenv("GATEMATRIX") == "miss" {
		for _, m := range misses {
			t.Log("MISS " + m)
		}
	}
}

// The negative matrix: the same names and syntaxes with values that are not secrets.
// pwLiteral are values a password's name takes literally: an identifier naming a
// secret and an "env:" reference read as typed passwords there (a test's
// "mySecretToken" is one), so they are negatives for the other kinds alone. Since
// gates40 a stand-in word, a size or port, a version or a relative path
// (notLiteralPassword), and code — a call, a subscript, a member chain naming a secret
// (codeExpression) — is no password under any name.
var pwLiteral = map[string]bool{"secretRef": true, "env:APP_SECRET": true}

var gmNegatives = []string{
	"changeme", "<your-token>", "${API_SECRET}", "%(secret)s", "{{ .Values.secret }}", "xxxxxxxxxxxx",
	"************", "TODO", "none", "null", "true", "false", "example", "dummy", "test",
	`os.getenv("APP_SECRET")`, "get_secret()", "request.form['password']", "self.password", "config.secret",
	"$APP_SECRET", "env:APP_SECRET", "/etc/acme/secret.pem", "https://auth.example.org/oauth/token",
	"required", "Enter your secret here", "the shared secret", "4096", "3600", "1.18.2", "v2.4.0-rc1",
	"<password>", "${{ secrets.API_TOKEN }}", "process.env.API_TOKEN", "os.environ['TOKEN']", "******",
	"your_secret_here", "REPLACE_ME", "secretRef", "string", "optional", "[hidden]", "(redacted)",
	// gates39/gates40: templates and references of other notations, masks, stand-ins, paths,
	// URLs without a credential, sizes, ports and durations, booleans and nulls, calls,
	// members and subscripts
	"%APP_SECRET%", "$(cat /run/secrets/db)", "{{ secret }}", "<redacted>", "********", "xxxxxxxx", "YOUR_API_KEY",
	"/var/run/secrets/token", "./secrets/key.pem", "https://vault.example.com/v1/secret/data/app", "2048", "8080", "86400",
	"yes", "no", "True", "False", "None", "nil", "undefined", "NULL", "getPassword()", "vault.read('secret/app')",
	"settings.SECRET_KEY", "config['api_key']", "params[:password]", "ENV['TOKEN']", "ENV.fetch('TOKEN')",
	`os.Getenv("TOKEN")`, "self.api_key", "v1.2.3", "testing", "#{ENV['TOKEN']}", "@@SECRET@@",
}

// digests under names that say they are one
var gmDigestNames = [][]string{{"password", "hash"}, {"secret", "checksum"}, {"token", "digest"}, {"key", "fingerprint"}, {"sha256"}}

func TestGateMatrixNegatives(t *testing.T) {
	e := Default()
	r := rand.New(rand.NewSource(380))
	bad := 0
	for _, nm := range gmNames {
		for si, st := range gmStyles {
			k := gmStyle(st, nm.words)
			for ni, v := range gmNegatives {
				if (nm.kind == "password" || nm.kind == "pin") && pwLiteral[v] {
					continue
				}
				syn := gmSyntaxes[(si+ni)%len(gmSyntaxes)]
				if strings.ContainsAny(v, syn.forbid) {
					syn = gmSyntaxes[3+(ni%2)*3] // quoted or json
					if strings.ContainsAny(v, syn.forbid) {
						syn = gmSyntaxes[4]
					}
				}
				in := gmFill(syn, k, v)
				for _, m := range scanAll(e, in) {
					bad++
					t.Errorf("NEG %q: %s %q", in, m.Rule.ID, m.Value)
				}
			}
		}
	}
	for _, w := range gmDigestNames {
		for si, st := range gmStyles {
			k := gmStyle(st, w)
			for _, n := range []int{32, 40, 64} {
				v := gmRand(r, n, "0123456789abcdef")
				syn := gmSyntaxes[(si+n)%len(gmSyntaxes)]
				in := gmFill(syn, k, v)
				for _, m := range scanAll(e, in) {
					bad++
					t.Errorf("NEG digest %q: %s %q", in, m.Rule.ID, m.Value)
				}
			}
		}
	}
	_ = bad
}

// The probes the gates missed before gates38: one line each, the value plainly random.
// The two gates38 left (an unquoted value with one bracket) are found since gates40,
// when the value is its line's whole value (TestGateProbes40).
func TestGateProbes(t *testing.T) {
	e := Default()
	for _, c := range []struct{ in, want string }{
		{"SECRET=Xq7Lm2pR9vTz", "Xq7Lm2pR9vTz"},
		{"API_SECRET=Xq7Lm2pR9vTz", "Xq7Lm2pR9vTz"},
		{`SHARED_SECRET="Xq7Lm2pR9vTz"`, "Xq7Lm2pR9vTz"},
		{"shared_secret: Xq7Lm2pR9vTz", "Xq7Lm2pR9vTz"},
		{"SHARED_SECRET=Xq7Lm2pR9vTz4kQ", "Xq7Lm2pR9vTz4kQ"},
		{"RADIUS_SHARED_SECRET=Yyifyk446yl", "Yyifyk446yl"},
		{"password = -5iaqMUyV4Zhi4POSO5dtmY6", "-5iaqMUyV4Zhi4POSO5dtmY6"},
		{"client_secret = /Czzb5VUaK2ZnrBgws2OsStSjpckO/uvstRnJYzRG6dW", "/Czzb5VUaK2ZnrBgws2OsStSjpckO/uvstRnJYzRG6dW"},
		{"PASSWORD=+90fXaWKubMMMzIc6hcwp2TRQ", "+90fXaWKubMMMzIc6hcwp2TRQ"},
	} {
		if !gmFound(scanAll(e, c.in), c.want) {
			t.Errorf("MISS %q: got %s", c.in, describe(scanAll(e, c.in)))
		}
	}
	// a URL query's next parameter ends the value even when it has no '=' ("&debug"): an
	// '&' inside a query value is written %26;
	for _, c := range []struct{ in, want string }{
		{`curl "https://h.example/login?user=bob&password=Heron370xyz&debug"`, "Heron370xyz"},
		{"GET /v1/feed?token=Xq7Lm2pR9vTz4kQw&raw HTTP/1.1", "Xq7Lm2pR9vTz4kQw"},
		// a pipe, a redirection or a closing bracket with a command's or a word's name after
		// it ends the value, as it did before gates38's stray symbols
		{"export TOKEN=Xq7Lm2pR9vTz4kQw|base64 -d", "Xq7Lm2pR9vTz4kQw"},
		{"echo api_key=Xq7Lm2pR9vTz4kQw|tee -a .env", "Xq7Lm2pR9vTz4kQw"},
		{"(api_key=Xq7Lm2pR9vTz4kQw)and more", "Xq7Lm2pR9vTz4kQw"},
	} {
		found := false
		for _, m := range scanAll(e, c.in) {
			found = found || m.Value == c.want
		}
		if !found {
			t.Errorf("%q: want the value %q, got %s", c.in, c.want, describe(scanAll(e, c.in)))
		}
	}
	h11Quiet(t, []string{
		"shared_secret=4096", "shared_secret: test", "password = -5", "password = --verbose", "secret = /etc/raddb/secret.key",
		"token=f(x)", "secret = a[0]", "url=https://h.example/?a=1&secret=2", "x = foo(bar1234567890ABCdef)",
		"api_token: data:image/png;base64,VUdzSGRRNk5Yb1NpUDg4cGtkam9lUXM5TlBiSm1z",
		"SECRET=abc&& make install",
	})
}

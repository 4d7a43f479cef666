package detect

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"strconv"
	"strings"
)

// Example templates keep credentials out of the source: every rule's examples are
// written with placeholders that ExpandExample fills with seeded random text of the right
// alphabet, and checksummed formats are computed rather than copied.
//
//	{a:24}  alphanumerics        {h:32} lower hex      {H:32} upper hex
//	{d:10}  digits               {l:8}  lower case     {U:16} upper case
//	{u:20}  URL-safe (A-Za-z0-9_-)  {b:40} base64 (A-Za-z0-9+/)  {B:34} letters
//	{L:48}  lower case and digits   {V:20} upper case and digits  {32:16} base32 (A-Z2-7)
//	{z:52}  lower-case base32       {bech:58} bech32 upper case
//	{gh}    30 base62 characters and their CRC32 (GitHub, npm); {badgh} with a wrong one
//	{uuid}  {jwt}  {basic:USER} (base64 of USER:random)  {grafana} (a Grafana legacy API key)
//	{pem:LABEL} {pemj:LABEL} {pemjj:LABEL} a PEM block with real, "\n" or "\\n" newlines
//	{b64pem:LABEL}  a PEM block base64-encoded whole
//	{openssh:CIPHER}  an OpenSSH private key whose cipher is CIPHER ("none", "aes256-ctr")
//	{putty}  a PuTTY private key file
//	{card:PREFIX:LEN} {badcard:PREFIX:LEN}  Luhn-valid and -invalid card numbers;
//	{cards:…} {cardd:…} valid ones grouped by four with spaces or dashes
//	{iban:CC} {badiban:CC} {ibans:CC}  valid, invalid and space-grouped IBANs
//	{prc} {badprc}  PRC resident IDs with right and wrong check digits
var exampleClasses = map[string]string{
	"a":  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
	"x":  "0123456789abcdefABCDEF",
	"k":  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_",
	"e":  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-",
	"m":  "abcdefghijklmnopqrstuvwxyz0123456789-",
	"n":  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-",
	"j":  "abcdefghijklmnopqrstuvwxyz0123456789_",
	"p":  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=",
	"y":  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/._-",
	"f":  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/_.-",
	"c":  "ABCDEF0123456789-",
	"o":  "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-",
	"q":  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789=_-",
	"r":  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=_-",
	"s":  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789=._-",
	"t":  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+=._-",
	"w":  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_+/",
	"h":  "0123456789abcdef",
	"H":  "0123456789ABCDEF",
	"d":  "0123456789",
	"l":  "abcdefghijklmnopqrstuvwxyz",
	"U":  "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
	"u":  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-",
	"b":  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
	"B":  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
	"L":  "abcdefghijklmnopqrstuvwxyz0123456789",
	"V":  "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
	"32": "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567",
	"z":  "abcdefghijklmnopqrstuvwxyz234567",
	// bech32, for age keys
	"bech": "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L",
}

// ExpandExample fills an example template. The same template always gives the same text.
func ExpandExample(tmpl string) string {
	h := fnv.New64a()
	h.Write([]byte(tmpl))
	g := &exampleGen{rng: rand.New(rand.NewPCG(h.Sum64(), 0x6c65616b))}
	var out strings.Builder
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			out.WriteString(tmpl)
			return out.String()
		}
		j := strings.IndexByte(tmpl[i:], '}')
		if j < 0 {
			out.WriteString(tmpl)
			return out.String()
		}
		spec := tmpl[i+1 : i+j]
		if v, ok := g.expand(spec); ok {
			out.WriteString(tmpl[:i])
			out.WriteString(v)
			tmpl = tmpl[i+j+1:]
		} else {
			// Not a placeholder ("{{ .Values.key }}", a JSON object): keep the brace.
			out.WriteString(tmpl[:i+1])
			tmpl = tmpl[i+1:]
		}
	}
}

type exampleGen struct{ rng *rand.Rand }

func (g *exampleGen) str(alphabet string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[g.rng.IntN(len(alphabet))]
	}
	return string(b)
}

func (g *exampleGen) expand(spec string) (string, bool) {
	name, arg, _ := strings.Cut(spec, ":")
	if alpha, ok := exampleClasses[name]; ok {
		n, err := strconv.Atoi(arg)
		if err != nil || n <= 0 {
			return "", false
		}
		return g.str(alpha, n), true
	}
	switch name {
	case "gh", "badgh":
		body := g.str(base62Alphabet, 30)
		sum := base62CRC([]byte(body))
		if name == "badgh" {
			sum[5] = base62Alphabet[(strings.IndexByte(base62Alphabet, sum[5])+1)%62]
		}
		return body + string(sum[:]), true
	case "uuid":
		h := g.str(exampleClasses["h"], 32)
		return h[:8] + "-" + h[8:12] + "-4" + h[13:16] + "-a" + h[17:20] + "-" + h[20:], true
	case "jwt":
		enc := base64.RawURLEncoding.EncodeToString
		hdr := enc([]byte(`{"alg":"HS256","typ":"JWT"}`))
		pl := enc([]byte(fmt.Sprintf(`{"sub":"%d","iat":%d}`, g.rng.IntN(1e9), 1700000000+g.rng.IntN(1e7))))
		return hdr + "." + pl + "." + g.str(exampleClasses["u"], 43), true
	case "grafana":
		// a Grafana legacy API key: base64 of {"k":"<32 alnum>","n":"<name>","id":N}
		return base64.StdEncoding.EncodeToString([]byte(fmt.Sprintf(`{"k":"%s","n":"ci-%s","id":%d}`,
			g.str(exampleClasses["a"], 32), g.str(exampleClasses["l"], 6), 1+g.rng.IntN(99)))), true
	case "basic":
		return base64.StdEncoding.EncodeToString([]byte(arg + ":" + g.str(exampleClasses["a"], 14))), true
	case "pem", "pemj", "pemjj":
		nl := map[string]string{"pem": "\n", "pemj": `\n`, "pemjj": `\\n`}[name]
		return g.pem(arg, nl, nil), true
	case "b64pem":
		return base64.StdEncoding.EncodeToString([]byte(g.pem(arg, "\n", nil))), true
	case "openssh":
		var body bytes.Buffer
		body.WriteString("openssh-key-v1\x00")
		binary.Write(&body, binary.BigEndian, uint32(len(arg)))
		body.WriteString(arg)
		for body.Len() < 300 {
			body.WriteByte(byte(g.rng.IntN(256)))
		}
		return g.pem("OPENSSH PRIVATE KEY", "\n", body.Bytes()), true
	case "putty":
		return "PuTTY-User-Key-File-2: ssh-rsa\nEncryption: none\nComment: rsa-key\nPublic-Lines: 2\n" +
			g.str(exampleClasses["b"], 64) + "\n" + g.str(exampleClasses["b"], 40) + "\nPrivate-Lines: 2\n" +
			g.str(exampleClasses["b"], 64) + "\n" + g.str(exampleClasses["b"], 40) + "\nPrivate-MAC: " +
			g.str(exampleClasses["h"], 40), true
	case "card", "badcard", "cards", "cardd":
		prefix, ls, _ := strings.Cut(arg, ":")
		n, err := strconv.Atoi(ls)
		if err != nil {
			return "", false
		}
		for {
			num := prefix + g.str(exampleClasses["d"], n-len(prefix))
			if luhnOK([]byte(num)) == (name != "badcard") {
				switch name {
				case "cards":
					return group4(num, " "), true
				case "cardd":
					return group4(num, "-"), true
				}
				return num, true
			}
		}
	case "ibans":
		v, _ := g.expand("iban:" + arg)
		return group4(v, " "), true
	case "iban", "badiban":
		want := ibanLengths[arg]
		if want == 0 {
			return "", false
		}
		for {
			bban := g.str(exampleClasses["d"], want-4)
			for ck := 2; ck < 99; ck++ {
				s := fmt.Sprintf("%s%02d%s", arg, ck, bban)
				if ibanOK([]byte(s)) == (name == "iban") {
					return s, true
				}
			}
		}
	case "prc", "badprc":
		for {
			body := fmt.Sprintf("110105%04d%02d%02d%s", 1960+g.rng.IntN(40), 1+g.rng.IntN(12), 1+g.rng.IntN(28), g.str(exampleClasses["d"], 3))
			for _, c := range "0123456789X" {
				s := body + string(c)
				if prcIDOK([]byte(s)) == (name == "prc") {
					return s, true
				}
			}
		}
	}
	return "", false
}

func group4(s, sep string) string {
	var parts []string
	for len(s) > 4 {
		parts = append(parts, s[:4])
		s = s[4:]
	}
	return strings.Join(append(parts, s), sep)
}

// pem writes a PEM block with the given newline spelling; der is random when nil.
func (g *exampleGen) pem(label, nl string, der []byte) string {
	if der == nil {
		der = make([]byte, 600)
		for i := range der {
			der[i] = byte(g.rng.IntN(256))
		}
	}
	body := base64.StdEncoding.EncodeToString(der)
	var b strings.Builder
	b.WriteString("-----BEGIN " + label + "-----" + nl)
	for len(body) > 64 {
		b.WriteString(body[:64] + nl)
		body = body[64:]
	}
	b.WriteString(body + nl + "-----END " + label + "-----")
	return b.String()
}

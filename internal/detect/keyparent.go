package detect

import "bytes"

// A bare "key" holds cache keys, digests and ids as often as secrets, so the generic
// rule takes no hex there (bareKeyValue). Its section says which: OctoPrint's
// config.yaml keeps its API key as "api:\n  key: <32 hex>", an INI file as "[api]\nkey =
// …". apiParentAt reads the name of the YAML mapping or the INI section that holds the
// key at ks; a name whose last word is an API's, an access's or a credential's makes
// the hex value that secret (apiHexKey).

// apiParentWords are the section names that make a bare key a credential.
var apiParentWords = map[string]bool{"api": true, "apikey": true, "access": true, "auth": true, "authentication": true,
	"credentials": true, "credential": true, "secrets": true, "license": true, "licence": true, "webhook": true,
	"integration": true, "rest": true, "restapi": true, "client": true}

// apiParentAt reports a key at ks whose YAML parent mapping or INI section is named by
// one of apiParentWords.
func apiParentAt(data []byte, ks int) bool {
	// the key starts its line: only blanks before it (read back over them alone, not
	// to the start of a long line for each key on it)
	ls := ks
	for ls > 0 && (data[ls-1] == ' ' || data[ls-1] == '\t') {
		ls--
	}
	if ls > 0 && data[ls-1] != '\n' {
		return false
	}
	indent := ks - ls
	p := ls
	for n := 0; n < 40 && p > 0; n++ {
		// the line before p
		le := p - 1
		s := le
		for s > 0 && data[s-1] != '\n' {
			s--
		}
		p = s
		line := bytes.TrimRight(data[s:le], " \t\r")
		body := bytes.TrimLeft(line, " \t")
		if len(body) == 0 || body[0] == '#' || body[0] == ';' {
			continue
		}
		in := len(line) - len(body)
		if indent == 0 {
			// an INI section's header
			if body[0] == '[' && body[len(body)-1] == ']' {
				return apiParentName(body[1 : len(body)-1])
			}
			if in == 0 && body[len(body)-1] == ':' {
				return false // a YAML mapping's key at the top: no parent
			}
			continue
		}
		if in < indent {
			// the YAML parent: "name:" with nothing after it
			if body[len(body)-1] != ':' {
				return false
			}
			return apiParentName(body[:len(body)-1])
		}
	}
	return false
}

// apiParentName reports a section name whose last word is one of apiParentWords.
func apiParentName(name []byte) bool {
	name = bytes.Trim(name, "\"' -")
	i := bytes.LastIndexAny(name, "._- ")
	return len(name) > 0 && apiParentWords[string(bytes.ToLower(name[i+1:]))]
}

// apiHexKey is the hex a key under such a section holds: 32 to 64 digits, letters and
// digits both, no run of one digit repeated (a placeholder's "0000…").
func apiHexKey(v []byte) bool {
	if len(v) < 32 || len(v) > 64 || !allHex(v) || isPlaceholder(v) {
		return false
	}
	letters, digits := 0, 0
	for _, c := range v {
		if isDigit(c) {
			digits++
		} else {
			letters++
		}
	}
	return letters >= 4 && digits >= 4 && entropy(v) >= 3.0
}

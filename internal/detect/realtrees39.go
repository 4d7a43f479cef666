package detect

import (
	"bytes"
	"strings"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// Real-tree classes of stop 39 (issue 11), read from a second Python tree built for
// the purpose (scripts/tuning-trees.sh --extract: PyPy's standard library, OpenStack's
// services, cloud SDKs, documentation tools). Each holds for any language that writes
// the same form:
//
//   - docTypeField: a value in the body of a documentation field that declares a type,
//     reStructuredText's and Sphinx's ":type password: ~pkg.models.SecretBase",
//     ":vartype", ":paramtype", ":rtype", ":kwtype" and epydoc's "@type": the body is a
//     type's name, never the value of the thing it types.
//   - renamedField: a value that spells the name of a field near it in another case
//     style, a serializer's table of wire names ("net_ipv4_neigh_default_gc_thresh1":
//     {"key": "netIpv4NeighDefaultGcThresh1"}, "p2_s_vpn_gateway": {"key":
//     "properties.p2SVpnGateway"}): the value is a name, in camelCase where the field is
//     in snake_case or kebab-case.
//   - typeExpr: a value that is a generic type expression, a capitalised type name and
//     a bracketed list of names ("community: Optional[List[str]] = None",
//     password: "Optional[str]").
//   - escapeCut: a value that starts inside a URL's percent escape ("%2Fazure-sdk-…"
//     read from "…azure-sdk-for-python%2Fazure-sdk-…"): a token is not cut from the
//     middle of an escape.
//   - digestField: a value right after a digest algorithm's name and '=' (a wheel's
//     RECORD line "pkg/codecov.yml,sha256=AnHc_mCd…,63", a "sha512=" checksum): a
//     file's hash, whatever name stands near it.
//   - defAnnotation: a quoted string after a parameter's name and ':' in a Python def's
//     parameter list (def __init__(self, *, url: JSON, password: "_models.SecretBase",
//     **kwargs)): there it is the parameter's type, a default stands after '='. The value
//     must read as a type's name ('pkg_2_1.Cl13nTqZ.Creds' still counts).
//   - humpedName: a provider's key read inside an identifier of 30 or more letters that
//     a declaration or an import names ("from .._vendor import
//     AzureArcVMwareManagementServiceAPIMixinABC" read as an Azure key by its APIM).

// treeRound39 reports a secret match that one of the round's classes explains.
func treeRound39(data []byte, m rawMatch) bool {
	if m.r.Category != finding.Secret || m.start <= 1 || m.end > len(data) || m.start >= m.end {
		return false
	}
	if escapeCut(data, m.start) || digestField(data, m.start) || typeExpr(m.value) || defAnnotation(data, m.start, m.value) ||
		m.r.prio > prioGeneric && humpedName(m.value) && declared(data, m.start) {
		return true
	}
	// the line is read only for a value after ':' (a field's body) or one shaped as a
	// renamed field's name
	field := data[m.start-1] == ':' || data[m.start-1] == ' ' && data[m.start-2] == ':'
	tail, renamed := renamedShape(m.value)
	if !field && !renamed {
		return false
	}
	ls := lineStartWithin(data, m.start, round39Width)
	if ls > 0 && data[ls-1] != '\n' {
		return false // a line longer than round39Width before the value is none of these
	}
	return field && docTypeField(data[ls:m.start]) || renamed && renamedField(data, ls, m.start, tail)
}

// round39Width is how far back the round's classes read the value's line.
const round39Width = 512

// escapeCut reports a value whose first two bytes are the hex digits of a percent
// escape of a separator: '/', ':' or a blank (%2F, %3A, %20).
func escapeCut(data []byte, at int) bool {
	if at < 1 || at+1 >= len(data) || data[at-1] != '%' {
		return false
	}
	switch data[at] {
	case '2':
		return data[at+1]|0x20 == 'f' || data[at+1] == '0'
	case '3':
		return data[at+1]|0x20 == 'a'
	}
	return false
}

// docTypeField reports a line, read up to the value, that is a documentation field
// declaring a type: optional blanks and a comment leader, ':' or '@', a field kind that
// names a type, the field's argument and its closing ':'.
func docTypeField(pre []byte) bool {
	i := 0
	for i < len(pre) && (pre[i] == ' ' || pre[i] == '\t' || pre[i] == '#' || pre[i] == '*' || pre[i] == '/') {
		i++
	}
	if i >= len(pre) || pre[i] != ':' && pre[i] != '@' {
		return false
	}
	i++
	j := i
	for j < len(pre) && is(pre[j], cLower) {
		j++
	}
	switch string(pre[i:j]) {
	case "type", "vartype", "paramtype", "rtype", "kwtype":
	default:
		return false
	}
	// the field's argument (a name, absent for rtype) and the ':' that ends the field
	// list marker, before the value
	c := bytes.IndexByte(pre[j:], ':')
	if c < 0 {
		return false
	}
	for _, b := range pre[j : j+c] {
		if b != ' ' && b != '\t' && !is(b, cAlnum|cUnder) && b != '.' && b != '*' {
			return false
		}
	}
	return true
}

// typeExpr reports a capitalised name and a bracketed list of names, nested or not
// ("Optional[str]", "Optional[List[str]]", "Dict[str, Any]").
func typeExpr(v string) bool {
	if len(v) < 5 || !is(v[0], cUpper) || v[len(v)-1] != ']' {
		return false
	}
	if b := strings.IndexByte(v, '['); b < 0 || !codeIdent(v[:b]) {
		return false
	}
	depth, open := 0, false
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c == '[':
			if i == 0 || !is(v[i-1], cAlnum|cUnder) {
				return false
			}
			depth++
			open = true
		case c == ']':
			depth--
			if depth < 0 || i > 0 && v[i-1] == '[' {
				return false
			}
		case c == ',' || c == ' ' || c == '.' || c == '|':
			if depth == 0 {
				return false
			}
		case !is(c, cAlnum|cUnder):
			return false
		}
	}
	return open && depth == 0
}

// renamedShape reports a value that may be a renamed field's name: a camelCase name
// (after an optional dotted path, which it drops) of 6 to 80 letters and digits with a
// lower-to-upper hump and at most two digits (a random token of that length holds
// more all but always).
func renamedShape(v string) (string, bool) {
	if d := strings.LastIndexByte(v, '.'); d >= 0 {
		v = v[d+1:]
	}
	if len(v) < 6 || len(v) > 80 || !is(v[0], cLower|cUpper) {
		return "", false
	}
	hump, digits := false, 0
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !is(c, cAlnum) {
			return "", false
		}
		if is(c, cDigit) {
			if digits++; digits > 2 {
				return "", false
			}
		}
		if i > 0 && is(c, cUpper) && is(v[i-1], cLower|cDigit) {
			hump = true
		}
	}
	return v, hump
}

// renamedField reports a name v (renamedShape's) that folds (lower case, letters and
// digits only) to the fold of a snake_case or kebab-case name on its line before it or
// on the line above.
func renamedField(data []byte, ls, at int, v string) bool {
	from := ls
	if ls > 0 {
		from = lineStartWithin(data, ls-1, round39Width)
	}
	text := data[from:at]
	for i := 0; i < len(text); {
		if !is(text[i], cAlnum|cUnder) && text[i] != '-' {
			i++
			continue
		}
		j, sep := i, false
		for j < len(text) && (is(text[j], cAlnum|cUnder) || text[j] == '-') {
			if text[j] == '_' || text[j] == '-' {
				sep = true
			}
			j++
		}
		if sep && foldEqual(text[i:j], v) {
			return true
		}
		i = j
	}
	return false
}

// foldEqual reports whether name, without its '_' and '-' and in lower case, is v in
// lower case.
func foldEqual(name []byte, v string) bool {
	k := 0
	for _, b := range name {
		if b == '_' || b == '-' {
			continue
		}
		if k >= len(v) || lowerASCII(b) != lowerASCII(v[k]) {
			return false
		}
		k++
	}
	return k == len(v)
}

// humpedName reports a provider match that may be an identifier: 30 or more letters,
// no digit or symbol, and four or more lower-to-upper humps. (Random keys of letters
// alone have that shape too: the caller asks for a declaration before it.)
func humpedName(v string) bool {
	if len(v) < 30 {
		return false
	}
	humps := 0
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !is(c, cLower|cUpper) {
			return false
		}
		if i > 0 && is(c, cUpper) && is(v[i-1], cLower) {
			humps++
		}
	}
	return humps >= 4
}

// declared reports a value right after a word that declares or imports a name: import,
// class, interface, struct, type, extends, implements, new, def, func, function.
func declared(data []byte, at int) bool {
	p := at
	for p > 0 && (data[p-1] == ' ' || data[p-1] == '\t') {
		p--
	}
	if p == at {
		return false
	}
	e := p
	for p > 0 && is(data[p-1], cLower) && e-p < 12 {
		p--
	}
	if p > 0 && is(data[p-1], cAlnum|cUnder) {
		return false
	}
	switch string(data[p:e]) {
	case "import", "class", "interface", "struct", "type", "extends", "implements", "new", "def", "func", "function":
		return true
	}
	return false
}

// defAnnotation reports a quoted value (at is its first byte) that reads as a type's
// name (dotted parts that each read as code names things, codeIdent) and follows "name: "
// in the open parameter list of a Python def that starts at most defBack bytes before.
func defAnnotation(data []byte, at int, v string) bool {
	p := at - 1
	if p < 0 || data[p] != '"' && data[p] != '\'' {
		return false
	}
	p--
	for p >= 0 && data[p] == ' ' {
		p--
	}
	if p < 1 || data[p] != ':' || !is(data[p-1], cAlnum|cUnder) {
		return false
	}
	p--
	for p >= 0 && is(data[p], cAlnum|cUnder) {
		p--
	}
	// the parameter's name follows '(' or ',' (and blanks, '*')
	for p >= 0 && (data[p] == ' ' || data[p] == '\t' || data[p] == '\n' || data[p] == '\r' || data[p] == '*') {
		p--
	}
	if p < 0 || data[p] != '(' && data[p] != ',' {
		return false
	}
	floor := max(0, at-defBack)
	d := bytes.LastIndex(data[floor:at], []byte("def "))
	if d < 0 {
		return false
	}
	d += floor
	// "def" (or "async def") starts its line's code and the parameter list it opens is
	// still open
	ls := d
	for ls > 0 && data[ls-1] != '\n' {
		ls--
	}
	lead := bytes.TrimLeft(data[ls:d], " \t")
	if len(lead) > 0 && string(lead) != "async " {
		return false
	}
	depth := 0
	for _, b := range data[d:at] {
		switch b {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return false
			}
		case ':':
			if depth == 0 {
				return false
			}
		}
	}
	if depth < 1 || v == "" || v[len(v)-1] == '.' {
		return false
	}
	for v != "" {
		part := v
		if d := strings.IndexByte(v, '.'); d >= 0 {
			part, v = v[:d], v[d+1:]
		} else {
			v = ""
		}
		if !codeIdent(part) {
			return false
		}
	}
	return true
}

// defBack is how far back defAnnotation looks for the def.
const defBack = 2048

// digestField reports a value in the digest right after "sha1=", "sha224=", "sha256=", "sha384=",
// "sha512=" or "md5=" (any case), the name standing at a word's start.
func digestField(data []byte, at int) bool {
	// the value may start inside the digest (a provider's shape found in its tail)
	for s := at; at > 0 && s-at < 128 && (is(data[at-1], cAlnum|cUnder) || data[at-1] == '-' || data[at-1] == '+' || data[at-1] == '/'); {
		at--
	}
	if at < 4 || data[at-1] != '=' {
		return false
	}
	e := at - 1
	p := e
	for p > 0 && is(data[p-1], cAlnum) && e-p < 6 {
		p--
	}
	if p > 0 && is(data[p-1], cAlnum|cUnder) {
		return false
	}
	switch strings.ToLower(string(data[p:e])) {
	case "sha1", "sha224", "sha256", "sha384", "sha512", "md5":
		return true
	}
	return false
}

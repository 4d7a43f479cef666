package detect

import "bytes"

// Settings that application files written in XML name by an attribute or a sibling
// list (docLayoutDet's readers):
//
//   - an item of an XML export named by its "name" attribute, its value in the
//     element's text (Lotus Domino's DXL: <item name='HTTP_SSO_LtpaPassword'><text>…
//     </text></item>): a password when the name is a password key. A value in
//     parentheses is Domino's hash of the password, not the password.
//   - a launch argument of an Xcode scheme (<CommandLineArgument argument = "-Key
//     value">): Apple's apps read "-Key value" on their command line into their user
//     defaults, so a key that names a password gives the password (quoted inside the
//     attribute as &quot;…&quot;).
//   - QGIS project variables: a project file keeps them as two parallel string lists,
//     <variableNames> and <variableValues>, one <value> each; the value at the place
//     of a name that is a secret or password word is that secret.

// namedItem reads <item name='KEY' …><text>VALUE</text></item> (the <text> may sit in a
// <textlist>, or be left out).
func (d *docLayoutDet) namedItem(sc *scanner, _, end int) {
	data := sc.data
	if d.password == nil || end >= len(data) || (data[end] != '\'' && data[end] != '"') {
		return
	}
	q := data[end]
	le := lineEndWithin(data, end, 600)
	ne := bytes.IndexByte(data[end+1:le], q)
	if ne <= 0 || ne > 80 {
		return
	}
	name := data[end+1 : end+1+ne]
	segs := keySegments(name, nil, nil)
	if !passwordKey(segs) {
		return
	}
	p := end + 1 + ne + 1
	gt := bytes.IndexByte(data[p:le], '>')
	if gt < 0 || data[p+gt-1] == '/' {
		return
	}
	p += gt + 1
	for _, t := range []string{"<textlist>", "<text>"} {
		if bytes.HasPrefix(data[p:le], []byte(t)) {
			p += len(t)
		}
	}
	ve := bytes.IndexByte(data[p:le], '<')
	if ve <= 0 {
		return
	}
	v := data[p : p+ve]
	if len(v) < 4 || v[0] == '(' && v[len(v)-1] == ')' || isPlaceholder(v) {
		return
	}
	sc.emit(d.password, p, p+ve, string(v))
}

// launchArgument reads argument = "-KEY VALUE" of an .xcscheme.
func (d *docLayoutDet) launchArgument(sc *scanner, _, end int) {
	data := sc.data
	if d.password == nil {
		return
	}
	le := lineEndWithin(data, end, 600)
	ks := end
	ke := ks
	for ke < le && (asciiAlnum(data[ke]) || data[ke] == '_' || data[ke] == '.') {
		ke++
	}
	if ke == ks || ke >= le || data[ke] != ' ' {
		return
	}
	if !passwordKey(keySegments(data[ks:ke], nil, nil)) {
		return
	}
	vs := ke + 1
	ve := bytes.LastIndexByte(data[vs:le], '"')
	if ve <= 0 {
		return
	}
	ve += vs
	const q = "&quot;"
	if ve-vs > 2*len(q) && bytes.HasPrefix(data[vs:ve], []byte(q)) && bytes.HasSuffix(data[vs:ve], []byte(q)) {
		vs, ve = vs+len(q), ve-len(q)
	}
	v := data[vs:ve]
	if len(v) < 4 || isPlaceholder(v) || bytes.HasPrefix(v, []byte("$(")) {
		return
	}
	sc.emit(d.password, vs, ve, string(v))
}

// qgsVariables pairs the <variableValues> list with the <variableNames> list before
// it (on the lines just above).
func (d *docLayoutDet) qgsVariables(sc *scanner, at, end int) {
	data := sc.data
	lo := max(0, at-2048)
	ni := bytes.LastIndex(bytes.ToLower(data[lo:at]), []byte("<variablenames"))
	if ni < 0 {
		return
	}
	ni += lo
	nEnd := bytes.Index(data[ni:at], []byte("</"))
	if nEnd < 0 {
		return
	}
	vEnd := bytes.Index(data[end:min(len(data), end+8192)], []byte("</variableValues>"))
	if vEnd < 0 {
		return
	}
	names := xmlValues(data, ni, at)
	vals := xmlValues(data, end, end+vEnd)
	if len(names) != len(vals) {
		return
	}
	var segBuf [][]byte
	var scratch []byte
	for i, n := range names {
		segs := keySegments(data[n[0]:n[1]], segBuf[:0], scratch[:0])
		vs, ve := vals[i][0], vals[i][1]
		v := data[vs:ve]
		switch {
		case d.password != nil && passwordKey(segs):
			if len(v) >= 6 && !isPlaceholder(v) {
				sc.emit(d.password, vs, ve, string(v))
			}
		case d.secret != nil && genericKey(segs):
			if len(v) >= 16 && generatedBody(0)(v) && bytes.IndexByte(v, ' ') < 0 {
				sc.emit(d.secret, vs, ve, string(v))
			}
		}
	}
}

// xmlValues is the text of each <value>…</value> element in data[lo:hi], as spans.
func xmlValues(data []byte, lo, hi int) [][2]int {
	var out [][2]int
	for p := lo; p < hi && len(out) < 64; {
		i := bytes.Index(data[p:hi], []byte("<value>"))
		if i < 0 {
			break
		}
		vs := p + i + len("<value>")
		j := bytes.Index(data[vs:hi], []byte("</value>"))
		if j < 0 {
			break
		}
		out = append(out, [2]int{vs, vs + j})
		p = vs + j + len("</value>")
	}
	return out
}

package detect

// Identity numbers in their documented printed forms: a form whose punctuation no
// other number shares and whose check digit (or digits) few strings pass is an identity
// number wherever it stands, without a word naming it — the reader of an unknown
// language's message, or of a record whose field names nothing, still sees
// "756.1234.5678.97" or "123.456.789-09". Each form here was counted on the real trees
// (Go modules, the Cloud SDK, the Go, Java and Python libraries, /usr/share/doc, man,
// nmap, /usr/include) before it was read without context.

// printedForm: the shapes (natIDDet.hit's group pattern) read without context:
// Switzerland's AHV (756 and an EAN-13 check), Brazil's CPF and CNPJ (two mod-11
// checks) and Belgium's national number (a date and a mod-97 check). Chile's RUT with
// a digit check (one number in eleven passes) and Thailand's grouped ID stay read after
// a name ("order 12.970.677-5" is an order); the RUT whose check is K is read alone
// (rutKForm): dotted groups ending "-K" are written for nothing else.
func printedForm(shape string) bool {
	switch shape {
	case "3.4.4.2", "3.3.3-2", "2.3.3/4-2", "2.2.2-3.2":
		return true
	}
	return false
}

// printedFree reports whether the printed number at [s, e) stands as a value of its
// own: not a version, release or build number, and not one group of a longer dotted
// or dashed run (an OID, a version string, a table of figures).
func printedFree(data []byte, s, e int) bool {
	if s > 0 && (data[s-1] == '.' || data[s-1] == '-' || data[s-1] == '/' || data[s-1] == ':' && s > 1 && isDigit(data[s-2])) {
		return false
	}
	if e < len(data) && (data[e] == '.' || data[e] == '-' || data[e] == '/') && e+1 < len(data) && isAlnum(data[e+1]) {
		return false
	}
	ls := max(0, s-24)
	for i := s - 1; i >= ls; i-- {
		if data[i] == '\n' {
			ls = i + 1
			break
		}
	}
	before := data[ls:s]
	return !containsFold(before, "version", "release", "build", "ver ", "ver.", "rev ", "rev.", "v.", "oid", "serial")
}

// rutKOK: Chile's RUT whose check is 10, written K: d holds the body's digits only.
func rutKOK(d []byte) bool {
	if len(d) < 7 || len(d) > 8 {
		return false
	}
	sum, w := 0, 2
	for i := len(d) - 1; i >= 0; i-- {
		sum += int(d[i]-'0') * w
		if w++; w > 7 {
			w = 2
		}
	}
	return 11-sum%11 == 10
}

// rutKForm: the RUT "12.345.678-K" (shape "1.3.3" or "2.3.3", then "-K") at [s, end).
func rutKForm(data []byte, shape string, end int) bool {
	return (shape == "1.3.3" || shape == "2.3.3") && end+1 < len(data) && data[end] == '-' &&
		(data[end+1] == 'K' || data[end+1] == 'k') && rightOK(data, end+2)
}

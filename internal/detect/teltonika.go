package detect

// A Teltonika tracker (FMB, FMC, FMM…) is configured by SMS or its configurator with
// "setparam ID:VALUE;ID:VALUE": the parameters 4000 to 4199 are the authorised phone
// numbers the device takes calls and commands from ("setparam 4000:0724745788"). The
// parameter's id is the only sign that the digits are a phone number, in whatever
// notation the operator typed (national, or international without its "+"). Numbers
// written with a "+" are the phone rule's own.

type teltonikaDet struct{ rule *Rule }

var teltonikaAnchors = []string{"setparam "}

func (d *teltonikaDet) anchors() []string { return teltonikaAnchors }

func (d *teltonikaDet) hit(sc *scanner, di, tag, at int) {
	data := sc.data
	if at > 0 && is(data[at-1], cWord) {
		return
	}
	p := at + len(teltonikaAnchors[0])
	for n := 0; n < 32 && p < len(data); n++ {
		ie := run(data, p, cDigit, 6)
		if ie-p != 4 || ie >= len(data) || data[ie] != ':' {
			return
		}
		id := 0
		for _, c := range data[p:ie] {
			id = id*10 + int(c-'0')
		}
		vs := ie + 1
		ve := vs
		for ve < len(data) && data[ve] != ';' && data[ve] != '\n' && data[ve] != '\r' && data[ve] != ' ' && ve-vs < 64 {
			ve++
		}
		if id >= 4000 && id <= 4199 && teltonikaNumber(data[vs:ve]) {
			sc.emit(d.rule, vs, ve, string(data[vs:ve]))
		}
		if ve >= len(data) || data[ve] != ';' {
			return
		}
		p = ve + 1
	}
}

// teltonikaNumber: 7 to 15 digits, not a filler.
func teltonikaNumber(v []byte) bool {
	if len(v) < 7 || len(v) > 15 {
		return false
	}
	for _, c := range v {
		if !isDigit(c) {
			return false
		}
	}
	return !dummyDigits(v)
}

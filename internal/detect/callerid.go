package detect

// A PBX's or phone's notification names the caller by number: "New voicemail from
// 040 859 9186", "Missed call from (11) 98653-0447" (Asterisk's, FreePBX's and
// 3CX's voicemail mails, a handset's missed-call list). The phrase says the number is
// a phone, so a number in its national notation is read after it (international ones
// the phone rule reads anywhere).

var callerAnchors = []string{"voicemail from ", "voice mail from ", "voice message from ", "call from ", "calls from ",
	"message from caller ", "caller id "}

type callerDet struct{ rule *Rule }

func (d *callerDet) anchors() []string { return callerAnchors }

func (d *callerDet) hit(sc *scanner, di, tag, at int) {
	data := sc.data
	// (a long anchor is matched by its first bytes: the whole phrase is confirmed here)
	if at > 0 && is(data[at-1], cAlnum) || !hasPrefixFold(data, at, callerAnchors[tag]) {
		return
	}
	q := at + len(callerAnchors[tag])
	e := q
	for e < len(data) && e-q < 24 && (isDigit(data[e]) || data[e] == ' ' || data[e] == '-' || data[e] == '.' || data[e] == '/' || data[e] == ')' ||
		data[e] == '(' && parenGroup(data, e, len(data))) {
		e++
	}
	for e > q && !isDigit(data[e-1]) {
		e--
	}
	// the number ends the phrase: a blank, punctuation or the line's end follows (a
	// "(37s)" duration after it is no area code: parenGroup)
	if e == q || !rightOK(data, e) || e < len(data) && is(data[e], cAlnum) {
		return
	}
	v := data[q:e]
	// a trunk prefix or an area code in parentheses starts it (not a date, a count)
	if v[0] != '0' && v[0] != '(' || !nationalPhone(v) || !phoneGroupsOK(v) {
		return
	}
	sc.emit(d.rule, q, e, string(v))
	sc.skip[di] = e
}

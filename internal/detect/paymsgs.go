package detect

import "bytes"

// Payment messages whose documented fields hold a party's account:
//
//   - SWIFT MT103/MT101 and their kin: the ordering customer's field 50K/50A/50F and the
//     beneficiary's 59/59A/59F start with "/" and the account on their first line
//     (":59:/12345678"), in a message with a transaction reference field 20 and a
//     value date/amount field 32A or 32B around it.
//   - ISO 20022 XML (pain.001, pain.008, pacs.008, camt.053): a creditor's or debtor's
//     account, <CdtrAcct> or <DbtrAcct>, whose <Id> is not an IBAN (the iban rule reads
//     those) but <Othr><Id>.
type payMsgDet struct{ rule *Rule }

var payMsgAnchors = []string{":59:/", ":59a:/", ":59f:/", ":50k:/", ":50a:/", ":50f:/", "acct>"}

func (d *payMsgDet) anchors() []string { return payMsgAnchors }

func (d *payMsgDet) hit(sc *scanner, di, tag, at int) {
	if payMsgAnchors[tag] == "acct>" {
		d.isoAcct(sc, at)
		return
	}
	data := sc.data
	if at > 0 && data[at-1] != '\n' || !hasPrefixFold(data, at, payMsgAnchors[tag]) {
		return // (the prefilter reads any digit for any digit: ":57A:/" is another party's field)
	}
	lo, hi := max(0, at-2048), min(len(data), at+2048)
	near := data[lo:hi]
	if !bytes.Contains(near, []byte("\n:20:")) && !bytes.HasPrefix(near, []byte(":20:")) || !bytes.Contains(near, []byte(":32A:")) && !bytes.Contains(near, []byte(":32B:")) {
		return
	}
	s := at + len(payMsgAnchors[tag])
	e := s
	for e < len(data) && e-s <= 34 && (isDigit(data[e]) || isUpper(data[e]) || data[e] == '-') {
		e++
	}
	if e-s > 34 || e < len(data) && data[e] != '\n' && data[e] != '\r' {
		return
	}
	v := data[s:e]
	if e-s >= 15 && isUpper(v[0]) && isUpper(v[1]) && ibanOK(v) {
		return // an IBAN: the iban rule's
	}
	if acctField(v) {
		sc.emit(d.rule, s, e, string(v))
	}
}

// isoAcct: at is the "Acct>" of an element that closes or opens; read <CdtrAcct> and
// <DbtrAcct> (with any namespace prefix) that open there.
func (d *payMsgDet) isoAcct(sc *scanner, at int) {
	data := sc.data
	if at < 5 || data[at-1] != 'r' && data[at-1] != 'R' {
		return
	}
	name := data[max(0, at-4):at]
	if !bytes.Equal(name, []byte("Cdtr")) && !bytes.Equal(name, []byte("Dbtr")) {
		return
	}
	o := at - 4
	if o > 0 && data[o-1] == ':' { // a namespace prefix
		for o > 0 && data[o-1] != '<' && data[o-1] != '/' && at-o < 40 {
			o--
		}
	}
	if o == 0 || data[o-1] != '<' {
		return // a closing tag, or no tag
	}
	// the account's <Othr><Id> within its element
	p := at + len("acct>")
	end := min(len(data), p+512)
	if i := bytes.Index(data[p:end], []byte("Acct>")); i >= 0 {
		end = p + i
	}
	area := data[p:end]
	i := bytes.Index(area, []byte("Othr>"))
	if i < 0 {
		return
	}
	j := bytes.Index(area[i:], []byte("Id>"))
	if j < 0 {
		return
	}
	s := p + i + j + len("Id>")
	e := s
	for e < end && e-s <= 34 && (isDigit(data[e]) || isUpper(data[e]) || data[e] == '-') {
		e++
	}
	if e >= end || data[e] != '<' || e-s > 34 {
		return
	}
	if acctField(data[s:e]) {
		sc.emit(d.rule, s, e, string(data[s:e]))
	}
}

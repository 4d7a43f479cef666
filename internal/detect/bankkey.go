package detect

import "bytes"

// A bank account number or an Indian PAN under a key (a JSON or YAML key, an XML
// element, an INI name) whose words name it: bank_account, BankAccountNumber,
// acct_no, BANKDETAILS, kontonummer; pan_no, PANNumber, INCOMETAXNUMBER. The key is the
// context; the value must have the form: six to twenty digits (blanks or hyphens
// between groups) for an account, the PAN's five letters (the fourth its holder's
// type), four digits and a letter.

func addPayKV(kvd *kvDet, pii []*Rule, acct *Rule) {
	// (whole names as anchors: a key that holds an anchor is left to the key-name rules
	// by the reader of unnamed fields, so "pan" or "bank" alone would hide "expander" or
	// "Y3JBankz" from it)
	kvd.add(&kvSpec{rule: acct, keys: []string{"bankdetails", "bank_account", "bankaccount", "bank-account", "bankacct", "bank_acct",
		"accountnumber", "account_number", "account-number", "accountno", "account_no", "acctno", "acct_no", "acctnum", "acct_num",
		"acctnumber", "acct_number", "kontonummer", "kontonr", "bankkonto", "rekeningnummer", "numerodecuenta", "numero_de_cuenta",
		"numerocuenta", "numero_cuenta", "cuentabancaria", "cuenta_bancaria", "numerodeconta", "numero_de_conta", "numeroconta",
		"numero_conta", "contabancaria", "conta_bancaria", "numerodecompte", "numero_de_compte", "numerocompte", "numero_compte",
		"comptebancaire", "compte_bancaire", "payeeaccount", "payee_account", "beneficiaryaccount", "beneficiary_account",
		"creditoraccount", "creditor_account", "debtoraccount", "debtor_account", "depositaccount", "deposit_account"},
		keyOK: bankAcctKey, valueOK: bankAcctValue})
	for _, r := range pii {
		if r.ID == "national-id" {
			kvd.add(&kvSpec{rule: r, keys: []string{"incometax", "income_tax", "pan_no", "panno", "pan_number", "pannumber", "pan_num",
				"pannum", "pan_card", "pancard", "employee_pan", "employeepan"}, keyOK: panKey, valueOK: panOK})
		}
	}
}

// bankAcctKey: the key's words, joined, are one of the names of a bank account's
// number (not its routing or sort code, its holder or type, an IBAN the iban rule
// reads, or a cloud provider's account id).
func bankAcctKey(segs [][]byte) bool {
	if len(segs) == 0 || len(segs) > 6 {
		return false
	}
	j := bytes.Join(segs, nil)
	switch string(j) {
	case "bankdetails", "bankaccount", "bankacct", "bankaccountno", "bankaccountnumber", "bankacctno", "bankacctnumber",
		"accountnumber", "accountno", "acctno", "acctnum", "acctnumber", "accountnum", "accountnbr", "acctnbr",
		"kontonummer", "kontonr", "bankkonto", "rekeningnummer", "numerodecuenta", "numerocuenta", "cuentabancaria",
		"numerodeconta", "numeroconta", "contabancaria", "numerodecompte", "numerocompte", "comptebancaire",
		"payeeaccount", "payeeaccountnumber", "beneficiaryaccount", "beneficiaryaccountnumber", "creditoraccount", "debtoraccount",
		"depositaccount", "depositaccountnumber", "bankaccountdetails":
		return true
	}
	return false
}

// bankAcctValue: six to twenty digits, groups parted by single blanks or hyphens, not a
// run of one digit or a counting sequence.
func bankAcctValue(v []byte) bool {
	var d [24]byte
	nd := 0
	for i, c := range v {
		switch {
		case isDigit(c):
			if nd == len(d) {
				return false
			}
			d[nd] = c
			nd++
		case (c == ' ' || c == '-') && i > 0 && i+1 < len(v) && isDigit(v[i-1]) && isDigit(v[i+1]):
		default:
			return false
		}
	}
	return nd >= 6 && nd <= 20 && !allSame(d[:nd]) && !dummyDigits(d[:nd]) && !countingDigits(d[:nd])
}

// countingDigits: each digit one more (or one less) than the one before, modulo ten
// ("123456789", "9876543210"): a placeholder.
func countingDigits(d []byte) bool {
	up, down := true, true
	for i := 1; i < len(d); i++ {
		up = up && d[i] == '0'+(d[i-1]-'0'+1)%10
		down = down && d[i] == '0'+(d[i-1]-'0'+9)%10
	}
	return up || down
}

// panKey: pan_no, PANNumber, pan_card, INCOMETAXNUMBER, income_tax_no.
func panKey(segs [][]byte) bool {
	if len(segs) == 0 || len(segs) > 4 {
		return false
	}
	switch string(bytes.Join(segs, nil)) {
	case "panno", "pannumber", "pancard", "pancardno", "pancardnumber", "pannum", "incometaxnumber", "incometaxno",
		"incometaxpan", "incometaxid", "panofemployee", "employeepan", "pannoofemployee":
		return true
	}
	return false
}

// panOK: India's Permanent Account Number: three letters, the holder's type (P a
// person, C a company, H a Hindu undivided family, F a firm, A an association, T a
// trust, B a body of individuals, L a local authority, J an artificial juridical
// person, G a government), a letter, four digits (not 0000) and a letter.
func panOK(v []byte) bool {
	if len(v) != 10 || !allDigits(v[5:9]) || string(v[5:9]) == "0000" || !isUpper(v[9]) {
		return false
	}
	for _, c := range v[:5] {
		if !isUpper(c) {
			return false
		}
	}
	return bytes.IndexByte([]byte("PCHFATBLJG"), v[3]) >= 0
}

package detect

import (
	"bytes"
	"unicode"
	"unicode/utf8"
)

// nextClauseValue reads a password that the sentence after the password's word gives
// in a short clause ended by a colon: "I forgot the server password. I wrote it down:
// X", "mikä on palvelimen salasana? Kirjoitin sen ylös: X". The word ends its sentence
// at p ('.', '?' or '!' and a blank); one to five words of letters of any script follow
// on the line, the last one glued to ':', then the value, which must read as a typed
// password (pwPhraseReadProse, typedPassword). A clause with a digit, a sign or code in
// it ("R5: …", "Note: see …") is no such clause.
func nextClauseValue(data []byte, p, end int) (int, int, bool) {
	if p+2 >= end || (data[p] != '.' && data[p] != '?' && data[p] != '!') || data[p+1] != ' ' {
		return 0, 0, false
	}
	q := p + 2
	for words := 0; words < 5 && q < end; words++ {
		te := q
		for te < end && data[te] != ' ' && data[te] != '\t' {
			te++
		}
		tok := data[q:te]
		colon := len(tok) > 1 && tok[len(tok)-1] == ':'
		if colon {
			tok = tok[:len(tok)-1]
		}
		if len(tok) == 0 || len(tok) > 24 {
			return 0, 0, false
		}
		for i := 0; i < len(tok); {
			r, n := utf8.DecodeRune(tok[i:])
			if !unicode.IsLetter(r) && r != '\'' && r != '’' {
				return 0, 0, false
			}
			i += n
		}
		q = run(data[:end], te, cBlank, -1)
		if colon {
			if words == 0 {
				return 0, 0, false // "password. Note: …": a label, not a clause
			}
			vs, ve, ok := pwPhraseReadProse(data, q, end, true)
			if !ok || !typedPassword(data[vs:ve]) || bytes.IndexByte(data[vs:ve], ' ') >= 0 {
				return 0, 0, false
			}
			return vs, ve, true
		}
	}
	return 0, 0, false
}

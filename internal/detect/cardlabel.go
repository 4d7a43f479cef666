package detect

import (
	"unicode"
	"unicode/utf8"
)

// unreadScriptKey reports a key written in scripts other than Latin (and Cyrillic,
// Greek, CJK, Arabic and Hebrew, whose card words cardWordsIntl lists) alone: a label
// whose meaning the card words cannot tell.
func unreadScriptKey(k []byte) bool {
	letters := 0
	for _, r := range string(k) {
		switch {
		case r < utf8.RuneSelf:
			if is(byte(r), cLower|cUpper) {
				return false
			}
		case unicode.IsLetter(r):
			if unicode.In(r, unicode.Latin, unicode.Cyrillic, unicode.Greek, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Arabic, unicode.Hebrew) {
				return false
			}
			letters++
		}
	}
	return letters >= 2
}

package untrusted

import "strings"

// SARIF renders s for the text of a SARIF message. SARIF 2.1.0 plain-text messages may
// embed links ("[text](uri)" or "[text](relatedLocationId)") that viewers such as code
// scanning dashboards make clickable, and backslash is the escape for literal brackets;
// so brackets and backslashes are escaped, on top of Text.
func SARIF(s string) string {
	return sarifReplacer.Replace(Text(s))
}

var sarifReplacer = strings.NewReplacer(`\`, `\\`, "[", `\[`, "]", `\]`)

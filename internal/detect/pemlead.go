package detect

import "bytes"

// pemLead returns the comment mark a PEM block's BEGIN line at offset at starts with —
// "# ", "// ", "-- ", "; ", " * " and the like: at most eight bytes of comment
// punctuation and blanks from the start of its line, with one mark at least — or nil
// when the line starts with the armour itself or with anything else. A quote's or a
// transcript's '>' is no comment: a test's expected output ("  > -----BEGIN") shows a
// key, it does not keep one.
func pemLead(data []byte, at int) []byte {
	ls := at
	for ls > 0 && data[ls-1] != '\n' && at-ls <= 8 {
		ls--
	}
	if ls == at || at-ls > 8 || ls > 0 && data[ls-1] != '\n' {
		return nil
	}
	mark := false
	for _, c := range data[ls:at] {
		switch c {
		case '#', '/', ';', '*', '%', '!', '-', '\'':
			mark = true
		case ' ', '\t':
		default:
			return nil
		}
	}
	if !mark {
		return nil
	}
	return data[ls:at]
}

// unleadPEM returns a commented block's body without the comment mark after each of
// its line breaks.
func unleadPEM(body, lead []byte) []byte {
	nl := make([]byte, 0, len(lead)+1)
	nl = append(append(nl, '\n'), lead...)
	return bytes.ReplaceAll(body, nl, []byte{'\n'})
}

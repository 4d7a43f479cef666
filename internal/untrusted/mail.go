package untrusted

import "mime"

// MailHeader renders s as the value of an unstructured e-mail header such as Subject:
// on one line (a CR or LF would start a header of the sender's choosing, or the body),
// with non-ASCII text encoded as an RFC 2047 encoded-word. Addresses are structured
// headers: use Text for them, and only with addresses from the configuration.
func MailHeader(s string) string {
	return mime.QEncoding.Encode("utf-8", Text(s))
}

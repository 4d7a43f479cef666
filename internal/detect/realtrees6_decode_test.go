package detect

import (
	"encoding/base64"
	"strings"
	"testing"
)

// A value of 172 base64 characters, the longest encodedDisclaimer reads, decodes to 129
// bytes: its 128-byte buffer made base64 panic, and detect crashed on a one-line file.
func TestEncodedDisclaimerLongest(t *testing.T) {
	raw := strings.Repeat("this is not my real password, only a sample for the docs ", 3)[:129]
	v := base64.StdEncoding.EncodeToString([]byte(raw))
	if len(v) != 172 {
		t.Fatalf("len %d", len(v))
	}
	encodedDisclaimer(v) // must not panic
	scanAll(Default(), `password = "`+v+`"`)
}

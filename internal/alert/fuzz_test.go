package alert

import (
	"testing"
	"time"
)

// FuzzVerify feeds hostile signature headers and bodies to the check receivers run on
// every delivery: it must never panic, and must accept only what Sign produced.
func FuzzVerify(f *testing.F) {
	secret := []byte("fuzz-secret")
	now := time.Unix(1_700_000_000, 0)
	f.Add([]byte(`{"a":1}`), Sign(secret, []byte(`{"a":1}`), now))
	f.Add([]byte(""), "t=,v1=")
	f.Add([]byte("x"), "t=1700000000,v1=00,v1=zz,,=,t=")
	f.Add([]byte("x"), "t=99999999999999999999,v1=ab")
	f.Fuzz(func(t *testing.T, body []byte, header string) {
		err := Verify(secret, body, header, now, 5*time.Minute)
		if err == nil && header != Sign(secret, body, now) {
			// Another timestamp within tolerance, or extra fields around a valid v1.
			if Verify(secret, body, header, now.Add(time.Hour), 5*time.Minute) == nil {
				t.Fatalf("accepted %q far outside the tolerance", header)
			}
		}
	})
}

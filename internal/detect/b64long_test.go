package detect

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"strings"
	"testing"
)

// b64Config is a configuration file of about n bytes with a Stripe key after its first
// at bytes (none when at < 0); multi-byte letters make window edges cut runes.
func b64Config(n, at int) []byte {
	var b bytes.Buffer
	for i := 0; b.Len() < n; i++ {
		if at >= 0 && b.Len() >= at {
			b.WriteString("payments_key = \"sk_live_Vq3Hc8LmZ2xR7tWb9KpN4sDf\"\n")
			at = -1
			continue
		}
		fmt.Fprintf(&b, "option_%d = \"réglage numéro %d\"\n", i, i*7)
	}
	return b.Bytes()
}

func secretYAML(value []byte) []byte {
	return []byte("apiVersion: v1\nkind: Secret\nmetadata:\n  name: billing\ntype: Opaque\ndata:\n  app.conf: " +
		base64.StdEncoding.EncodeToString(value) + "\n")
}

func stripeFindings(t *testing.T, doc []byte) []LineMatch {
	t.Helper()
	var got []LineMatch
	ScanDocument(Default(), "secret.yaml", doc, func(m LineMatch) {
		if m.Rule.ID == "stripe-secret-key" {
			got = append(got, m)
		}
	})
	return got
}

// TestBase64LongValueWindows: a base64 value far longer than one decoded at once (a
// Kubernetes Secret holding a whole configuration file) is decoded window by window; a
// key anywhere in it, at a window's edge too, is found once and reported over the
// characters that encode it.
func TestBase64LongValueWindows(t *testing.T) {
	for _, at := range []int{100 << 10, 5*1024 - 20, 5720, 6*1024 - 40, 6*1024 + 300, 11106, 199 << 10} {
		t.Run(fmt.Sprint(at), func(t *testing.T) {
			conf := b64Config(200<<10, at)
			doc := secretYAML(conf)
			got := stripeFindings(t, doc)
			if len(got) != 1 {
				t.Fatalf("%d findings, want 1", len(got))
			}
			m := got[0]
			if m.Value != "sk_live_Vq3Hc8LmZ2xR7tWb9KpN4sDf" || m.Line != 7 {
				t.Errorf("value %q on line %d", m.Value, m.Line)
			}
			// the span decodes to text that holds the key
			enc := doc[m.Offset : m.Offset+int64(m.End-m.Start)]
			vs := bytes.Index(doc, []byte("app.conf: ")) + len("app.conf: ")
			from := (int(m.Offset) - vs) / 4 * 3
			dec, err := base64.StdEncoding.DecodeString(string(enc) + strings.Repeat("=", (4-len(enc)%4)%4))
			if err != nil || len(enc) > 200 || !bytes.Contains(conf[from:from+len(dec)], []byte("sk_live_")) {
				t.Errorf("span of %d characters decodes to %q (%v)", len(enc), dec, err)
			}
		})
	}
}

// TestBase64LongValueBudget: long base64 runs are decoded up to b64Budget characters a
// text, so that a huge one costs time and memory in proportion to the budget.
func TestBase64LongValueBudget(t *testing.T) {
	n := b64Budget/4*3 + 1<<20
	if got := stripeFindings(t, secretYAML(b64Config(n, n-(64<<10)))); len(got) != 0 {
		t.Errorf("a key %d decoded bytes into a run was found: the budget is not kept", n)
	}
	if got := stripeFindings(t, secretYAML(b64Config(n, 64<<10))); len(got) != 1 {
		t.Errorf("%d findings early in a long run, want 1", len(got))
	}
}

package cli

import (
	"fmt"
	"io"
	"time"

	"github.com/spf13/pflag"

	"github.com/leakwatch/leakwatch/internal/verify"
)

// verifyFlags are the flags of opt-in verification (scan, detect).
type verifyFlags struct {
	on       bool
	timeout  time.Duration
	rate     float64
	hostRate float64
	skip     []string
}

func (v *verifyFlags) add(fl *pflag.FlagSet) {
	fl.BoolVar(&v.on, "verify", false, "ask each found secret's issuer, at its fixed read-only identity endpoint, whether it is live (sends each distinct secret to its own issuer only)")
	fl.DurationVar(&v.timeout, "verify-timeout", verify.DefaultTimeout, "timeout of each verification request")
	fl.Float64Var(&v.rate, "verify-rate", verify.DefaultRate, "verification requests per second, to all issuers together")
	fl.Float64Var(&v.hostRate, "verify-host-rate", verify.DefaultHostRate, fmt.Sprintf("verification requests per second to one issuer host (one run also asks one issuer about at most %d distinct secrets)", verify.DefaultMaxPerIssuer))
	fl.StringSliceVar(&v.skip, "no-verify-for", nil, "with --verify, do not ask these issuers (`IDs`, comma-separated: see docs/verifiers.md)")
}

// verifyNetwork replaces how verification reaches issuers. Tests only: it maps issuer
// host names to local servers (or to nothing). No flag sets it.
var verifyNetwork *verify.Network

// runner returns the verification runner, or nil without --verify.
func (v *verifyFlags) runner(e *env) (*verify.Runner, error) {
	if !v.on {
		if len(v.skip) > 0 {
			return nil, usagef("--no-verify-for needs --verify")
		}
		return nil, nil
	}
	if v.timeout <= 0 {
		return nil, usagef("--verify-timeout must be positive")
	}
	if v.rate <= 0 {
		return nil, usagef("--verify-rate must be positive")
	}
	if v.hostRate <= 0 {
		return nil, usagef("--verify-host-rate must be positive")
	}
	r, err := verify.New(verify.Config{Timeout: v.timeout, Rate: v.rate, HostRate: v.hostRate, Skip: v.skip, Logger: e.logger,
		UserAgent: "leakwatch/" + Version + " (verify)", Network: verifyNetwork})
	if err != nil {
		return nil, usagef("--no-verify-for: %v", err)
	}
	return r, nil
}

// tailReader keeps the most recent bytes read through it, so that detect can hand a
// verifier the text of the line a secret was found on (to pair an AWS secret key with
// the key ID beside it). The stream scanner reads ahead by a few megabytes, so the
// window is larger than that; a line that has left the window is simply not offered.
type tailReader struct {
	r     io.Reader
	ring  []byte
	total int64 // bytes read so far
}

const tailWindow = 8 << 20

func newTailReader(r io.Reader) *tailReader { return &tailReader{r: r, ring: make([]byte, tailWindow)} }

func (t *tailReader) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	b := p[:n]
	if len(b) > len(t.ring) {
		t.total += int64(len(b) - len(t.ring))
		b = b[len(b)-len(t.ring):]
	}
	for len(b) > 0 {
		at := int(t.total % int64(len(t.ring)))
		c := copy(t.ring[at:], b)
		b = b[c:]
		t.total += int64(c)
	}
	return n, err
}

// line returns up to limit bytes from stream offset from to the end of that line, or
// nil when they are no longer in the window.
func (t *tailReader) line(from int64, limit int) []byte {
	if from < 0 || from < t.total-int64(len(t.ring)) || from >= t.total {
		return nil
	}
	var out []byte
	for off := from; off < t.total && len(out) < limit; off++ {
		c := t.ring[off%int64(len(t.ring))]
		if c == '\n' {
			break
		}
		out = append(out, c)
	}
	return out
}

// maxLineText bounds the line text handed to verifiers.
const maxLineText = 64 << 10

package verify

import (
	"context"
	"sync"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// Ledger verifies the secrets of a stream of findings too long to hold (detect over a
// large input), where a Batch keeps every finding it is given. It keeps one entry per
// distinct secret, at most the run's bound of them (Config.MaxSecrets), and gives each
// finding a tag instead: the caller stores the tag beside the finding (on disk, if it
// likes), calls Apply once the stream has ended and joins each finding to its verdict
// with Annotate. A secret past the bound gets its verdict ("not asked") at once.
type Ledger struct {
	r     *Runner
	slots []slot
	// keys maps a secret to its slot; fixed maps a fixed verdict's reason to its slot
	// (the verifiers' own texts: a handful of them).
	keys  map[string]uint32
	fixed map[string]uint32
	// perIssuer counts the distinct secrets of each verifier to be asked about.
	perIssuer map[string]int
}

// slot is one verdict: asked about (j set) or fixed when added.
type slot struct {
	j   *job
	fp  string
	res Result
}

// NewLedger starts a ledger.
func (r *Runner) NewLedger() *Ledger {
	return &Ledger{r: r, keys: map[string]uint32{}, fixed: map[string]uint32{}, perIssuer: map[string]int{}}
}

// Add records that f, matched by rule as value in rec, is to be verified, and returns the
// tag to hand to Annotate with f once Apply has run. A finding that is not a secret gets
// 0: Annotate leaves it alone.
func (l *Ledger) Add(f *finding.Finding, rule, value string, rec *Record) uint32 {
	if f.Category != finding.Secret {
		return 0
	}
	j := l.r.newJob(rule, value, rec)
	switch {
	case j.v == nil:
		return l.fix(Result{Status: finding.VerifiedUnknown, Reason: "no verifier for this kind of secret"})
	case j.missing != "":
		return l.fix(Result{Status: finding.VerifiedUnknown, Reason: j.missing})
	}
	if t, ok := l.keys[j.key]; ok {
		return t
	}
	if len(l.keys) >= l.r.cfg.MaxSecrets || l.perIssuer[j.v.ID] >= l.r.cfg.MaxPerIssuer {
		if known, ok := l.r.known(f.SHA256); ok {
			return l.fix(known)
		}
		if len(l.keys) >= l.r.cfg.MaxSecrets {
			return l.fix(l.r.overCap())
		}
		return l.fix(l.r.overIssuerCap(j.v))
	}
	l.perIssuer[j.v.ID]++
	l.slots = append(l.slots, slot{j: j, fp: f.SHA256})
	t := uint32(len(l.slots))
	l.keys[j.key] = t
	return t
}

// Waits reports whether the secret value matched by rule in rec, a Cut record, pairs
// with a value found on its line: its caller should add it with the line's last part.
func (l *Ledger) Waits(rule, value string, rec *Record) bool {
	if rec == nil || !rec.Cut {
		return false
	}
	j := l.r.newJob(rule, value, rec)
	return j.v != nil && j.missing == ReasonLineCut
}

// fix returns the slot of a fixed verdict, shared by every finding with the same one.
func (l *Ledger) fix(res Result) uint32 {
	id := string(res.Status) + "\x00" + res.Reason + "\x00" + res.Identity + "\x00" + res.By + "\x00" + res.At.String()
	if t, ok := l.fixed[id]; ok {
		return t
	}
	l.slots = append(l.slots, slot{res: res})
	t := uint32(len(l.slots))
	l.fixed[id] = t
	return t
}

// Distinct reports how many distinct secrets are to be asked about.
func (l *Ledger) Distinct() int { return len(l.keys) }

// Apply asks the issuers about every distinct secret added, in the order they were
// first added (in parallel, within the runner's limits).
func (l *Ledger) Apply(ctx context.Context) {
	sem := make(chan struct{}, parallel)
	var wg sync.WaitGroup
	for i := range l.slots {
		sl := &l.slots[i]
		if sl.j == nil {
			continue
		}
		if known, ok := l.r.known(sl.fp); ok {
			sl.res = known
			continue
		}
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			sl.res = l.r.Check(ctx, sl.j.v, sl.j.s)
		}()
	}
	wg.Wait()
}

// Annotate records the verdict of tag (from Add) on f, as Batch.Apply does.
func (l *Ledger) Annotate(f *finding.Finding, tag uint32) {
	if tag == 0 || int(tag) > len(l.slots) {
		return
	}
	Annotate(f, l.slots[tag-1].res)
}

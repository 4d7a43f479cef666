package verify

import (
	"context"
	"slices"
	"sort"
	"strings"
)

// Verifier checks one issuer's secrets. The registry below is the one list of them.
type Verifier struct {
	// ID names the verifier in --no-verify-for and in reports ("openai", "aws").
	ID string
	// Name is the issuer's name as people know it.
	Name string
	// Rules are the detection rule IDs (internal/detect) whose secrets it checks; a test
	// holds them to the detection engine's rule list.
	Rules []string
	// Hosts are the only hosts it may contact: fixed issuer endpoints, never a name
	// taken from scanned data.
	Hosts []string
	// Request, Doc and Relies document it (docs/verifiers.md): the call it makes, the
	// issuer's documentation of that call, and the answers it relies on.
	Request string
	Doc     string
	Relies  string
	// Pair says which second value, found in the same record, it needs.
	Pair string
	// NotAsked, when set, says why the issuer cannot be asked at a fixed host: every
	// secret is reported unknown with this reason and nothing is sent.
	NotAsked string
	// Concurrency is how many requests may be in flight to this issuer (1 or 2).
	Concurrency int

	// prepare builds the secret to ask about, with its paired values, from a matched
	// value and its record; it returns why it cannot when a paired value is missing.
	prepare func(rule, value string, rec *Record) (Secret, string)
	check   func(ctx context.Context, c *call, s Secret) Result
}

func (v *Verifier) concurrency() int {
	if v.Concurrency < 1 {
		return 2
	}
	return min(v.Concurrency, 2)
}

func (v *Verifier) secret(rule, value string, rec *Record) (Secret, string) {
	if v.prepare != nil {
		return v.prepare(rule, value, rec)
	}
	return Secret{Rule: rule, Value: value}, ""
}

// Secret is what a verifier asks about: the matched value and the values paired with it.
type Secret struct {
	Rule  string
	Value string
	// Pair is a second value from the same record: an AWS key ID or secret key, a
	// Twilio account SID, a user name, an e-mail address.
	Pair string
	// Extra is a third value (an AWS session token).
	Extra string
	// Hint picks among an issuer's fixed hosts (a Datadog site named in the record).
	Hint string
	// PairPublic is set when Pair is a name, not a secret (a user name, a webhook id):
	// it may then appear in the verdict.
	PairPublic bool
}

// values are the secret's parts that identify it (and must never be logged).
func (s *Secret) values() []string {
	out := []string{s.Value}
	if s.Pair != "" && !s.PairPublic {
		out = append(out, s.Pair)
	}
	if s.Extra != "" {
		out = append(out, s.Extra)
	}
	return out
}

var (
	registry []*Verifier
	byRule   map[string]*Verifier
	byID     map[string]*Verifier
)

func init() {
	registry = slices.Concat(aiVerifiers, cloudVerifiers, devVerifiers, saasVerifiers)
	sort.Slice(registry, func(i, j int) bool { return registry[i].ID < registry[j].ID })
	byRule = map[string]*Verifier{}
	byID = map[string]*Verifier{}
	for _, v := range registry {
		if byID[v.ID] != nil {
			panic("verify: duplicate verifier " + v.ID)
		}
		byID[v.ID] = v
		for _, r := range v.Rules {
			if byRule[r] != nil {
				panic("verify: rule " + r + " mapped twice")
			}
			byRule[r] = v
		}
	}
}

// All lists the verifiers, by ID.
func All() []*Verifier { return slices.Clone(registry) }

// IDs lists the verifier IDs.
func IDs() []string {
	out := make([]string, len(registry))
	for i, v := range registry {
		out[i] = v.ID
	}
	return out
}

// ForRule returns the verifier of a detection rule, or nil.
func ForRule(rule string) *Verifier { return byRule[rule] }

// Lookup finds a verifier by ID or issuer name, ignoring case and spaces.
func Lookup(name string) *Verifier {
	n := normal(name)
	if v := byID[n]; v != nil {
		return v
	}
	for _, v := range registry {
		if normal(v.Name) == n {
			return v
		}
	}
	return nil
}

func normal(s string) string {
	return strings.NewReplacer(" ", "", "_", "-").Replace(strings.ToLower(strings.TrimSpace(s)))
}

// MappedRules lists every detection rule ID the package refers to: the rules of the
// verifiers and the rules it takes paired values from.
func MappedRules() []string {
	set := map[string]bool{}
	for _, v := range registry {
		for _, r := range v.Rules {
			set[r] = true
		}
	}
	for _, r := range pairRules {
		set[r] = true
	}
	out := make([]string, 0, len(set))
	for r := range set {
		out = append(out, r)
	}
	sort.Strings(out)
	return out
}

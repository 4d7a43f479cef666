package probekit

import (
	"sort"
	"strings"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/lazyre"
	"github.com/leakwatch/leakwatch/internal/store"
)

// Key-value stores (Redis, Memcached, etcd) have no tables: a sample is laid out with
// one column per sampled key, named after it, holding the key's elements one per row,
// after a first column of the key names themselves — personal data shows up in key
// names (e-mail addresses as keys) as often as in values. A secret is then reported at
// "<database>.<key>", and the chat classifier sees a list of messages as one column.

// KeyColumn is the first column of every key-value sample: the sampled key names.
const KeyColumn = "(key name)"

// KeySample lays out sampled keys: names are every key looked at, colKeys and cols the
// keys that had a readable value and their elements (already capped and charged, see
// Charge). The names are cut to maxCell and charged to the endpoint's budget eb; once
// it is spent the rest are left empty.
func KeySample(eb *store.SampleBudget, database, table string, names, colKeys []string, cols [][]string, maxCell int) *store.Sample {
	smp := &store.Sample{Database: database, Table: table, Columns: append([]string{KeyColumn}, colKeys...)}
	rows := len(names)
	for _, col := range cols {
		rows = max(rows, len(col))
	}
	for r := 0; r < rows; r++ {
		row := make([]string, 1+len(cols))
		if r < len(names) {
			name := Cut(names[r], maxCell)
			if got := eb.Take(len(name)); got < len(name) {
				name = Cut(name, got)
				eb.Give(got - len(name))
			}
			row[0] = name
		}
		for j, col := range cols {
			if r < len(col) {
				row[j+1] = col[r]
			}
		}
		smp.Rows = append(smp.Rows, row)
	}
	return smp
}

// Key names that usually hold credentials rank first, then chats, then personal data,
// so that a bounded sample of a large keyspace looks where it matters.
var (
	secretNames = lazyre.New(`(?i)secret|token|passw|pwd|api.?key|cred|private|priv.?key|config|conf\b|setting|env|auth|oauth|jwt|deploy|tls|ssl|cert|aws|s3|stripe|slack|github`)
	// A path segment that is a credential's short name ("/services/billing/db/pass",
	// "partner:acme:key", "app.smtp.pw"): too short to match inside words.
	secretSegments = lazyre.New(`(?i)(?:^|[/:._|-])(?:pass|pw|key|keys|dsn|htpasswd|pgpass|netrc|npmrc|kubeconfig)(?:[/:._|-]|$)`)
	chatNames      = lazyre.New(`(?i)chat|message|msg|conversation|prompt|completion|history|dialog|llm|openai|gpt`)
	personNames    = lazyre.New(`(?i)user|account|customer|member|email|mail|phone|profile|sess|order|payment|card|address|contact|lead`)
)

// NameScore ranks a key name: 3 for credentials, 2 for chats, 1 for personal data.
func NameScore(name string) int {
	switch {
	case secretNames.MatchString(name), secretSegments.MatchString(name):
		return 3
	case chatNames.MatchString(name):
		return 2
	case personNames.MatchString(name):
		return 1
	}
	return 0
}

// Family is a key name with every segment holding a digit replaced by "#":
// "user:42" and "user:7" are one family, "session:a007ff…" another.
func Family(name string) string {
	var b strings.Builder
	seg := strings.Builder{}
	digit := false
	flush := func() {
		if digit {
			b.WriteByte('#')
		} else {
			b.WriteString(seg.String())
		}
		seg.Reset()
		digit = false
	}
	for _, r := range name {
		if strings.ContainsRune(":/._-|{}", r) {
			flush()
			b.WriteRune(r)
			continue
		}
		if r >= '0' && r <= '9' {
			digit = true
		}
		seg.WriteRune(r)
	}
	flush()
	return b.String()
}

// PickKeys takes want names spread over the families of names found (one of each per
// round), families of interesting names first, each family in SCAN order: a keyspace of
// a million cache entries and ten API keys still gets the API keys sampled.
func PickKeys(names []string, want int) []string {
	type group struct {
		score int
		names []string
	}
	var groups []*group
	byFamily := map[string]*group{}
	for _, n := range names {
		f := Family(n)
		g := byFamily[f]
		if g == nil {
			g = &group{score: NameScore(n)}
			byFamily[f] = g
			groups = append(groups, g)
		}
		g.names = append(g.names, n)
	}
	sort.SliceStable(groups, func(i, j int) bool { return groups[i].score > groups[j].score })
	var out []string
	for round := 0; len(out) < want; round++ {
		took := false
		for _, g := range groups {
			if round < len(g.names) && len(out) < want {
				out = append(out, g.names[round])
				took = true
			}
		}
		if !took {
			break
		}
	}
	return out
}

// Patterns counts the key names listed per family (finding.PatternOf) and how many of
// each were sampled: the sampled families first, then the largest, at most
// finding.MaxKeyPatterns. The report groups what it found in a keyspace by them.
func Patterns(listed, sampled []string) (patterns []finding.KeyPattern, keysListed int64) {
	idx := map[string]int{}
	for _, n := range listed {
		p := finding.PatternOf(n)
		i, ok := idx[p]
		if !ok {
			i = len(patterns)
			idx[p] = i
			patterns = append(patterns, finding.KeyPattern{Pattern: p})
		}
		patterns[i].Listed++
	}
	for _, n := range sampled {
		if i, ok := idx[finding.PatternOf(n)]; ok {
			patterns[i].Sampled++
		}
	}
	// Families that were read first, so that the bound never drops one a finding is in.
	sort.SliceStable(patterns, func(i, j int) bool {
		a, b := patterns[i], patterns[j]
		if (a.Sampled > 0) != (b.Sampled > 0) {
			return a.Sampled > 0
		}
		return a.Listed > b.Listed
	})
	if len(patterns) > finding.MaxKeyPatterns {
		patterns = patterns[:finding.MaxKeyPatterns]
	}
	return patterns, int64(len(listed))
}

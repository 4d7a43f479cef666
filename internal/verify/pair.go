package verify

import (
	"slices"
	"strings"

	"github.com/leakwatch/leakwatch/internal/lazyre"
)

// Detection rules whose matches serve as paired values.
const (
	ruleAWSKeyID     = "aws-access-key-id"
	ruleAWSTempKeyID = "aws-temporary-access-key-id"
	ruleAWSSecret    = "aws-secret-access-key"
	ruleAWSSession   = "aws-session-token"
	ruleEmail        = "email"
)

var pairRules = []string{ruleAWSKeyID, ruleAWSTempKeyID, ruleAWSSecret, ruleAWSSession, ruleEmail}

// maxScan bounds how much of each record text the pair finders read.
const maxScan = 64 << 10

var (
	reAWSKeyID      = lazyre.New(`\b((?:AKIA|ASIA)[A-Z0-9]{16})\b`)
	reTwilioSID     = lazyre.New(`\b(AC[0-9a-f]{32})\b`)
	reEmail         = lazyre.New(`\b([A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,24})\b`)
	reDockerUser    = lazyre.New(`(?i)docker(?:hub)?[_.-]?(?:user(?:name)?|login|org(?:anization)?|namespace)["']?\s*[:=]\s*["']?([A-Za-z0-9][A-Za-z0-9_.-]{1,38})`)
	reDockerLogin   = lazyre.New(`(?i)docker\s+login\b[^\n]{0,200}?(?:-u|--username)[ =]["']?([A-Za-z0-9][A-Za-z0-9_.-]{1,38})`)
	reBitbucketUser = lazyre.New(`(?i)bitbucket[_.-]?(?:user(?:name)?|login)["']?\s*[:=]\s*["']?([A-Za-z0-9][A-Za-z0-9_.-]{1,63})`)
)

// pairProblem says why a paired value could not be taken.
type pairProblem int

const (
	pairOK pairProblem = iota
	pairNone
	pairSeveral
)

// find returns the one distinct value in rec that a rule in rules matched, or else that
// group 1 of one of res matches in the record's text. Several distinct values are a
// problem: pairing the wrong two would give a false "revoked".
func (rec *Record) find(rules []string, res ...*lazyre.Regexp) (string, pairProblem) {
	if rec == nil {
		return "", pairNone
	}
	var vals []string
	add := func(v string) {
		if v != "" && !slices.Contains(vals, v) {
			vals = append(vals, v)
		}
	}
	for _, f := range rec.Found {
		if slices.Contains(rules, f.Rule) {
			add(f.Value)
		}
	}
	if len(vals) == 0 {
		for _, t := range rec.Text {
			if len(t) > maxScan {
				t = t[:maxScan]
			}
			for _, re := range res {
				for _, m := range re.FindAllStringSubmatch(t, 8) {
					add(m[1])
				}
			}
		}
	}
	switch len(vals) {
	case 0:
		return "", pairNone
	case 1:
		return vals[0], pairOK
	}
	return "", pairSeveral
}

// ReasonLineCut is the verdict's reason for a secret that pairs with a value found on
// its line, in a Cut record: the caller keeps such a secret until its line's end
// (Ledger.Waits) and gives it this verdict only past its bound.
const ReasonLineCut = "its line holds too many secrets to pair them over the whole line; not asked rather than pair the wrong ones"

// PairRule reports whether the values rule matches serve as paired values: a caller
// that hands a line on in parts keeps them for the line's last part.
func PairRule(rule string) bool { return slices.Contains(pairRules, rule) }

// need builds the secret with a required paired value, or says what is missing.
func need(rule, value string, rec *Record, what string, rules []string, res ...*lazyre.Regexp) (Secret, string) {
	if rec != nil && rec.Cut && len(rules) > 0 {
		return Secret{Rule: rule, Value: value}, ReasonLineCut
	}
	p, prob := rec.find(rules, res...)
	switch prob {
	case pairNone:
		return Secret{Rule: rule, Value: value}, "no " + what + " in the same record to pair it with; not asked"
	case pairSeveral:
		return Secret{Rule: rule, Value: value}, "several " + what + "s in the same record; not asked rather than pair the wrong ones"
	}
	return Secret{Rule: rule, Value: value, Pair: p}, ""
}

// hint returns the first of hints (keys) that the record's text mentions.
func (rec *Record) hint(hints []string) string {
	if rec == nil {
		return ""
	}
	for _, t := range rec.Text {
		if len(t) > maxScan {
			t = t[:maxScan]
		}
		lt := strings.ToLower(t)
		for _, h := range hints {
			if strings.Contains(lt, h) {
				return h
			}
		}
	}
	return ""
}

package finding

import (
	"strings"
	"unicode/utf8"
)

// KeyPattern is a family of key names in a key-value store (Redis, Memcached, etcd):
// "user:{n}" stands for user:1 … user:3116. Key-value stores have no tables, so the
// pattern is what a person reads as one: the report groups findings by it, and the
// prober counts the keys of each while listing, so that "e-mail addresses in user:{n}"
// can say how many keys there are and how many were read.
type KeyPattern struct {
	Pattern string `json:"pattern"`
	// Listed is how many key names of the pattern the listing saw (all of them unless
	// the dataset's KeysListed is below its Rows: a listing stops at a bound).
	Listed int64 `json:"listed"`
	// Sampled is how many of them were read.
	Sampled int `json:"sampled"`
}

// Placeholders PatternOf puts for the variable parts of a key name.
const (
	patternNumber = "{n}"
	patternID     = "{id}"
	patternEmail  = "{email}"
)

// maxPatternLen bounds a pattern (runes): a key name is a server's to choose.
const maxPatternLen = 120

// PatternOf names the family a key belongs to: each segment (between ':', '/', '.',
// '_', '-', '|', '{', '}', '#', '=' and spaces) made of digits becomes {n}, one holding
// a digit among letters (hex, UUIDs, base64 ids) {id}, one holding an '@' {email} (with
// the rest of its domain); runs of placeholders joined by '.', '-' or '_' (IP addresses,
// dates, UUIDs) become one {id}.
// Everything else is kept, so "chat:history:17" is "chat:history:{n}" and
// "session:9f86d081" is "session:{id}". The result is at most 120 runes.
func PatternOf(key string) string {
	type seg struct {
		text string
		ph   string // placeholder, or ""
		sep  rune   // separator after it, or 0
	}
	var segs []seg
	start := 0
	for i, r := range key {
		if strings.ContainsRune(":/._-|{}#= ", r) {
			segs = append(segs, seg{text: key[start:i], sep: r})
			start = i + utf8.RuneLen(r)
		}
	}
	segs = append(segs, seg{text: key[start:]})
	for i := range segs {
		s := segs[i].text
		switch {
		case s == "":
		case strings.ContainsRune(s, '@'):
			segs[i].ph = patternEmail
		case strings.Trim(s, "0123456789") == "":
			segs[i].ph = patternNumber
		case strings.ContainsAny(s, "0123456789"):
			segs[i].ph = patternID
		}
	}
	var b strings.Builder
	for i := 0; i < len(segs); i++ {
		s := segs[i]
		if s.ph == "" {
			b.WriteString(s.text)
			if s.sep != 0 {
				b.WriteRune(s.sep)
			}
			continue
		}
		// A run of placeholders joined by '.', '-' or '_' is one value; so is an e-mail
		// address with the labels of its domain.
		j := i
		for j+1 < len(segs) && (segs[j+1].ph != "" || s.ph == patternEmail) && strings.ContainsRune(".-_", segs[j].sep) {
			j++
		}
		if s.ph == patternEmail {
			b.WriteString(patternEmail)
		} else if j > i {
			b.WriteString(patternID)
		} else {
			b.WriteString(s.ph)
		}
		if segs[j].sep != 0 {
			b.WriteRune(segs[j].sep)
		}
		i = j
	}
	out := b.String()
	if utf8.RuneCountInString(out) > maxPatternLen {
		out = string([]rune(out)[:maxPatternLen-1]) + "…"
	}
	return out
}

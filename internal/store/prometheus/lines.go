package prometheus

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/leakwatch/leakwatch/internal/lazyre"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
)

// scanConfigLines finds what scanConfig finds — credentials in clear, masked ones,
// credential files — by reading the text line by line, without a YAML parse: for a
// configuration whose turn to parse did not come within configWait, and for a part that
// does not parse (cut inside a flow collection or a quoted string spanning lines, or a
// text the YAML parser refuses). It costs one pass over the text and holds no node tree.
// It reads block keys with their scalar values (the path is built from the keys above
// by indentation), credential keys inside flow mappings ({username: u, password: x}),
// and passwords in URLs; the lines of a block scalar (key: | or >) are its value's text
// and are skipped, as the YAML walk sees them as one scalar.
func scanConfigLines(text string) (leaked []credential, maskedCount int, files []string, fileCount int) {
	var stack []level
	path := func(k string) string {
		p := ""
		for _, l := range stack {
			p = join(p, l.key)
		}
		if k == "" {
			return p
		}
		return join(p, k)
	}
	scalar := func(k, v string) {
		if len(leaked) > 1000 {
			return
		}
		switch {
		case credentialKeys[k] && masked(v):
			maskedCount++
		case credentialKeys[k]:
			leaked = append(leaked, credential{path(k), v})
		case credentialFileKeys[k] && v != "":
			if fileCount++; len(files) < maxConfigFiles {
				files = append(files, path(k)+"="+v)
			}
		}
	}
	blockScalar := -1 // the indentation of the key whose block scalar the lines are in
	flow := 0         // the depth of flow collections open at the line's start
	for line := range strings.Lines(text) {
		line = strings.TrimRight(line, "\r\n")
		body := strings.TrimLeft(line, " ")
		indent := len(line) - len(body)
		if body == "" || body[0] == '#' {
			continue
		}
		if blockScalar >= 0 {
			if indent > blockScalar {
				continue
			}
			blockScalar = -1
		}
		inFlow := flow > 0
		flow = max(flow+flowDepth(body), 0)
		// Credential keys inside flow mappings, on this line.
		if mayHoldCredential(body) {
			for _, m := range flowPair.FindAllStringSubmatch(body, 16) {
				scalar(m[1], unquote(strings.TrimSpace(m[2])))
			}
		}
		key, credKey := "", false
		if !inFlow {
			key, credKey = blockLine(line, body, indent, &stack, &blockScalar, scalar)
		}
		if credKey || !strings.Contains(body, "@") || len(leaked) > 1000 {
			continue
		}
		urlAt := path(key)
		for _, m := range userinfoURL.FindAllStringSubmatch(body, 8) {
			if pw, err := url.PathUnescape(m[2]); err == nil && !masked(pw) {
				leaked = append(leaked, credential{urlAt + " (URL password)", pw})
			} else if err == nil {
				maskedCount++
			}
		}
	}
	return leaked, maskedCount, files, fileCount
}

// level is a key that holds a block collection, at its indentation.
type level struct {
	indent int
	key    string
}

// join is path followed by key.
func join(path, key string) string {
	switch {
	case key == "":
		return path
	case path == "" || key[0] == '[':
		return configPath(path, key)
	}
	return configPath(path, "."+key)
}

// blockLine reads a line outside flow collections as a block key ("key: value",
// "- key: value", "key:"): it keeps the keys above it on stack, marks the start of a
// block scalar, and hands a scalar value to scalar. It returns the key holding a value
// on the line (or ""), and whether it is a credential key or a block scalar's (then the
// line is not also read for URLs).
func blockLine(line, body string, indent int, stack *[]level, blockScalar *int, scalar func(k, v string)) (string, bool) {
	item := 0
	for strings.HasPrefix(body, "- ") {
		body = strings.TrimLeft(body[2:], " ")
		item = len(line) - len(body)
	}
	rawKey, rawValue, ok := splitKey(body)
	if !ok {
		return "", false
	}
	k, v := unquote(rawKey), strings.TrimSpace(stripComment(rawValue))
	at := indent
	if item > 0 {
		// A new list item: its keys are indented to its first one, and its path names
		// it by its job_name (or name) as the YAML walk's does.
		at = item
		for len(*stack) > 0 && (*stack)[len(*stack)-1].indent >= at-1 {
			*stack = (*stack)[:len(*stack)-1]
		}
		name := ""
		if k == "job_name" || k == "name" {
			name = "[" + k + "=" + probekit.CutText(unquote(v), 80) + "]"
		}
		*stack = append(*stack, level{at - 1, name})
	}
	for len(*stack) > 0 && (*stack)[len(*stack)-1].indent >= at {
		*stack = (*stack)[:len(*stack)-1]
	}
	switch {
	case v == "":
		*stack = append(*stack, level{at, k})
		return "", false
	case v[0] == '|' || v[0] == '>':
		*blockScalar = at
		return "", true
	case v[0] == '{' || v[0] == '[':
		return k, false // its credential pairs are read as flow
	case v[0] == '&' || v[0] == '*' || v[0] == '!':
		return k, false
	}
	scalar(k, unquote(v))
	return k, credentialKeys[k] || credentialFileKeys[k]
}

// splitKey splits a block mapping entry, "key: value" or "key:", its key plain or
// quoted. It reads the line up to the separator only: an expression capturing the rest
// of the line made a read of flow lists of 16 KiB lines cost seconds under load.
func splitKey(body string) (key, value string, ok bool) {
	if body == "" {
		return "", "", false
	}
	sep := func(rest string) (string, bool) {
		rest = strings.TrimLeft(rest, " \t")
		if !strings.HasPrefix(rest, ":") {
			return "", false
		}
		rest = rest[1:]
		if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
			return "", false
		}
		return rest, true
	}
	switch c := body[0]; c {
	case '"', '\'':
		end := quoteEnd(body)
		if end < 0 {
			return "", "", false
		}
		rest, ok := sep(body[end+1:])
		return body[:end+1], rest, ok
	case '#', '{', '[', ',', ' ', '\t', '&', '*', '!', '|', '>', '%', '@', '`':
		return "", "", false
	}
	for i := 0; i < len(body); i++ {
		switch body[i] {
		case '#':
			if body[i-1] == ' ' || body[i-1] == '\t' {
				return "", "", false // a comment before any separator
			}
		case ':':
			if i+1 == len(body) || body[i+1] == ' ' || body[i+1] == '\t' {
				return strings.TrimRight(body[:i], " \t"), body[i+1:], true
			}
		}
	}
	return "", "", false
}

// quoteEnd is the index of the quote closing the quoted scalar s starts with, or -1.
func quoteEnd(s string) int {
	q := s[0]
	for i := 1; i < len(s); i++ {
		switch {
		case q == '"' && s[i] == '\\':
			i++
		case s[i] == q && q == '\'' && i+1 < len(s) && s[i+1] == '\'':
			i++
		case s[i] == q:
			return i
		}
	}
	return -1
}

var (
	flowPair = lazyre.New(`[{,]\s*["']?(password|bearer_token|credentials|client_secret|secret_key|token|secret|api_key|auth_token|private_key|password_file|bearer_token_file|credentials_file|client_secret_file|key_file|token_file)["']?\s*:\s*("[^"]*"|'[^']*'|[^,}\]\s][^,}\]]*)`)
)

// mayHoldCredential tells a line that may name a credential key (each has one of these
// words) from one that cannot, so that the flow pairs' expression runs on few lines:
// on 224 KiB of flow lists of one-letter items it took most of a 276 ms read.
func mayHoldCredential(s string) bool {
	for _, w := range []string{"pass", "token", "secret", "credential", "key"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// flowDepth is how many flow collections a line opens less how many it closes, outside
// quotes and comments.
func flowDepth(s string) int {
	d := 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			if i == 0 || strings.IndexByte(" \t[{,:", s[i-1]) >= 0 {
				quote = c
			}
		case c == '#' && (i == 0 || s[i-1] == ' ' || s[i-1] == '\t'):
			return d
		case c == '{' || c == '[':
			d++
		case c == '}' || c == ']':
			d--
		}
	}
	return d
}

// stripComment cuts a value's trailing comment (" #…"): after a plain value's first
// " #", after a quoted value's closing quote.
func stripComment(v string) string {
	if strings.HasPrefix(v, "'") || strings.HasPrefix(v, `"`) {
		if end := quoteEnd(v); end >= 0 {
			return v[:end+1]
		}
		return v
	}
	if i := strings.Index(v, " #"); i >= 0 {
		return v[:i]
	}
	return v
}

// unquote is a scalar's value without its YAML quotes.
func unquote(v string) string {
	switch {
	case len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"':
		if s, err := strconv.Unquote(v); err == nil {
			return s
		}
		return v[1 : len(v)-1]
	case len(v) >= 2 && v[0] == '\'' && v[len(v)-1] == '\'':
		return strings.ReplaceAll(v[1:len(v)-1], "''", "'")
	}
	return v
}

package detect

// cliTokenDet reads a provider's API key that the provider's own command-line tool
// takes by position, where no key name stands beside the value: the Weights & Biases
// CLI's "wandb login [OPTIONS] [KEY]" (its documented signature), typed in a shell
// script, a CI step or a notebook cell ("!wandb login …"). The tool and its
// subcommand are the key's name; the value must still have the provider's exact
// shape (a key-name rule for the provider reads "WANDB_API_KEY=…" and
// wandb.login(key="…") already).
type cliTokenDet struct {
	rule *Rule
	spec cliTokenSpec
}

// cliTokenSpec is one tool's signature.
type cliTokenSpec struct {
	tool, sub string // "wandb", "login": the subcommand must be the tool's first word
	// valued are options that take a value, skipped with it when finding the key
	valued []string
	// shape reports a value of the provider's key format
	shape func(v []byte) bool
}

// wandbLogin is "wandb login [--relogin] [--host URL] [--cloud] KEY": the key is 40
// hexadecimal digits, or "local-" and 40 for a W&B Server's local keys.
var wandbLogin = cliTokenSpec{tool: "wandb", sub: "login", valued: []string{"--host"}, shape: func(v []byte) bool {
	if len(v) == 46 && string(v[:6]) == "local-" {
		v = v[6:]
	}
	if len(v) != 40 {
		return false
	}
	for _, c := range v {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}}

func (d *cliTokenDet) anchors() []string { return []string{foldString(d.spec.tool + " " + d.spec.sub)} }

func (d *cliTokenDet) hit(sc *scanner, di, tag, at int) {
	data := sc.data
	// a shell line, or an IPython shell escape ("!wandb login …" in a notebook cell)
	if !cliToolStart(data, at, false) && (at == 0 || data[at-1] != '!') {
		return
	}
	p := at + len(d.spec.tool)
	words := cliWords(data, p, cliCommandEnd(data, p, 1024))
	if len(words) < 2 || !hasPrefixFold(data[words[0].s:words[0].e], 0, d.spec.sub) || words[0].e-words[0].s != len(d.spec.sub) {
		return
	}
	for i := 1; i < len(words); i++ {
		w := data[words[i].s:words[i].e]
		if len(w) > 1 && w[0] == '-' {
			for _, o := range d.spec.valued {
				if string(w) == o {
					i++
				}
			}
			continue
		}
		// the key ends where its characters do: a notebook's JSON string closes
		// right after it ("…0a9c\n\",")
		e := 0
		for e < len(w) && (is(w[e], cAlnum) || w[e] == '-') {
			e++
		}
		if e < len(w) && w[e] != '\\' && w[e] != '"' && w[e] != '\'' && w[e] != ',' && w[e] != ';' {
			return
		}
		v := w[:e]
		if d.spec.shape(v) && !anchoredPlaceholder(v) {
			sc.emit(d.rule, words[i].s, words[i].s+e, string(v))
		}
		return // the first positional word is the key
	}
}

// Command lexharvest prints what translators wrote for the credential prompts of free
// software ("Password:", "Passphrase:", "PIN:", "Secret key", "Access token", "API
// key"...) in gettext catalogs (.mo files), one translation a line, with its language,
// the kind of word, the msgid and the catalog it came from. With -lexicon it reads
// internal/detect/lexicon.go and marks each translation whose words the credential
// lexicon already holds ("have") or lacks ("NEW"): the list a person curates the
// lexicon from (issue 11). Neither the catalogs nor this output are needed by any test.
//
//	go run ./tools/lexharvest -lexicon internal/detect/lexicon.go /usr/share/locale /tmp/x/usr/share/locale
package main

import (
	"bufio"
	"encoding/binary"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// prompts are the msgids harvested (folded by foldID), with the kind of word each
// names.
var prompts = map[string]string{
	"password": "password", "passwords": "password", "passphrase": "password", "pass phrase": "password",
	"new password": "password", "current password": "password", "old password": "password",
	"enter password": "password", "enter your password": "password", "your password": "password",
	"retype new password": "password", "confirm password": "password", "repeat password": "password",
	"user password": "password", "root password": "password", "wireless password": "password",
	"wi-fi password": "password", "wifi password": "password", "network password": "password",
	"show password": "password", "change password": "password", "enter passphrase": "password",
	"master password": "password", "password required": "password", "login password": "password",
	"passcode": "password", "pin": "pin", "pin code": "pin", "enter pin": "pin", "puk": "pin",
	"secret": "secret", "secret key": "secret", "private key": "secret", "shared secret": "secret",
	"client secret": "secret", "token": "secret", "access token": "secret", "auth token": "secret",
	"authentication token": "secret", "security token": "secret", "api key": "key", "key": "key",
	"encryption key": "secret", "pre-shared key": "secret", "credentials": "secret", "credential": "secret",
	"keyring": "key", "key file": "key", "private key password": "password", "secret token": "secret",
	"username": "user", "user name": "user", "login": "user", "email": "user", "e-mail": "user",
	"email address": "user", "phone": "user", "phone number": "user",
}

// foldID is a msgid's lookup form: no context, the singular, no mnemonic marks
// ("_Password:"), no trailing colon or ellipsis, lower case.
func foldID(id string) string {
	if i := strings.IndexByte(id, 4); i >= 0 {
		id = id[i+1:] // msgctxt
	}
	if i := strings.IndexByte(id, 0); i >= 0 {
		id = id[:i] // plural
	}
	id = strings.NewReplacer("_", "", "&", "").Replace(id)
	id = strings.TrimSpace(id)
	id = strings.TrimRight(id, ":.…! ")
	return strings.ToLower(strings.TrimSpace(id))
}

// cleanStr is a translation as a word list: mnemonics, trailing marks and accelerators
// ("(_P)") dropped.
func cleanStr(s string) string {
	s = strings.NewReplacer("_", "", "&", "", "\n", " ", "\t", " ").Replace(s)
	s = strings.TrimRight(strings.TrimSpace(s), ":：")
	if i := strings.LastIndex(s, "("); i > 0 && strings.HasSuffix(strings.TrimSpace(s), ")") && len(s)-i <= 5 {
		s = s[:i] // "パスワード(P)"
	}
	s = strings.TrimSpace(s)
	return strings.TrimSpace(strings.TrimRight(s, ":：.…!؟ "))
}

// promptKind is the kind of a msgid harvested: one of prompts, or a short one (four
// words at most) with a password, secret or token word ("Root password", "Wi-Fi
// password", "Token secret"), marked "+" after its kind.
func promptKind(id string) (string, bool) {
	f := foldID(id)
	if k, ok := prompts[f]; ok {
		return k, true
	}
	ws := strings.Fields(f)
	if len(ws) > 4 || strings.ContainsAny(f, "%$<{") {
		return "", false
	}
	for _, w := range ws {
		switch strings.Trim(w, "()\"'") {
		case "password", "passphrase", "passwords":
			return "password+", true
		case "secret", "token", "credentials":
			return "secret+", true
		}
	}
	return "", false
}

// readTemplates returns a debconf templates file's descriptions (their first lines)
// as pairs of English and each translation, the language in the third field.
func readTemplates(path string) ([][3]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out [][3]string
	for _, stanza := range strings.Split(string(b), "\n\n") {
		en := ""
		var tr [][2]string
		for _, line := range strings.Split(stanza, "\n") {
			k, v, ok := strings.Cut(line, ": ")
			if !ok || strings.HasPrefix(line, " ") {
				continue
			}
			if k == "Description" {
				en = v
			} else if lang, ok := strings.CutPrefix(k, "Description-"); ok {
				tr = append(tr, [2]string{strings.TrimSuffix(lang, ".UTF-8"), v})
			}
		}
		for _, t := range tr {
			out = append(out, [3]string{en, t[1], t[0]})
		}
	}
	return out, nil
}

type entry struct{ lang, kind, id, str, pkg string }

// readMO returns a catalog's pairs (translations not in UTF-8 are dropped by the
// caller: a few old catalogs are in a legacy charset).
func readMO(path string) ([][2]string, error) {
	b, err := os.ReadFile(path)
	if err != nil || len(b) < 28 {
		return nil, err
	}
	var bo binary.ByteOrder = binary.LittleEndian
	switch binary.LittleEndian.Uint32(b) {
	case 0x950412de:
	case 0xde120495:
		bo = binary.BigEndian
	default:
		return nil, fmt.Errorf("%s: not a .mo file", path)
	}
	n := int(bo.Uint32(b[8:]))
	orig, trans := int(bo.Uint32(b[12:])), int(bo.Uint32(b[16:]))
	str := func(tab, i int) (string, bool) {
		o := tab + 8*i
		if o+8 > len(b) {
			return "", false
		}
		l, off := int(bo.Uint32(b[o:])), int(bo.Uint32(b[o+4:]))
		if off < 0 || l < 0 || off+l > len(b) {
			return "", false
		}
		return string(b[off : off+l]), true
	}
	var out [][2]string
	for i := 0; i < n; i++ {
		id, ok1 := str(orig, i)
		s, ok2 := str(trans, i)
		if ok1 && ok2 && id != "" {
			out = append(out, [2]string{id, s})
		}
	}
	return out, nil
}

// lexiconWords reads the words of lexicon.go's lexicon table, folded as lexFold folds.
func lexiconWords(path string) (map[string]bool, error) {
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
	if err != nil {
		return nil, err
	}
	words := map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		vs, ok := n.(*ast.ValueSpec)
		if !ok || len(vs.Names) != 1 || vs.Names[0].Name != "lexicon" || len(vs.Values) != 1 {
			return true
		}
		for _, el := range vs.Values[0].(*ast.CompositeLit).Elts {
			for i, f := range el.(*ast.CompositeLit).Elts {
				lit, ok := f.(*ast.BasicLit)
				if i == 0 || !ok {
					continue
				}
				s, _ := strconv.Unquote(lit.Value)
				for _, w := range strings.Split(s, "|") {
					if w != "" {
						words[fold(strings.TrimPrefix(w, "~"))] = true
					}
				}
			}
		}
		return false
	})
	return words, nil
}

// fold is lexicon.go's lexFold.
func fold(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '_', ' ', '-', '\'', '.':
			return -1
		}
		return r
	}, strings.ToLower(s))
}

// known reports a translation the lexicon holds: whole, or any run of its words, or
// (for a script written without blanks) as a substring.
func known(words map[string]bool, s string) bool {
	ws := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsMark(r) && r != '\'' && r != '-' && r != 0x200c && r != 0x200d
	})
	for i := range ws {
		for j := i + 1; j <= len(ws); j++ {
			if words[fold(strings.Join(ws[i:j], " "))] {
				return true
			}
		}
	}
	f := fold(s)
	for w := range words {
		if len(w) >= 6 && strings.Contains(f, w) {
			return true
		}
	}
	return false
}

func main() {
	lex := flag.String("lexicon", "", "lexicon.go to mark translations against")
	onlyNew := flag.Bool("new", false, "print only the translations the lexicon lacks (with -lexicon)")
	flag.Parse()
	roots := flag.Args()
	if len(roots) == 0 {
		roots = []string{"/usr/share/locale"}
	}
	var words map[string]bool
	if *lex != "" {
		var err error
		if words, err = lexiconWords(*lex); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	seen := map[entry]bool{}
	var out []entry
	for _, root := range roots {
		filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			if d.Name() == "templates" {
				// a package's debconf templates (dpkg-deb -e): <pkg>/templates
				ts, _ := readTemplates(path)
				pkg := filepath.Base(filepath.Dir(path))
				pkg, _, _ = strings.Cut(pkg, "_")
				for _, t := range ts {
					kind, ok := promptKind(t[0])
					if s := cleanStr(t[1]); ok && s != "" {
						e := entry{t[2], kind, foldID(t[0]), s, pkg + " (debconf)"}
						if !seen[e] {
							seen[e] = true
							out = append(out, e)
						}
					}
				}
				return nil
			}
			if !strings.HasSuffix(path, ".mo") {
				return nil
			}
			// .../<lang>/LC_MESSAGES/<pkg>.mo
			dir := filepath.Dir(path)
			if filepath.Base(dir) != "LC_MESSAGES" {
				return nil
			}
			lang := filepath.Base(filepath.Dir(dir))
			pkg := strings.TrimSuffix(filepath.Base(path), ".mo")
			pairs, err := readMO(path)
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				return nil
			}
			for _, p := range pairs {
				kind, ok := promptKind(p[0])
				if !ok {
					continue
				}
				for _, s := range strings.Split(p[1], "\x00") {
					s = cleanStr(s)
					if s == "" || !utf8.ValidString(s) {
						continue
					}
					e := entry{lang, kind, foldID(p[0]), s, pkg}
					if !seen[e] {
						seen[e] = true
						out = append(out, e)
					}
				}
			}
			return nil
		})
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.lang != b.lang {
			return a.lang < b.lang
		}
		if a.kind != b.kind {
			return a.kind < b.kind
		}
		if a.str != b.str {
			return a.str < b.str
		}
		return a.id+a.pkg < b.id+b.pkg
	})
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	for _, e := range out {
		mark := ""
		if words != nil {
			mark = "NEW\t"
			if e.kind == "user" || known(words, e.str) {
				if *onlyNew {
					continue
				}
				mark = "have\t"
			}
		}
		fmt.Fprintf(w, "%s%s\t%s\t%q\t%s\t%s\n", mark, e.lang, e.kind, e.id, e.str, e.pkg)
	}
}

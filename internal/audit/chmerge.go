package audit

import (
	"fmt"
	"slices"
	"strings"
)

// The merge and substitution rules below follow ClickHouse's ConfigProcessor
// (src/Common/Config/ConfigProcessor.cpp), so that the audit sees the configuration the
// server runs with rather than the one a reader of config.xml would assume.

// substitutionAttrs name where an element's content comes from instead of the file.
var substitutionAttrs = []string{"incl", "from_zk", "from_env"}

// elementID is how the merge pairs an element of an override with one of the base: by
// name and by every attribute except replace, remove and the substitution ones.
func elementID(n *Node) string {
	var kv []string
	for _, a := range n.Attrs {
		if a.Name == "replace" || a.Name == "remove" || slices.Contains(substitutionAttrs, a.Name) {
			continue
		}
		kv = append(kv, a.Name+"\x00"+a.Value)
	}
	slices.Sort(kv)
	return n.Name + "\x01" + strings.Join(kv, "\x01")
}

// isRoot reports whether name is one of the two root element names ClickHouse accepts.
func isRoot(name string) bool { return name == "yandex" || name == "clickhouse" }

// mergeDoc merges an override document (a config.d or users.d file) into base. Both roots
// must be <yandex> or <clickhouse>, in any combination.
func mergeDoc(base, with *Node, b *budget) error {
	if base.Name != with.Name && !(isRoot(base.Name) && isRoot(with.Name)) {
		return fmt.Errorf("%s: root element <%s> does not match <%s> of %s", with.Pos, with.Name, base.Name, base.Pos.File)
	}
	return mergeNode(base, with, b, 0)
}

// mergeNode applies with onto base:
//   - base loses its text; with's text (if any) takes its place;
//   - each child of with is paired with the first unpaired child of base that has the
//     same name and attributes; a pair with remove="…" deletes the base child, with
//     replace="…" substitutes it whole, and otherwise the two merge recursively;
//   - an unpaired child of with is appended (without its remove-marked descendants).
func mergeNode(base, with *Node, b *budget, depth int) error {
	if depth > maxDepth {
		return errTooBig
	}
	if strings.TrimSpace(base.Text) != "" || strings.TrimSpace(with.Text) != "" {
		base.Text = with.Text
		base.TextPos = with.Pos
		if with.TextPos.File != "" {
			base.TextPos = with.TextPos
		}
	}
	// Pair by identity in document order: equal identities queue up first-come.
	pool := map[string][]*Node{}
	for _, c := range base.Children {
		id := elementID(c)
		pool[id] = append(pool[id], c)
	}
	for _, w := range with.Children {
		remove, replace := w.hasAttr("remove"), w.hasAttr("replace")
		if remove && replace {
			return fmt.Errorf("%s: both remove and replace attributes set for element <%s>", w.Pos, w.Name)
		}
		id := elementID(w)
		if q := pool[id]; len(q) > 0 {
			target := q[0]
			pool[id] = q[1:]
			i := slices.Index(base.Children, target)
			switch {
			case remove:
				base.Children = slices.Delete(base.Children, i, i+1)
			case replace:
				c := w.clone()
				c.delAttr("replace")
				if err := b.take(count(c)); err != nil {
					return err
				}
				base.Children[i] = c
			default:
				if err := mergeNode(target, w, b, depth+1); err != nil {
					return err
				}
			}
			continue
		}
		if remove {
			continue
		}
		c := w.clone()
		stripMergeAttrs(c)
		if err := b.take(count(c)); err != nil {
			return err
		}
		base.Children = append(base.Children, c)
	}
	return nil
}

// stripMergeAttrs drops what only means something to a merge from a subtree that is
// appended whole: replace attributes, and elements marked remove.
func stripMergeAttrs(n *Node) {
	n.delAttr("replace")
	n.Children = slices.DeleteFunc(n.Children, func(c *Node) bool { return c.hasAttr("remove") })
	for _, c := range n.Children {
		stripMergeAttrs(c)
	}
}

func count(n *Node) int {
	k := 1
	for _, c := range n.Children {
		k += count(c)
	}
	return k
}

// includeNote records a substitution the audit could not make.
type includeNote struct {
	Pos  Pos
	Kind string // "incl", "from_env", "from_zk", "include"
	Name string
	// Missing is set when an incl names something the include file does not have.
	Missing bool
}

// substituter applies incl/from_env/from_zk the way the server does after merging.
type substituter struct {
	from   *Node // root of the include_from document, or nil
	notes  []includeNote
	budget *budget
}

// lookup finds name (a slash-separated path) under the include document's root.
func (s *substituter) lookup(name string) *Node {
	if s.from == nil {
		return nil
	}
	return s.from.Path(name)
}

// apply walks n. It returns false when n itself must be removed from its parent (an
// optional incl that found nothing, or an <include> element).
func (s *substituter) apply(n *Node, depth int) (keep bool, replacement []*Node, err error) {
	if depth > maxDepth {
		return true, nil, errTooBig
	}
	var attr, name string
	k := 0
	for _, a := range substitutionAttrs {
		if v, ok := n.Attr(a); ok {
			attr, name = a, v
			k++
		}
	}
	if k > 1 {
		return true, nil, fmt.Errorf("%s: more than one substitution attribute is set for element <%s>", n.Pos, n.Name)
	}
	if n.Name == "include" && k == 0 {
		return true, nil, fmt.Errorf("%s: <include> needs an incl, from_env or from_zk attribute", n.Pos)
	}
	included := false
	switch attr {
	case "incl":
		src := s.lookup(name)
		switch {
		case src == nil:
			s.notes = append(s.notes, includeNote{Pos: n.Pos, Kind: "incl", Name: name, Missing: true})
			if n.hasAttr("optional") || n.Name == "include" {
				return false, nil, nil
			}
		case n.Name == "include":
			// <include incl="x"/> is replaced by x's children.
			var out []*Node
			for _, c := range src.Children {
				cc := c.clone()
				if err := s.budget.take(count(cc)); err != nil {
					return true, nil, err
				}
				out = append(out, cc)
			}
			return false, out, nil
		default:
			for _, a := range substitutionAttrs {
				n.delAttr(a)
			}
			if n.hasAttr("replace") {
				n.Children = nil
				n.Text = ""
				n.delAttr("replace")
			}
			for _, c := range src.Children {
				cc := c.clone()
				if err := s.budget.take(count(cc)); err != nil {
					return true, nil, err
				}
				n.Children = append(n.Children, cc)
			}
			if strings.TrimSpace(src.Text) != "" {
				n.Text += src.Text
				n.TextPos = src.ValuePos()
			}
			for _, a := range src.Attrs {
				n.setAttr(a.Name, a.Value)
			}
			included = true
		}
	case "from_env", "from_zk":
		// The value lives in the server's environment or in ZooKeeper: the audit cannot
		// see it, and must neither call it empty nor read it as plain text.
		s.notes = append(s.notes, includeNote{Pos: n.Pos, Kind: attr, Name: name})
		if n.Name == "include" {
			return false, nil, nil
		}
		n.Subst = attr + ":" + name
	}
	if included {
		return s.apply(n, depth+1)
	}
	var kept []*Node
	for _, c := range n.Children {
		keep, repl, err := s.apply(c, depth+1)
		if err != nil {
			return true, nil, err
		}
		if keep {
			kept = append(kept, c)
		}
		for _, r := range repl {
			if keepR, replR, err := s.apply(r, depth+1); err != nil {
				return true, nil, err
			} else if keepR {
				kept = append(kept, r)
			} else {
				kept = append(kept, replR...)
			}
		}
	}
	n.Children = kept
	return true, nil, nil
}

package audit

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Pos is where something was written: a file, a 1-based line, and byte columns within
// that line (Col inclusive, EndCol exclusive; both 0 when unknown).
type Pos struct {
	File        string
	Line        int
	Col, EndCol int
}

func (p Pos) String() string {
	if p.Line == 0 {
		return p.File
	}
	return fmt.Sprintf("%s:%d", p.File, p.Line)
}

// Attr is an XML attribute (or a YAML "@name" key).
type Attr struct {
	Name, Value string
}

// Node is one element of a ClickHouse-style configuration tree, read from XML or YAML,
// with the place each part came from so that findings can name a file and a line even
// after config.d overrides and includes have rewritten the tree.
type Node struct {
	Name     string
	Attrs    []Attr
	Text     string // the element's own character data, untrimmed
	Children []*Node
	// Pos is where the element was first written; TextPos is where its current text came
	// from, which differs from Pos once an override replaced the text.
	Pos, TextPos Pos
	// Subst says the content comes from somewhere the audit cannot see:
	// "from_env:NAME" or "from_zk:/path". Empty for literal content.
	Subst string
}

// Value is the element's text without surrounding white space.
func (n *Node) Value() string {
	if n == nil {
		return ""
	}
	return strings.TrimSpace(n.Text)
}

// Attr returns the value of attribute name and whether it is present.
func (n *Node) Attr(name string) (string, bool) {
	if n == nil {
		return "", false
	}
	for _, a := range n.Attrs {
		if a.Name == name {
			return a.Value, true
		}
	}
	return "", false
}

func (n *Node) hasAttr(name string) bool {
	_, ok := n.Attr(name)
	return ok
}

func (n *Node) setAttr(name, value string) {
	for i := range n.Attrs {
		if n.Attrs[i].Name == name {
			n.Attrs[i].Value = value
			return
		}
	}
	n.Attrs = append(n.Attrs, Attr{name, value})
}

func (n *Node) delAttr(name string) {
	n.Attrs = slices.DeleteFunc(n.Attrs, func(a Attr) bool { return a.Name == name })
}

// Child returns the first child element called name, or nil. A nil receiver has no
// children, so lookups chain: root.Child("openSSL").Child("client").
func (n *Node) Child(name string) *Node {
	if n == nil {
		return nil
	}
	for _, c := range n.Children {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// All returns every child element called name, in order.
func (n *Node) All(name string) []*Node {
	if n == nil {
		return nil
	}
	var out []*Node
	for _, c := range n.Children {
		if c.Name == name {
			out = append(out, c)
		}
	}
	return out
}

// Path follows slash-separated child names ("openSSL/client/verificationMode").
func (n *Node) Path(path string) *Node {
	for _, part := range strings.Split(path, "/") {
		if part == "" {
			continue
		}
		n = n.Child(part)
		if n == nil {
			return nil
		}
	}
	return n
}

// ValuePos is where a finding about the element's value should point: the element that
// supplied the text when there is one, else the element itself.
func (n *Node) ValuePos() Pos {
	if n.TextPos.File != "" {
		return n.TextPos
	}
	return n.Pos
}

// clone copies the subtree.
func (n *Node) clone() *Node {
	c := *n
	c.Attrs = slices.Clone(n.Attrs)
	c.Children = make([]*Node, len(n.Children))
	for i, ch := range n.Children {
		c.Children[i] = ch.clone()
	}
	return &c
}

// Limits on what one configuration file may make us build: a hostile or broken file
// must cost an error, never the memory or the stack of the audit.
const (
	maxDepth     = 200
	maxNodes     = 500_000
	maxFileBytes = 16 << 20
)

var errTooBig = errors.New("configuration too large or too deeply nested")

// budget counts nodes built across one document, including what includes and YAML
// aliases expand to.
type budget struct{ nodes int }

func (b *budget) take(n int) error {
	b.nodes += n
	if b.nodes > maxNodes {
		return fmt.Errorf("%w: more than %d elements", errTooBig, maxNodes)
	}
	return nil
}

package audit

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"go.yaml.in/yaml/v3"
)

// parseYAMLNode decodes one YAML document into yaml.v3's node tree, which keeps lines.
// An empty document gives nil.
func parseYAMLNode(file string, data []byte) (*yaml.Node, error) {
	if len(data) > maxFileBytes {
		return nil, fmt.Errorf("%s: %w: %d bytes", file, errTooBig, len(data))
	}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, fmt.Errorf("%s: YAML: %v", file, err)
	}
	if doc.Kind == yaml.DocumentNode {
		if len(doc.Content) == 0 {
			return nil, nil
		}
		return doc.Content[0], nil
	}
	return &doc, nil
}

// parseCHYAML turns a ClickHouse YAML configuration into the same tree its XML form would
// give, the way the server's YAML parser does: a key is an element, "@name" keys are
// attributes, "#text" is the element's text, and a list repeats its element once per item.
// The root is <clickhouse>; a top-level "clickhouse:" (or "yandex:") key is that root.
func parseCHYAML(file string, data []byte, b *budget) (*Node, error) {
	y, err := parseYAMLNode(file, data)
	if err != nil {
		return nil, err
	}
	root := &Node{Name: "clickhouse", Pos: Pos{File: file, Line: 1}}
	if y == nil {
		return root, nil
	}
	y = deref(y)
	if y.Kind == yaml.MappingNode && len(y.Content) == 2 {
		if k := y.Content[0].Value; k == "clickhouse" || k == "yandex" {
			if v := deref(y.Content[1]); v.Kind == yaml.MappingNode {
				root.Name = k
				root.Pos = yamlPos(file, y.Content[0])
				y = v
			}
		}
	}
	c := &yamlConv{file: file, budget: b}
	switch y.Kind {
	case yaml.MappingNode:
		err = c.mapping(y, root, 1)
	case yaml.SequenceNode:
		// A list at the top level lists the root's contents, item by item.
		for _, item := range y.Content {
			if err = c.fill(nil, root, deref(item), 1); err != nil {
				break
			}
		}
	case yaml.ScalarNode:
		root.Text = y.Value
		root.TextPos = yamlPos(file, y)
	}
	if err != nil {
		return nil, err
	}
	return root, nil
}

type yamlConv struct {
	file   string
	budget *budget
	// aliases counts alias expansions: a small file of nested aliases can otherwise
	// describe an exponentially large tree.
	aliases int
}

func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && n.Alias != nil && i < 64; i++ {
		n = n.Alias
	}
	return n
}

func yamlPos(file string, n *yaml.Node) Pos {
	col := max(n.Column-1, 0)
	w := len(n.Value)
	if w == 0 {
		w = 1
	}
	return Pos{File: file, Line: n.Line, Col: col, EndCol: col + w}
}

func (c *yamlConv) resolve(n *yaml.Node) (*yaml.Node, error) {
	if n.Kind == yaml.AliasNode {
		c.aliases++
		if c.aliases > 10_000 {
			return nil, fmt.Errorf("%s: %w: too many YAML aliases", c.file, errTooBig)
		}
		n = deref(n)
		if n == nil || n.Kind == yaml.AliasNode {
			return nil, fmt.Errorf("%s: unresolvable YAML alias", c.file)
		}
	}
	return n, nil
}

// mapping adds the keys of m to elem.
func (c *yamlConv) mapping(m *yaml.Node, elem *Node, depth int) error {
	if depth > maxDepth {
		return fmt.Errorf("%s: %w: deeper than %d", c.file, errTooBig, maxDepth)
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		v, err := c.resolve(v)
		if err != nil {
			return err
		}
		key := k.Value
		if k.Kind != yaml.ScalarNode {
			return fmt.Errorf("%s:%d: a YAML key must be a plain string", c.file, k.Line)
		}
		switch {
		case strings.HasPrefix(key, "@") && v.Kind == yaml.ScalarNode:
			elem.setAttr(key[1:], scalarText(v))
		case key == "#text" && v.Kind == yaml.ScalarNode:
			if elem.Text != "" {
				return fmt.Errorf("%s:%d: element <%s> has two texts", c.file, k.Line, elem.Name)
			}
			elem.Text = scalarText(v)
			elem.TextPos = yamlPos(c.file, k)
		default:
			if !validName(key) {
				return fmt.Errorf("%s:%d: %q cannot be an element name", c.file, k.Line, key)
			}
			if err := c.budget.take(1); err != nil {
				return fmt.Errorf("%s: %w", c.file, err)
			}
			child := &Node{Name: key, Pos: yamlPos(c.file, k)}
			elem.Children = append(elem.Children, child)
			if err := c.fill(elem, child, v, depth+1); err != nil {
				return err
			}
		}
	}
	return nil
}

// fill gives elem the content of v. A list repeats elem under parent once per item, the
// first item going into elem itself.
func (c *yamlConv) fill(parent, elem *Node, v *yaml.Node, depth int) error {
	if depth > maxDepth {
		return fmt.Errorf("%s: %w: deeper than %d", c.file, errTooBig, maxDepth)
	}
	switch v.Kind {
	case yaml.ScalarNode:
		if v.Tag != "!!null" {
			elem.Text += scalarText(v)
			elem.TextPos = elem.Pos
		}
	case yaml.MappingNode:
		return c.mapping(v, elem, depth)
	case yaml.SequenceNode:
		for i, item := range v.Content {
			item, err := c.resolve(item)
			if err != nil {
				return err
			}
			target := elem
			if i > 0 {
				if parent == nil {
					// Items of a top-level list all go into the root.
					target = elem
				} else {
					if err := c.budget.take(1); err != nil {
						return fmt.Errorf("%s: %w", c.file, err)
					}
					target = &Node{Name: elem.Name, Pos: yamlPos(c.file, item)}
					parent.Children = append(parent.Children, target)
				}
			}
			if err := c.fill(parent, target, item, depth+1); err != nil {
				return err
			}
		}
	}
	return nil
}

func scalarText(v *yaml.Node) string {
	if v.Tag == "!!null" {
		return ""
	}
	return v.Value
}

// validName accepts what can be an XML element name, so a YAML file cannot build a tree
// its XML twin could not hold.
func validName(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		switch {
		case r == '_' || r == ':' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r > 0x7f:
		case i > 0 && (r == '-' || r == '.' || r >= '0' && r <= '9'):
		default:
			return false
		}
	}
	return true
}

// flatYAML flattens a YAML mapping into dotted keys, the way Elasticsearch reads its
// settings ("xpack.security.enabled: false" and nested maps are the same setting). Lists
// keep their items in order.
type flatValue struct {
	Values []string
	Pos    Pos
}

func flattenYAML(file string, y *yaml.Node) (map[string]flatValue, error) {
	out := map[string]flatValue{}
	aliases := 0
	var walk func(prefix string, n *yaml.Node, keyPos Pos, depth int) error
	walk = func(prefix string, n *yaml.Node, keyPos Pos, depth int) error {
		if depth > maxDepth || len(out) > maxNodes {
			return fmt.Errorf("%s: %w", file, errTooBig)
		}
		if n.Kind == yaml.AliasNode {
			aliases++
			if aliases > 10_000 {
				return fmt.Errorf("%s: %w: too many YAML aliases", file, errTooBig)
			}
			n = deref(n)
			if n == nil || n.Kind == yaml.AliasNode {
				return fmt.Errorf("%s: unresolvable YAML alias", file)
			}
		}
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i]
				key := k.Value
				if prefix != "" {
					key = prefix + "." + key
				}
				if err := walk(key, n.Content[i+1], yamlPos(file, k), depth+1); err != nil {
					return err
				}
			}
		case yaml.SequenceNode:
			fv := flatValue{Pos: keyPos}
			for _, item := range n.Content {
				item = deref(item)
				if item != nil && item.Kind == yaml.ScalarNode {
					fv.Values = append(fv.Values, scalarText(item))
				}
			}
			out[prefix] = fv
		case yaml.ScalarNode:
			out[prefix] = flatValue{Values: []string{scalarText(n)}, Pos: keyPos}
		}
		return nil
	}
	if y == nil {
		return out, nil
	}
	return out, walk("", y, Pos{File: file, Line: 1}, 0)
}

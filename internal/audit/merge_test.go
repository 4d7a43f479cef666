package audit

import (
	"strconv"
	"strings"
	"testing"
)

// render prints a tree compactly: name[attr=v](children) with text as "…".
func render(n *Node) string {
	var b strings.Builder
	var walk func(*Node)
	walk = func(n *Node) {
		b.WriteString(n.Name)
		if len(n.Attrs) > 0 {
			b.WriteString("[")
			for i, a := range n.Attrs {
				if i > 0 {
					b.WriteString(",")
				}
				b.WriteString(a.Name + "=" + a.Value)
			}
			b.WriteString("]")
		}
		if v := n.Value(); v != "" {
			b.WriteString(`"` + v + `"`)
		}
		if n.Subst != "" {
			b.WriteString("{" + n.Subst + "}")
		}
		if len(n.Children) > 0 {
			b.WriteString("(")
			for i, c := range n.Children {
				if i > 0 {
					b.WriteString(" ")
				}
				walk(c)
			}
			b.WriteString(")")
		}
	}
	walk(n)
	return b.String()
}

func mustXML(t *testing.T, file, s string) *Node {
	t.Helper()
	n, err := parseXML(file, []byte(s), &budget{})
	if err != nil {
		t.Fatalf("parse %s: %v", file, err)
	}
	return n
}

func TestMergeRules(t *testing.T) {
	tests := []struct {
		name, base, with, want, err string
	}{
		{name: "text replaced, new elements appended",
			base: `<yandex><http_port>8123</http_port><tcp_port>9000</tcp_port></yandex>`,
			with: `<yandex><http_port>18123</http_port><https_port>8443</https_port></yandex>`,
			want: `yandex(http_port"18123" tcp_port"9000" https_port"8443")`},
		{name: "yandex and clickhouse roots merge",
			base: `<yandex><a>1</a></yandex>`, with: `<clickhouse><a>2</a></clickhouse>`,
			want: `yandex(a"2")`},
		{name: "other roots refused",
			base: `<yandex><a>1</a></yandex>`, with: `<config><a>2</a></config>`, err: "does not match"},
		{name: "recursive merge keeps siblings",
			base: `<yandex><users><default><password></password><profile>default</profile></default></users></yandex>`,
			with: `<yandex><users><default><password>x</password></default></users></yandex>`,
			want: `yandex(users(default(password"x" profile"default")))`},
		{name: "merge adds to a list instead of replacing it",
			base: `<yandex><users><u><networks><ip>::1</ip></networks></u></users></yandex>`,
			with: `<yandex><users><u><networks><ip>::/0</ip></networks></u></users></yandex>`,
			want: `yandex(users(u(networks(ip"::/0"))))`},
		{name: "repeated elements pair in order",
			base: `<yandex><listen_host>::1</listen_host><listen_host>127.0.0.1</listen_host></yandex>`,
			with: `<yandex><listen_host>0.0.0.0</listen_host></yandex>`,
			want: `yandex(listen_host"0.0.0.0" listen_host"127.0.0.1")`},
		{name: "replace swaps the whole element",
			base: `<yandex><users><u><networks><ip>::1</ip><host>h</host></networks></u></users></yandex>`,
			with: `<yandex><users><u><networks replace="replace"><ip>10.0.0.0/8</ip></networks></u></users></yandex>`,
			want: `yandex(users(u(networks(ip"10.0.0.0/8"))))`},
		{name: "remove deletes",
			base: `<yandex><users><default/><readonly/></users></yandex>`,
			with: `<yandex><users><readonly remove="remove"/></users></yandex>`,
			want: `yandex(users(default))`},
		{name: "remove of something absent adds nothing",
			base: `<yandex><users><default/></users></yandex>`,
			with: `<yandex><users><ghost remove="1"/></users></yandex>`,
			want: `yandex(users(default))`},
		{name: "remove and replace together refused",
			base: `<yandex><a/></yandex>`, with: `<yandex><a remove="1" replace="1"/></yandex>`, err: "both remove and replace"},
		{name: "attributes take part in pairing, special ones do not",
			base: `<yandex><x id="1">a</x><x id="2">b</x><y incl="q">c</y></yandex>`,
			with: `<yandex><x id="2">B</x><y>C</y></yandex>`,
			want: `yandex(x[id=1]"a" x[id=2]"B" y[incl=q]"C")`},
		{name: "appended subtree loses replace and remove-marked children",
			base: `<yandex/>`,
			with: `<yandex><users><u replace="1"><networks><ip>::1</ip><gone remove="1"/></networks></u></users></yandex>`,
			want: `yandex(users(u(networks(ip"::1"))))`},
		{name: "override without text clears base text",
			base: `<yandex><a>1</a></yandex>`, with: `<yandex><a><b>2</b></a></yandex>`,
			want: `yandex(a(b"2"))`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := mustXML(t, "config.xml", tt.base)
			with := mustXML(t, "config.d/x.xml", tt.with)
			err := mergeDoc(base, with, &budget{})
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := render(base); got != tt.want {
				t.Errorf("merged\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestMergeTracksWhereValuesCameFrom(t *testing.T) {
	base := mustXML(t, "config.xml", "<yandex>\n  <listen_host>::1</listen_host>\n  <tcp_port>9000</tcp_port>\n</yandex>")
	with := mustXML(t, "config.d/listen.xml", "<yandex>\n\n\n  <listen_host>0.0.0.0</listen_host>\n</yandex>")
	if err := mergeDoc(base, with, &budget{}); err != nil {
		t.Fatal(err)
	}
	lh := base.Child("listen_host")
	if lh.Pos.File != "config.xml" || lh.Pos.Line != 2 {
		t.Errorf("element position %v, want config.xml:2", lh.Pos)
	}
	if got := lh.ValuePos(); got.File != "config.d/listen.xml" || got.Line != 4 || got.Col != 2 {
		t.Errorf("value position %+v, want config.d/listen.xml:4 col 2", got)
	}
	if got := base.Child("tcp_port").ValuePos(); got.File != "config.xml" || got.Line != 3 {
		t.Errorf("untouched value position %v", got)
	}
}

func TestSubstitutions(t *testing.T) {
	tests := []struct {
		name, config, include, want string
		notes                       []string
	}{
		{name: "incl appends the included children",
			config:  `<yandex><users><u><networks incl="nets"><ip>::1</ip></networks></u></users></yandex>`,
			include: `<yandex><nets><ip>10.0.0.0/8</ip></nets></yandex>`,
			want:    `yandex(users(u(networks(ip"::1" ip"10.0.0.0/8"))))`},
		{name: "incl with replace replaces",
			config:  `<yandex><users><u><networks incl="nets" replace="replace"><ip>::/0</ip></networks></u></users></yandex>`,
			include: `<clickhouse><nets><ip>10.0.0.0/8</ip></nets></clickhouse>`,
			want:    `yandex(users(u(networks(ip"10.0.0.0/8"))))`},
		{name: "incl not found keeps the content",
			config: `<yandex><users><u><networks incl="networks" replace="replace"><ip>::/0</ip></networks></u></users></yandex>`,
			want:   `yandex(users(u(networks[incl=networks,replace=replace](ip"::/0"))))`,
			notes:  []string{"incl networks missing"}},
		{name: "optional incl not found removes the element",
			config: `<yandex><zookeeper incl="zookeeper-servers" optional="true"/><a>1</a></yandex>`,
			want:   `yandex(a"1")`,
			notes:  []string{"incl zookeeper-servers missing"}},
		{name: "incl of text and nested path",
			config:  `<yandex><users><u><password incl="secrets/u"/></u></users></yandex>`,
			include: `<yandex><secrets><u>s3cret</u></secrets></yandex>`,
			want:    `yandex(users(u(password"s3cret")))`},
		{name: "include element is replaced by the children",
			config:  `<clickhouse><include incl="extra"/><b>2</b></clickhouse>`,
			include: `<clickhouse><extra><a>1</a><c>3</c></extra></clickhouse>`,
			want:    `clickhouse(a"1" c"3" b"2")`},
		{name: "from_env and from_zk are noted, not guessed",
			config: `<yandex><users><u><password from_env="CH_PW"/></u></users><x from_zk="/cfg/x"/></yandex>`,
			want:   `yandex(users(u(password[from_env=CH_PW]{from_env:CH_PW})) x[from_zk=/cfg/x]{from_zk:/cfg/x})`,
			notes:  []string{"from_env CH_PW", "from_zk /cfg/x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := mustXML(t, "config.xml", tt.config)
			s := &substituter{budget: &budget{}}
			if tt.include != "" {
				s.from = mustXML(t, "metrika.xml", tt.include)
			}
			if _, _, err := s.apply(root, 0); err != nil {
				t.Fatal(err)
			}
			if got := render(root); got != tt.want {
				t.Errorf("\n got %s\nwant %s", got, tt.want)
			}
			var notes []string
			for _, n := range s.notes {
				s := n.Kind + " " + n.Name
				if n.Missing {
					s += " missing"
				}
				notes = append(notes, s)
			}
			if strings.Join(notes, ";") != strings.Join(tt.notes, ";") {
				t.Errorf("notes %q, want %q", notes, tt.notes)
			}
		})
	}
}

func TestSubstitutionErrors(t *testing.T) {
	for _, cfg := range []string{
		`<yandex><a incl="x" from_env="Y"/></yandex>`,
		`<clickhouse><include/></clickhouse>`,
	} {
		root := mustXML(t, "c.xml", cfg)
		s := &substituter{budget: &budget{}}
		if _, _, err := s.apply(root, 0); err == nil {
			t.Errorf("%s: no error", cfg)
		}
	}
	// An include that includes itself stops at the depth limit instead of looping.
	root := mustXML(t, "c.xml", `<yandex><a incl="loop"/></yandex>`)
	s := &substituter{budget: &budget{}, from: mustXML(t, "m.xml", `<yandex><loop><b incl="loop"/></loop></yandex>`)}
	if _, _, err := s.apply(root, 0); err == nil {
		t.Error("self-including substitution: no error")
	}
}

func TestYAMLMatchesXML(t *testing.T) {
	y := `
listen_host:
  - "::"
  - 0.0.0.0
http_port: 8123
users:
  default:
    password: ""
    networks:
      "@replace": replace
      ip: ["10.0.0.0/8", "::1"]
    profile: default
  app:
    password_sha256_hex: abc
    "@id": "7"
profiles:
  default:
    readonly: 1
text_with_attr:
  "@a": b
  "#text": value
empty:
`
	x := `<clickhouse>
<listen_host>::</listen_host><listen_host>0.0.0.0</listen_host><http_port>8123</http_port>
<users><default><password></password><networks replace="replace"><ip>10.0.0.0/8</ip><ip>::1</ip></networks>
<profile>default</profile></default><app id="7"><password_sha256_hex>abc</password_sha256_hex></app></users>
<profiles><default><readonly>1</readonly></default></profiles><text_with_attr a="b">value</text_with_attr><empty/>
</clickhouse>`
	yn, err := parseCHYAML("config.yaml", []byte(y), &budget{})
	if err != nil {
		t.Fatal(err)
	}
	xn := mustXML(t, "config.xml", x)
	if render(yn) != render(xn) {
		t.Errorf("YAML and XML differ:\nyaml %s\n xml %s", render(yn), render(xn))
	}
	// Lines point into the YAML file.
	ip := yn.Path("users/default/networks").All("ip")
	if len(ip) != 2 || ip[1].ValuePos().Line != 11 || ip[1].ValuePos().File != "config.yaml" {
		t.Errorf("list item positions: %+v", ip)
	}
	// A top-level clickhouse: key is the root.
	wrapped, err := parseCHYAML("c.yaml", []byte("clickhouse:\n  http_port: 1\n"), &budget{})
	if err != nil || render(wrapped) != `clickhouse(http_port"1")` {
		t.Errorf("wrapped root: %s %v", render(wrapped), err)
	}
}

func TestYAMLAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 12; i++ {
		b.WriteString("a" + itoa(i) + ": &a" + itoa(i) + " [")
		for j := 0; j < 10; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*a" + itoa(i-1))
		}
		b.WriteString("]\n")
	}
	if _, err := parseCHYAML("bomb.yaml", []byte(b.String()), &budget{}); err == nil {
		t.Fatal("alias bomb accepted")
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

package detect

import (
	"math/rand"
	"os"
	"sort"
	"strings"
	"testing"
)

// More syntaxes for the gate matrix (gatematrix_test.go): the ways real files write a
// name and its value that the first matrix lacks — a YAML block scalar, TOML and INI
// under a section, shell's export, cmd's set, PowerShell's $env:, make's and Go's :=,
// .NET's appSettings, HCL, a JVM system property, PHP's and Ruby's =>, Lua. The same
// names, case styles and value shapes; the expected cells are gmExpect's. The test
// reports each syntax's found-ratio and fails under its floor, or when a negative
// value under any of them is reported.
var gmSyntaxes39 = []gmSyntax{
	{"yamlblock", "config:\n  {K}: |\n    {V}\n", "#", true},
	{"toml", "[server]\n{K} = \"{V}\"\n", `"\`, false},
	{"ini", "[database]\n{K} = {V}\n", "#;", true},
	{"export", "export {K}={V}\n", "#", true},
	{"cmdset", "set {K}={V}\r\n", "&|<>^%", true},
	{"psenv", "$env:{K} = \"{V}\"\n", "\"`$", false},
	{"coloneq", "{K} := {V}\n", "#", true},
	{"appsettings", "<appSettings>\n  <add key=\"{K}\" value=\"{V}\" />\n</appSettings>\n", `"<&`, false},
	{"hcl", "resource \"x\" \"y\" {\n  {K} = \"{V}\"\n}\n", `"\$%`, false},
	{"jvm", "java -D{K}={V} -jar app.jar\n", "#", true},
	{"arrow", "'{K}' => '{V}',\n", `'\`, false},
	{"lua", "local {K} = \"{V}\"\n", `"\`, false},
}

// gmFloors39 are the found-ratios of each syntax's expected cells now (gates40); a
// syntax not listed must find every expected cell.
var gmFloors39 = map[string]float64{
	"appsettings": 0.967,
	"arrow":       0.968,
	"cmdset":      0.769,
	"coloneq":     0.486,
	"export":      0.779,
	"hcl":         0.964,
	"ini":         0.955,
	"jvm":         0.796,
	"lua":         0.971,
	"psenv":       0.888,
	"toml":        0.980,
	"yamlblock":   0.943,
}

func TestGateMatrixSyntaxes(t *testing.T) {
	if testing.Short() {
		t.Skip("matrix")
	}
	e := Default()
	r := rand.New(rand.NewSource(39))
	shapes := gmShapes()
	type cnt struct{ exp, found int }
	bySyn := map[string]*cnt{}
	byClass := map[string]*cnt{}
	var misses []string
	for _, nm := range gmNames {
		if nm.kind == "pin" {
			continue
		}
		for si, st := range gmStyles {
			k := gmStyle(st, nm.words)
			for _, sh := range shapes {
				v := sh.gen(r)
				for yi, syn := range gmSyntaxes39 {
					if (si+yi)%3 != 0 && syn.name != "lua" {
						continue // a third of the style x syntax pairs
					}
					if syn.name == "jvm" && st == "kebab" || syn.name == "lua" && (st == "kebab" || strings.Contains(k, ".")) ||
						syn.name == "psenv" && strings.ContainsAny(k, ".-") || syn.name == "cmdset" && strings.Contains(k, "-") {
						continue // names those syntaxes cannot write
					}
					if strings.ContainsAny(v, syn.forbid) || !gmExpect(nm.kind, sh.name, syn) {
						continue
					}
					found := gmFound(scanAll(e, gmFill(syn, k, v)), v)
					for _, key := range []string{syn.name} {
						c := bySyn[key]
						if c == nil {
							c = &cnt{}
							bySyn[key] = c
						}
						c.exp++
						if found {
							c.found++
						}
					}
					cl := syn.name + " " + nm.kind + "/" + gmClass(sh.name)
					c := byClass[cl]
					if c == nil {
						c = &cnt{}
						byClass[cl] = c
					}
					c.exp++
					if found {
						c.found++
					} else {
						misses = append(misses, nm.kind+"/"+sh.name+" "+syn.name+": "+strings.ReplaceAll(gmFill(syn, k, v), "\n", `\n`))
					}
				}
			}
		}
	}
	show := os.Getenv("GATEMATRIX")
	var keys []string
	for k := range bySyn {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		c := bySyn[k]
		got := float64(c.found) / float64(c.exp)
		if show != "" {
			t.Logf("%-12s expected %5d/%5d (%.3f)", k, c.found, c.exp, got)
		}
		floor, ok := gmFloors39[k]
		if !ok {
			floor = 1
		}
		if got+1e-9 < floor {
			t.Errorf("%s: found %d of %d expected cells (%.3f), floor %.3f", k, c.found, c.exp, got, floor)
		}
	}
	if show == "class" || show == "miss" {
		keys = keys[:0]
		for k := range byClass {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if c := byClass[k]; c.found < c.exp {
				t.Logf("CLASS %-28s %4d/%4d", k, c.found, c.exp)
			}
		}
	}
	if show == "miss" {
		for _, m := range misses {
			t.Log("MISS " + m)
		}
	}
	// negatives under every new syntax
	for _, nm := range gmNames {
		for si, st := range gmStyles {
			k := gmStyle(st, nm.words)
			for ni, v := range gmNegatives {
				if (nm.kind == "password" || nm.kind == "pin") && pwLiteral[v] {
					continue
				}
				syn := gmSyntaxes39[(si+ni)%len(gmSyntaxes39)]
				if strings.ContainsAny(v, syn.forbid) {
					continue
				}
				in := gmFill(syn, k, v)
				for _, m := range scanAll(e, in) {
					t.Errorf("NEG %q: %s %q", in, m.Rule.ID, m.Value)
				}
			}
		}
	}
}

// The leftovers gates38's matrix documented, found by gates40's general gates, and the
// password name's non-literals it reported.
func TestGateProbes40(t *testing.T) {
	e := Default()
	for _, c := range []struct{ in, want string }{
		{"secret_key=Tn9ZYA@RbneAvly@whIjVRV-(Fr-S8vfGMQWR", "Tn9ZYA@RbneAvly@whIjVRV-(Fr-S8vfGMQWR"},
		{"SECRET=TSc31CI1UkL)UJ0rjQk393d", "TSc31CI1UkL)UJ0rjQk393d"},
		{"PASSWORD = 4UaCYIs2VBE(aOHXcqhbBjK", "4UaCYIs2VBE(aOHXcqhbBjK"},
		{"password: USNUhYRyKw4.TqfgkdJnLkq", "USNUhYRyKw4.TqfgkdJnLkq"},
		{"signing_key=9a50f8a8e9bb8bdb", "9a50f8a8e9bb8bdb"},
		{`encryption_key: "0BD5482A90A29B9F"`, "0BD5482A90A29B9F"},
		{"SALT=lnmsPwZ9pb6hq6havp0J1SMMFo1iwR1R", "lnmsPwZ9pb6hq6havp0J1SMMFo1iwR1R"},
		{`{"SECRET": "uMAV4xKNsFs,A3zj9Uutur2"}`, "uMAV4xKNsFs,A3zj9Uutur2"},
		{"omero.web.password=^7jd7UkqJ4pxAx5AfY8Vgcceh", "^7jd7UkqJ4pxAx5AfY8Vgcceh"},
		{"java -DPWD=7bieWEOMeP -jar app.jar", "7bieWEOMeP"},
		{"[database]\npassword = IXGhaUv45c\n", "IXGhaUv45c"},
	} {
		if !gmFound(scanAll(e, c.in), c.want) {
			t.Errorf("MISS %q: got %s", c.in, describe(scanAll(e, c.in)))
		}
	}
	h11Quiet(t, []string{
		"password: test", `{"password": "test"}`, "PASSWORD=4096", `<password>8080</password>`, "DB_PASSWORD: 86400",
		`password = "get_secret()"`, `{"DB_PASSWORD": "request.form['password']"}`, `password="v2.4.0-rc1"`,
		`{"SECRET": "HRKU-AAy9Ppr_HD2pPuTyIiTYInO0h;zhoERRSO93ZQusSYHgaD7_WQ07FnF7L9FX"}`,
		"apiToken: eywT2nGMZwOcbsUVBwfiRPEl8P_wnmo6XfdUoGVwxDfOSjNyqhYqFdi.KojZZOM8Ox",
		// a stored password's salt in a record stays no secret; an id's hex stays an id's
		`{"user": "bob", "salt": "lnmsPwZ9pb6hq6havp0J1SMMFo1iwR1R"}`, "api_key_id=9a50f8a8e9bb8bdb",
		"[section]\nPassword = psKey2\n", "version = 1.2.3\nsecret_hash=9a50f8a8e9bb8bdb",
		"x = foo(Tn9ZYAbRbneAvlywhIjVRV, 2)", "token = pkg.Name", "secret = cfg.Secret",
	})
}

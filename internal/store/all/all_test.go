package all

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/internal/store"
)

// proberDecl is how a store package declares its prober (DESIGN.md: a compile-time
// `var _ store.Prober = …` check).
var proberDecl = regexp.MustCompile(`(?m)^\s*_\s+store\.Prober\s*=`)

// Every store/* package that declares a prober is in the one list a scan runs: a
// package left out would never be tried, and no test of its own would notice.
func TestEveryStorePackageRegistered(t *testing.T) {
	registered := map[string]bool{}
	for _, p := range Probers() {
		registered[reflect.TypeOf(p).Elem().PkgPath()] = true
	}
	dirs, err := filepath.Glob("../*")
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, dir := range dirs {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		declares := false
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if proberDecl.Match(b) {
				declares = true
				break
			}
		}
		if !declares {
			continue
		}
		found++
		pkg := "github.com/leakwatch/leakwatch/internal/store/" + filepath.Base(dir)
		if !registered[pkg] {
			t.Errorf("%s declares a prober that all.Probers does not list", pkg)
		}
	}
	if found != len(registered) || found < 14 {
		t.Errorf("%d packages declare a prober, %d are registered", found, len(registered))
	}
}

// Every registered prober is identified by the identification stage and explores what
// it identified: none falls back to being tried port after port.
func TestEveryProberIdentifies(t *testing.T) {
	var names []string
	for _, p := range Probers() {
		if slices.Contains(names, p.Name()) {
			t.Errorf("two probers named %q", p.Name())
		}
		names = append(names, p.Name())
		f, ok := p.(store.Fingerprinter)
		if !ok {
			t.Errorf("%s declares no fingerprints", p.Name())
			continue
		}
		if _, ok := p.(store.Explorer); !ok {
			t.Errorf("%s cannot explore", p.Name())
		}
		fp := f.Fingerprints()
		if len(fp.Banners)+len(fp.HTTP)+len(fp.Hellos) == 0 {
			t.Errorf("%s has fingerprints with no matcher", p.Name())
		}
	}
}

// Package lazyre holds regular expressions that are compiled on first use rather than
// when their package is initialised: every run of leakwatch initialises every package it
// links (store probers, verifiers, monitors), and a package-level regexp.MustCompile
// costs its compilation in each run, even one that never reads the expression.
package lazyre

import (
	"fmt"
	"regexp"
	"sync"
)

// Regexp is a regexp.Regexp compiled by its first method call (which panics, as
// regexp.MustCompile, if the expression does not compile: the package's tests compile
// every one).
type Regexp struct {
	src  string
	once sync.Once
	re   *regexp.Regexp
}

// New returns the expression src, to be compiled on first use.
func New(src string) *Regexp {
	l := &Regexp{src: src}
	madeMu.Lock()
	made = append(made, l)
	madeMu.Unlock()
	return l
}

// every expression New made, for Check
var (
	madeMu sync.Mutex
	made   []*Regexp
)

// Check compiles every expression New has made (those of every package linked into
// the caller's binary, which make theirs at package init), without keeping them: a
// package-level regexp.MustCompile failed at init, in every test of its package; a lazy
// one that does not compile would panic only when first used. It returns how many it
// compiled, and the first that does not compile.
func Check() (int, error) {
	madeMu.Lock()
	all := append([]*Regexp(nil), made...)
	madeMu.Unlock()
	for _, l := range all {
		if _, err := regexp.Compile(l.src); err != nil {
			return 0, fmt.Errorf("lazyre: %q: %w", l.src, err)
		}
	}
	return len(all), nil
}

// Re is the compiled expression.
func (l *Regexp) Re() *regexp.Regexp {
	l.once.Do(func() { l.re = regexp.MustCompile(l.src) })
	return l.re
}

// String is the source text.
func (l *Regexp) String() string { return l.src }

func (l *Regexp) Match(b []byte) bool                  { return l.Re().Match(b) }
func (l *Regexp) MatchString(s string) bool            { return l.Re().MatchString(s) }
func (l *Regexp) FindString(s string) string           { return l.Re().FindString(s) }
func (l *Regexp) FindStringSubmatch(s string) []string { return l.Re().FindStringSubmatch(s) }
func (l *Regexp) FindStringSubmatchIndex(s string) []int {
	return l.Re().FindStringSubmatchIndex(s)
}
func (l *Regexp) FindSubmatch(b []byte) [][]byte { return l.Re().FindSubmatch(b) }
func (l *Regexp) FindAll(b []byte, n int) [][]byte {
	return l.Re().FindAll(b, n)
}
func (l *Regexp) FindAllSubmatch(b []byte, n int) [][][]byte {
	return l.Re().FindAllSubmatch(b, n)
}
func (l *Regexp) FindAllStringSubmatch(s string, n int) [][]string {
	return l.Re().FindAllStringSubmatch(s, n)
}
func (l *Regexp) ReplaceAllString(src, repl string) string {
	return l.Re().ReplaceAllString(src, repl)
}

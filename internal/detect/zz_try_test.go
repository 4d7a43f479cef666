package detect

import (
	"fmt"
	"os"
	"testing"
)

func TestZZTry(t *testing.T) {
	b, _ := os.ReadFile(os.Getenv("TRY"))
	for _, m := range scanAll(Default(), string(b)) {
		fmt.Printf("%s %q\n", m.Rule.ID, m.Value)
	}
	v := []byte("uZ0oAl6RQtxUsqrzpeZEHZUi1r+WTflTl0g6cPwF7uUyPayZR0bh5s8Wqr5ufsCNwRrMlqR+QjGVruNEmhCBF+")
	f := compilePVFmt("{b:86-88}{pad}")
	fmt.Println(f.full.Match(v), pvValueOK(v, &f), isPlaceholder(v), handTyped(v), entropy(v))
}

func TestZZTry2(t *testing.T) {
	e := Default()
	d := e.prov
	fmt.Println("prov nil?", d == nil)
	if d == nil {
		return
	}
	fmt.Println(len(d.words), d.index["appointedd"], d.words[d.index["appointedd"]])
	pe := d.provs[d.byWord[d.index["appointedd"]][0]]
	fmt.Println(pe.rule.ID, e.on[pe.rule.idx], pe.fmts[0].re)
	data := []byte("APPOINTEDD_KEY=uZ0oAl6RQtxUsqrzpeZEHZUi1r+WTflTl0g6cPwF7uUyPayZR0bh5s8Wqr5ufsCNwRrMlqR+QjGVruNEmhCBF+\n")
	fmt.Println(pe.fmts[0].re.FindAllIndex(data[10:], 4), pvBounded(data, 15, 101, &pe.fmts[0]))
}

package lazyre

import (
	"regexp"
	"testing"
)

// TestLazySameAsRegexp: each method answers as the compiled expression's, and the
// expression is compiled only when first asked.
func TestLazySameAsRegexp(t *testing.T) {
	src := `(\w+)@(\w+)\.com`
	l, re := New(src), regexp.MustCompile(src)
	if l.re != nil {
		t.Fatal("compiled before first use")
	}
	in := "mail ann@example.com and bob@test.com now"
	if l.MatchString(in) != re.MatchString(in) || l.Match([]byte(in)) != re.Match([]byte(in)) ||
		l.FindString(in) != re.FindString(in) || l.ReplaceAllString(in, "<$2>") != re.ReplaceAllString(in, "<$2>") ||
		len(l.FindAllStringSubmatch(in, -1)) != 2 || len(l.FindAll([]byte(in), -1)) != 2 ||
		len(l.FindAllSubmatch([]byte(in), -1)) != 2 || string(l.FindSubmatch([]byte(in))[2]) != "example" ||
		l.FindStringSubmatch(in)[1] != "ann" || l.FindStringSubmatchIndex(in)[2] != 5 || l.String() != src {
		t.Fatal("a lazy method answers otherwise than regexp's")
	}
	if l.re == nil || l.Re() != l.re {
		t.Fatal("not compiled once")
	}
	defer func() {
		if recover() == nil {
			t.Fatal("a bad expression compiled")
		}
	}()
	New(`(`).MatchString("x")
}

// TestLazyConcurrentFirstUse: goroutines that ask an expression not yet compiled at
// once all get the one compiled expression and its answers (run with -race: the
// compile is sync.Once's).
func TestLazyConcurrentFirstUse(t *testing.T) {
	l := New(`^[0-9a-f]{8}$`)
	const n = 16
	got := make(chan *regexp.Regexp, n)
	start := make(chan struct{})
	for range n {
		go func() {
			<-start
			if !l.MatchString("deadbeef") || l.MatchString("deadbeeg") {
				t.Error("a concurrent first use answered wrongly")
			}
			got <- l.Re()
		}()
	}
	close(start)
	first := <-got
	for range n - 1 {
		if re := <-got; re != first || re == nil {
			t.Fatal("goroutines got different compilations")
		}
	}
}

// TestCheck: Check compiles every expression made, and names one that does not compile.
func TestCheck(t *testing.T) {
	saved := made
	made = nil
	defer func() { made = saved }()
	New(`^a+$`)
	if n, err := Check(); err != nil || n < 1 {
		t.Fatalf("Check: %d, %v", n, err)
	}
	New(`(unclosed`)
	if _, err := Check(); err == nil {
		t.Fatal("an expression that does not compile passed Check")
	}
}

package detect

// A trace of why candidates die, for diagnostics (tools/whymiss): which key words were
// recognised, what value the assignment syntax read for them, and which gate refused
// the value or dropped the match. Off (nil) by default; every call site tests tracer
// before building an event, so a scan without a tracer pays one load and branch at each
// refusal and nothing else.

// TraceEvent is one step of a candidate's life that ended it, or one key read.
type TraceEvent struct {
	// Rule is the id of the rule the event concerns ("" for a key read for every rule).
	Rule string
	// Stage: "key" (a key word was recognised and its assignment parsed; Value is what
	// was read, empty when nothing), "keyword" (a key word's key was refused by the
	// rule's key test), "reject" (a value was refused before a match was made), "drop"
	// (a match was removed after the pass).
	Stage string
	// Reason names the gate: "valueOK", "assignOK:<why>", "placeholder", …
	Reason string
	// Key and Value are the texts of the key and the candidate value (bounded).
	Key, Value string
	// Line is the text of the line holding the key or the value (bounded).
	Line string
	// Depth is 0 for the text scanned, more inside a decoded view (decode.go).
	Depth int
}

// tracer receives the events when set. Set it only while no scan runs (SetTrace).
var tracer func(TraceEvent)

// SetTrace installs fn as the receiver of trace events (nil turns tracing off). It must
// not be called while a scan runs; fn may be called from several goroutines at once.
func SetTrace(fn func(TraceEvent)) { tracer = fn }

const traceMax = 512

func traceText(b []byte) string {
	if len(b) > traceMax {
		b = b[:traceMax]
	}
	return string(b)
}

// traceLine returns the (bounded) line of data around offset at.
func traceLine(data []byte, at int) string {
	if at > len(data) {
		at = len(data)
	}
	ls := at
	for ls > 0 && data[ls-1] != '\n' && at-ls < traceMax {
		ls--
	}
	le := at
	for le < len(data) && data[le] != '\n' && le-at < traceMax {
		le++
	}
	return string(data[ls:le])
}

// trace sends an event about the candidate at [vs, ve) (empty when vs >= ve) under key;
// the line is read around vs, or at when there is no value.
func (sc *scanner) trace(r *Rule, stage, reason string, key []byte, at, vs, ve int) {
	ev := TraceEvent{Stage: stage, Reason: reason, Depth: sc.depth, Key: traceText(key)}
	if r != nil {
		ev.Rule = r.ID
	}
	d := sc.data
	if vs >= 0 && ve <= len(d) && vs < ve {
		ev.Value = traceText(d[vs:ve])
		at = vs
	}
	if at >= 0 && at <= len(d) {
		ev.Line = traceLine(d, at)
	}
	tracer(ev)
}

// valueWhy and assignWhy name the refusal of s's value and assignment tests for the
// trace; rules without a reasoned variant answer "".
func (s *kvSpec) valueWhy(v []byte) string {
	if s.rule != nil && s.rule.ID == "password-assignment" {
		return passwordValueWhy(v)
	}
	return ""
}

func (s *kvSpec) assignWhy(a *assignment, key, v []byte) string {
	if s.rule != nil && s.rule.ID == "password-assignment" {
		return passwordAssignWhy(a, key, v)
	}
	return ""
}

// dropWhy names which of dropExamples' tests removed m (asked again, for the trace).
func (x *exampleIndex) dropWhy(sc *scanner, m rawMatch) string {
	switch {
	case x.example(sc.data, m, sc.exampleAt):
		return "example"
	case sc.allowMarked(m.start, m.end):
		return "allowMarked"
	}
	if why := x.realTreesWhy(sc.data, m, sc.exampleAt); why != "" {
		return "realTrees:" + why
	}
	if sc.treeRound9(m) {
		return "treeRound9"
	}
	if sc.treeRound10(m) {
		return "treeRound10"
	}
	if sc.treeRound11(m) {
		return "treeRound11"
	}
	if sc.treeRound12(m) {
		return "treeRound12"
	}
	if sc.treeRound13(m) {
		return "treeRound13"
	}
	if sc.treeRound14(m) {
		return "treeRound14"
	}
	if sc.treeRound15(m) {
		return "treeRound15"
	}
	if sc.treeRound16(m) {
		return "treeRound16"
	}
	if sc.treeRound17(m) {
		return "treeRound17"
	}
	if sc.treeRound18(m) {
		return "treeRound18"
	}
	return "treeRound37" // the last of dropExamples' tests (realtrees37.go)
}

package detect

// cliCommandEnd returns where the command line that goes on from p ends: the end of
// p's line, or, when a backslash ends that line, of the line it continues onto, and so
// on (a shell command split over lines, as READMEs and scripts print long ones:
// "curl -X POST https://… \" then "  -u user:password"). At most cliMaxCont lines are
// joined, none read further than lim bytes ahead of its start. A doubled backslash
// ("…\\") is a backslash written out, not a continuation.
func cliCommandEnd(data []byte, p, lim int) int {
	end := lineEnd(data, p, lim)
	for n := 0; n < cliMaxCont; n++ {
		if !cliContinued(data, p, end) {
			break
		}
		next := end + 1
		if data[end] == '\r' && next < len(data) && data[next] == '\n' {
			next++
		}
		if next >= len(data) {
			break
		}
		end = lineEnd(data, next, lim)
	}
	return end
}

// cliMaxCont bounds the continuation lines one command is read across.
const cliMaxCont = 16

// cliContinued reports whether the line ending at end (before its '\r' or '\n') ends
// in a lone backslash with a line break after it.
func cliContinued(data []byte, p, end int) bool {
	return end > p && end < len(data) && (data[end] == '\n' || data[end] == '\r') &&
		data[end-1] == '\\' && (end-2 < p || data[end-2] != '\\')
}

// cliContAt returns the length of a backslash-newline continuation at p ("\\\n",
// "\\\r\n"), 0 when none starts there.
func cliContAt(data []byte, p, end int) int {
	if p+1 >= end || data[p] != '\\' {
		return 0
	}
	switch data[p+1] {
	case '\n':
		return 2
	case '\r':
		if p+2 < end && data[p+2] == '\n' {
			return 3
		}
		return 2
	}
	return 0
}

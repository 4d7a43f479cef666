package querywatch

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/leakwatch/leakwatch/internal/lazyre"
)

// ClickHouse logs refused logins in its text log (clickhouse-server.log or .err.log):
// before 21.x nowhere else, and later only in session_log, which the stock config.xml
// leaves commented out. Servers since 20.x write, at error level, the line
// AccessControl::authenticate logs with the client's address ("AccessControl: from:
// 203.0.113.7, user: default: Authentication failed: Code: 193. DB::Exception: Invalid
// credentials. (WRONG_PASSWORD)", src/Access/AccessControl.cpp), followed in the same
// thread by the handler's "Code: 516 … Authentication failed" line, which is the same
// refusal. Older servers give the address only at trace level, in the request line of
// the same thread. The watcher tails that file when asked to.

var (
	// 2026.11.22 02:17:47.850616 [ 22 ] {} <Error> HTTPHandler: Code: 193, …
	logLineRE = lazyre.New(`^(\d{4}\.\d{2}\.\d{2} \d{2}:\d{2}:\d{2})(?:\.\d+)? \[ *(\d+) *\] \{[^}]*\} <(\w+)> ([^:]+): (.*)$`)
	// "Wrong password for user default", "Unknown user nobody", "Password required for user x",
	// "User x is not allowed to connect from address 1.2.3.4", "u: Authentication failed".
	authFailRE = lazyre.New(`Code: (19[2-5]|516)[.,].*?(?:Wrong password for user (\S+?),?(?:\s|$)|Unknown user (\S+?),?(?:\s|$)|` +
		`Password required for user (\S+?),?(?:\s|$)|User (\S+) is not allowed to connect from address (\S+?),?(?:\s|$)|` +
		`DB::Exception: (\S+): Authentication failed)`)
	requestAddrRE = lazyre.New(`Address: \[?([0-9A-Fa-f:.]+?)\]?:(\d+)`)
	// "from: 203.0.113.7, user: default: Authentication failed: Code: 193. DB::Exception: …"
	accessControlRE = lazyre.New(`^from: \[?([0-9A-Fa-f:.]{2,45})\]?, user: (.{0,256}?): Authentication failed(?:: Code: (\d{1,5})[.,])?`)
)

// maxLogRead bounds what one poll reads of a server log.
const maxLogRead = 16 << 20

// headBytes is how much of a log's start identifies it.
const headBytes = 256

// headHash fingerprints the first n bytes of f (0 when it has fewer).
func headHash(f *os.File, n int) uint64 {
	if n <= 0 {
		return 0
	}
	b := make([]byte, n)
	if m, _ := f.ReadAt(b, 0); m != n {
		return 0
	}
	h := fnv.New64a()
	h.Write(b)
	return h.Sum64()
}

// logTail reads the lines appended to a server log since pos, following rotation (a new
// inode, or a file shorter than the saved offset, is read from its start).
type logTail struct {
	path string
	pos  *logPos
	// threadAddr remembers the last client address each server thread logged, to put an
	// address on a refused login at trace level.
	threadAddr map[string]string
	// reported remembers, per thread, the user of a refusal already taken from the
	// AccessControl line, so that the handler's line about it is not counted again.
	reported map[string]string
}

// read returns the complete new lines, advancing pos past them. fresh is set on the
// first read of a file, which starts at most maxLogRead from its end.
func (lt *logTail) read(fresh bool) ([]string, error) {
	f, err := os.Open(lt.path)
	if err != nil {
		return nil, fmt.Errorf("server log: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("server log: %w", err)
	}
	var dev, ino uint64
	if sys, ok := st.Sys().(*syscall.Stat_t); ok {
		dev, ino = uint64(sys.Dev), sys.Ino
	}
	switch {
	case fresh:
		lt.pos.Offset = max(0, st.Size()-maxLogRead)
	case lt.pos.Ino != ino || lt.pos.Dev != dev || st.Size() < lt.pos.Offset || headHash(f, lt.pos.HeadLen) != lt.pos.Head:
		lt.pos.Offset = 0 // rotated, or truncated and rewritten
	}
	lt.pos.Dev, lt.pos.Ino = dev, ino
	lt.pos.HeadLen = int(min(st.Size(), headBytes))
	lt.pos.Head = headHash(f, lt.pos.HeadLen)
	n := min(st.Size()-lt.pos.Offset, maxLogRead)
	if n <= 0 {
		return nil, nil
	}
	buf := make([]byte, n)
	if _, err := f.ReadAt(buf, lt.pos.Offset); err != nil && err != io.EOF {
		return nil, fmt.Errorf("server log: %w", err)
	}
	start := 0
	if fresh && lt.pos.Offset > 0 {
		// Started mid-file: skip to the next full line.
		if i := bytes.IndexByte(buf, '\n'); i >= 0 {
			start = i + 1
		}
	}
	end := bytes.LastIndexByte(buf, '\n')
	if end < 0 {
		if n == maxLogRead {
			lt.pos.Offset += n // one line longer than a whole read: drop it
		}
		return nil, nil // else wait for the rest of the line
	}
	lt.pos.Offset += int64(end + 1)
	if start > end {
		return nil, nil
	}
	return strings.Split(string(buf[start:end]), "\n"), nil
}

// events turns log lines into failed-login events newer than since.
func (lt *logTail) events(lines []string, since time.Time, loc *time.Location) []Event {
	if lt.threadAddr == nil {
		lt.threadAddr = map[string]string{}
	}
	if lt.reported == nil {
		lt.reported = map[string]string{}
	}
	var out []Event
	for _, line := range lines {
		m := logLineRE.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		thread, msg := m[2], m[5]
		if a := requestAddrRE.FindStringSubmatch(msg); a != nil {
			lt.threadAddr[thread] = a[1]
			if len(lt.threadAddr) > 10_000 {
				lt.threadAddr = map[string]string{}
			}
		}
		if strings.TrimSpace(m[4]) == "AccessControl" {
			if ac := accessControlRE.FindStringSubmatch(msg); ac != nil {
				t, err := time.ParseInLocation("2006.01.02 15:04:05", m[1], loc)
				if len(lt.reported) > 10_000 {
					lt.reported = map[string]string{}
				}
				lt.reported[thread] = ac[2]
				if err != nil || t.Before(since) {
					continue
				}
				code, _ := strconv.Atoi(ac[3])
				out = append(out, Event{Source: lt.path, Time: t.UTC(), Kind: LoginFailure, User: ac[2],
					ExceptionCode: code, Exception: truncate(msg, 300), Initial: true, Interface: "AccessControl",
					Addr: parseAddr(ac[1])})
				continue
			}
		}
		f := authFailRE.FindStringSubmatch(msg)
		if f == nil {
			continue
		}
		user := firstNonEmpty(f[2], f[3], f[4], f[5], f[7])
		if u, ok := lt.reported[thread]; ok && f[1] == "516" && u == user {
			delete(lt.reported, thread) // the handler's line about the refusal just counted
			continue
		}
		t, err := time.ParseInLocation("2006.01.02 15:04:05", m[1], loc)
		if err != nil || t.Before(since) {
			continue
		}
		code, _ := strconv.Atoi(f[1])
		e := Event{Source: lt.path, Time: t.UTC(), Kind: LoginFailure, User: strings.Trim(user, "'\","),
			ExceptionCode: code, Exception: truncate(msg, 300), Initial: true, Interface: strings.TrimSpace(m[4])}
		addr := f[6]
		if addr == "" {
			addr = lt.threadAddr[thread]
		}
		e.Addr = parseAddr(strings.TrimSuffix(addr, ","))
		out = append(out, e)
	}
	return out
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// Package lab starts real data-store servers (ClickHouse today; PostgreSQL, Redis, … later)
// on loopback addresses for tests, benchmarks and the demo. Servers run as child processes
// in their own temporary directories; a server started for a test dies with the test
// binary, one started by cmd/leaklab is detached and outlives it.
package lab

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// ProcessSpec describes a server process to run.
type ProcessSpec struct {
	Name string   // short name used in errors and log file names
	Path string   // executable
	Args []string // arguments, without the executable
	Dir  string   // working directory; stdout and stderr are written to files here
	Env  []string // added to the current environment
	// Detach starts the process in its own session and does not tie its life to ours, so
	// it keeps running after this program exits (cmd/leaklab). Otherwise the kernel kills
	// it when the thread that started it dies, so a crashed test never leaves servers
	// behind.
	Detach bool
	// Ready is polled until it returns nil, the process exits, or ReadyTimeout passes.
	Ready        func(ctx context.Context) error
	ReadyTimeout time.Duration
	// LogFiles are extra files (the server's own logs) shown by Logs.
	LogFiles []string
	// Credential runs the process as another user (servers that refuse to run as root).
	Credential *syscall.Credential
}

// Process is a running server process.
type Process struct {
	spec    ProcessSpec
	cmd     *exec.Cmd
	outPath string
	done    chan struct{}
	waitErr error
	stopMu  sync.Mutex
	stopped bool
}

// StartProcess runs spec and waits until it is ready. On failure the process is stopped
// and the error carries the tail of its logs.
func StartProcess(ctx context.Context, spec ProcessSpec) (*Process, error) {
	if spec.Dir == "" {
		return nil, errors.New("lab: ProcessSpec.Dir is required")
	}
	if spec.Name == "" {
		spec.Name = filepath.Base(spec.Path)
	}
	outPath := filepath.Join(spec.Dir, spec.Name+".out")
	out, err := os.OpenFile(outPath, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return nil, fmt.Errorf("lab: %w", err)
	}
	defer out.Close() // the child has its own copy of the descriptor

	cmd := exec.Command(spec.Path, spec.Args...)
	cmd.Dir = spec.Dir
	cmd.Env = append(os.Environ(), spec.Env...)
	cmd.Stdout = out
	cmd.Stderr = out
	if spec.Detach {
		cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	} else {
		// The kernel sends SIGKILL when we die, however we die (see startLocked).
		cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL, Setpgid: true}
	}
	// The child switches user before it sets its death signal, so the two combine.
	cmd.SysProcAttr.Credential = spec.Credential
	if err := startLocked(cmd); err != nil {
		return nil, fmt.Errorf("lab: starting %s: %w", spec.Name, err)
	}
	p := &Process{spec: spec, cmd: cmd, outPath: outPath, done: make(chan struct{})}
	go func() {
		p.waitErr = cmd.Wait()
		close(p.done)
	}()

	if spec.Ready != nil {
		if err := p.waitReady(ctx); err != nil {
			_ = p.Stop()
			return nil, fmt.Errorf("lab: %s not ready: %w\n%s", spec.Name, err, p.Logs())
		}
	}
	return p, nil
}

// startLocked starts cmd from a locked OS thread. Pdeathsig is delivered when the thread
// that forked the child exits; Go may retire idle threads, so the locked thread is kept
// for the life of the program by never unlocking it.
func startLocked(cmd *exec.Cmd) error {
	if cmd.SysProcAttr == nil || cmd.SysProcAttr.Pdeathsig == 0 {
		return cmd.Start()
	}
	errc := make(chan error, 1)
	go func() {
		keeperOnce.Do(startKeeper)
		keeper <- func() { errc <- cmd.Start() }
	}()
	return <-errc
}

var (
	keeperOnce sync.Once
	keeper     chan func()
)

// startKeeper runs a goroutine pinned to one OS thread forever; every child that must die
// with us is forked from it, so their parent thread never goes away before the process.
func startKeeper() {
	keeper = make(chan func())
	ready := make(chan struct{})
	go func() {
		runtime.LockOSThread() // never unlocked: the thread must outlive every child
		close(ready)
		for f := range keeper {
			f()
		}
	}()
	<-ready
}

func (p *Process) waitReady(ctx context.Context) error {
	timeout := p.spec.ReadyTimeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var last error
	for {
		attempt, cancelAttempt := context.WithTimeout(ctx, 2*time.Second)
		last = p.spec.Ready(attempt)
		cancelAttempt()
		if last == nil {
			return nil
		}
		select {
		case <-p.done:
			return fmt.Errorf("exited (%v) before it was ready", p.waitErr)
		case <-ctx.Done():
			return fmt.Errorf("%w (last check: %v)", ctx.Err(), last)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// Pid is the process id.
func (p *Process) Pid() int { return p.cmd.Process.Pid }

// Exited is closed when the process has exited.
func (p *Process) Exited() <-chan struct{} { return p.done }

// Stop asks the process to terminate, and kills it if it has not exited within 10 s.
// Stopping a stopped process is a no-op.
func (p *Process) Stop() error {
	p.stopMu.Lock()
	defer p.stopMu.Unlock()
	if p.stopped {
		return nil
	}
	p.stopped = true
	select {
	case <-p.done:
		return nil
	default:
	}
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
		return nil
	case <-time.After(10 * time.Second):
	}
	_ = p.cmd.Process.Kill()
	<-p.done
	return fmt.Errorf("lab: %s did not stop on SIGTERM and was killed", p.spec.Name)
}

// Logs returns the tail of the process's output and log files, for failure messages.
func (p *Process) Logs() string {
	var b strings.Builder
	for _, f := range append([]string{p.outPath}, p.spec.LogFiles...) {
		fmt.Fprintf(&b, "--- %s\n%s\n", f, tailFile(f, 4<<10))
	}
	return b.String()
}

// LogContains reports whether any of the process's logs contains s.
func (p *Process) LogContains(s string) bool {
	for _, f := range append([]string{p.outPath}, p.spec.LogFiles...) {
		if strings.Contains(tailFile(f, 64<<10), s) {
			return true
		}
	}
	return false
}

func tailFile(path string, n int64) string {
	f, err := os.Open(path)
	if err != nil {
		return "(" + err.Error() + ")"
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return "(" + err.Error() + ")"
	}
	off := st.Size() - n
	if off < 0 {
		off = 0
	}
	buf := make([]byte, st.Size()-off)
	k, _ := f.ReadAt(buf, off)
	return string(bytes.ToValidUTF8(buf[:k], []byte("?")))
}

// FreePort returns a TCP port on host that was free a moment ago. Another process can
// take it before the caller binds it; starters retry on "address in use".
func FreePort(host string) (int, error) {
	l, err := net.Listen("tcp", net.JoinHostPort(host, "0"))
	if err != nil {
		return 0, fmt.Errorf("lab: finding a free port on %s: %w", host, err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// PortFree reports whether host:port can be bound now.
func PortFree(host string, port int) bool {
	l, err := net.Listen("tcp", net.JoinHostPort(host, strconv.Itoa(port)))
	if err != nil {
		return false
	}
	l.Close()
	return true
}

// ProcessAlive reports whether a process with this pid exists (and is not a zombie we
// could signal): used by cmd/leaklab to recognise stale pid records.
func ProcessAlive(pid int) bool {
	if pid <= 0 {
		return false
	}
	if err := syscall.Kill(pid, 0); err != nil && !errors.Is(err, syscall.EPERM) {
		return false
	}
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return true // no procfs: trust kill(0)
	}
	// The state follows the parenthesised command name, which may itself hold spaces.
	s := string(stat)
	if i := strings.LastIndexByte(s, ')'); i >= 0 && i+2 < len(s) {
		return s[i+2] != 'Z'
	}
	return true
}

package lab

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"time"
)

// process is what every lab server keeps of the process it runs, and the methods that
// are the same for all of them.
type process struct {
	proc *Process
	// removeDir is set when the server's Start created its directory (no Dir given):
	// Stop removes it then.
	removeDir bool
}

// Pid is the server's process id.
func (p *process) Pid() int { return p.proc.Pid() }

// Logs returns the tail of the server's output and log files.
func (p *process) Logs() string { return p.proc.Logs() }

// stop stops the process, then removes dir when Start created it.
func (p *process) stop(dir string) error {
	if p.proc == nil {
		return nil
	}
	err := p.proc.Stop()
	p.dropDir(dir)
	return err
}

// stopHTTP stops the process as stop, after closing client's idle keep-alive
// connections, which would hold up the server's shutdown.
func (p *process) stopHTTP(client *http.Client, dir string) error {
	if p.proc == nil {
		return nil
	}
	client.CloseIdleConnections()
	return p.stop(dir)
}

// dropDir removes dir when Start created it.
func (p *process) dropDir(dir string) {
	if p.removeDir {
		_ = os.RemoveAll(dir)
	}
}

// record completes r, a server's description for a lab manifest, with the process id
// and the time (to the second).
func (p *process) record(r ServerRecord) ServerRecord {
	r.Pid, r.Started = p.Pid(), time.Now().UTC().Truncate(time.Second)
	return r
}

// userIf is user when password is set (the account it protects), else "".
func userIf(password, user string) string {
	if password == "" {
		return ""
	}
	return user
}

// start runs launch, which picks the server's ports and starts its process, up to four
// times while it fails because a port was taken ("in use") between being found free and
// the server binding it; picking again cannot help when the caller fixed the ports. On
// success the process is kept; on failure the directory Start created is removed.
func (p *process) start(dir string, fixedPorts bool, launch func() (*Process, error)) error {
	var err error
	for range 4 {
		var proc *Process
		if proc, err = launch(); err == nil {
			p.proc = proc
			return nil
		}
		if fixedPorts || !strings.Contains(err.Error(), "in use") {
			break
		}
	}
	p.dropDir(dir)
	return err
}

// pickPort is port when the caller fixed one, else a port of host that is free now.
func pickPort(host string, port int) (int, error) {
	if port != 0 {
		return port, nil
	}
	return FreePort(host)
}

// freePorts sets each of ports that is 0, or the same as one before it, to a port of
// host that is free now.
func freePorts(host string, ports ...*int) error {
	for i, p := range ports {
		for *p == 0 || slices.ContainsFunc(ports[:i], func(q *int) bool { return *q == *p }) {
			n, err := FreePort(host)
			if err != nil {
				return err
			}
			*p = n
		}
	}
	return nil
}

// binaryOr is bin when the configuration names one, else what find finds.
func binaryOr(bin string, find func() (string, error)) (string, error) {
	if bin != "" {
		return bin, nil
	}
	return find()
}

// findBinary finds an executable on PATH, else at the first of paths that exists, else
// returns notFound.
func findBinary(notFound error, name string, paths ...string) (string, error) {
	if p, err := exec.LookPath(name); err == nil {
		return p, nil
	}
	for _, p := range paths {
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p, nil
		}
	}
	return "", notFound
}

// checkLoopback sets an empty host to 127.0.0.1 and refuses anything but a loopback
// address.
func checkLoopback(host *string) error {
	if *host == "" {
		*host = "127.0.0.1"
	}
	if ip := net.ParseIP(*host); ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("lab: %q is not a loopback address", *host)
	}
	return nil
}

// useDir makes sure a server's directory exists: *dir when given, else a new temporary
// one named after kind, stored in *dir, which stop removes.
func (p *process) useDir(dir *string, kind string) error {
	if *dir != "" {
		if err := os.MkdirAll(*dir, 0o700); err != nil {
			return fmt.Errorf("lab: %w", err)
		}
		return nil
	}
	d, err := os.MkdirTemp("", "leakwatch-"+kind+"-")
	if err != nil {
		return fmt.Errorf("lab: %w", err)
	}
	*dir, p.removeDir = d, true
	return nil
}

// binaryVersion runs bin with args and returns the first group of re in its output, or
// "" when it says nothing re matches.
func binaryVersion(re *regexp.Regexp, bin string, args ...string) string {
	if out, err := exec.Command(bin, args...).Output(); err == nil {
		if m := re.FindSubmatch(out); m != nil {
			return string(m[1])
		}
	}
	return ""
}

// doJSON sends req, an administrative call of the lab, and decodes its 2xx answer (at
// most 16 MiB) into out (nil: none). what names the call in errors ("docker GET /x").
func doJSON(client *http.Client, req *http.Request, what string, out any) error {
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("lab: %s: %w", what, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	if err != nil {
		return fmt.Errorf("lab: %s: %w", what, err)
	}
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("lab: %s: HTTP %d: %s", what, resp.StatusCode, bytes.TrimSpace(b))
	}
	if out != nil {
		return json.Unmarshal(b, out)
	}
	return nil
}

package lab

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// NATSConfig says how to start a lab NATS server with JetStream. Zero values give a
// server on a free port of 127.0.0.1 with its store in a temporary directory.
type NATSConfig struct {
	Binary string // nats-server when empty
	Dir    string
	Host   string
	Port   int // 0 picks a free port
	// Conf is written into a configuration file the server starts with: authorization,
	// accounts and tls blocks for tests of authenticated queues. Flags set host, port
	// and JetStream.
	Conf string
}

// NATS is a running lab NATS server.
type NATS struct {
	Host    string
	Port    int
	Dir     string
	Version string

	process
}

// ErrNoNATS means nats-server is not installed.
var ErrNoNATS = errors.New("nats-server binary not found")

// NATSBinary finds nats-server.
func NATSBinary() (string, error) {
	return findBinary(ErrNoNATS, "nats-server", "/usr/sbin/nats-server")
}

// StartNATS starts nats-server with JetStream and waits until it accepts clients.
func StartNATS(ctx context.Context, cfg NATSConfig) (*NATS, error) {
	bin, err := binaryOr(cfg.Binary, NATSBinary)
	if err != nil {
		return nil, err
	}
	if err := checkLoopback(&cfg.Host); err != nil {
		return nil, err
	}
	n := &NATS{Host: cfg.Host, Dir: cfg.Dir}
	if err := n.useDir(&n.Dir, "nats"); err != nil {
		return nil, err
	}
	if out, err := exec.Command(bin, "--version").Output(); err == nil {
		n.Version = strings.TrimPrefix(strings.TrimSpace(string(out)), "nats-server: ")
	}
	if err := n.start(n.Dir, cfg.Port != 0, func() (*Process, error) {
		var err error
		if n.Port, err = pickPort(n.Host, cfg.Port); err != nil {
			return nil, err
		}
		// No monitoring or cluster ports: the client port is all the lab opens.
		args := []string{"-a", n.Host, "-p", strconv.Itoa(n.Port), "-js", "-sd", filepath.Join(n.Dir, "jetstream"),
			"-n", "leakwatch-lab", "-l", filepath.Join(n.Dir, "nats.log")}
		if cfg.Conf != "" {
			conf := filepath.Join(n.Dir, "nats.conf")
			if err := os.WriteFile(conf, []byte(cfg.Conf+"\n"), 0o600); err != nil {
				return nil, fmt.Errorf("lab: %w", err)
			}
			args = append(args, "-c", conf)
		}
		return StartProcess(ctx, ProcessSpec{Name: "nats-server", Path: bin, Args: args, Dir: n.Dir,
			Ready: n.ready, LogFiles: []string{filepath.Join(n.Dir, "nats.log")}})
	}); err != nil {
		return nil, err
	}
	return n, nil
}

// ready waits for the INFO line a NATS server greets every client with.
func (n *NATS) ready(ctx context.Context) error {
	d := net.Dialer{Timeout: time.Second}
	c, err := d.DialContext(ctx, "tcp", n.Addr())
	if err != nil {
		return err
	}
	defer c.Close()
	_ = c.SetReadDeadline(time.Now().Add(time.Second))
	buf := make([]byte, 5)
	if _, err := c.Read(buf); err != nil {
		return err
	}
	if string(buf[:4]) != "INFO" {
		return fmt.Errorf("lab: nats-server greeted with %q", buf)
	}
	return nil
}

// Addr is host:port of the client port.
func (n *NATS) Addr() string { return net.JoinHostPort(n.Host, strconv.Itoa(n.Port)) }

// URL is the nats:// URL of the client port.
func (n *NATS) URL() string { return "nats://" + n.Addr() }

// Stop stops the server and removes its directory when Start created it.
func (n *NATS) Stop() error {
	if n == nil {
		return nil
	}
	return n.stop(n.Dir)
}

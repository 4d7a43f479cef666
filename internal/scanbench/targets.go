package main

// The targets mode: one port at a time, what identifying it costs — a server that is
// no data store (an SSH banner, a plain web server, a tarpit) and real stores on ports
// that are not theirs — measured for leakwatch (identification alone, and the whole
// scan) and for nmap -sV on the same port in the same run.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/identify"
	"github.com/leakwatch/leakwatch/internal/lab"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/all"
)

type benchTarget struct {
	name string
	addr string
}

// startTargets starts the fakes and the real servers, each on a free port of 127.0.0.1.
func startTargets(ctx context.Context, dir string) ([]benchTarget, func(), error) {
	var stops []func() error
	stop := func() {
		for i := len(stops) - 1; i >= 0; i-- {
			_ = stops[i]()
		}
	}
	var out []benchTarget
	fake := func(name string, handle func(net.Conn)) error {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return err
		}
		stops = append(stops, ln.Close)
		go func() {
			for {
				c, err := ln.Accept()
				if err != nil {
					return
				}
				go func() { defer c.Close(); handle(c) }()
			}
		}()
		out = append(out, benchTarget{name, ln.Addr().String()})
		return nil
	}
	if err := fake("SSH banner", func(c net.Conn) {
		io.WriteString(c, "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n")
		_ = c.SetReadDeadline(time.Now().Add(120 * time.Second))
		_, _ = io.Copy(io.Discard, c)
	}); err != nil {
		return nil, stop, err
	}
	web := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Server", "nginx/1.22.1")
		io.WriteString(w, "<!DOCTYPE html><html><head><title>Welcome to nginx!</title></head></html>\n")
	}), ErrorLog: log.New(io.Discard, "", 0)}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, stop, err
	}
	go func() { _ = web.Serve(ln) }()
	stops = append(stops, web.Close)
	out = append(out, benchTarget{"plain HTTP server", ln.Addr().String()})
	done := make(chan struct{})
	stops = append(stops, func() error { close(done); return nil })
	if err := fake("tarpit", func(c net.Conn) {
		go func() { _, _ = io.Copy(io.Discard, c) }()
		<-done
	}); err != nil {
		return nil, stop, err
	}
	rd, err := lab.StartRedis(ctx, lab.RedisConfig{Dir: filepath.Join(dir, "t-redis")})
	if err != nil {
		return nil, stop, err
	}
	stops = append(stops, rd.Stop)
	out = append(out, benchTarget{"Redis (open), port " + strconv.Itoa(rd.Port), rd.Addr()})
	pg, err := lab.StartPostgres(ctx, lab.PostgresConfig{Dir: filepath.Join(dir, "t-postgres")})
	if err != nil {
		return nil, stop, err
	}
	stops = append(stops, pg.Stop)
	out = append(out, benchTarget{"PostgreSQL (trust), port " + strconv.Itoa(pg.Port), fmt.Sprintf("%s:%d", pg.Host, pg.Port)})
	ch, err := lab.StartClickHouse(ctx, lab.ClickHouseConfig{Dir: filepath.Join(dir, "t-clickhouse"), DisplayName: "targets"})
	if err != nil {
		return nil, stop, err
	}
	stops = append(stops, ch.Stop)
	out = append(out, benchTarget{"ClickHouse HTTP (open), port " + strconv.Itoa(ch.HTTPPort), ch.HTTPAddr()},
		benchTarget{"ClickHouse native (open), port " + strconv.Itoa(ch.NativePort), ch.NativeAddr()})
	if _, err := lab.FerretDBBinary(); err == nil {
		fd, err := lab.StartFerretDB(ctx, lab.FerretDBConfig{Dir: filepath.Join(dir, "t-ferretdb")})
		if err != nil {
			return nil, stop, err
		}
		stops = append(stops, fd.Stop)
		out = append(out, benchTarget{"MongoDB wire protocol (FerretDB, open), port " + strconv.Itoa(fd.Port), fd.Addr()})
	} else {
		log.Printf("no FerretDB (scripts/build-servers.sh builds it): the MongoDB row is left out")
	}
	return out, stop, nil
}

type targetRow struct {
	name              string
	identify          time.Duration
	identified        string
	whole             time.Duration
	reported          string
	nmap              time.Duration
	nmapSaid          string
	leakwatchConns    int64
	identifyConnsNote string
}

func runTargets(o options) error {
	ctx := context.Background()
	targets, stop, err := startTargets(ctx, o.dir)
	defer stop()
	if err != nil {
		return err
	}
	d := identify.New(all.Probers(), identify.Config{})
	var rows []targetRow
	for _, t := range targets {
		r := targetRow{name: t.name}
		// Identification alone, with leakwatch's defaults.
		opts := store.DefaultOptions()
		ap, err := netipAddrPort(t.addr)
		if err != nil {
			return err
		}
		before := d.Connections.Load()
		t0 := time.Now()
		id, err := d.Identify(ctx, ap, &opts)
		r.identify = time.Since(t0)
		r.leakwatchConns = d.Connections.Load() - before
		if err != nil {
			r.identified = "error: " + err.Error()
		} else {
			r.identified = id.Product
			if id.Version != "" {
				r.identified += " " + id.Version
			}
			id.Close()
		}
		// The whole scan of that port, as the command line runs it.
		r.whole, r.reported, err = wholeScan(o, t.addr)
		if err != nil {
			return err
		}
		r.nmap, r.nmapSaid, err = nmapOne(o, t.addr)
		if err != nil {
			return err
		}
		log.Printf("%s: identified %q in %v (%d connections), whole scan %v (%s); nmap -sV %v (%s)", t.name, r.identified,
			r.identify.Round(time.Millisecond), r.leakwatchConns, r.whole.Round(time.Millisecond), r.reported, r.nmap.Round(time.Millisecond), r.nmapSaid)
		rows = append(rows, r)
	}
	load, _ := os.ReadFile("/proc/loadavg")
	fmt.Printf("\none port at a time, default settings (--banner-wait 2s, --io-timeout 10s, --timeout 60s), nmap -sT -sV -Pn -n; load %s\n",
		strings.Join(strings.Fields(string(load))[:3], " "))
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "port holds\tleakwatch identifies\tin\tconnections\tleakwatch scan (whole path)\tnmap -sV\tnmap says\t")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%v\t%d\t%v: %s\t%v\t%s\t\n", r.name, r.identified, r.identify.Round(100*time.Microsecond), r.leakwatchConns,
			r.whole.Round(time.Millisecond), r.reported, r.nmap.Round(time.Millisecond), r.nmapSaid)
	}
	return tw.Flush()
}

func netipAddrPort(addr string) (store.Endpoint, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return store.Endpoint{}, err
	}
	p, _ := strconv.Atoi(port)
	a, err := parseAddr(host)
	return store.Endpoint{Addr: a, Port: p}, err
}

// wholeScan runs `leakwatch scan` on one port and says what it reported there.
func wholeScan(o options, addr string) (time.Duration, string, error) {
	cmd := exec.Command(o.leakwatch, "scan", "--format", "json", "--no-progress", "--no-security-txt", addr)
	var out, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &stderr
	t0 := time.Now()
	err := cmd.Run()
	d := time.Since(t0)
	var ee *exec.ExitError
	if err != nil && !(asExit(err, &ee) && ee.ExitCode() == 1) {
		return d, "", fmt.Errorf("leakwatch scan %s: %w: %s", addr, err, stderr.String())
	}
	var rep finding.Report
	if err := json.Unmarshal([]byte(out.String()), &rep); err != nil {
		return d, "", err
	}
	switch {
	case len(rep.Services) > 0:
		s := rep.Services[0]
		return d, fmt.Sprintf("%s, auth %s, %d datasets", s.Product, s.Auth, len(s.Datasets)), nil
	case len(rep.Others) > 0:
		return d, "named " + rep.Others[0].Service, nil
	case len(rep.Errors) > 0:
		return d, "error: " + rep.Errors[0].Error, nil
	}
	return d, "nothing", nil
}

// nmapOne runs nmap -sV on one port and returns the service and version it named.
func nmapOne(o options, addr string) (time.Duration, string, error) {
	host, port, _ := net.SplitHostPort(addr)
	out := filepath.Join(o.dir, "nmap-one.gnmap")
	cmd := exec.Command("nmap", "-sT", "-sV", "-Pn", "-n", "-p", port, "-oG", out, host)
	cmd.Stdout = io.Discard
	t0 := time.Now()
	if err := cmd.Run(); err != nil {
		return 0, "", fmt.Errorf("nmap: %w", err)
	}
	d := time.Since(t0)
	b, err := os.ReadFile(out)
	if err != nil {
		return d, "", err
	}
	_, ports, _ := strings.Cut(string(b), "Ports: ")
	f := strings.Split(strings.Split(ports, "\t")[0], "/")
	if len(f) < 7 {
		return d, strings.TrimSpace(ports), nil
	}
	said := f[4]
	if f[6] != "" {
		said += " " + f[6]
	}
	return d, said, nil
}

func parseAddr(s string) (netip.Addr, error) { return netip.ParseAddr(s) }

func asExit(err error, ee **exec.ExitError) bool { return errors.As(err, ee) }

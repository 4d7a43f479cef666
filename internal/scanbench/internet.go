package main

// The internet-shaped mode: a /16 of the namespace's loopback where, as on a real
// network, most addresses are closed and a few answer — some with real data stores,
// more with plain web servers and SSH banners, a few with tarpits that accept every
// port and never say a word. leakwatch's whole path scans all 65,536 addresses and, in
// the same run, a 4,096-address slice that nmap -sV scans too.

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"math/rand/v2"
	"net"
	"net/http"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/leakwatch/leakwatch/internal/lab"
)

// The shape, per address (drawn once, with a fixed seed).
const (
	shapeNet    = "127.1.0.0/16"
	shapeSlice  = "127.1.0.0/20" // what nmap -sV scans, and leakwatch too, for the ratio
	shapeSeed   = 20250106
	shareStores = 0.01
	shareHTTP   = 0.05
	shareSSH    = 0.02
	shareTarpit = 0.005
)

// internetPorts are the ports scanned: where the stores, web servers and SSH listen; a
// tarpit accepts on every one of them.
var internetPorts = []int{22, 80, 3306, 5432, 6379, 8080, 8123, 9000}

// role is what one address runs.
type role int

const (
	closed role = iota
	storeClickHouse
	storeRedis
	storePostgres
	storeMariaDB
	plainHTTP
	sshBanner
	tarpit
)

var roleNames = map[role]string{storeClickHouse: "ClickHouse", storeRedis: "Redis", storePostgres: "PostgreSQL",
	storeMariaDB: "MariaDB", plainHTTP: "plain HTTP", sshBanner: "SSH banner", tarpit: "tarpit"}

// storePorts are where each store answers, relayed to the real server's own port.
var storePorts = map[role][]int{storeClickHouse: {8123, 9000}, storeRedis: {6379}, storePostgres: {5432}, storeMariaDB: {3306}}

// shape draws the role of every address of the /16.
func shape() map[netip.Addr]role {
	rng := rand.New(rand.NewPCG(shapeSeed, 0))
	base := netip.MustParsePrefix(shapeNet).Addr().As4()
	out := map[netip.Addr]role{}
	stores := 0
	for i := range 65536 {
		a := netip.AddrFrom4([4]byte{base[0], base[1], byte(i >> 8), byte(i)})
		x := rng.Float64()
		switch {
		case x < shareStores:
			out[a] = []role{storeClickHouse, storeRedis, storePostgres, storeMariaDB}[stores%4]
			stores++
		case x < shareStores+shareHTTP:
			out[a] = plainHTTP
		case x < shareStores+shareHTTP+shareSSH:
			out[a] = sshBanner
		case x < shareStores+shareHTTP+shareSSH+shareTarpit:
			out[a] = tarpit
		}
	}
	return out
}

// network is the running shape: listeners on every address that answers.
type network struct {
	roles     map[netip.Addr]role
	listeners []net.Listener
	done      chan struct{}
	wg        sync.WaitGroup
	backends  map[int]string // store port → the real server's address
}

// expected counts, for a prefix, the open ports by what answers there.
func (n *network) expected(prefix netip.Prefix) (stores, others, addrs map[role]int) {
	stores, others, addrs = map[role]int{}, map[role]int{}, map[role]int{}
	for a, r := range n.roles {
		if !prefix.Contains(a) {
			continue
		}
		addrs[r]++
		switch r {
		case plainHTTP:
			others[r] += len(httpPorts(a))
		case sshBanner:
			others[r]++
		case tarpit:
			others[r] += len(internetPorts)
		default:
			stores[r] += len(storePorts[r])
		}
	}
	return
}

// httpPorts: every web server answers on 80, one in two on 8080 as well.
func httpPorts(a netip.Addr) []int {
	if a.As4()[3]%2 == 0 {
		return []int{80, 8080}
	}
	return []int{80}
}

func (n *network) listen(a netip.Addr, port int, handle func(net.Conn)) error {
	ln, err := net.Listen("tcp", netip.AddrPortFrom(a, uint16(port)).String())
	if err != nil {
		return err
	}
	n.listeners = append(n.listeners, ln)
	n.wg.Add(1)
	go func() {
		defer n.wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				if errors.Is(err, net.ErrClosed) {
					return
				}
				continue
			}
			go func() {
				defer c.Close()
				go func() { <-n.done; c.Close() }()
				handle(c)
			}()
		}
	}()
	return nil
}

// startNetwork starts the listeners of every answering address of the /16; the stores
// relay to the real servers on 127.0.0.1.
func startNetwork(backends map[int]string) (*network, error) {
	n := &network{roles: shape(), done: make(chan struct{}), backends: backends}
	web := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Server", "nginx/1.22.1")
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, "<!DOCTYPE html><html><head><title>Welcome to nginx!</title></head><body><h1>Welcome to nginx!</h1></body></html>\n")
	}), ReadHeaderTimeout: 10 * time.Second, ErrorLog: log.New(io.Discard, "", 0)}
	for a, r := range n.roles {
		var err error
		switch r {
		case plainHTTP:
			for _, p := range httpPorts(a) {
				ln, lerr := net.Listen("tcp", netip.AddrPortFrom(a, uint16(p)).String())
				if lerr != nil {
					err = lerr
					break
				}
				n.listeners = append(n.listeners, ln)
				go func() { _ = web.Serve(ln) }()
			}
		case sshBanner:
			err = n.listen(a, 22, func(c net.Conn) {
				io.WriteString(c, "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n")
				_ = c.SetReadDeadline(time.Now().Add(120 * time.Second)) // sshd's LoginGraceTime
				_, _ = io.Copy(io.Discard, c)
			})
		case tarpit:
			// Accepts and never says a word; lets go when the client does.
			for _, p := range internetPorts {
				if err = n.listen(a, p, func(c net.Conn) { _, _ = io.Copy(io.Discard, c) }); err != nil {
					break
				}
			}
		case closed:
		default:
			for _, p := range storePorts[r] {
				backend := backends[p]
				if err = n.listen(a, p, func(c net.Conn) { relay(c, backend) }); err != nil {
					break
				}
			}
		}
		if err != nil {
			n.stop()
			return nil, fmt.Errorf("listening on %s: %w", a, err)
		}
	}
	go func() { <-n.done; web.Close() }()
	return n, nil
}

func relay(c net.Conn, backend string) {
	b, err := net.DialTimeout("tcp", backend, 5*time.Second)
	if err != nil {
		return
	}
	defer b.Close()
	go func() { _, _ = io.Copy(b, c); b.Close() }()
	_, _ = io.Copy(c, b)
}

func (n *network) stop() {
	select {
	case <-n.done:
	default:
		close(n.done)
	}
	for _, ln := range n.listeners {
		ln.Close()
	}
}

// startBackends starts the real stores on 127.0.0.1 (outside the /16), seeded.
func startBackends(ctx context.Context, dir string) (map[int]string, func(), error) {
	var stops []func() error
	stop := func() {
		for i := len(stops) - 1; i >= 0; i-- {
			_ = stops[i]()
		}
	}
	t0 := time.Now()
	ch, err := lab.StartClickHouse(ctx, lab.ClickHouseConfig{Dir: filepath.Join(dir, "clickhouse"), Host: "127.0.0.1",
		HTTPPort: 8123, NativePort: 9000, DisplayName: "bench"})
	if err != nil {
		return nil, stop, fmt.Errorf("clickhouse: %w", err)
	}
	stops = append(stops, ch.Stop)
	if err := ch.SeedIncident(ctx); err != nil {
		return nil, stop, fmt.Errorf("seeding clickhouse: %w", err)
	}
	pgCfg := lab.PostgresConfig{Dir: filepath.Join(dir, "postgres"), Host: "127.0.0.1", Port: 5432,
		ExtraConf: []string{"max_connections = 300"}}
	pg, err := lab.StartPostgres(ctx, pgCfg)
	if err != nil {
		return nil, stop, fmt.Errorf("postgres: %w", err)
	}
	stops = append(stops, pg.Stop)
	if err := pg.SeedLeak(ctx, pgCfg); err != nil {
		return nil, stop, fmt.Errorf("seeding postgres: %w", err)
	}
	rd, err := lab.StartRedis(ctx, lab.RedisConfig{Dir: filepath.Join(dir, "redis"), Host: "127.0.0.1", Port: 6379})
	if err != nil {
		return nil, stop, fmt.Errorf("redis: %w", err)
	}
	stops = append(stops, rd.Stop)
	if err := rd.Seed(ctx); err != nil {
		return nil, stop, fmt.Errorf("seeding redis: %w", err)
	}
	my, err := lab.StartMariaDB(ctx, lab.MariaDBConfig{Dir: filepath.Join(dir, "mariadb"), Host: "127.0.0.1", Port: 3306})
	if err != nil {
		return nil, stop, fmt.Errorf("mariadb: %w", err)
	}
	stops = append(stops, my.Stop)
	if err := my.SeedLeak(ctx); err != nil {
		return nil, stop, fmt.Errorf("seeding mariadb: %w", err)
	}
	log.Printf("ClickHouse %s, PostgreSQL %s, Redis %s, MariaDB %s on 127.0.0.1 ready in %v",
		ch.Version, pg.Version, rd.Version, my.Version, time.Since(t0).Round(time.Millisecond))
	return map[int]string{8123: ch.HTTPAddr(), 9000: ch.NativeAddr(), 5432: "127.0.0.1:5432", 6379: rd.Addr(), 3306: my.Addr()}, stop, nil
}

// shapeRow is one measured run of the internet-shaped mode.
type shapeRow struct {
	tool     string
	spec     string
	addrs    int
	seconds  float64
	cpu      float64
	rss      int64
	stores   int // data stores identified (services)
	others   int // other open ports named
	errors   int
	expected string
}

func (r shapeRow) perAddr() float64 { return r.seconds / float64(r.addrs) }

// runInternet measures the internet-shaped mode.
func runInternet(o options) error {
	ctx := context.Background()
	backends, stopBackends, err := startBackends(ctx, o.dir)
	defer stopBackends()
	if err != nil {
		return err
	}
	n, err := startNetwork(backends)
	if err != nil {
		return err
	}
	defer n.stop()
	counts := map[role]int{}
	for _, r := range n.roles {
		counts[r]++
	}
	var parts []string
	for r := storeClickHouse; r <= tarpit; r++ {
		parts = append(parts, fmt.Sprintf("%d %s", counts[r], roleNames[r]))
	}
	log.Printf("%s: %s; %d closed; %d listeners", shapeNet, strings.Join(parts, ", "), 65536-len(n.roles), len(n.listeners))

	var rows []shapeRow
	for _, spec := range []string{shapeNet, shapeSlice} {
		r, err := runShapeLeakwatch(o, n, spec)
		if err != nil {
			return err
		}
		rows = append(rows, r)
		log.Printf("leakwatch %s: %.1fs, %.0f hosts/s, peak RSS %d MiB, %d stores, %d others named, %d not decided (expected %s)",
			spec, r.seconds, float64(r.addrs)/r.seconds, r.rss>>20, r.stores, r.others, r.errors, r.expected)
	}
	if os.Getenv("SCANBENCH_SKIP_NMAP") == "" {
		r, err := runShapeNmap(o, n)
		if err != nil {
			return err
		}
		rows = append(rows, r)
		log.Printf("nmap -sV %s: %.1fs, %.1f hosts/s, peak RSS %d MiB, %d open ports named", shapeSlice, r.seconds, float64(r.addrs)/r.seconds, r.rss>>20, r.others)
	}
	printShape(os.Stdout, o, rows)
	return nil
}

func expectedText(n *network, spec string) string {
	stores, others, _ := n.expected(netip.MustParsePrefix(spec))
	s, ot := 0, 0
	for _, v := range stores {
		s += v
	}
	for _, v := range others {
		ot += v
	}
	return fmt.Sprintf("%d store ports, %d other open ports", s, ot)
}

var summaryRE = regexp.MustCompile(`leakwatch: (\d+) service\(s\), .*?, (\d+) other open port\(s\), (\d+) endpoint\(s\) not decided`)

func runShapeLeakwatch(o options, n *network, spec string) (shapeRow, error) {
	prefix := netip.MustParsePrefix(spec)
	out := os.DevNull
	if o.keep && spec == shapeNet {
		out = filepath.Join(o.dir, "internet.jsonl")
	}
	cmd := exec.Command(o.leakwatch, "scan", "--format", "jsonl", "-o", out, "--no-progress", "--no-security-txt",
		"--concurrency", strconv.Itoa(o.concurrency), "--workers", strconv.Itoa(o.workers),
		"-p", joinPorts(internetPorts), "--max-addresses", "16777216", spec)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if os.Getenv("SCANBENCH_VERBOSE") != "" {
		cmd.Stderr = io.MultiWriter(&stderr, os.Stderr)
	}
	if o.keep && spec == shapeNet {
		// What was identified where, and the roles drawn: to check a run by hand.
		logf, err := os.Create(filepath.Join(o.dir, "internet.log"))
		if err != nil {
			return shapeRow{}, err
		}
		defer logf.Close()
		cmd.Args = append(cmd.Args[:2], append([]string{"--log-level", "debug"}, cmd.Args[2:]...)...)
		cmd.Stderr = io.MultiWriter(&stderr, logf)
		var roles strings.Builder
		for a, r := range n.roles {
			fmt.Fprintf(&roles, "%s %s\n", a, roleNames[r])
		}
		if err := os.WriteFile(filepath.Join(o.dir, "roles.txt"), []byte(roles.String()), 0o600); err != nil {
			return shapeRow{}, err
		}
	}
	d, rss, err := measure(cmd)
	cpu := lastCPU.Seconds()
	var ee *exec.ExitError
	if err != nil && !(errors.As(err, &ee) && ee.ExitCode() == 1) {
		return shapeRow{}, fmt.Errorf("leakwatch scan: %w: %s", err, stderr.String())
	}
	m := summaryRE.FindStringSubmatch(stderr.String())
	if m == nil {
		return shapeRow{}, fmt.Errorf("no summary line in leakwatch's stderr: %.500s", stderr.String())
	}
	stores, _ := strconv.Atoi(m[1])
	others, _ := strconv.Atoi(m[2])
	errs, _ := strconv.Atoi(m[3])
	return shapeRow{tool: "leakwatch scan (whole path)", spec: spec, addrs: 1 << (32 - prefix.Bits()), seconds: d.Seconds(),
		cpu: cpu, rss: rss, stores: stores, others: others, errors: errs, expected: expectedText(n, spec)}, nil
}

// nmapArgs is how nmap -sV is run: a connect scan (as leakwatch's), every address
// taken as up, service detection at its default intensity, at the parallelism
// leakwatch's discovery gets.
func nmapArgs(o options, out string) []string {
	p := strconv.Itoa(o.concurrency)
	return []string{"-sT", "-sV", "-n", "-Pn", "-T4", "--min-parallelism", p, "--max-parallelism", p,
		"-p", joinPorts(internetPorts), "-oG", out, shapeSlice}
}

func runShapeNmap(o options, n *network) (shapeRow, error) {
	out := filepath.Join(o.dir, "nmap-sV.gnmap")
	cmd := exec.Command("nmap", nmapArgs(o, out)...)
	cmd.Stdout = io.Discard
	var stderr strings.Builder
	cmd.Stderr = &stderr
	d, rss, err := measure(cmd)
	if err != nil {
		return shapeRow{}, fmt.Errorf("nmap: %w: %s", err, stderr.String())
	}
	open, named, err := countNmapServices(out)
	if err != nil {
		return shapeRow{}, err
	}
	return shapeRow{tool: "nmap -sV", spec: shapeSlice, addrs: 4096, seconds: d.Seconds(), cpu: lastCPU.Seconds(), rss: rss,
		others: named, errors: open - named, expected: expectedText(n, shapeSlice)}, nil
}

// countNmapServices counts the open ports of a -oG file and those nmap named with a
// version or a service other than its port's guess.
func countNmapServices(path string) (open, named int, err error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		_, ports, ok := strings.Cut(sc.Text(), "Ports: ")
		if !ok {
			continue
		}
		if i := strings.Index(ports, "\t"); i >= 0 {
			ports = ports[:i]
		}
		for _, p := range strings.Split(ports, ", ") {
			// port/state/protocol/owner/service/rpc info/version/
			f := strings.Split(p, "/")
			if len(f) < 7 || f[1] != "open" {
				continue
			}
			open++
			if f[4] != "" && f[4] != "tcpwrapped" && !strings.HasSuffix(f[4], "?") {
				named++
			}
		}
	}
	return open, named, sc.Err()
}

func joinPorts(ps []int) string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = strconv.Itoa(p)
	}
	return strings.Join(s, ",")
}

func printShape(w io.Writer, o options, rows []shapeRow) {
	load, _ := os.ReadFile("/proc/loadavg")
	fmt.Fprintf(w, "\ninternet-shaped scan: %s (1%% stores, 5%% plain HTTP, 2%% SSH banners, 0.5%% tarpits, the rest closed), ports %s; --concurrency %d, --workers %d (nmap -sT -sV -T4 --min/--max-parallelism %d); %d CPUs, load %s\n",
		shapeNet, joinPorts(internetPorts), o.concurrency, o.workers, o.concurrency, runtime.NumCPU(), strings.Join(strings.Fields(string(load))[:3], " "))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "tool\taddresses\tseconds\thosts/s\tms/address\tCPU s\tpeak RSS\tstores\tothers named\tnot named\texpected\t")
	var nmapPer, lwSlicePer float64
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%d\t%.1f\t%.1f\t%.2f\t%.1f\t%d MiB\t%d\t%d\t%d\t%s\t\n", r.tool, r.addrs, r.seconds, float64(r.addrs)/r.seconds,
			1000*r.perAddr(), r.cpu, r.rss>>20, r.stores, r.others, r.errors, r.expected)
		switch {
		case r.tool == "nmap -sV":
			nmapPer = r.perAddr()
		case r.spec == shapeSlice:
			lwSlicePer = r.perAddr()
		}
	}
	tw.Flush()
	if nmapPer > 0 && lwSlicePer > 0 {
		fmt.Fprintf(w, "per address on the same %s slice: leakwatch's whole path is %.1f× nmap -sV\n", shapeSlice, nmapPer/lwSlicePer)
	}
	for _, r := range rows {
		if r.tool != "nmap -sV" && r.spec == shapeNet {
			var full float64
			for _, s := range rows {
				if s.tool == "nmap -sV" {
					full = s.perAddr() / r.perAddr()
				}
			}
			if full > 0 {
				fmt.Fprintf(w, "per address, leakwatch on all %d addresses against nmap -sV on the slice: %.1f×\n", r.addrs, full)
			}
		}
	}
}

// Package docker probes the Docker Engine API (and Podman's Docker-compatible API) on
// its TCP ports: it fingerprints the daemon from GET /version, and when it answers
// without a client certificate reads the host summary (/info), the containers and their
// configuration (/containers/json, /containers/{id}/json) and the images with theirs
// (/images/json, /images/{id}/json). Environment variables and labels of containers
// and images commonly hold passwords and keys, so they are sampled for detection. An
// exposed Engine API is root on the host: that is reported as a critical capability.
// Only GETs are ever sent — never anything that creates, starts or execs.
package docker

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
	"github.com/leakwatch/leakwatch/internal/store/vuln"
)

const (
	name     = "docker"
	protocol = "docker-api"
)

// Prober implements store.Prober for the Docker Engine API.
type Prober struct {
	probekit.About
	// tlsPort is the port where a demand for a client certificate is taken for a
	// daemon with --tlsverify (2376); tests point it at their own listener.
	tlsPort int
}

var (
	_ store.Prober    = (*Prober)(nil)
	_ store.Describer = (*Prober)(nil)
)

// about names the product and says how to close it.
var about = probekit.About{
	Product: name,
	Display: "Docker Engine API",
	// Ports: the plain and TLS Engine API ports.
	Ports: []int{2375, 2376},
	Remediation: "Stop listening on TCP (remove -H tcp://… from dockerd / \"hosts\" in daemon.json) or require mutual TLS " +
		"(--tlsverify with a CA that signs only your clients' certificates) on port 2376; reach remote daemons over SSH " +
		"(DOCKER_HOST=ssh://…) instead, and firewall 2375/2376.",
}

// New returns a prober.
func New() *Prober { return &Prober{About: about, tlsPort: 2376} }

type version struct {
	Version       string `json:"Version"`
	APIVersion    string `json:"ApiVersion"`
	MinAPIVersion string `json:"MinAPIVersion"`
	GitCommit     string `json:"GitCommit"`
	GoVersion     string `json:"GoVersion"`
	Os            string `json:"Os"`
	Arch          string `json:"Arch"`
	KernelVersion string `json:"KernelVersion"`
	Platform      struct {
		Name string `json:"Name"`
	} `json:"Platform"`
}

func parseVersion(b []byte) (*version, bool) {
	var v version
	if json.Unmarshal(b, &v) != nil || v.APIVersion == "" || v.Version == "" {
		return nil, false
	}
	if _, ok := vuln.Parse(v.APIVersion); !ok {
		return nil, false
	}
	return &v, true
}

// Probe fingerprints ep and, when it is a Docker API, reads what it exposes.
func (p *Prober) Probe(ctx context.Context, ep store.Endpoint, opts *store.Options) (*store.Result, error) {
	o := opts.WithDefaults()
	start := time.Now()
	return probekit.TrySchemes(ctx, ep, &o, []int{p.tlsPort}, func(s *probekit.Session) (*store.Result, error) {
		res, err := probe(ctx, s, ep, &o, start)
		if res == nil && s.TLS && ep.Port == p.tlsPort && certificateRequired(err) {
			// dockerd --tlsverify: the handshake wants a client certificate. Nothing
			// else answers this way on 2376; report it protected, unconfirmed.
			res := &store.Result{Service: probekit.NewService(ep, protocol, name, true)}
			probekit.SetProtected(&res.Service)
			res.Service.Details["identified_by"] = "port 2376 and a TLS handshake that demands a client certificate (dockerd --tlsverify); product not confirmed"
			res.Service.Duration = probekit.Elapsed(start)
			return res, nil
		}
		return res, err
	})
}

// certificateRequired recognises a TLS server refusing a client without a certificate:
// "certificate required" (TLS 1.3) or "bad certificate"/"handshake failure" (TLS 1.2).
func certificateRequired(err error) bool {
	if err == nil {
		return false
	}
	m := err.Error()
	return strings.Contains(m, "certificate required") || strings.Contains(m, "bad certificate") ||
		strings.Contains(m, "handshake failure")
}

func probe(ctx context.Context, s *probekit.Session, ep store.Endpoint, o *store.Options, start time.Time) (*store.Result, error) {
	r, err := s.Get(ctx, "/version", 64<<10)
	if err != nil {
		if r != nil {
			return nil, fmt.Errorf("%w: GET /version: %v", store.ErrNoMatch, err)
		}
		return nil, err
	}
	server := r.Header.Get("Server")
	apiHeader := r.Header.Get("Api-Version")
	v, ok := parseVersion(r.Body)
	if r.Status != 200 || !ok {
		if r.Status == 400 && !s.TLS && strings.Contains(strings.ToLower(string(r.Body)), "https") {
			return nil, errors.New("plain HTTP sent to an HTTPS port")
		}
		if (r.Status == 401 || r.Status == 403) && (strings.HasPrefix(server, "Docker/") || apiHeader != "") {
			// An authorization plugin or a proxy in front of the daemon said no.
			res := &store.Result{Service: probekit.NewService(ep, protocol, name, s.TLS)}
			res.Service.Version = strings.TrimPrefix(strings.Fields(server + " ")[0], "Docker/")
			probekit.SetProtected(&res.Service)
			res.Service.Duration = probekit.Elapsed(start)
			return res, nil
		}
		return nil, fmt.Errorf("%w: GET /version is not the Docker Engine API (HTTP %d)", store.ErrNoMatch, r.Status)
	}
	res := &store.Result{Service: probekit.NewService(ep, protocol, name, s.TLS)}
	svc := &res.Service
	svc.Version = v.Version
	set := func(k, val string) {
		if val != "" {
			svc.Details[k] = val
		}
	}
	set("api_version", v.APIVersion)
	set("os", v.Os)
	set("arch", v.Arch)
	set("kernel", v.KernelVersion)
	set("platform", v.Platform.Name)
	set("go_version", v.GoVersion)
	probekit.SetAccess(svc, nil)

	res.Findings = append(res.Findings, probekit.Finish(finding.Finding{Severity: finding.Critical, Category: finding.Capability,
		Rule:  "docker-api-root",
		Title: "Docker Engine API answers without authentication: whoever reaches it is root on the host",
		Detail: "The API can create a container that mounts the host's / and runs privileged, pull and run any image, " +
			"exec into running containers and read their secrets. No exploit is needed.",
		Evidence:    fmt.Sprintf("GET /version answered: Docker %s, API %s, %s/%s", v.Version, v.APIVersion, v.Os, v.Arch),
		Remediation: about.Remediation,
		References:  []string{"https://docs.docker.com/engine/security/protect-access/"}}, *svc))
	err = explore(ctx, s, o, res)
	svc.Duration = probekit.Elapsed(start)
	if err != nil {
		svc.Error = err.Error()
	}
	return res, err
}

type info struct {
	ID                string     `json:"ID"`
	Name              string     `json:"Name"`
	Containers        int64      `json:"Containers"`
	ContainersRunning int64      `json:"ContainersRunning"`
	Images            int64      `json:"Images"`
	OperatingSystem   string     `json:"OperatingSystem"`
	KernelVersion     string     `json:"KernelVersion"`
	NCPU              int64      `json:"NCPU"`
	MemTotal          int64      `json:"MemTotal"`
	DockerRootDir     string     `json:"DockerRootDir"`
	SecurityOptions   stringList `json:"SecurityOptions"` // up to maxListed: decoded whole, 8 MiB of empty ones cost 274 MiB
	Swarm             struct {
		LocalNodeState   string `json:"LocalNodeState"`
		ControlAvailable bool   `json:"ControlAvailable"`
	} `json:"Swarm"`
}

type containerSummary struct {
	ID     string   `json:"Id"`
	Names  []string `json:"Names"`
	Image  string   `json:"Image"`
	State  string   `json:"State"`
	Status string   `json:"Status"`
	// Mounts are in the listing too: what a container not inspected mounts.
	Mounts mountList `json:"Mounts"`
}

// maxListed bounds the environment entries, command words, binds, labels and mounts
// decoded from one container's or image's answer, one element at a time: decoded
// whole, 8 MiB of empty ones cost 182-931 MiB for each container inspected, although a
// sample keeps a row's worth of them. Real containers have tens.
const maxListed = 4096

type (
	stringList []string
	labelMap   map[string]string
	mountList  []mount
)

func (l *stringList) UnmarshalJSON(b []byte) (err error) {
	*l, _, err = probekit.DecodeListCounted[string](b, maxListed)
	return err
}

func (l *mountList) UnmarshalJSON(b []byte) (err error) {
	*l, _, err = probekit.DecodeListCounted[mount](b, maxListed)
	return err
}

func (m *labelMap) UnmarshalJSON(b []byte) error {
	kept, _, err := probekit.DecodeObject[string](b, nil, maxListed)
	if err != nil {
		return err
	}
	if kept == nil {
		*m = nil
		return nil
	}
	*m = make(labelMap, len(kept))
	for _, kv := range kept {
		(*m)[kv.Key] = kv.Value
	}
	return nil
}

type mount struct {
	Type        string `json:"Type"`
	Source      string `json:"Source"`
	Destination string `json:"Destination"`
	RW          bool   `json:"RW"`
}

type containerInspect struct {
	Name   string `json:"Name"`
	Config struct {
		Env    stringList `json:"Env"`
		Cmd    stringList `json:"Cmd"`
		Image  string     `json:"Image"`
		Labels labelMap   `json:"Labels"`
	} `json:"Config"`
	HostConfig struct {
		Privileged  bool       `json:"Privileged"`
		Binds       stringList `json:"Binds"`
		NetworkMode string     `json:"NetworkMode"`
		PidMode     string     `json:"PidMode"`
	} `json:"HostConfig"`
	Mounts mountList `json:"Mounts"`
}

// explore reads the host summary and the containers with their environment, within
// opts.InventoryTimeout.
func explore(ctx context.Context, s *probekit.Session, o *store.Options, res *store.Result) error {
	ctx, cancel := context.WithTimeout(ctx, o.InventoryTimeout)
	defer cancel()
	svc := &res.Service
	var in info
	if _, err := s.GetJSON(ctx, "/info", &in); err == nil {
		svc.Details["containers"] = strconv.FormatInt(in.Containers, 10)
		svc.Details["containers_running"] = strconv.FormatInt(in.ContainersRunning, 10)
		svc.Details["images"] = strconv.FormatInt(in.Images, 10)
		if in.Name != "" {
			svc.Details["hostname"] = in.Name
		}
		if in.OperatingSystem != "" {
			svc.Details["operating_system"] = in.OperatingSystem
		}
		if in.DockerRootDir != "" {
			svc.Details["root_dir"] = in.DockerRootDir
		}
		for _, so := range in.SecurityOptions {
			if strings.Contains(so, "name=rootless") {
				svc.Details["rootless"] = "true"
			}
		}
		if in.Swarm.ControlAvailable {
			svc.Details["swarm_manager"] = "true"
		}
	}

	// The list is decoded one container at a time, up to the tables limit: a daemon
	// that ignores limit= can send millions of them in one answer.
	path := fmt.Sprintf("/containers/json?all=1&limit=%d", o.MaxTables+1)
	list, more, err := probekit.GetList[containerSummary](ctx, s, path, o.MaxTables)
	if err != nil {
		return fmt.Errorf("inventory: %w", err)
	}
	if more {
		svc.Truncated = true
	}
	var risky []string
	for _, c := range list {
		if ctx.Err() != nil {
			svc.Truncated = true
			break
		}
		cname := c.ID
		if len(c.Names) > 0 {
			cname = strings.TrimPrefix(c.Names[0], "/")
		}
		cname = probekit.CutName(cname)
		ds := finding.Dataset{Database: "containers", Table: cname, Kind: "container", Engine: probekit.CutName(c.Image),
			Columns: []finding.Column{{Name: "env", Type: "KEY=value"}, {Name: "labels", Type: "key=value"}}}
		if len(c.ID) > probekit.MaxNameBytes {
			ds.Error = probekit.LongName // never inspected: the ID would go back in the path
		}
		if ds.Error != "" || probekit.OutOfBudget(o, &ds) {
			// The inspect payload is the sample (environment, labels, command line):
			// once the endpoint's sample budget is spent none is read any more. The
			// container stays listed, counted and marked; its listing's mounts
			// still show a socket or / mounted.
			if why := mountRisks(c.Mounts); len(why) > 0 {
				risky = append(risky, cname+" ("+strings.Join(why, ", ")+")")
			}
			svc.Datasets = append(svc.Datasets, ds)
			continue
		}
		var ci containerInspect
		if _, err := s.GetJSON(ctx, "/containers/"+url.PathEscape(c.ID)+"/json", &ci); err != nil {
			ds.Error = probekit.FirstLine(err.Error(), 300)
			svc.Datasets = append(svc.Datasets, ds)
			continue
		}
		ds.Rows = int64(len(ci.Config.Env) + len(ci.Config.Labels))
		if why := riskOf(ci); why != "" {
			risky = append(risky, cname+" ("+why+")")
		}
		if o.SampleRows > 0 {
			ds.Sampled = addConfigSamples(res, "containers", cname, ci.Config.Env, ci.Config.Cmd, ci.Config.Labels, o)
		}
		svc.Datasets = append(svc.Datasets, ds)
	}
	exploreImages(ctx, s, o, res)
	if len(risky) > 0 {
		sort.Strings(risky)
		res.Findings = append(res.Findings, probekit.Finish(finding.Finding{Severity: finding.High, Category: finding.Config,
			Rule:        "docker-privileged-containers",
			Title:       fmt.Sprintf("%d containers run privileged, share the host's namespaces or mount the Docker socket or /", len(risky)),
			Evidence:    probekit.CutText(strings.Join(risky, "; "), 2000),
			Count:       len(risky),
			Remediation: "Drop --privileged, host namespaces and socket or / mounts; give containers only the capabilities and paths they need."}, *svc))
	}
	if ctx.Err() != nil {
		return probekit.Truncated(svc, o)
	}
	return nil
}

func riskOf(ci containerInspect) string {
	var why []string
	if ci.HostConfig.Privileged {
		why = append(why, "privileged")
	}
	if ci.HostConfig.PidMode == "host" {
		why = append(why, "host PID namespace")
	}
	why = append(why, mountRisks(ci.Mounts)...)
	return strings.Join(why, ", ")
}

// mountRisks names the mounts that give a container the host: the Docker socket, /.
func mountRisks(ms []mount) []string {
	var why []string
	for _, m := range ms {
		if m.Source == "/var/run/docker.sock" || m.Source == "/run/docker.sock" {
			why = append(why, "mounts the Docker socket")
		}
		if m.Source == "/" {
			why = append(why, "mounts the host's /")
		}
	}
	return why
}

// addConfigSamples samples a container's or an image's configuration as two samples
// of database.table: "env", one row per environment variable (KEY=value, as the
// detectors read assignments) and then the command line, and "labels", one row per
// label (key=value, sorted). Each holds up to SampleRows*4 rows: a configuration is
// small and every entry may be the secret. It returns the rows sampled.
func addConfigSamples(res *store.Result, database, table string, env, cmd []string, labels map[string]string, o *store.Options) int {
	lines := append([]string(nil), env...)
	if len(cmd) > 0 {
		lines = append(lines, "CMD="+strings.Join(cmd, " "))
	}
	keys := make([]string, 0, len(labels))
	for k := range labels {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var lbl []string
	for _, k := range keys {
		lbl = append(lbl, k+"="+labels[k])
	}
	n := 0
	for _, part := range []struct {
		col   string
		lines []string
	}{{"env", lines}, {"labels", lbl}} {
		if len(part.lines) == 0 {
			continue
		}
		smp := store.Sample{Database: database, Table: table, Columns: []string{part.col}}
		b := probekit.NewBudget(o.Samples, max(o.SampleRows*4, 20), o.MaxRowBytes, o.MaxSampleBytes)
		for _, e := range part.lines {
			row := []string{probekit.Cut(e, o.MaxRowBytes)}
			if !b.Add(row) {
				break
			}
			smp.Rows = append(smp.Rows, row)
		}
		n += len(smp.Rows)
		res.Samples = append(res.Samples, smp)
	}
	return n
}

type imageSummary struct {
	ID       string   `json:"Id"`
	RepoTags []string `json:"RepoTags"`
	Size     int64    `json:"Size"`
	Created  int64    `json:"Created"`
}

type imageInspect struct {
	Config struct {
		Env    stringList `json:"Env"`
		Cmd    stringList `json:"Cmd"`
		Labels labelMap   `json:"Labels"`
	} `json:"Config"`
}

// exploreImages lists the images (GET /images/json: tagged and top-level ones) and
// samples the environment and labels baked into each: credentials given to ENV and
// LABEL at build time travel with the image to every registry and host it reaches.
func exploreImages(ctx context.Context, s *probekit.Session, o *store.Options, res *store.Result) {
	svc := &res.Service
	list, more, err := probekit.GetList[imageSummary](ctx, s, "/images/json", o.MaxTables)
	if err != nil {
		svc.Details["images_error"] = probekit.FirstLine(err.Error(), 200)
		return
	}
	if more {
		svc.Truncated = true
	}
	for _, img := range list {
		if ctx.Err() != nil {
			svc.Truncated = true
			return
		}
		tag := img.ID
		if len(img.RepoTags) > 0 && img.RepoTags[0] != "<none>:<none>" {
			tag = img.RepoTags[0]
		}
		tag = probekit.CutName(tag)
		ds := finding.Dataset{Database: "images", Table: tag, Kind: "image", Bytes: img.Size,
			Columns: []finding.Column{{Name: "env", Type: "KEY=value"}, {Name: "labels", Type: "key=value"}}}
		if img.Created > 0 {
			at := time.Unix(img.Created, 0).UTC().Format(time.RFC3339)
			ds.TimeRange = &finding.TimeRange{Column: "created", Min: at, Max: at}
		}
		if len(img.ID) > probekit.MaxNameBytes {
			ds.Error = probekit.LongName // never inspected: the ID would go back in the path
		}
		if ds.Error != "" || probekit.OutOfBudget(o, &ds) {
			svc.Datasets = append(svc.Datasets, ds) // listed and counted, not inspected
			continue
		}
		var ii imageInspect
		if _, err := s.GetJSON(ctx, "/images/"+url.PathEscape(img.ID)+"/json", &ii); err != nil {
			ds.Error = probekit.FirstLine(err.Error(), 300)
			svc.Datasets = append(svc.Datasets, ds)
			continue
		}
		ds.Rows = int64(len(ii.Config.Env) + len(ii.Config.Labels))
		if o.SampleRows > 0 {
			ds.Sampled = addConfigSamples(res, "images", tag, ii.Config.Env, ii.Config.Cmd, ii.Config.Labels, o)
		}
		svc.Datasets = append(svc.Datasets, ds)
	}
}

package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/leakwatch/leakwatch/internal/lab"
)

// Credentials of the protected document, container and object stores, written to
// lab.json (mode 0600) for tests and demos that want to log in.
const (
	ferretdbProtectedUser     = "shopadmin"
	ferretdbProtectedPassword = "leaklab-ferret-8b2e"
	minioProtectedUser        = "leaklab-root"
	minioProtectedPassword    = "leaklab-minio-5f3a"
	pouchdbProtectedPassword  = "leaklab-pouch-1c7d"
	pouchdbMemberUser         = "shopapp"
	pouchdbMemberPassword     = "leaklab-pouch-app-62e0"
)

// builtServers are FerretDB, Docker Engine, MinIO and pouchdb-server: each open (seeded
// with planted secrets in their own fields, labels, objects and documents) and
// protected. Their binaries come from scripts/build-servers.sh (FerretDB, MinIO,
// pouchdb-server) or Debian's docker.io; a machine without one skips those servers.
func builtServers() []server {
	return []server{
		{name: "ferretdb-open", note: "FerretDB on SQLite without authentication, settings with credentials, customers, chats",
			missing: func() error { _, err := lab.FerretDBBinary(); return err },
			start: func(ctx context.Context, dir string, wk bool) (lab.ServerRecord, error) {
				return startFerretDB(ctx, dir, "ferretdb-open", "127.0.0.1", lab.FerretDBConfig{}, wk)
			}},
		{name: "ferretdb-protected", note: "FerretDB with SCRAM authentication (user shopadmin, see lab.json), same data",
			missing: func() error { _, err := lab.FerretDBBinary(); return err },
			start: func(ctx context.Context, dir string, wk bool) (lab.ServerRecord, error) {
				return startFerretDB(ctx, dir, "ferretdb-protected", protectedHost(),
					lab.FerretDBConfig{User: ferretdbProtectedUser, Password: ferretdbProtectedPassword}, wk)
			}},
		{name: "docker-open", note: "Docker Engine API on plain TCP without authentication; credentials in ENV and labels, a privileged container",
			missing: dockerMissing,
			start: func(ctx context.Context, dir string, wk bool) (lab.ServerRecord, error) {
				return startDocker(ctx, dir, "docker-open", "127.0.0.1", lab.DockerConfig{}, wellKnownPort("127.0.0.1", 2375, wk))
			}},
		{name: "docker-protected", note: "Docker Engine API with --tlsverify (client certificates of the lab's CA only), same images and containers",
			missing: dockerMissing,
			start: func(ctx context.Context, dir string, wk bool) (lab.ServerRecord, error) {
				host, port := dockerTLSAddr()
				return startDocker(ctx, dir, "docker-protected", host, lab.DockerConfig{TLSVerify: true}, port)
			}},
		{name: "minio-open", note: "MinIO with the built-in root account minioadmin/minioadmin, backups and configuration objects",
			missing: func() error { _, err := lab.MinIOBinary(); return err },
			start: func(ctx context.Context, dir string, wk bool) (lab.ServerRecord, error) {
				return startMinIO(ctx, dir, "minio-open", "127.0.0.1", lab.MinIOConfig{}, wk)
			}},
		{name: "minio-protected", note: "MinIO with its own root account (see lab.json), same objects",
			missing: func() error { _, err := lab.MinIOBinary(); return err },
			start: func(ctx context.Context, dir string, wk bool) (lab.ServerRecord, error) {
				return startMinIO(ctx, dir, "minio-protected", protectedHost(),
					lab.MinIOConfig{RootUser: minioProtectedUser, RootPassword: minioProtectedPassword}, wk)
			}},
		{name: "pouchdb-open", note: "pouchdb-server (CouchDB API) in admin party: every request is a server admin",
			missing: func() error { _, err := lab.PouchDBBinary(); return err },
			start: func(ctx context.Context, dir string, wk bool) (lab.ServerRecord, error) {
				return startPouchDB(ctx, dir, "pouchdb-open", "127.0.0.1", lab.PouchDBConfig{}, wk)
			}},
		{name: "pouchdb-protected", note: "pouchdb-server with a server admin (admin, see lab.json) and members on every database",
			missing: func() error { _, err := lab.PouchDBBinary(); return err },
			start: func(ctx context.Context, dir string, wk bool) (lab.ServerRecord, error) {
				return startPouchDB(ctx, dir, "pouchdb-protected", protectedHost(), lab.PouchDBConfig{AdminPassword: pouchdbProtectedPassword,
					MemberUser: pouchdbMemberUser, MemberPassword: pouchdbMemberPassword}, wk)
			}},
	}
}

// dockerTLSAddr is where the --tlsverify twin listens: port 2376 on the first loopback
// address that has it free, even under --free-ports. A scan tells a daemon that only
// demands a client certificate by that port alone (the one Docker documents for TLS),
// so elsewhere the twin would be "not decided" rather than protected.
func dockerTLSAddr() (string, int) {
	for _, h := range []string{protectedHost(), "127.0.0.3", "127.0.0.4", "127.0.0.5", "127.0.0.6", "127.0.0.1"} {
		if wellKnownPort(h, 2376, true) == 2376 {
			return h, 2376
		}
	}
	return protectedHost(), 0
}

// dockerMissing says why this machine cannot run the lab's Docker daemons.
func dockerMissing() error {
	if _, err := lab.DockerBinary(); err != nil {
		return fmt.Errorf("%w: install Debian's docker.io (make deps)", err)
	}
	if _, err := lab.StaticBusybox(); err != nil {
		return fmt.Errorf("%w (make deps)", err)
	}
	if os.Geteuid() != 0 {
		return errors.New("dockerd needs root")
	}
	return nil
}

func startFerretDB(ctx context.Context, dir, name, host string, cfg lab.FerretDBConfig, wk bool) (lab.ServerRecord, error) {
	cfg.Dir, cfg.Host, cfg.Port, cfg.Detach = fresh(dir, name), host, wellKnownPort(host, 27017, wk), true
	f, err := lab.StartFerretDB(ctx, cfg)
	return seeded(ctx, name, f, err, f.Seed)
}

// startDocker starts a seeded daemon on host and port (0: a free one).
func startDocker(ctx context.Context, dir, name, host string, cfg lab.DockerConfig, port int) (lab.ServerRecord, error) {
	cfg.Dir, cfg.Host, cfg.Port, cfg.Detach = fresh(dir, name), host, port, true
	d, err := lab.StartDocker(ctx, cfg)
	return seeded(ctx, name, d, err, d.Seed)
}

func startMinIO(ctx context.Context, dir, name, host string, cfg lab.MinIOConfig, wk bool) (lab.ServerRecord, error) {
	// No audit log: its receiver lives in this process, which exits. MinIO also listens
	// on localhost at its port, so only the one on 127.0.0.1 may take the well-known
	// port: another on 127.0.0.2:9000 would share 127.0.0.1:9000 with it and answer half
	// of its connections (the demo then found the open MinIO protected in half the runs).
	cfg.Dir, cfg.Host, cfg.Port, cfg.Detach, cfg.Audit = fresh(dir, name), host, minioPort(host, wk), true, false
	m, err := lab.StartMinIO(ctx, cfg)
	return seeded(ctx, name, m, err, m.Seed)
}

// minioPort is the port a lab MinIO on host asks for: the well-known 9000 on 127.0.0.1
// alone (when wanted and free), else 0 (lab.StartMinIO then picks one free on host and
// on 127.0.0.1).
func minioPort(host string, wk bool) int {
	return wellKnownPort(host, 9000, wk && host == "127.0.0.1")
}

func startPouchDB(ctx context.Context, dir, name, host string, cfg lab.PouchDBConfig, wk bool) (lab.ServerRecord, error) {
	cfg.Dir, cfg.Host, cfg.Port, cfg.Detach = fresh(dir, name), host, wellKnownPort(host, 5984, wk), true
	p, err := lab.StartPouchDB(ctx, cfg)
	return seeded(ctx, name, p, err, func(ctx context.Context) error { return p.Seed(ctx, cfg) })
}

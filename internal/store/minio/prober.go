// Package minio probes MinIO and other S3-compatible object stores over their S3 API
// (HTTP or HTTPS): it fingerprints the server (MinIO's Server header and health
// endpoint, S3's XML errors), decides who may list buckets — nobody, the default root
// account minioadmin, or given keys (SigV4-signed with the AWS SDK's signer) — looks
// for buckets that anyone may list, lists objects with sizes and dates, and reads the
// start of a few small text objects for detection. Only GETs are sent.
//
// Port 9000 is also ClickHouse's native port: that answers HTTP with a 400 naming
// clickhouse-client, which has no S3 shape and is left alone.
package minio

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/lazyre"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
)

const (
	name     = "minio"
	protocol = "s3-http"
	// region is what MinIO answers to unless configured otherwise; S3-compatible
	// servers accept it as the default too.
	region = "us-east-1"
)

// Prober implements store.Prober for MinIO and S3-compatible stores.
type Prober struct{ probekit.About }

var (
	_ store.Prober           = (*Prober)(nil)
	_ store.Describer        = (*Prober)(nil)
	_ store.ProductDescriber = (*Prober)(nil)
)

// S3 servers this prober names; an S3 answer that says nothing more is "s3".
const (
	productMinIO     = "minio"
	productSeaweedFS = "seaweedfs"
	productCeph      = "ceph-rgw"
	productGarage    = "garage"
	productS3        = "s3"
)

// serverProducts recognise a product by its Server header (lower-cased prefix): MinIO
// sends "MinIO" (older releases "MinIO/RELEASE.…"), SeaweedFS "SeaweedFS S3" or
// "SeaweedFS <version>", Garage "Garage/<version>", Ceph's gateway "Ceph Object Gateway
// (<release>)".
var serverProducts = []struct{ prefix, product string }{
	{"minio", productMinIO},
	{"seaweedfs", productSeaweedFS},
	{"garage", productGarage},
	{"ceph", productCeph},
}

// productFromHeaders names the product and, where the header carries it, its version.
func productFromHeaders(h http.Header) (product, version string) {
	server := strings.TrimSpace(h.Get("Server"))
	low := strings.ToLower(server)
	for _, sp := range serverProducts {
		if strings.HasPrefix(low, sp.prefix) {
			return sp.product, versionIn(server[len(sp.prefix):])
		}
	}
	if h.Get("X-Garage-Version") != "" {
		return productGarage, versionIn(h.Get("X-Garage-Version"))
	}
	return "", ""
}

// versionRE finds a release tag or a dotted version in what follows a product's name.
var versionRE = lazyre.New(`RELEASE\.[0-9TZ:-]{10,25}|v?\d+\.\d+(?:\.\d+)?(?:[-+][0-9A-Za-z.]+)?`)

func versionIn(s string) string {
	return strings.TrimPrefix(versionRE.FindString(s), "v")
}

// DescribeProduct names each S3 server and says how to close it.
func (*Prober) DescribeProduct(product string) (string, string, bool) {
	switch product {
	case productMinIO:
		return "MinIO", about.Remediation, true
	case productSeaweedFS:
		return "SeaweedFS", "Configure S3 identities with their own keys (-s3.config / s3.configure), never run weed s3 without " +
			"them, remove anonymous actions, and keep the S3 (8333), filer and master ports off untrusted networks.", true
	case productCeph:
		return "Ceph Object Gateway", "Remove public-read ACLs and anonymous bucket policies, rotate the keys of users that leaked " +
			"(radosgw-admin key create/rm), and keep the gateway behind TLS and a firewall.", true
	case productGarage:
		return "Garage", "Give each application its own key with access to its own buckets only (garage key / garage bucket allow), " +
			"turn off website access for private buckets, and keep the S3 and admin ports off untrusted networks.", true
	case productS3:
		return "S3-compatible object store", "Require signed requests: remove anonymous bucket policies and public ACLs, give " +
			"applications their own least-privilege keys, and keep the endpoint off untrusted networks.", true
	}
	return "", "", false
}

// about names the product and says how to close it.
var about = probekit.About{
	Product: name,
	Display: "MinIO/S3",
	// Ports: MinIO's API port (shared with ClickHouse native: fingerprinted, not assumed).
	Ports: []int{9000},
	Remediation: "Set MINIO_ROOT_USER/MINIO_ROOT_PASSWORD to strong values (never minioadmin), remove anonymous bucket policies " +
		"(mc anonymous set none ALIAS/BUCKET), give applications their own keys with least-privilege policies, and keep " +
		"port 9000 and the console off untrusted networks.",
}

// New returns a prober.
func New() *Prober { return &Prober{About: about} }

// DefaultCredentials: MinIO's built-in root account before it is changed, and the
// pre-2021 access/secret key pair of the same value.
var DefaultCredentials = []store.Credential{
	{Username: "minioadmin", Password: "minioadmin"},
}

// guessedBuckets are names tried without credentials when listing buckets is refused:
// a public bucket can be read by anyone who knows its name, and these are the names
// people give.
var guessedBuckets = []string{"backup", "backups", "data", "public", "uploads", "files", "static", "media", "logs", "assets"}

const emptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" // SHA-256 of ""

// signer returns a Session.Sign function for the S3 service with c's keys.
func signer(c *store.Credential) func(*http.Request, []byte) error {
	s := v4.NewSigner()
	creds := aws.Credentials{AccessKeyID: c.Username, SecretAccessKey: c.Password}
	return func(req *http.Request, body []byte) error {
		hash := emptyHash
		if len(body) > 0 {
			sum := sha256.Sum256(body)
			hash = hex.EncodeToString(sum[:])
		}
		req.Header.Set("X-Amz-Content-Sha256", hash)
		return s.SignHTTP(req.Context(), creds, req, hash, "s3", region, time.Now().UTC())
	}
}

// as returns a session for c: unsigned for nil, SigV4-signed otherwise.
func as(s *probekit.Session, c *store.Credential) *probekit.Session {
	t := s.As(nil)
	t.Sign = nil
	if c != nil {
		t.Sign = signer(c)
	}
	return t
}

// Probe fingerprints ep and, when it speaks S3, decides access and explores it.
func (p *Prober) Probe(ctx context.Context, ep store.Endpoint, opts *store.Options) (*store.Result, error) {
	o := opts.WithDefaults()
	start := time.Now()
	return probekit.TrySchemes(ctx, ep, &o, []int{443, 9443}, func(s *probekit.Session) (*store.Result, error) {
		s.Header = http.Header{"Accept": {"application/xml"}}
		return probe(ctx, s, ep, &o, start)
	})
}

func isMinIO(h http.Header) bool {
	p, _ := productFromHeaders(h)
	return p == productMinIO
}

func probe(ctx context.Context, s *probekit.Session, ep store.Endpoint, o *store.Options, start time.Time) (*store.Result, error) {
	r, err := s.Get(ctx, "/", 256<<10)
	if err != nil {
		if r != nil {
			return nil, fmt.Errorf("%w: GET /: %v", store.ErrNoMatch, err)
		}
		return nil, err
	}
	if r.Status == http.StatusBadRequest && !s.TLS && strings.Contains(strings.ToLower(string(r.Body)), "https") {
		return nil, errors.New("plain HTTP sent to an HTTPS port")
	}
	buckets, listErr := parseListBuckets(r.Body)
	s3err := parseError(r.Body)
	minio := isMinIO(r.Header)
	if !minio && r.Status != http.StatusOK && s3err == nil {
		// MinIO's health endpoint answers 200 with its Server header, whatever the
		// policies; other servers get no further look.
		if h, err := s.Get(ctx, "/minio/health/live", 4<<10); err == nil && isMinIO(h.Header) {
			minio = true
		}
	}
	switch {
	case r.Status == http.StatusOK && listErr == nil:
	case s3err != nil:
	case minio:
	default:
		return nil, fmt.Errorf("%w: GET / has no S3 shape (HTTP %d)", store.ErrNoMatch, r.Status)
	}
	product, version := productFromHeaders(r.Header)
	if product == "" {
		product = productOf(minio)
	}
	res := &store.Result{Service: probekit.NewService(ep, protocol, product, s.TLS)}
	svc := &res.Service
	svc.Version = version // older MinIO: "MinIO/RELEASE.2020-…"; SeaweedFS, Garage: theirs
	if v := r.Header.Get("Server"); v != "" {
		svc.Details["server"] = v
	}
	if reg := r.Header.Get("X-Amz-Bucket-Region"); reg != "" {
		svc.Details["region"] = reg
	}

	var (
		cred   *store.Credential
		public []bucket
		found  bool
	)
	if r.Status == http.StatusOK && listErr == nil {
		found = true
	} else {
		// [1:]: no credentials at all was tried already.
		for _, c := range store.CredentialsToTry(o, name, DefaultCredentials...)[1:] {
			b, err := listBuckets(ctx, as(s, c))
			if err == nil {
				cred, buckets, found = c, b, true
				break
			}
			if !errors.Is(err, store.ErrAuth) {
				probekit.SetUndecided(svc, err)
				svc.Duration = probekit.Elapsed(start)
				return res, err
			}
			if ctx.Err() != nil {
				break
			}
		}
	}
	if !found {
		public = guessPublic(ctx, as(s, nil), o)
		if len(public) == 0 {
			probekit.SetProtected(svc)
			svc.Duration = probekit.Elapsed(start)
			return res, nil
		}
		buckets = public
	}
	probekit.SetAccess(svc, cred)
	if cred == nil && len(public) == 0 {
		svc.User = "anonymous"
	}
	if svc.Product == productMinIO && svc.Version == "" && cred != nil {
		svc.Version = minioAdminVersion(ctx, as(s, cred))
	}
	res.Findings = append(res.Findings, accessFindings(*svc, cred, len(public) > 0, public)...)
	err = explore(ctx, as(s, cred), o, buckets, res)
	svc.Duration = probekit.Elapsed(start)
	if err != nil {
		svc.Error = err.Error()
	}
	return res, err
}

func productOf(minio bool) string {
	if minio {
		return productMinIO
	}
	return productS3
}

// minioAdminVersion asks MinIO's admin API for the server's version (GET
// /minio/admin/v3/info: read-only, allowed to the keys that got in when they have
// admin rights, as the root account does). Modern MinIO sends its version nowhere
// else. The answer is the release date ("2026-02-12T20:18:48Z"), given back as the
// release tag people know ("RELEASE.2026-02-12T20-18-48Z").
func minioAdminVersion(ctx context.Context, s *probekit.Session) string {
	// Only the first server is decoded: decoded whole, 8 MiB of empty servers
	// allocated 274 MiB.
	r, err := s.GetJSON(ctx, "/minio/admin/v3/info", nil)
	if err != nil {
		return ""
	}
	list, ok, err := probekit.ObjectMember(r.Body, "servers")
	if err != nil || !ok {
		return ""
	}
	type server struct {
		Version string `json:"version"`
	}
	servers, _, err := probekit.DecodeListCounted[server](list, 1)
	if err != nil || len(servers) == 0 {
		return ""
	}
	v := servers[0].Version
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return "RELEASE." + t.UTC().Format("2006-01-02T15-04-05Z")
	}
	return probekit.CutText(v, 64)
}

func listBuckets(ctx context.Context, s *probekit.Session) ([]bucket, error) {
	r, err := s.Get(ctx, "/", 0)
	if err != nil {
		return nil, err
	}
	if r.Status != http.StatusOK {
		return nil, s3Failure("GET /", r)
	}
	return parseListBuckets(r.Body)
}

// s3Failure classifies an S3 error response; refusals of the principal are ErrAuth.
func s3Failure(what string, r *probekit.Response) error {
	e := parseError(r.Body)
	code := ""
	if e != nil {
		code = e.Code
	}
	switch {
	case r.Status == http.StatusForbidden, r.Status == http.StatusUnauthorized,
		code == "AccessDenied", code == "InvalidAccessKeyId", code == "SignatureDoesNotMatch", code == "AllAccessDisabled":
		return fmt.Errorf("%w: %s: HTTP %d %s", store.ErrAuth, what, r.Status, code)
	}
	return &probekit.HTTPError{Method: "GET", Path: what, Status: r.Status, Body: code}
}

// guessPublic tries the usual bucket names anonymously and returns those anyone may list.
func guessPublic(ctx context.Context, s *probekit.Session, o *store.Options) []bucket {
	var out []bucket
	for _, b := range guessedBuckets {
		if ctx.Err() != nil {
			break
		}
		r, err := s.Get(ctx, "/"+b+"?list-type=2&max-keys=1", 64<<10)
		if err != nil || r.Status != http.StatusOK {
			continue
		}
		if _, err := parseListObjects(r.Body); err == nil {
			out = append(out, bucket{Name: b})
		}
	}
	return out
}

func accessFindings(svc finding.Service, cred *store.Credential, guessed bool, public []bucket) []finding.Finding {
	var out []finding.Finding
	switch {
	case cred != nil && cred.Default && svc.Product == productMinIO:
		out = append(out, probekit.Finish(finding.Finding{Severity: finding.Critical, Category: finding.Capability,
			Rule:  "minio-default-root",
			Title: "MinIO accepts its built-in root account minioadmin/minioadmin",
			Detail: "The root account can read, overwrite and delete every object, change bucket policies, create users " +
				"and keys, and reconfigure the server through the admin API.",
			Remediation: "Set MINIO_ROOT_USER and MINIO_ROOT_PASSWORD to strong values, restart, and rotate every key created meanwhile."}, svc))
	case cred == nil && !guessed:
		out = append(out, probekit.Finish(finding.Finding{Severity: finding.Critical, Category: finding.Config,
			Rule:        "s3-anonymous-list-buckets",
			Title:       "The object store lists its buckets to anonymous requests",
			Remediation: "Remove anonymous access to ListBuckets (s3:ListAllMyBuckets) from every policy."}, svc))
	case guessed:
		var names []string
		for _, b := range public {
			names = append(names, b.Name)
		}
		out = append(out, probekit.Finish(finding.Finding{Severity: finding.High, Category: finding.Config,
			Rule:        "s3-public-bucket",
			Title:       fmt.Sprintf("%d buckets can be listed by anyone who guesses their name", len(public)),
			Evidence:    strings.Join(names, ", "),
			Count:       len(public),
			Remediation: "Remove anonymous bucket policies (mc anonymous set none ALIAS/BUCKET) or limit them to s3:GetObject on chosen prefixes."}, svc))
	}
	return out
}

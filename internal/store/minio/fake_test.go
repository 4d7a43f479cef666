package minio

import (
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"

	"github.com/leakwatch/leakwatch/internal/lab"
)

// fakeMinIO answers as MinIO's S3 API does, from the Amazon S3 API reference
// (ListBuckets, ListObjectsV2, GetObject with Range, the <Error> document and its codes
// AccessDenied, InvalidAccessKeyId, SignatureDoesNotMatch, NoSuchBucket) and MinIO's
// documented behaviour: "Server: MinIO" and X-Amz-Request-Id on every response,
// /minio/health/live answering 200 with an empty body, anonymous ListBuckets always
// refused, anonymous listing of buckets whose policy allows it. Signatures are checked
// by re-signing the received request with the same signer, time and signed headers, so
// a request altered after signing (Host, headers) fails as on a real server.
type fakeMinIO struct {
	keys     map[string]string // access key → secret
	publicB  map[string]bool   // buckets anonymous requests may list and read
	anonList bool              // anonymous ListBuckets allowed (some S3-compatible servers)
	notMinIO bool              // an S3-compatible server without MinIO's header
	buckets  map[string][]fakeObject
	mu       sync.Mutex
	reqs     []string
}

type fakeObject struct {
	key      string
	body     string
	modified time.Time
}

func (f *fakeMinIO) requests() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.reqs...)
}

func (f *fakeMinIO) fail(w http.ResponseWriter, status int, code, msg, resource string) {
	w.Header().Set("Content-Type", "application/xml")
	w.WriteHeader(status)
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<Error><Code>%s</Code><Message>%s</Message><Resource>%s</Resource><RequestId>17A3C1B2D4E5F607</RequestId><HostId>dd9025bab4ad464b049177c95eb6ebf374d3b3fd1af9251148b658df7ac2e3e8</HostId></Error>`, code, msg, resource)
}

var authRE = regexp.MustCompile(`^AWS4-HMAC-SHA256 Credential=([^/]+)/(\d{8})/([^/]+)/s3/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$`)

// verify returns the access key of a correctly signed request, "" for an anonymous
// one, or an S3 error code.
func (f *fakeMinIO) verify(r *http.Request) (string, string) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return "", ""
	}
	m := authRE.FindStringSubmatch(h)
	if m == nil {
		return "", "AuthorizationHeaderMalformed"
	}
	secret, ok := f.keys[m[1]]
	if !ok {
		return "", "InvalidAccessKeyId"
	}
	when, err := time.Parse("20060102T150405Z", r.Header.Get("X-Amz-Date"))
	if err != nil {
		return "", "AccessDenied"
	}
	// Rebuild the request as the client signed it: only the signed headers.
	re, _ := http.NewRequest(r.Method, "http://"+r.Host+r.URL.RequestURI(), nil)
	for _, name := range strings.Split(m[4], ";") {
		if name == "host" {
			re.Host = r.Host
			continue
		}
		re.Header[http.CanonicalHeaderKey(name)] = r.Header.Values(name)
	}
	s := v4.NewSigner()
	if err := s.SignHTTP(r.Context(), aws.Credentials{AccessKeyID: m[1], SecretAccessKey: secret}, re,
		r.Header.Get("X-Amz-Content-Sha256"), "s3", m[3], when); err != nil {
		return "", "AccessDenied"
	}
	if mm := authRE.FindStringSubmatch(re.Header.Get("Authorization")); mm == nil || mm[5] != m[5] {
		return "", "SignatureDoesNotMatch"
	}
	return m[1], ""
}

func (f *fakeMinIO) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.reqs = append(f.reqs, r.Method+" "+r.URL.RequestURI())
	f.mu.Unlock()
	if !f.notMinIO {
		w.Header().Set("Server", "MinIO")
	}
	w.Header().Set("X-Amz-Request-Id", "17A3C1B2D4E5F607")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Vary", "Origin")
	if r.URL.Path == "/minio/health/live" && !f.notMinIO {
		w.WriteHeader(http.StatusOK)
		return
	}
	user, code := f.verify(r)
	if code != "" {
		msg := map[string]string{"InvalidAccessKeyId": "The Access Key Id you provided does not exist in our records.",
			"SignatureDoesNotMatch": "The request signature we calculated does not match the signature you provided. Check your key and signing method."}[code]
		f.fail(w, http.StatusForbidden, code, msg, r.URL.Path)
		return
	}
	parts := strings.SplitN(strings.TrimPrefix(r.URL.Path, "/"), "/", 2)
	if parts[0] == "" {
		if user == "" && !f.anonList {
			f.fail(w, http.StatusForbidden, "AccessDenied", "Access Denied.", "/")
			return
		}
		var names []string
		for n := range f.buckets {
			names = append(names, n)
		}
		sort.Strings(names)
		w.Header().Set("Content-Type", "application/xml")
		io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Owner><ID>02d6176db174dc93cb1b899f7c6078f08654445fe8cf1b6ce98d8855f66bdbf4</ID><DisplayName>minio</DisplayName></Owner><Buckets>`)
		for _, n := range names {
			fmt.Fprintf(w, "<Bucket><Name>%s</Name><CreationDate>2024-05-01T10:00:00.000Z</CreationDate></Bucket>", n)
		}
		io.WriteString(w, "</Buckets></ListAllMyBucketsResult>")
		return
	}
	objs, ok := f.buckets[parts[0]]
	if !ok {
		f.fail(w, http.StatusNotFound, "NoSuchBucket", "The specified bucket does not exist", "/"+parts[0])
		return
	}
	if user == "" && !f.publicB[parts[0]] && !f.anonList {
		f.fail(w, http.StatusForbidden, "AccessDenied", "Access Denied.", r.URL.Path)
		return
	}
	if len(parts) == 1 {
		maxKeys, _ := strconv.Atoi(r.URL.Query().Get("max-keys"))
		w.Header().Set("Content-Type", "application/xml")
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>%s</Name><Prefix></Prefix><KeyCount>%d</KeyCount><MaxKeys>%d</MaxKeys><Delimiter></Delimiter><IsTruncated>%v</IsTruncated>`,
			parts[0], min(len(objs), maxKeys), maxKeys, len(objs) > maxKeys)
		for i, o := range objs {
			if i >= maxKeys {
				break
			}
			var b strings.Builder
			xml.EscapeText(&b, []byte(o.key))
			fmt.Fprintf(w, `<Contents><Key>%s</Key><LastModified>%s</LastModified><ETag>&#34;d41d8cd98f00b204e9800998ecf8427e&#34;</ETag><Size>%d</Size><StorageClass>STANDARD</StorageClass></Contents>`,
				b.String(), o.modified.UTC().Format("2006-01-02T15:04:05.000Z"), len(o.body))
		}
		io.WriteString(w, "</ListBucketResult>")
		return
	}
	for _, o := range objs {
		if o.key != parts[1] {
			continue
		}
		body := o.body
		var from, to int
		if n, _ := fmt.Sscanf(r.Header.Get("Range"), "bytes=%d-%d", &from, &to); n == 2 && from < len(body) {
			to = min(to, len(body)-1)
			w.Header().Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", from, to, len(body)))
			w.WriteHeader(http.StatusPartialContent)
			io.WriteString(w, body[from:to+1])
			return
		}
		io.WriteString(w, body)
		return
	}
	f.fail(w, http.StatusNotFound, "NoSuchKey", "The specified key does not exist.", r.URL.Path)
}

var (
	synth                    = lab.NewSynth(9000)
	testAWSID, testAWSSecret = synth.AWSKeyPair()
	testSlack                = synth.SlackBotToken()
)

func seededBuckets() map[string][]fakeObject {
	t0 := time.Date(2024, 6, 1, 8, 0, 0, 0, time.UTC)
	return map[string][]fakeObject{
		"backups": {
			{key: "db/2024-06-01.sql.gz", body: "\x1f\x8b binary", modified: t0},
			{key: "config/.env", body: "AWS_ACCESS_KEY_ID=" + testAWSID + "\nAWS_SECRET_ACCESS_KEY=" + testAWSSecret + "\n", modified: t0.Add(24 * time.Hour)},
		},
		"app-logs": {
			{key: "2024/06/02/app.log", body: "INFO start\nDEBUG slack token " + testSlack + "\n" + strings.Repeat("x", 10000), modified: t0.Add(48 * time.Hour)},
		},
	}
}

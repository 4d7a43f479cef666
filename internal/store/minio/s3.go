package minio

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
)

// S3 XML documents, from the Amazon S3 API reference (ListBuckets, ListObjectsV2, Error
// responses); MinIO answers with the same elements.
type bucket struct {
	Name         string `xml:"Name"`
	CreationDate string `xml:"CreationDate"`
}

type listBucketsResult struct {
	XMLName xml.Name `xml:"ListAllMyBucketsResult"`
	Owner   struct {
		ID          string `xml:"ID"`
		DisplayName string `xml:"DisplayName"`
	} `xml:"Owner"`
	Buckets []bucket `xml:"Buckets>Bucket"`
}

type object struct {
	Key          string `xml:"Key"`
	LastModified string `xml:"LastModified"`
	Size         int64  `xml:"Size"`
	StorageClass string `xml:"StorageClass"`
}

type listObjectsResult struct {
	XMLName     xml.Name `xml:"ListBucketResult"`
	Name        string   `xml:"Name"`
	KeyCount    int64    `xml:"KeyCount"`
	MaxKeys     int64    `xml:"MaxKeys"`
	IsTruncated bool     `xml:"IsTruncated"`
	Contents    []object `xml:"Contents"`
}

type s3Error struct {
	XMLName   xml.Name `xml:"Error"`
	Code      string   `xml:"Code"`
	Message   string   `xml:"Message"`
	Resource  string   `xml:"Resource"`
	RequestID string   `xml:"RequestId"`
}

// maxXMLBuckets bounds what one listing may hold, however long the body.
const maxXMLBuckets = 10000

// maxXMLTokens bounds the XML tokens (element starts and ends, text, comments) read of
// one answer, at about tokensPerItem per element kept and a few hundred besides: what
// a real listing of that many buckets or objects holds, with room to spare. An answer
// of up to --max-response-bytes made of tiny elements is millions of tokens, and
// encoding/xml allocates for each: an 8 MiB bucket or object list cost about 430 MiB
// decoded whole, whatever was kept of it.
const tokensPerItem = 64

func maxXMLTokens(items int) int { return tokensPerItem*items + 1024 }

// errXMLTokens ends a decoding that read its share of tokens.
var errXMLTokens = errors.New("too many XML elements")

// countedTokens hands a decoder the raw tokens of an XML document, at most left of them.
type countedTokens struct {
	d    *xml.Decoder
	left int
}

func (c *countedTokens) Token() (xml.Token, error) {
	if c.left <= 0 {
		return nil, errXMLTokens
	}
	c.left--
	return c.d.RawToken()
}

// xmlDecoder decodes b strictly, reading at most maxTokens of its tokens: every path
// of the decoder (Decode, DecodeElement, Skip) goes through the count.
func xmlDecoder(b []byte, maxTokens int) *xml.Decoder {
	raw := xml.NewDecoder(bytes.NewReader(b))
	raw.Strict = true
	d := xml.NewTokenDecoder(&countedTokens{d: raw, left: maxTokens})
	d.Strict = true
	return d
}

func decodeXML(b []byte, v any) error {
	return xmlDecoder(b, maxXMLTokens(1)).Decode(v)
}

// openRoot reads up to the document's root element, which must be named root (in any
// namespace), as Decode checks a struct's XMLName.
func openRoot(d *xml.Decoder, root string) error {
	for {
		tok, err := d.Token()
		if err != nil {
			return err
		}
		if se, ok := tok.(xml.StartElement); ok {
			if se.Name.Local != root {
				return fmt.Errorf("expected element type <%s> but have <%s>", root, se.Name.Local)
			}
			return nil
		}
	}
}

// eachChild calls f with each child element of the element whose start d has just
// read, up to that element's end; f consumes the child (DecodeElement, Skip). f
// returning false stops the walk, and eachChild returns false too.
func eachChild(d *xml.Decoder, f func(se *xml.StartElement) (bool, error)) (bool, error) {
	for {
		tok, err := d.Token()
		if err != nil {
			return false, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if more, err := f(&t); err != nil || !more {
				return more, err
			}
		case xml.EndElement:
			return true, nil
		}
	}
}

// listItems reads the document in b, whose root is root, and decodes each element at
// path below it into a T, at most max of them. more says that the document went on
// past them: more elements, or more tokens than max of them can hold. A document that
// is malformed before that is an error.
func listItems[T any](b []byte, root string, path []string, max int, head func(d *xml.Decoder, se *xml.StartElement) error) (items []T, more bool, err error) {
	d := xmlDecoder(b, maxXMLTokens(max))
	if err := openRoot(d, root); err != nil {
		return nil, false, err
	}
	var walk func(depth int) func(se *xml.StartElement) (bool, error)
	walk = func(depth int) func(se *xml.StartElement) (bool, error) {
		return func(se *xml.StartElement) (bool, error) {
			switch {
			case se.Name.Local != path[depth]:
				if depth == 0 && head != nil {
					return true, head(d, se)
				}
				return true, d.Skip()
			case depth < len(path)-1:
				return eachChild(d, walk(depth+1))
			case len(items) >= max:
				more = true
				return false, nil
			}
			var v T
			if err := d.DecodeElement(&v, se); err != nil {
				return false, err
			}
			items = append(items, v)
			return true, nil
		}
	}
	_, err = eachChild(d, walk(0))
	if errors.Is(err, errXMLTokens) {
		return items, true, nil
	}
	return items, more, err
}

func parseListBuckets(b []byte) ([]bucket, error) {
	buckets, _, err := listItems[bucket](b, "ListAllMyBucketsResult", []string{"Buckets", "Bucket"}, maxXMLBuckets, nil)
	if err != nil {
		return nil, fmt.Errorf("%w: ListBuckets: %v", store.ErrProtocol, err)
	}
	return buckets, nil
}

// parseListObjects reads a ListObjectsV2 answer, keeping at most maxListKeys objects
// (what the probe asks for): a longer list, from a server that ignores max-keys, is
// marked truncated.
func parseListObjects(b []byte) (*listObjectsResult, error) {
	var r listObjectsResult
	head := func(d *xml.Decoder, se *xml.StartElement) error {
		if se.Name.Local == "IsTruncated" {
			return d.DecodeElement(&r.IsTruncated, se)
		}
		return d.Skip()
	}
	objs, more, err := listItems[object](b, "ListBucketResult", []string{"Contents"}, maxListKeys, head)
	if err != nil {
		return nil, fmt.Errorf("%w: ListObjectsV2: %v", store.ErrProtocol, err)
	}
	r.Contents = objs
	r.IsTruncated = r.IsTruncated || more
	return &r, nil
}

// parseError reads an S3 <Error>; nil when the body is not one (or has no code).
func parseError(b []byte) *s3Error {
	var e s3Error
	if decodeXML(b, &e) != nil || e.Code == "" {
		return nil
	}
	return &e
}

// maxKeyBytes bounds an object key requested. S3 keys are at most 1,024 bytes; a longer
// one was sent back in every request about it. Such a key stays in the key listing (a
// sample) but its object is not requested; a bucket named past probekit.MaxNameBytes is
// listed cut, never requested.
const maxKeyBytes = 1024

// maxListKeys bounds one listing per bucket: enough for counts on small buckets and a
// lower bound on big ones.
const maxListKeys = 1000

// explore lists each bucket's first objects with sizes and dates and reads the start of
// a few small text objects, within opts.InventoryTimeout.
func explore(ctx context.Context, s *probekit.Session, o *store.Options, buckets []bucket, res *store.Result) error {
	ctx, cancel := context.WithTimeout(ctx, o.InventoryTimeout)
	defer cancel()
	svc := &res.Service
	svc.Details["buckets"] = strconv.Itoa(len(buckets))
	if len(buckets) > o.MaxTables {
		buckets = buckets[:o.MaxTables]
		svc.Truncated = true
	}
	for _, b := range buckets {
		if ctx.Err() != nil {
			svc.Truncated = true
			break
		}
		if len(b.Name) > probekit.MaxNameBytes {
			name := probekit.Cut(b.Name, probekit.MaxNameBytes) + "…"
			svc.Datasets = append(svc.Datasets, finding.Dataset{Database: name, Table: name, Kind: "bucket", Error: probekit.LongName})
			continue
		}
		ds := finding.Dataset{Database: b.Name, Table: b.Name, Kind: "bucket",
			Columns: []finding.Column{{Name: "key", Type: "string"}, {Name: "size", Type: "int"}, {Name: "last_modified", Type: "timestamp"}}}
		r, err := s.Get(ctx, "/"+url.PathEscape(b.Name)+"?list-type=2&max-keys="+strconv.Itoa(maxListKeys), 0)
		if err != nil || r.Status != http.StatusOK {
			if err == nil {
				err = s3Failure("ListObjectsV2", r)
			}
			ds.Error = probekit.FirstLine(err.Error(), 300)
			svc.Datasets = append(svc.Datasets, ds)
			continue
		}
		lo, err := parseListObjects(r.Body)
		if err != nil {
			ds.Error = err.Error()
			svc.Datasets = append(svc.Datasets, ds)
			continue
		}
		ds.Rows = int64(len(lo.Contents))
		if lo.IsTruncated {
			ds.RowsEstimated = true // a lower bound: only the first page was listed
			svc.Truncated = true
		}
		var first, last time.Time
		for _, obj := range lo.Contents {
			ds.Bytes += obj.Size
			if t, err := time.Parse(time.RFC3339, obj.LastModified); err == nil {
				if first.IsZero() || t.Before(first) {
					first = t
				}
				if t.After(last) {
					last = t
				}
			}
		}
		if !first.IsZero() {
			ds.TimeRange = &finding.TimeRange{Column: "last_modified", Min: first.UTC().Format(time.RFC3339), Max: last.UTC().Format(time.RFC3339)}
		}
		if o.SampleRows > 0 && len(lo.Contents) > 0 && !probekit.OutOfBudget(o, &ds) {
			smps := sampleObjects(ctx, s, o, b.Name, lo.Contents)
			ds.Sampled = len(smps[0].Rows)
			res.Samples = append(res.Samples, smps...)
		}
		svc.Datasets = append(svc.Datasets, ds)
	}
	if ctx.Err() != nil {
		return probekit.Truncated(svc, o)
	}
	return nil
}

// textExt are object names whose content is read: configuration, data, logs and source
// in text.
var textExt = map[string]bool{".txt": true, ".json": true, ".env": true, ".yml": true, ".yaml": true, ".conf": true,
	".cfg": true, ".ini": true, ".csv": true, ".log": true, ".xml": true, ".sql": true, ".sh": true, ".properties": true,
	".toml": true, ".pem": true, ".key": true, ".md": true, ".tf": true, ".tfstate": true, ".tfvars": true,
	".hcl": true, ".cnf": true, ".config": true, ".php": true, ".py": true, ".rb": true, ".js": true, ".ts": true,
	".go": true, ".java": true, ".cs": true, ".ps1": true, ".bat": true, ".html": true, ".tpl": true, ".j2": true,
	".ndjson": true, ".jsonl": true, ".tsv": true, ".bak": true, ".old": true, ".dist": true, ".sample": true,
	".backup": true, ".rc": true, ".crt": true, ".ovpn": true, ".kubeconfig": true, ".htpasswd": true,
	".gradle": true, ".xcconfig": true, ".plist": true, ".dump": true}

// binaryExt are object names whose content is not read (their metadata is, with a
// HEAD): images, media, archives and columnar or compiled data.
var binaryExt = map[string]bool{".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true, ".bmp": true,
	".ico": true, ".tif": true, ".tiff": true, ".heic": true, ".svgz": true, ".mp3": true, ".mp4": true, ".m4a": true,
	".mov": true, ".avi": true, ".mkv": true, ".webm": true, ".wav": true, ".flac": true, ".ogg": true, ".pdf": true,
	".zip": true, ".gz": true, ".tgz": true, ".bz2": true, ".xz": true, ".zst": true, ".7z": true, ".rar": true,
	".tar": true, ".jar": true, ".war": true, ".whl": true, ".parquet": true, ".orc": true, ".avro": true,
	".arrow": true, ".feather": true, ".npy": true, ".npz": true, ".pt": true, ".bin": true, ".safetensors": true,
	".onnx": true, ".h5": true, ".exe": true, ".dll": true, ".so": true, ".dylib": true, ".o": true, ".class": true,
	".pyc": true, ".wasm": true, ".iso": true, ".img": true, ".qcow2": true, ".vmdk": true, ".db": true,
	".sqlite": true, ".woff": true, ".woff2": true, ".ttf": true, ".otf": true, ".doc": true, ".docx": true,
	".xls": true, ".xlsx": true, ".ppt": true, ".pptx": true, ".p12": true, ".pfx": true, ".jks": true,
	".der": true, ".gpg": true, ".dmg": true, ".deb": true, ".rpm": true, ".apk": true, ".ipa": true}

// credentialFiles are the base names of files that hold credentials by convention
// (client configuration of databases, registries, clouds and shells; SSH keys), which
// carry no extension or one of their own.
var credentialFiles = map[string]bool{".pgpass": true, ".netrc": true, "_netrc": true, ".npmrc": true, ".yarnrc": true,
	".pypirc": true, ".git-credentials": true, ".s3cfg": true, ".boto": true, ".my.cnf": true, ".htpasswd": true,
	".dockercfg": true, ".docker/config.json": true, "credentials": true, "config": true, "kubeconfig": true,
	"id_rsa": true, "id_dsa": true, "id_ecdsa": true, "id_ed25519": true, ".env": true, "secrets": true,
	".vault-token": true, ".terraformrc": true, ".gem/credentials": true, ".composer/auth.json": true}

// Object kinds, in the order their contents are read (objectRank).
const (
	rankBinary  = iota // not read: a HEAD for its metadata
	rankUnknown        // no extension or an unknown one: read when room is left
	rankText           // a known text extension
	rankSecret         // a name that says it holds credentials
)

// objectRank says whether an object's content is read and how soon: a bucket is read
// within o.SampleRows objects, so that a .pgpass, a kubeconfig or a .env among a
// thousand logs is read before the logs, whatever their order in the listing.
func objectRank(key string) int {
	if inner, ok := gzipped(key); ok {
		return objectRank(inner) // read through gzip (gunzipHead)
	}
	base := path.Base(key)
	lb := strings.ToLower(base)
	ext := strings.ToLower(path.Ext(base))
	if ext == lb {
		ext = "" // a dotfile's name is no extension (".npmrc")
	}
	if binaryExt[ext] {
		return rankBinary
	}
	dir := strings.ToLower(path.Base(path.Dir(key)))
	if credentialFiles[lb] || credentialFiles[dir+"/"+lb] || lb == ".env" || strings.HasPrefix(lb, ".env.") ||
		strings.HasSuffix(lb, ".env") || probekit.NameScore(strings.TrimSuffix(lb, ext)) == 3 {
		return rankSecret
	}
	if textExt[ext] {
		return rankText
	}
	return rankUnknown
}

// gzipped reports a name of one file compressed with gzip ("dump.sql.gz",
// ".env.gz"), and the file's name; an archive (.tar.gz, .tgz) is no one file.
func gzipped(key string) (string, bool) {
	lk := strings.ToLower(key)
	if !strings.HasSuffix(lk, ".gz") || strings.HasSuffix(lk, ".tar.gz") {
		return "", false
	}
	inner := key[:len(key)-3]
	if path.Base(inner) == "" || strings.HasSuffix(inner, "/") {
		return "", false
	}
	return inner, true
}

// gunzipHead decompresses the start of a gzip stream (a ranged GET's head: the stream
// may end short) into at most max bytes; nil when it is not gzip.
func gunzipHead(b []byte, max int) []byte {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil
	}
	zr.Multistream(false)
	out, _ := io.ReadAll(io.LimitReader(zr, int64(max))) // (a head cut short ends in ErrUnexpectedEOF: what came before is kept)
	return out
}

// isText reports an object whose content is read: anything but known binary formats.
func isText(key string) bool { return objectRank(key) != rankBinary }

// sampleObjects samples a bucket: one sample of the first objects' keys, sizes and
// dates (bucket.bucket: key names give personal data away as often as contents), and
// one per text object read (bucket, object key, "content": a ranged GET, never more
// than MaxRowBytes of it), so that a secret is located by bucket and key. At most
// o.SampleRows objects are read, those whose names say they hold credentials first
// (objectRank); a head holding NUL bytes is binary and dropped. Others' user metadata
// is read with a HEAD, for as many again.
func sampleObjects(ctx context.Context, s *probekit.Session, o *store.Options, bucketName string, objs []object) []store.Sample {
	list := store.Sample{Database: bucketName, Table: bucketName, Columns: []string{"key", "size", "last_modified"}}
	out := []store.Sample{}
	b := probekit.SampleBudget(o)
	for _, obj := range objs {
		if b.Full() {
			break
		}
		row := []string{obj.Key, strconv.FormatInt(obj.Size, 10), obj.LastModified}
		if !b.Add(row) {
			break
		}
		list.Rows = append(list.Rows, row)
	}
	// The objects read, best ranked first, in listing order within a rank.
	var cands []int
	for i, obj := range objs {
		if len(obj.Key) <= maxKeyBytes && obj.Size > 0 && objectRank(obj.Key) != rankBinary {
			cands = append(cands, i)
		}
	}
	sort.SliceStable(cands, func(x, y int) bool { return objectRank(objs[cands[x]].Key) > objectRank(objs[cands[y]].Key) })
	if len(cands) > o.SampleRows {
		cands = cands[:o.SampleRows]
	}
	// The listing's budget (b) bounds the listing only: what is read, and its metadata,
	// is charged to the endpoint's budget, at most o.SampleRows objects each way.
	mb := probekit.SampleBudget(o)
	chosen := map[int]bool{}
	for _, i := range cands {
		chosen[i] = true
		if ctx.Err() != nil || o.Samples.Spent() {
			break
		}
		obj := objs[i]
		// The object's head is charged to the endpoint's budget before it is read:
		// a ranged GET of no more than what is left.
		grant := o.Samples.Take(int(min(obj.Size, int64(o.MaxRowBytes))))
		if grant == 0 {
			continue
		}
		body, hdr := readHead(ctx, s, o, bucketName, obj.Key, grant)
		if _, gz := gzipped(obj.Key); gz {
			// One file compressed (a dump, a .env kept as .gz): its head decompressed,
			// within the row's bytes, the grant topped up to what it came to.
			plain := gunzipHead(body, o.MaxRowBytes)
			if more := len(plain) - grant; more > 0 {
				got := o.Samples.Take(more)
				grant += got
				plain = plain[:len(plain)-(more-got)]
			}
			body = plain
		}
		if bytes.IndexByte(body[:min(len(body), 512)], 0) >= 0 {
			body = nil // binary under a name that did not say so
		}
		content := probekit.Cut(string(bytes.ToValidUTF8(body, []byte("\uFFFD"))), grant)
		o.Samples.Give(grant - len(content))
		if content != "" {
			out = append(out, store.Sample{Database: bucketName, Table: obj.Key, Columns: []string{"content"}, Rows: [][]string{{content}}})
		}
		if m := metadataSample(bucketName, obj.Key, hdr, o.MaxRowBytes); m != nil && mb.Add(m.Rows[0]) {
			out = append(out, *m)
		}
	}
	hb := probekit.SampleBudget(o)
	heads := 0
	for i, obj := range objs {
		if ctx.Err() != nil || hb.Full() || heads >= o.SampleRows {
			break
		}
		if chosen[i] || len(obj.Key) > maxKeyBytes {
			continue // read already, or no S3 key is this long: listed, not requested
		}
		// Any object's user metadata is read with a HEAD: applications keep tokens and
		// keys there (x-amz-meta-api-key) beside binary content.
		heads++
		r, _ := s.Do(ctx, http.MethodHead, "/"+url.PathEscape(bucketName)+"/"+escapeKey(obj.Key), nil, 0)
		if r != nil && r.Status == http.StatusOK {
			if m := metadataSample(bucketName, obj.Key, r.Header, o.MaxRowBytes); m != nil && hb.Add(m.Rows[0]) {
				out = append(out, *m)
			}
		}
	}
	return append([]store.Sample{list}, out...)
}

// metaPrefix starts the headers that carry an object's user metadata.
const metaPrefix = "X-Amz-Meta-"

// maxMetadata bounds the metadata fields kept of one object (S3 allows 2 KiB of them).
const maxMetadata = 32

// metadataSample is an object's user metadata as one record: a field per name
// ("metadata.api-key"), in the object's place (bucket, key). Nil when it has none.
func metadataSample(bucketName, key string, hdr http.Header, max int) *store.Sample {
	var names []string
	for k := range hdr {
		if len(k) > len(metaPrefix) && strings.EqualFold(k[:len(metaPrefix)], metaPrefix) {
			names = append(names, k)
		}
	}
	if len(names) == 0 {
		return nil
	}
	sort.Strings(names)
	if len(names) > maxMetadata {
		names = names[:maxMetadata]
	}
	smp := &store.Sample{Database: bucketName, Table: key, Rows: [][]string{nil}}
	for _, k := range names {
		smp.Columns = append(smp.Columns, "metadata."+probekit.CutText(strings.ToLower(k[len(metaPrefix):]), 128))
		smp.Rows[0] = append(smp.Rows[0], probekit.Cut(strings.Join(hdr[k], ","), max))
	}
	return smp
}

// readHead reads at most limit bytes from the start of an object, and returns them
// with the response's headers.
func readHead(ctx context.Context, s *probekit.Session, o *store.Options, bucketName, key string, limit int) ([]byte, http.Header) {
	t := *s
	t.Header = s.Header.Clone()
	if t.Header == nil {
		t.Header = http.Header{}
	}
	t.Header.Set("Range", fmt.Sprintf("bytes=0-%d", limit-1))
	r, err := t.Get(ctx, "/"+url.PathEscape(bucketName)+"/"+escapeKey(key), int64(limit))
	if r == nil || (r.Status != http.StatusOK && r.Status != http.StatusPartialContent) {
		return nil, nil
	}
	_ = err // a body longer than asked (a server ignoring Range) is cut at the cap
	return r.Body[:min(len(r.Body), limit)], r.Header
}

// escapeKey escapes each path segment of an object key.
func escapeKey(key string) string {
	parts := strings.Split(key, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return strings.Join(parts, "/")
}

package hostile

import (
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// S3Flood is an S3 API (it calls itself MinIO) that lets anyone list Buckets buckets of
// Objects text objects of Size bytes each, made up as they are asked for: every object
// is within the per-table caps, so only a scan's per-endpoint sample budget bounds what
// one endpoint costs. With 200 buckets of 1,000 objects of 64 KiB it is the red-team's
// flood: 4,000 objects × 64 KiB (256 MiB) of samples before the budget existed.
type S3Flood struct {
	Buckets, Objects, Size int
}

const s3NS = `xmlns="http://s3.amazonaws.com/doc/2006-03-01/"`

func (f *S3Flood) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Server", "MinIO")
	w.Header().Set("X-Amz-Request-Id", "17A3C1B2D4E5F607")
	if r.URL.Path == "/minio/health/live" {
		return
	}
	bucket, key, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
	w.Header().Set("Content-Type", "application/xml")
	switch {
	case bucket == "":
		io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<ListAllMyBucketsResult `+s3NS+`><Owner><ID>flood</ID></Owner><Buckets>`)
		for b := range f.Buckets {
			fmt.Fprintf(w, "<Bucket><Name>flood-%d</Name><CreationDate>2025-01-06T10:00:00.000Z</CreationDate></Bucket>", b)
		}
		io.WriteString(w, "</Buckets></ListAllMyBucketsResult>")
	case key == "":
		maxKeys, _ := strconv.Atoi(r.URL.Query().Get("max-keys"))
		n := min(f.Objects, max(maxKeys, 0))
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<ListBucketResult %s><Name>%s</Name><KeyCount>%d</KeyCount><MaxKeys>%d</MaxKeys><IsTruncated>%v</IsTruncated>`,
			s3NS, bucket, n, maxKeys, f.Objects > n)
		for i := range n {
			fmt.Fprintf(w, `<Contents><Key>obj-%04d.txt</Key><LastModified>2025-01-06T10:00:00.000Z</LastModified><Size>%d</Size></Contents>`, i, f.Size)
		}
		io.WriteString(w, "</ListBucketResult>")
	default:
		from, to := 0, f.Size-1
		if n, _ := fmt.Sscanf(r.Header.Get("Range"), "bytes=%d-%d", &from, &to); n == 2 && from <= to && from < f.Size {
			to = min(to, f.Size-1)
			w.Header().Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", from, to, f.Size))
			w.Header().Set("Content-Type", "text/plain")
			w.WriteHeader(http.StatusPartialContent)
		} else {
			from, to = 0, f.Size-1
			w.Header().Set("Content-Type", "text/plain")
		}
		line := "flood filler line, nothing secret in it at all, just bytes.....\n" // 64 bytes
		body := strings.Repeat(line, f.Size/len(line)+1)[:f.Size]
		io.WriteString(w, body[from:to+1])
	}
}

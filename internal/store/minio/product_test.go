package minio

import (
	"net/http"
	"testing"
)

// Servers that are not MinIO but speak S3 (none of them runs here) are named from the
// headers they send, with their version where the header has one.
func TestProductFromHeaders(t *testing.T) {
	for _, tc := range []struct {
		server, garage   string
		product, version string
	}{
		{server: "MinIO", product: "minio"},
		{server: "MinIO/RELEASE.2020-10-18T21-54-12Z", product: "minio", version: "RELEASE.2020-10-18T21-54-12Z"},
		{server: "SeaweedFS S3", product: "seaweedfs"},
		{server: "SeaweedFS 3.80", product: "seaweedfs", version: "3.80"},
		{server: "Garage/v1.0.1", product: "garage", version: "1.0.1"},
		{garage: "v0.9.4", product: "garage", version: "0.9.4"},
		{server: "Ceph Object Gateway (squid)", product: "ceph-rgw"},
		{server: "AmazonS3", product: ""},
		{server: "nginx/1.25.3", product: ""},
	} {
		h := http.Header{}
		if tc.server != "" {
			h.Set("Server", tc.server)
		}
		if tc.garage != "" {
			h.Set("X-Garage-Version", tc.garage)
		}
		p, v := productFromHeaders(h)
		if p != tc.product || v != tc.version {
			t.Errorf("%q/%q: %q %q, want %q %q", tc.server, tc.garage, p, v, tc.product, tc.version)
		}
		if tc.product != "" {
			if n, fix, ok := New().DescribeProduct(tc.product); !ok || n == "" || fix == "" {
				t.Errorf("%s has no title or fix text", tc.product)
			}
		}
	}
}

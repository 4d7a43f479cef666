package hostile

import (
	"io"
	"net/http"
	"strings"
)

// DockerFlood is a Docker Engine API that answers its container list with Bytes bytes
// of empty containers ("{}," over and over: a third as many elements as bytes), ignoring
// the limit= the client asked for. Each element is nothing on the wire and a struct of
// strings and slices once decoded: before the list was decoded one element at a time,
// an 8 MiB answer took 760 MiB of heap. No real daemon can be made to send this.
type DockerFlood struct {
	Bytes int
}

func (f *DockerFlood) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Server", "Docker/24.0.7 (linux)")
	w.Header().Set("Api-Version", "1.43")
	w.Header().Set("Content-Type", "application/json")
	switch r.URL.Path {
	case "/version":
		io.WriteString(w, `{"Version":"24.0.7","ApiVersion":"1.43","Os":"linux","Arch":"amd64","KernelVersion":"6.1.0"}`)
	case "/containers/json":
		n := max(f.Bytes/3, 1)
		io.WriteString(w, "["+strings.Repeat("{},", n-1)+"{}]")
	case "/images/json":
		io.WriteString(w, "[]")
	default:
		io.WriteString(w, "{}")
	}
}

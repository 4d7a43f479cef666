package alert

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestDeliveryNotRedirectedOffItsHost: a receiver answering 307 or 308 made the client
// post the alert again, body and headers (signature, idempotency key, any header the
// route sets), to whatever host and port its Location named, plain HTTP included. A
// delivery now follows a redirect only on its URL's own scheme, host and port; one
// elsewhere fails the delivery (kept in the outbox, retried), naming the other host only.
func TestDeliveryNotRedirectedOffItsHost(t *testing.T) {
	a, payload := sampleAlert(t)
	var third atomic.Int32
	var thirdBody atomic.Int64
	other := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, _ := io.Copy(io.Discard, r.Body)
		third.Add(1)
		thirdBody.Add(n)
	}))
	l2, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		t.Fatal(err)
	}
	other.Listener = l2
	other.Start()
	defer other.Close()
	var own atomic.Int32
	receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		switch r.URL.Path {
		case "/hook":
			http.Redirect(w, r, other.URL+"/collect", http.StatusTemporaryRedirect)
		case "/moved":
			http.Redirect(w, r, "/hook2", http.StatusPermanentRedirect)
		case "/hook2":
			own.Add(1)
		}
	}))
	defer receiver.Close()
	for _, r := range []Sender{
		&Webhook{URL: receiver.URL + "/hook", Secret: []byte("s3cret"), Timeout: 2 * time.Second},
		&Slack{URL: receiver.URL + "/hook", Timeout: 2 * time.Second},
	} {
		err := r.Send(context.Background(), a, payload)
		t.Logf("%T: %v", r, err)
		if err == nil {
			t.Errorf("%T: delivered through a redirect to another host", r)
		} else if strings.Contains(err.Error(), "/collect") {
			t.Errorf("%T: the error names the other host's path: %v", r, err)
		}
	}
	t.Logf("third host: %d requests, %d bytes of alert", third.Load(), thirdBody.Load())
	if third.Load() != 0 {
		t.Errorf("the third host got %d deliveries (%d bytes)", third.Load(), thirdBody.Load())
	}
	// A redirect on the receiver's own host and port is still followed.
	if err := (&Webhook{URL: receiver.URL + "/moved", Timeout: 2 * time.Second}).Send(context.Background(), a, payload); err != nil || own.Load() != 1 {
		t.Errorf("same-host redirect: %v, %d deliveries", err, own.Load())
	}
}

// Command webhook-receiver is a local endpoint for trying leakwatch monitor's webhook
// alerts: it checks each delivery's HMAC signature and prints the alert.
//
//	LEAKWATCH_WEBHOOK_SECRET=… go run ./tools/webhook-receiver -listen 127.0.0.1:9999
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/leakwatch/leakwatch/internal/alert"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:9999", "address to listen on")
	secretEnv := flag.String("secret-env", "LEAKWATCH_WEBHOOK_SECRET", "environment variable holding the signing secret")
	flag.Parse()
	secret := []byte(os.Getenv(*secretEnv))
	if len(secret) == 0 {
		log.Fatalf("set %s to the webhook route's secret", *secretEnv)
	}
	var mu sync.Mutex
	seen := map[string]bool{}
	http.HandleFunc("POST /", func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(io.LimitReader(r.Body, 4<<20))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		if err := alert.Verify(secret, body, r.Header.Get(alert.SignatureHeader), time.Now(), 5*time.Minute); err != nil {
			log.Printf("rejected a delivery: %v", err)
			http.Error(w, err.Error(), http.StatusUnauthorized)
			return
		}
		var a alert.Alert
		if err := json.Unmarshal(body, &a); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		key := r.Header.Get(alert.IdempotencyHeader)
		mu.Lock()
		defer mu.Unlock()
		if seen[key] {
			log.Printf("repeat of %s ignored", key)
			return
		}
		seen[key] = true
		fmt.Print(a.Text(50))
		fmt.Println()
	})
	log.Printf("listening on http://%s/", *listen)
	srv := &http.Server{Addr: *listen, ReadHeaderTimeout: 10 * time.Second}
	log.Fatal(srv.ListenAndServe())
}

// Package htmltest opens an HTML report (or any page, such as the dashboard) in a real
// headless Chromium, for tests: it reads what a person would see (the text of elements
// after rendering), checks what the page loaded and ran, and takes a screenshot.
package htmltest

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// ChromiumPath is where Debian's chromium package (scripts/install-deps.sh) puts it.
const ChromiumPath = "/usr/bin/chromium"

// Page is a report loaded in Chromium.
type Page struct {
	t   testing.TB
	ctx context.Context
}

// Open loads the HTML file at path in a fresh headless Chromium, stopped when the test
// ends. It skips the test when Chromium is missing, unless CI is set.
func Open(t testing.TB, path string) *Page {
	t.Helper()
	ctx := Browser(t, 90*time.Second)
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+abs), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
		t.Fatalf("loading %s in Chromium: %v", path, err)
	}
	return &Page{t: t, ctx: ctx}
}

// RequireChromium skips the test when Chromium is missing, unless CI is set (CI
// installs it, so there it fails).
func RequireChromium(t testing.TB) {
	t.Helper()
	if _, err := os.Stat(ChromiumPath); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI is set but %s is missing (install Debian's chromium)", ChromiumPath)
		}
		t.Skipf("%s missing: install Debian's chromium (make deps) to run this test", ChromiumPath)
	}
}

// Browser starts a fresh headless Chromium (a 1280x900 window, its own profile, no
// background traffic) and returns a chromedp context of a blank tab that ends after
// timeout; both are stopped when the test ends. It skips the test as RequireChromium.
func Browser(t testing.TB, timeout time.Duration) context.Context {
	t.Helper()
	RequireChromium(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(ChromiumPath),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, timeout)
	t.Cleanup(func() { cancelT(); cancel(); cancelAlloc() })
	return ctx
}

// Text is the rendered text of the first element matching the CSS selector.
func (p *Page) Text(selector string) string {
	p.t.Helper()
	v, err := chromedp.Run(p.ctx, chromedp.Text(chromedp.CSS(selector)))
	if err != nil {
		p.t.Fatalf("text of %s: %v", selector, err)
	}
	return v
}

// Eval evaluates a JavaScript expression of the test's own (through DevTools, not the
// page: the page itself may run none).
func Eval[T any](p *Page, expr string) T {
	p.t.Helper()
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		p.t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// Screenshot takes a full-page PNG, saves it in dir as name, and checks that it shows a
// page: big enough, with many colours (text, badges, tables), not blank. It returns the
// decoded image.
func (p *Page) Screenshot(dir, name string) image.Image {
	p.t.Helper()
	b, err := chromedp.Run(p.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		p.t.Fatalf("screenshot: %v", err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, b, 0o600); err != nil {
		p.t.Fatal(err)
	}
	return CheckScreenshot(p.t, path, b)
}

// CheckScreenshot decodes the PNG b (named name in messages) and checks that it shows a
// page: big enough, with many colours (text, badges, tables), not blank or an error page.
// It returns the decoded image.
func CheckScreenshot(t testing.TB, name string, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: not a PNG: %v", name, err)
	}
	bounds := img.Bounds()
	if bounds.Dx() < 1000 || bounds.Dy() < 400 {
		t.Errorf("%s: %v too small", name, bounds)
	}
	colours := map[[3]uint32]bool{}
	for y := bounds.Min.Y; y < bounds.Max.Y; y += 3 {
		for x := bounds.Min.X; x < bounds.Max.X; x += 3 {
			r, g, b, _ := img.At(x, y).RGBA()
			colours[[3]uint32{r >> 11, g >> 11, b >> 11}] = true
		}
	}
	if len(colours) < 40 {
		t.Errorf("%s: only %d distinct colours: a blank page?", name, len(colours))
	}
	t.Logf("screenshot %s: %dx%d, %d bytes, %d colours", name, bounds.Dx(), bounds.Dy(), len(b), len(colours))
	return img
}

// CountNear counts the pixels within a small distance of the colour (r, g, b).
func CountNear(img image.Image, r, g, b uint8) int {
	n := 0
	bounds := img.Bounds()
	for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
		for x := bounds.Min.X; x < bounds.Max.X; x++ {
			pr, pg, pb, _ := img.At(x, y).RGBA()
			if near(pr>>8, r) && near(pg>>8, g) && near(pb>>8, b) {
				n++
			}
		}
	}
	return n
}

func near(a uint32, b uint8) bool {
	d := int(a) - int(b)
	return d > -12 && d < 12
}

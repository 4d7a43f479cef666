package web

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/leakwatch/leakwatch/internal/finding"
)

const chromiumPath = "/usr/bin/chromium"

func requireChromium(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI is set but %s is missing (install Debian's chromium)", chromiumPath)
		}
		t.Skipf("%s missing: install Debian's chromium (make deps) to run this test", chromiumPath)
	}
}

// TestDashboardInChromium drives the dashboard as a person would, in a real headless
// Chromium: log in, see the seeded critical finding, open it, and check that the page
// holds no raw secret and renders.
func TestDashboardInChromium(t *testing.T) {
	requireChromium(t)
	f := newFixture(t, false)

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath),
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
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, 60*time.Second)
	defer cancelT()

	start := time.Now()
	text := func(id string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID(id)))
		if err != nil {
			t.Fatalf("text of #%s: %v", id, err)
		}
		return v
	}
	pageHTML := func() string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.OuterHTML(chromedp.CSS("html")))
		if err != nil {
			t.Fatalf("page HTML: %v", err)
		}
		return v
	}
	screenshot := func() []byte {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.FullScreenshot(100) /* 100: PNG, below: JPEG */)
		if err != nil {
			t.Fatalf("screenshot: %v", err)
		}
		return v
	}

	err := chromedp.Do(ctx,
		chromedp.Navigate(f.srv.URL+"/"),
		// Not logged in: the dashboard sends the browser to the login form.
		chromedp.WaitVisible(chromedp.ID("token")),
		chromedp.SendKeys(chromedp.ID("token"), testToken),
		chromedp.Click(chromedp.ID("login")),
		chromedp.WaitVisible(chromedp.ID("findings")),
	)
	if err != nil {
		t.Fatalf("logging in: %v", err)
	}
	t.Logf("browser start and login took %v", time.Since(start))
	if cards := strings.Join(strings.Fields(text("severity-cards")), " "); !strings.Contains(cards, "2 critical") {
		t.Errorf("severity cards: %q", cards)
	}
	if table := text("findings"); !strings.Contains(table, "Anthropic API key") || !strings.Contains(table, "ClickHouse answers without a password") {
		t.Errorf("findings table: %q", table)
	}

	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`a[href="/findings/`+f.secID+`"]`)),
		chromedp.WaitVisible(chromedp.ID("redacted")),
	)
	if err != nil {
		t.Fatalf("opening the finding: %v", err)
	}
	if detail := text("finding"); !strings.Contains(detail, finding.Redact(rawSecret)) || !strings.Contains(detail, "log_stream") {
		t.Errorf("finding detail: %q", detail)
	}
	if html := pageHTML(); strings.Contains(html, rawSecret) || strings.Contains(html, rawSecret[15:35]) {
		t.Error("the rendered page holds the raw secret")
	}
	checkScreenshot(t, screenshot(), "finding.png")

	// The service page lists the datasets; "scan now" answers with a notice.
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`#finding a[href^="/services/"]`)),
		chromedp.WaitVisible(chromedp.ID("datasets")),
	)
	if err != nil {
		t.Fatalf("service page: %v", err)
	}
	if datasets := text("datasets"); !strings.Contains(datasets, "log_stream") || !strings.Contains(datasets, "1,050,000") {
		t.Errorf("datasets: %q", datasets)
	}
	if strings.Contains(pageHTML(), rawSecret) {
		t.Error("the service page holds the raw secret")
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(f.srv.URL+"/"), chromedp.WaitVisible(chromedp.ID("scan-now"))); err != nil {
		t.Fatal(err)
	}
	checkScreenshot(t, screenshot(), "dashboard.png")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("scan-now")), chromedp.WaitVisible(chromedp.ID("flash"))); err != nil {
		t.Fatalf("scan now: %v", err)
	}
	if flash := text("flash"); !strings.Contains(flash, "Scan started") && !strings.Contains(flash, "already running") {
		t.Errorf("scan now: %q", flash)
	}
}

// checkScreenshot decodes the PNG and checks that it shows a real page: big enough and
// with enough distinct colours (severity badges, text, tables), not a blank or error
// page. LW_SCREENSHOT_DIR keeps a copy for a person to look at.
func checkScreenshot(t *testing.T, b []byte, name string) {
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
		t.Errorf("%s: only %d distinct colours: an empty page?", name, len(colours))
	}
	if critical := countNear(img, 0xb3, 0x26, 0x1e); critical < 50 {
		t.Errorf("%s: the critical colour covers only %d pixels", name, critical)
	}
	t.Logf("%s: %dx%d, %d bytes, %d colours", name, bounds.Dx(), bounds.Dy(), len(b), len(colours))
	if dir := os.Getenv("LW_SCREENSHOT_DIR"); dir != "" {
		_ = os.WriteFile(filepath.Join(dir, name), b, 0o600)
	}
}

func countNear(img image.Image, r0, g0, b0 uint32) int {
	n := 0
	bounds := img.Bounds()
	for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
		for x := bounds.Min.X; x < bounds.Max.X; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			if absDiff(r>>8, r0) < 12 && absDiff(g>>8, g0) < 12 && absDiff(b>>8, b0) < 12 {
				n++
			}
		}
	}
	return n
}

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}

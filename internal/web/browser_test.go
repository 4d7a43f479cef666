package web

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/report/htmltest"
)

// TestDashboardInChromium drives the dashboard as a person would, in a real headless
// Chromium: log in, see the seeded critical finding, open it, and check that the page
// holds no raw secret and renders.
func TestDashboardInChromium(t *testing.T) {
	htmltest.RequireChromium(t)
	f := newFixture(t, false)
	// Registered after the fixture: its cleanup stops the browser before the server.
	ctx := htmltest.Browser(t, 60*time.Second)

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

// checkScreenshot checks that the PNG shows a real page (htmltest.CheckScreenshot) with
// the critical severity's colour on it. LW_SCREENSHOT_DIR keeps a copy for a person to
// look at.
func checkScreenshot(t *testing.T, b []byte, name string) {
	t.Helper()
	img := htmltest.CheckScreenshot(t, name, b)
	if critical := htmltest.CountNear(img, 0xb3, 0x26, 0x1e); critical < 50 {
		t.Errorf("%s: the critical colour covers only %d pixels", name, critical)
	}
	if dir := os.Getenv("LW_SCREENSHOT_DIR"); dir != "" {
		_ = os.WriteFile(filepath.Join(dir, name), b, 0o600)
	}
}

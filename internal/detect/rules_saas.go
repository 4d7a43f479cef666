package detect

import "github.com/leakwatch/leakwatch/internal/finding"

// slash matches a slash written plainly or JSON-escaped.
const slash = `(?:/|\\/)`

// telegramLeft also accepts a token right after "bot", as in the Bot API's URLs
// (https://api.telegram.org/bot<token>/sendMessage).
func telegramLeft(data []byte, i int) bool {
	if i > 0 && isDigit(data[i-1]) {
		return false
	}
	return leftOK(data, i) || i >= 3 && string(data[i-3:i]) == "bot"
}

// telegramToken matches <8–10 digits>:AA<33 URL-safe characters> around the ":AA" anchor.
func telegramToken(data []byte, at int) (int, int, bool, int) {
	s := runBack(data, at, cDigit, 11)
	if n := at - s; n < 8 || n > 10 {
		return 0, 0, false, 0
	}
	e := run(data, at+3, cURLSafe, 34)
	if e-(at+3) != 33 {
		return 0, 0, false, 0
	}
	return s, e, true, 0
}

// slackUserToken matches xoxp- followed by two or three dash-separated groups of 8–14
// digits and 24–34 alphanumerics.
func slackUserToken(data []byte, at int) (int, int, bool, int) {
	p := at + len("xoxp-")
	groups := 0
	for groups < 3 {
		q := run(data, p, cDigit, 15)
		if n := q - p; n < 8 || n > 14 || q >= len(data) || data[q] != '-' {
			break
		}
		groups++
		p = q + 1
	}
	if groups < 2 {
		return 0, 0, false, 0
	}
	e := run(data, p, cAlnum, 35)
	if n := e - p; n < 24 || n > 34 {
		return 0, 0, false, 0
	}
	return at, e, true, 0
}

// Messaging, e-mail and chat platforms.
var messagingTokens = []tk{
	{id: "slack-bot-token", title: "Slack bot token", provider: "Slack", sev: finding.Critical,
		re:  `xoxb-[0-9]{8,14}-[0-9]{8,14}-[A-Za-z0-9]{24,34}`,
		ex:  []string{`SLACK_BOT_TOKEN=xoxb-{d:12}-{d:13}-{a:24}`},
		nex: []string{`xoxb-{d:12}-{d:5}-{a:24}`, `xoxb-123-456-xxxxxxxxxxxxxxxxxxxxxxxx`}},
	// Bot tokens of Slack's classic apps had one number, not two.
	{id: "slack-legacy-bot-token", title: "Slack bot token (classic app)", provider: "Slack", sev: finding.Critical,
		re:  `xoxb-[0-9]{8,14}-[A-Za-z0-9]{18,26}`,
		ex:  []string{`SLACK_TOKEN=xoxb-{d:12}-{a:24}`},
		nex: []string{`xoxb-{d:12}-{a:12}`, `xoxb-{d:4}-{a:24}`}},
	{id: "slack-user-token", title: "Slack user token", provider: "Slack", sev: finding.Critical,
		re: `xoxp-[0-9]{8,14}-[0-9]{8,14}(?:-[0-9]{8,14})?-[A-Za-z0-9]{24,34}`, find: slackUserToken,
		ex:  []string{`xoxp-{d:12}-{d:13}-{a:24}`, `xoxp-{d:12}-{d:12}-{d:13}-{h:32}`},
		nex: []string{`xoxp-{d:12}`}},
	{id: "slack-app-token", title: "Slack app-level token", provider: "Slack", sev: finding.High,
		re:  `xapp-\d-[A-Z0-9]{9,12}-\d{10,14}-[a-z0-9]{32,128}`, // the tail: 64 hex digits, older ones other letters and lengths
		ex:  []string{`SLACK_APP_TOKEN=xapp-1-{V:11}-{d:13}-{h:64}`},
		nex: []string{`xapp-1-{V:11}`}},
	{id: "slack-config-token", title: "Slack configuration token", provider: "Slack", sev: finding.High,
		// refresh tokens have 146 characters after the prefix, app configuration
		// access tokens (xoxe.xoxp-) 163 to 166; the body is base64url text, which may hold
		// '-' and '_' as well as letters and digits
		re: `xoxe(?:\.xox[bp])?-\d-[A-Za-z0-9_-]{146,170}`, lits: []string{"xoxe.xoxb-", "xoxe.xoxp-", "xoxe-"},
		ex:  []string{`xoxe.xoxp-1-{a:146}`, `xoxe-1-{a:146}`, `SLACK_CONFIG_TOKEN=xoxe.xoxp-1-{a:164}`, `new value is xoxe.xoxp-1-{u:150} - can you check?`},
		nex: []string{`xoxe-1-{a:20}`}},
	{id: "slack-legacy-token", title: "Slack legacy or workspace token", provider: "Slack", sev: finding.High,
		re: `xox[aors]-\d+-[A-Za-z0-9-]{20,100}`, lits: []string{"xoxa-", "xoxo-", "xoxr-", "xoxs-"},
		ex:  []string{`xoxa-2-{a:40}`, `xoxs-{d:10}-{a:30}`},
		nex: []string{`xoxa-2-short`}},
	{id: "slack-webhook-url", title: "Slack incoming webhook URL", provider: "Slack", sev: finding.High,
		re: `hooks\.slack\.com` + slash + `(?:services|workflows|triggers)` + slash + `[A-Za-z0-9+/\\]{40,80}`, lits: []string{"hooks.slack.com"},
		ex:  []string{`https://hooks.slack.com/services/T{V:8}/B{V:10}/{a:24}`, `"url": "https:\/\/hooks.slack.com\/services\/T{V:8}\/B{V:10}\/{a:24}"`},
		nex: []string{`https://hooks.slack.com/services/`}},
	{id: "discord-webhook-url", title: "Discord webhook URL", provider: "Discord", sev: finding.High,
		re:   `discord(?:app)?\.com` + slash + `api` + slash + `webhooks` + slash + `\d{17,20}` + slash + `[A-Za-z0-9_-]{60,68}`,
		lits: []string{"discord.com", "discordapp.com"},
		ex:   []string{`https://discord.com/api/webhooks/{d:18}/{u:68}`},
		nex:  []string{`https://discord.com/api/webhooks/{d:18}`}},
	{id: "telegram-bot-token", title: "Telegram bot token", provider: "Telegram", sev: finding.High,
		re: `[0-9]{8,10}:AA[A-Za-z0-9_-]{33}`, lits: []string{":AA"}, back: 10, left: telegramLeft, find: telegramToken,
		ex:  []string{`TELEGRAM_BOT_TOKEN={d:10}:AA{u:33}`, `https://api.telegram.org/bot{d:9}:AA{u:33}/sendMessage`},
		nex: []string{`{d:10}:AA{u:20}`, `{d:5}:AA{u:33}`}},
	{id: "teams-webhook-url", title: "Microsoft Teams incoming webhook URL", provider: "Microsoft", sev: finding.Medium,
		re: `[a-z0-9-]+\.webhook\.office\.com` + slash + `webhookb2` + slash + `[A-Za-z0-9@/\\_-]{100,400}`, lits: []string{".webhook.office.com"}, back: 40,
		ex:  []string{`https://contoso.webhook.office.com/webhookb2/{uuid}@{uuid}/IncomingWebhook/{h:32}/{uuid}`},
		nex: []string{`https://contoso.webhook.office.com/webhookb2/`}},
	{id: "twilio-api-key", title: "Twilio API key SID", provider: "Twilio", sev: finding.High,
		re: `SK[0-9a-f]{32}`, lits: []string{"SK"},
		ex:  []string{`TWILIO_API_KEY=SK{h:32}`},
		nex: []string{`TASK{h:32}`, `SK{h:20}`}},
	{id: "sendgrid-api-key", title: "SendGrid API key", provider: "Twilio SendGrid", sev: finding.High,
		re:  `SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}`,
		ex:  []string{`SENDGRID_API_KEY=SG.{u:22}.{u:43}`},
		nex: []string{`SG.{u:22}`, `msg.{u:22}.{u:43}`}},
	{id: "mailgun-api-key", title: "Mailgun API key", provider: "Mailgun", sev: finding.High,
		// (Mailgun's documented legacy keys are 32 lower-case base-36 characters, not
		// only hexadecimal: key-3ax6xnjp29jd6fds4gc373sgvjxteol0; letters and digits both)
		re: `key-[a-z0-9]{32}`, check: generatedBody(4),
		ex:  []string{`MAILGUN_API_KEY=key-{h:32}`, `"apiKey": "key-3bx7ynkq29jd6feq4gc373sgvjxtzm1w"`},
		nex: []string{`key-{h:10}`, `monkey-{h:32}`, `key-abcdefghijklmnopqrstuvwxyzabcdef`}},
	{id: "mailchimp-api-key", title: "Mailchimp API key", provider: "Mailchimp", sev: finding.High,
		re: `[a-f0-9]{32}-us\d{1,2}`, lits: []string{"-us0"}, back: 32,
		ex:  []string{`MAILCHIMP_API_KEY={h:32}-us21`},
		nex: []string{`{h:20}-us21`}},
	{id: "brevo-api-key", title: "Brevo (Sendinblue) API key", provider: "Brevo", sev: finding.High,
		re:  `xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}`,
		ex:  []string{`xkeysib-{h:64}-{a:16}`},
		nex: []string{`xkeysib-{h:64}`}},
	{id: "brevo-smtp-key", title: "Brevo (Sendinblue) SMTP key", provider: "Brevo", sev: finding.High,
		re:  `xsmtpsib-[a-f0-9]{64}-[A-Za-z0-9]{16}`,
		ex:  []string{`xsmtpsib-{h:64}-{a:16}`},
		nex: []string{`xsmtpsib-{h:64}`}},
	{id: "twitter-bearer-token", title: "X (Twitter) app bearer token", provider: "X (Twitter)", sev: finding.High,
		re:  `AAAAAAAAAAAAAAAAAAAAA[A-Za-z0-9%]{30,150}`,
		ex:  []string{`TWITTER_BEARER_TOKEN=AAAAAAAAAAAAAAAAAAAAA{a:80}`},
		nex: []string{`AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`}},
	{id: "facebook-access-token", title: "Facebook (Meta) access token", provider: "Meta", sev: finding.High,
		// (a run of hex digits that happens to start "EAA" is a digest: GRUB's
		// grub.pbkdf2.sha512.N.SALT.HASH writes both in upper-case hex)
		re: `EAA[A-Za-z0-9]{90,400}`, check: func(t []byte) bool { return !allHex(t) },
		ex:  []string{`FB_ACCESS_TOKEN=EAACEdEose0cBA{a:150}`},
		nex: []string{`EAA{a:20}`, `password grub.pbkdf2.sha512.10000.{H:128}.EAA{H:125}`}},
}

var messagingKV = []kv{
	{id: "discord-bot-token", title: "Discord bot token", provider: "Discord", sev: finding.High,
		keys: []string{"discord"}, value: `[MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,40}`,
		ex:  []string{`DISCORD_BOT_TOKEN=M{u:25}.{u:6}.{u:38}`},
		nex: []string{`DISCORD_GUILD=1234`}},
	{id: "twilio-auth-token", title: "Twilio auth token", provider: "Twilio", sev: finding.Critical,
		keys: []string{"twilio"}, value: `[a-f0-9]{32}`,
		ex:  []string{`TWILIO_AUTH_TOKEN={h:32}`},
		nex: []string{`TWILIO_ACCOUNT_SID=AC`}},
	{id: "mailgun-private-key", title: "Mailgun private API key", provider: "Mailgun", sev: finding.High,
		keys: []string{"mailgun"}, value: `[a-f0-9]{32}-[a-f0-9]{8}-[a-f0-9]{8}`,
		ex:  []string{`MAILGUN_API_KEY={h:32}-{h:8}-{h:8}`},
		nex: []string{`MAILGUN_DOMAIN=mg.example.org`}},
	{id: "postmark-server-token", title: "Postmark server token", provider: "Postmark", sev: finding.High,
		keys: []string{"postmark"}, value: uuidRe,
		ex:  []string{`POSTMARK_SERVER_TOKEN={uuid}`},
		nex: []string{`POSTMARK_FROM=noreply`}},
	{id: "mandrill-api-key", title: "Mandrill API key", provider: "Mailchimp", sev: finding.High,
		keys: []string{"mandrill"}, value: `[A-Za-z0-9_-]{22}`, valueOK: mixed,
		ex:  []string{`MANDRILL_API_KEY={u:22}`},
		nex: []string{`MANDRILL_FROM=noreply`}},
	{id: "sparkpost-api-key", title: "SparkPost API key", provider: "SparkPost", sev: finding.High,
		keys: []string{"sparkpost"}, value: `[a-f0-9]{40}`,
		ex:  []string{`SPARKPOST_API_KEY={h:40}`},
		nex: []string{`SPARKPOST_API_KEY={h:30}`}},
	{id: "vonage-api-secret", title: "Vonage (Nexmo) API secret", provider: "Vonage", sev: finding.High,
		keys: []string{"vonage", "nexmo"}, all: []string{"secret"}, value: `[A-Za-z0-9]{16}`, valueOK: mixed,
		ex:  []string{`VONAGE_API_SECRET={a:16}`},
		nex: []string{`VONAGE_API_KEY={a:16}`}},
	{id: "line-channel-access-token", title: "LINE channel access token", provider: "LINE", sev: finding.High,
		keys: []string{"channel_access_token", "line_channel", "channelaccesstoken"}, value: `[A-Za-z0-9+/=]{150,200}`,
		ex:  []string{`LINE_CHANNEL_ACCESS_TOKEN={b:172}=`},
		nex: []string{`LINE_CHANNEL_ACCESS_TOKEN={b:20}`}},
	{id: "facebook-app-secret", title: "Facebook (Meta) app secret", provider: "Meta", sev: finding.High,
		keys: []string{"facebook", "fb_app_secret", "fb_secret", "fbappsecret"}, value: `[a-f0-9]{32}`,
		ex:  []string{`FACEBOOK_APP_SECRET={h:32}`},
		nex: []string{`FACEBOOK_APP_ID={d:15}`}},
	{id: "twitter-api-secret", title: "X (Twitter) API key secret", provider: "X (Twitter)", sev: finding.High,
		keys: []string{"twitter", "consumer_secret"}, value: `[A-Za-z0-9]{50}`, valueOK: mixed,
		ex:  []string{`TWITTER_API_SECRET={a:50}`},
		nex: []string{`TWITTER_HANDLE=someone`}},
	{id: "slack-signing-secret", title: "Slack signing secret", provider: "Slack", sev: finding.High,
		keys: []string{"signing_secret", "signingsecret"}, near: []string{"slack"}, value: `[a-f0-9]{32}`,
		ex:  []string{`SLACK_SIGNING_SECRET={h:32}`},
		nex: []string{`SIGNING_SECRET={h:32}`}},
	{id: "pagerduty-api-key", title: "PagerDuty API key", provider: "PagerDuty", sev: finding.High,
		keys: []string{"pagerduty"}, value: `[A-Za-z0-9_+-]{20}`, valueOK: mixed,
		ex:  []string{`PAGERDUTY_API_KEY=u+{a:18}`},
		nex: []string{`PAGERDUTY_SERVICE=backend`}},
	{id: "opsgenie-api-key", title: "Opsgenie API key", provider: "Atlassian", sev: finding.High,
		keys: []string{"opsgenie"}, value: uuidRe,
		ex:  []string{`OPSGENIE_API_KEY={uuid}`},
		nex: []string{`OPSGENIE_TEAM=ops`}},
}

// Payments.
var paymentTokens = []tk{
	{id: "stripe-secret-key", title: "Stripe live secret key", provider: "Stripe", sev: finding.Critical,
		re:  `sk_live_[A-Za-z0-9]{24,247}`,
		ex:  []string{`STRIPE_SECRET_KEY=sk_live_{a:24}`, `{"secret_stripe": "sk_live_{a:99}"}`},
		nex: []string{`sk_live_{a:10}`, `sk_live_xxxxxxxxxxxxxxxxxxxxxxxx`, `ask_live_{a:24}`}},
	{id: "stripe-restricted-key", title: "Stripe live restricted key", provider: "Stripe", sev: finding.Critical,
		re:  `rk_live_[A-Za-z0-9]{24,247}`,
		ex:  []string{`rk_live_{a:24}`},
		nex: []string{`rk_live_{a:10}`}},
	{id: "stripe-test-secret-key", title: "Stripe test-mode secret key", provider: "Stripe", sev: finding.Low,
		re: `[sr]k_test_[A-Za-z0-9]{24,247}`, lits: []string{"sk_test_", "rk_test_"},
		ex:  []string{`sk_test_{a:24}`},
		nex: []string{`sk_test_{a:10}`}},
	{id: "stripe-webhook-secret", title: "Stripe webhook signing secret", provider: "Stripe", sev: finding.High,
		re:  `whsec_[A-Za-z0-9+/]{32,64}`,
		ex:  []string{`STRIPE_WEBHOOK_SECRET=whsec_{a:32}`},
		nex: []string{`whsec_{a:10}`}},
	{id: "paystack-secret-key", title: "Paystack live secret key", provider: "Paystack", sev: finding.Critical,
		re: `sk_live_[a-f0-9]{40}`, prio: prioSpecific + 1,
		ex:  []string{`PAYSTACK_SECRET_KEY=sk_live_{h:40}`},
		nex: []string{`sk_live_{a:24}G`}},
	{id: "braintree-access-token", title: "PayPal Braintree access token", provider: "PayPal", sev: finding.Critical,
		re:  `access_token\$(?:production|sandbox)\$[a-z0-9]{16}\$[a-f0-9]{32}`,
		ex:  []string{`access_token$production${L:16}${h:32}`},
		nex: []string{`access_token$production$`}},
	{id: "square-access-token", title: "Square access token", provider: "Square", sev: finding.Critical,
		re:  `EAAA[A-Za-z0-9_-]{60}`,
		ex:  []string{`SQUARE_ACCESS_TOKEN=EAAA{u:60}`},
		nex: []string{`EAAA{u:20}`}},
	{id: "square-oauth-secret", title: "Square OAuth application secret", provider: "Square", sev: finding.Critical,
		re:  `sq0csp-[A-Za-z0-9_-]{43}`,
		ex:  []string{`sq0csp-{u:43}`},
		nex: []string{`sq0csp-{u:10}`}},
	{id: "square-legacy-access-token", title: "Square legacy access token", provider: "Square", sev: finding.Critical,
		re:  `sq0atp-[A-Za-z0-9_-]{22}`,
		ex:  []string{`sq0atp-{u:22}`},
		nex: []string{`sq0atp-{u:10}`}},
	{id: "flutterwave-secret-key", title: "Flutterwave secret key", provider: "Flutterwave", sev: finding.Critical,
		// The sample keys Flutterwave shows are hexadecimal, but the body's alphabet is
		// not documented; the frame (FLWSECK-, 32 characters, -X) is Flutterwave's
		// alone, so any 32 lower-case letters and digits in it are read as a key.
		re: `FLWSECK(?:_TEST)?-[a-z0-9]{32}-X`, lits: []string{"FLWSECK-", "FLWSECK_TEST-"},
		ex:  []string{`FLWSECK-{h:32}-X`, `"flutterwave_secret": "FLWSECK-{L:32}-X"`},
		nex: []string{`FLWSECK-{h:10}-X`, `FLWSECK-{L:32}`}},
	{id: "plaid-access-token", title: "Plaid access token", provider: "Plaid", sev: finding.High,
		re:   `access-(?:sandbox|development|production)-` + uuidRe,
		lits: []string{"access-sandbox-", "access-development-", "access-production-"},
		ex:   []string{`access-production-{uuid}`},
		nex:  []string{`access-production-{h:8}`}},
	{id: "gocardless-access-token", title: "GoCardless access token", provider: "GoCardless", sev: finding.Critical,
		re:  `live_[A-Za-z0-9_-]{40}`,
		ctx: &ctxSpec{keys: []string{"gocardless"}, near: []string{"gocardless"}},
		ex:  []string{`GOCARDLESS_ACCESS_TOKEN=live_{u:40}`},
		nex: []string{`MODE=live_{u:40}`}},
	{id: "mollie-api-key", title: "Mollie live API key", provider: "Mollie", sev: finding.Critical,
		re:  `live_[A-Za-z0-9]{30}`,
		ctx: &ctxSpec{keys: []string{"mollie"}, near: []string{"mollie"}},
		ex:  []string{`MOLLIE_API_KEY=live_{a:30}`},
		nex: []string{`OTHER=live_{a:30}`}},
	{id: "shopify-access-token", title: "Shopify admin API access token", provider: "Shopify", sev: finding.Critical,
		re: `shpat_(?:[a-fA-F0-9]{32}|[A-Za-z0-9]{32,48})`, check: shopifyBody,
		ex:  []string{`SHOPIFY_ACCESS_TOKEN=shpat_{h:32}`},
		nex: []string{`shpat_{h:10}`}},
	{id: "shopify-custom-app-token", title: "Shopify custom app access token", provider: "Shopify", sev: finding.Critical,
		re: `shpca_(?:[a-fA-F0-9]{32}|[A-Za-z0-9]{32,48})`, check: shopifyBody,
		ex:  []string{`shpca_{h:32}`},
		nex: []string{`shpca_{h:10}`}},
	{id: "shopify-private-app-token", title: "Shopify private app password", provider: "Shopify", sev: finding.Critical,
		re: `shppa_(?:[a-fA-F0-9]{32}|[A-Za-z0-9]{32,48})`, check: shopifyBody,
		ex:  []string{`shppa_{h:32}`},
		nex: []string{`shppa_{h:10}`}},
	{id: "shopify-shared-secret", title: "Shopify app shared secret", provider: "Shopify", sev: finding.High,
		re: `shpss_(?:[a-fA-F0-9]{32}|[A-Za-z0-9]{32,48})`, check: shopifyBody,
		ex:  []string{`shpss_{h:32}`},
		nex: []string{`shpss_{h:10}`}},
	{id: "shippo-api-token", title: "Shippo live API token", provider: "Shippo", sev: finding.High,
		re:  `shippo_live_[a-f0-9]{40}`,
		ex:  []string{`shippo_live_{h:40}`},
		nex: []string{`shippo_live_{h:10}`}},
}

var paymentKV = []kv{
	{id: "paypal-client-secret", title: "PayPal REST client secret", provider: "PayPal", sev: finding.Critical,
		keys: []string{"paypal"}, all: []string{"secret"}, value: `[A-Za-z0-9_-]{80}`, valueOK: mixed,
		ex:  []string{`PAYPAL_CLIENT_SECRET={u:80}`},
		nex: []string{`PAYPAL_CLIENT_ID={u:80}`}},
	{id: "braintree-private-key", title: "Braintree private key", provider: "PayPal", sev: finding.Critical,
		keys: []string{"braintree"}, all: []string{"private"}, value: `[a-f0-9]{32}`,
		ex:  []string{`BRAINTREE_PRIVATE_KEY={h:32}`},
		nex: []string{`BRAINTREE_MERCHANT_ID={h:16}`}},
	{id: "adyen-api-key", title: "Adyen API key", provider: "Adyen", sev: finding.Critical,
		keys: []string{"adyen"}, value: `AQE[A-Za-z0-9+/=._-]{80,300}`,
		ex:  []string{`ADYEN_API_KEY=AQE{b:120}`},
		nex: []string{`ADYEN_MERCHANT=acme`}},
	{id: "razorpay-key-secret", title: "Razorpay key secret", provider: "Razorpay", sev: finding.Critical,
		keys: []string{"razorpay"}, all: []string{"secret"}, value: `[A-Za-z0-9]{24}`, valueOK: mixed,
		ex:  []string{`RAZORPAY_KEY_SECRET={a:24}`},
		nex: []string{`RAZORPAY_KEY_ID=rzp_live_{a:14}`}},
	{id: "plaid-secret", title: "Plaid API secret", provider: "Plaid", sev: finding.Critical,
		keys: []string{"plaid"}, all: []string{"secret"}, value: `[a-f0-9]{30}`,
		ex:  []string{`PLAID_SECRET={h:30}`},
		nex: []string{`PLAID_ENV=production`}},
	{id: "wechat-pay-api-key", title: "WeChat Pay merchant API key", provider: "Tencent", sev: finding.Critical,
		keys: []string{"wechat", "wxpay", "mch_key", "mchkey"}, value: `[A-Za-z0-9]{32}`, valueOK: mixed,
		ex:  []string{`WXPAY_MCH_KEY={a:32}`},
		nex: []string{`WECHAT_APPID=wx{h:16}`}},
}

// Other SaaS.
var saasTokens = []tk{
	{id: "notion-integration-token", title: "Notion integration token", provider: "Notion", sev: finding.High,
		re: `(?:secret_[A-Za-z0-9]{43}|ntn_[0-9]{11}[A-Za-z0-9]{35})`, lits: []string{"secret_", "ntn_"},
		ex:  []string{`NOTION_TOKEN=secret_{a:43}`, `ntn_{d:11}{a:35}`},
		nex: []string{`secret_{a:20}`, `client_secret_{a:43}`}},
	{id: "airtable-pat", title: "Airtable personal access token", provider: "Airtable", sev: finding.High,
		re:  `pat[A-Za-z0-9]{14}\.[a-f0-9]{64}`,
		ex:  []string{`AIRTABLE_TOKEN=pat{a:14}.{h:64}`},
		nex: []string{`pat{a:14}.{h:20}`}},
	{id: "hubspot-private-app-token", title: "HubSpot private app token", provider: "HubSpot", sev: finding.High,
		re: `pat-(?:na|eu)\d-` + uuidRe, lits: []string{"pat-na", "pat-eu"},
		ex:  []string{`HUBSPOT_TOKEN=pat-na1-{uuid}`},
		nex: []string{`pat-na1-{h:8}`}},
	{id: "mapbox-secret-token", title: "Mapbox secret access token", provider: "Mapbox", sev: finding.High,
		re:  `sk\.eyJ[A-Za-z0-9_-]{50,400}\.[A-Za-z0-9_-]{20,100}`,
		ex:  []string{`MAPBOX_SECRET_TOKEN=sk.eyJ{u:60}.{u:22}`},
		nex: []string{`sk.eyJ{u:10}`}},
	{id: "dropbox-access-token", title: "Dropbox access token", provider: "Dropbox", sev: finding.High,
		re:  `sl\.[A-Za-z0-9_.-]{130,1000}`,
		ex:  []string{`DROPBOX_TOKEN=sl.{u:140}`},
		nex: []string{`sl.{u:20}`}},
	{id: "contentful-pat", title: "Contentful personal access token", provider: "Contentful", sev: finding.High,
		re:  `CFPAT-[A-Za-z0-9_-]{43}`,
		ex:  []string{`CFPAT-{u:43}`},
		nex: []string{`CFPAT-{u:10}`}},
	{id: "typeform-pat", title: "Typeform personal access token", provider: "Typeform", sev: finding.High,
		re:  `tfp_[A-Za-z0-9_.=-]{59}`,
		ex:  []string{`tfp_{u:59}`},
		nex: []string{`tfp_{u:10}`}},
}

var saasKV = []kv{
	{id: "algolia-admin-key", title: "Algolia admin API key", provider: "Algolia", sev: finding.High,
		keys: []string{"algolia"}, value: `[a-f0-9]{32}`,
		ex:  []string{`ALGOLIA_ADMIN_KEY={h:32}`},
		nex: []string{`ALGOLIA_APP_ID={V:10}`}},
	{id: "linkedin-client-secret", title: "LinkedIn client secret", provider: "LinkedIn", sev: finding.High,
		keys: []string{"linkedin"}, all: []string{"secret"}, value: `[A-Za-z0-9]{16}`, valueOK: mixed,
		ex:  []string{`LINKEDIN_CLIENT_SECRET={a:16}`},
		nex: []string{`LINKEDIN_CLIENT_ID={a:14}`}},
}

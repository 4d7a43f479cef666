package finding

import "time"

// Auth says how a service let leakwatch in. The values are part of the JSON contract.
type Auth string

const (
	AuthNone        Auth = "none"                // answered without any credentials
	AuthDefault     Auth = "default-credentials" // answered to a well-known default user/password
	AuthCredentials Auth = "credentials"         // answered to credentials the user supplied
	AuthRequired    Auth = "required"            // refused every credential tried
	AuthUnknown     Auth = "unknown"             // could not decide
)

// Open reports whether anyone on the network could have read the service as leakwatch did.
func (a Auth) Open() bool { return a == AuthNone || a == AuthDefault }

// Status is the outcome of probing one service, a small enum in the manner of zgrab2.
type Status string

const (
	StatusOpen          Status = "open"           // identified and readable
	StatusAuthRequired  Status = "auth-required"  // identified, refused access
	StatusIdentified    Status = "identified"     // identified, access not decided
	StatusTimeout       Status = "timeout"        // the target's deadline ran out
	StatusProtocolError Status = "protocol-error" // answered, but not as expected
	StatusUnknown       Status = "unknown"        // port open, no prober recognised it
	StatusError         Status = "error"          // anything else
)

// Report is the whole result of a scan. Its JSON field names are a contract (DESIGN.md).
type Report struct {
	Tool     string    `json:"tool"`
	Version  string    `json:"version"`
	Started  time.Time `json:"started"`
	Finished time.Time `json:"finished"`

	Stats    Stats        `json:"stats"`
	Services []Service    `json:"services"`
	Findings []Finding    `json:"findings"`
	Contacts []Contact    `json:"contacts,omitempty"`
	Errors   []ProbeError `json:"errors,omitempty"`
	// Others are the open ports identified as something that is not a data store.
	Others []Other `json:"others,omitempty"`
}

// Stats counts what the scan touched.
type Stats struct {
	Targets    int `json:"targets"`     // addresses after expansion and exclusion
	Excluded   int `json:"excluded"`    // addresses skipped because of --exclude
	PortsTried int `json:"ports_tried"` // address:port pairs tried
	OpenPorts  int `json:"open_ports"`
	Services   int `json:"services"`         // open ports identified as a data store
	Others     int `json:"others,omitempty"` // open ports identified as something else (ssh, http, …)
	// Findings and Errors count what a streamed scan wrote without keeping it
	// (findings by severity, indexed by Severity).
	Findings [Critical + 1]int `json:"-"`
	Errors   int               `json:"-"`
}

// Service is one identified data-store endpoint.
type Service struct {
	Host     string `json:"host"`               // address connected to
	Hostname string `json:"hostname,omitempty"` // the name the user gave, when a name
	Port     int    `json:"port"`
	Protocol string `json:"protocol"` // e.g. clickhouse-http, clickhouse-native
	Product  string `json:"product"`  // e.g. clickhouse
	// Name is the product as people write it ("ClickHouse", "FerretDB"), for reports.
	Name    string `json:"name,omitempty"`
	Version string `json:"version,omitempty"`
	TLS     bool   `json:"tls"`
	Auth    Auth   `json:"auth"`
	Status  Status `json:"status"`
	// User is the account leakwatch got in with ("default" for an open ClickHouse).
	User string `json:"user,omitempty"`
	// Details holds product-specific facts: revision, time zone, display name, …
	Details  map[string]string `json:"details,omitempty"`
	Datasets []Dataset         `json:"datasets,omitempty"`
	// SameAs names the service ("host:port") that reaches the same server and carries its
	// datasets and findings, when one server answers on several ports.
	SameAs string `json:"same_as,omitempty"`
	// Truncated is set when an inventory limit (tables, time) cut the listing short.
	Truncated bool `json:"truncated,omitempty"`
	// TruncatedBy says which limit cut it when that is not the listing's own (the
	// endpoint's sample budget).
	TruncatedBy string `json:"truncated_by,omitempty"`
	// ListingComplete is set on a truncated service whose listing was whole: only its
	// samples were cut (by the endpoint's sample budget), so a dataset missing from it
	// is gone, while one listed but not sampled says nothing about its contents.
	ListingComplete bool   `json:"listing_complete,omitempty"`
	Error           string `json:"error,omitempty"`
	Duration        string `json:"duration,omitempty"`
}

// Dataset is a table, collection, index, key space or bucket.
type Dataset struct {
	Database string `json:"database,omitempty"`
	Table    string `json:"table"`
	Kind     string `json:"kind,omitempty"` // table, view, collection, index, keyspace, …
	Engine   string `json:"engine,omitempty"`
	Rows     int64  `json:"rows"`
	// RowsEstimated is set when Rows comes from statistics rather than a count.
	RowsEstimated bool       `json:"rows_estimated,omitempty"`
	Bytes         int64      `json:"bytes"`
	Columns       []Column   `json:"columns,omitempty"`
	TimeRange     *TimeRange `json:"time_range,omitempty"`
	// Sampled is how many rows were read and scanned.
	Sampled int `json:"sampled,omitempty"`
	// Classes summarises what the sample held: "secrets", "pii", "chat".
	Classes []string `json:"classes,omitempty"`
	// KeysListed and Patterns describe a key-value store's keys: how many names the
	// listing saw (below Rows when it stopped at a bound) and their families, largest
	// first (at most MaxKeyPatterns).
	KeysListed int64        `json:"keys_listed,omitempty"`
	Patterns   []KeyPattern `json:"key_patterns,omitempty"`
	// NotSampled says why a listed dataset was deliberately not read ("not sampled:
	// reaches another host (db.internal:3306)"): reading it would have made the server
	// connect elsewhere, consume messages or run a query. Hosts in it are the server's
	// own words, reported as they came.
	NotSampled string `json:"not_sampled,omitempty"`
	Error      string `json:"error,omitempty"`
}

// NotSampledBudget is Dataset.NotSampled for a dataset listed after the endpoint's
// sample budget was spent.
const NotSampledBudget = "not sampled: the endpoint's sample budget (--max-endpoint-sample-bytes) was spent"

// MaxKeyPatterns bounds Dataset.Patterns: a keyspace of random names has as many
// families as keys.
const MaxKeyPatterns = 64

// Column is one column of a dataset.
type Column struct {
	Name string `json:"name"`
	Type string `json:"type"`
}

// TimeRange is the span of the first date/time column of a dataset.
type TimeRange struct {
	Column string `json:"column"`
	Min    string `json:"min"`
	Max    string `json:"max"`
}

// Contact is a disclosure contact found in a host's security.txt.
type Contact struct {
	Host    string   `json:"host"`
	URL     string   `json:"url"`
	Contact []string `json:"contact,omitempty"`
	Policy  []string `json:"policy,omitempty"`
	Expires string   `json:"expires,omitempty"`
	Error   string   `json:"error,omitempty"`
}

// Other is an open port whose service is not a data store leakwatch explores, named by
// what identification saw there. Version, Details and Banner are the service's own
// words: hostile, kept exact here (JSON), to be sanitised by any text sink.
type Other struct {
	Host     string `json:"host"`
	Hostname string `json:"hostname,omitempty"`
	Port     int    `json:"port"`
	// Service is "ssh", "http", "tls", "smtp", "ftp", "imap", "pop3", "nats", "vnc",
	// "telnet", or "unknown".
	Service string            `json:"service"`
	TLS     bool              `json:"tls"`
	Version string            `json:"version,omitempty"`
	Details map[string]string `json:"details,omitempty"`
	// Banner is the start of what the service said (at most MaxOtherBanner bytes), exact
	// when it is valid UTF-8; BannerBase64 carries the same bytes when it is not.
	Banner       string `json:"banner,omitempty"`
	BannerBase64 string `json:"banner_base64,omitempty"`
	Duration     string `json:"duration,omitempty"`
}

// MaxOtherBanner bounds Other.Banner.
const MaxOtherBanner = 256

// ProbeError records a target that could not be decided, so that one bad target never
// hides the others.
type ProbeError struct {
	Host  string `json:"host"`
	Port  int    `json:"port,omitempty"`
	Stage string `json:"stage"`
	Error string `json:"error"`
}

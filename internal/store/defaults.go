package store

// WithDefaults returns a copy of o in which every unset limit (zero or negative) is
// taken from DefaultOptions, so that no prober divides by, loops to, or waits for zero.
// A nil o gives DefaultOptions.
//
// SampleRows is the exception: 0 is a setting, not a missing one — it disables sampling
// — so it is kept; a negative value, which no prober could honour, becomes 0.
// Credentials and NoDefaultCredentials are the user's and are copied as given. A nil
// Samples budget becomes a fresh one of MaxEndpointSampleBytes; a set one is shared
// with the copy (it is the endpoint's, not the copy's).
func (o *Options) WithDefaults() Options {
	d := DefaultOptions()
	if o == nil {
		return d
	}
	w := *o
	if w.Dial == nil {
		w.Dial = d.Dial
	}
	if w.ConnectTimeout <= 0 {
		w.ConnectTimeout = d.ConnectTimeout
	}
	if w.IOTimeout <= 0 {
		w.IOTimeout = d.IOTimeout
	}
	if w.BannerWait <= 0 {
		w.BannerWait = d.BannerWait
	}
	if w.MaxResponseBytes <= 0 {
		w.MaxResponseBytes = d.MaxResponseBytes
	}
	if w.MaxDatabases <= 0 {
		w.MaxDatabases = d.MaxDatabases
	}
	if w.MaxTables <= 0 {
		w.MaxTables = d.MaxTables
	}
	if w.InventoryTimeout <= 0 {
		w.InventoryTimeout = d.InventoryTimeout
	}
	if w.MaxRowBytes <= 0 {
		w.MaxRowBytes = d.MaxRowBytes
	}
	if w.MaxSampleBytes <= 0 {
		w.MaxSampleBytes = d.MaxSampleBytes
	}
	if w.MaxEndpointSampleBytes <= 0 {
		w.MaxEndpointSampleBytes = d.MaxEndpointSampleBytes
	}
	if w.Samples == nil {
		w.Samples = NewSampleBudget(w.MaxEndpointSampleBytes)
	}
	if w.SampleRows < 0 {
		w.SampleRows = 0
	}
	if w.Logger == nil {
		w.Logger = d.Logger
	}
	return w
}

package probekit

import "slices"

// About is what a prober says of its product. Embedded in a Prober, it gives the
// Name and DefaultPorts of store.Prober and the methods of store.Describer.
type About struct {
	Product     string // the prober's name, also accepted as a port-set name
	Display     string // the product's name as people write it
	Ports       []int  // the ports scanned when the target names none
	Remediation string // how to stop the product answering anyone
}

// Name is the prober's name.
func (a About) Name() string { return a.Product }

// DefaultPorts are the product's well-known ports (a copy: callers may change it).
func (a About) DefaultPorts() []int { return slices.Clone(a.Ports) }

// DisplayName is the product's name as people write it.
func (a About) DisplayName() string { return a.Display }

// ExposureRemediation says how to stop the product answering anyone.
func (a About) ExposureRemediation() string { return a.Remediation }

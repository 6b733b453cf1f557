package main

import (
	"context"
	"fmt"
	"io"

	"github.com/ann-go/ann/network/trace"
)

// runTrace prints every step of one forward and one backward pass through the
// initial network, for one example of the data set: trace.Write.
func runTrace(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("trace", "[data flags] [-layers 2,5,5,2] [-lambda 0] [-seed 0] [-init code] [-activation sigmoid] [-example 0]", stdout)
	var df dataFlags
	var nf netFlags
	df.register(fs)
	nf.register(fs)
	example := fs.Int("example", 0, "trace example `i` of the data set (0 is the first row)")
	ds, err := parseAndLoad(fs, args, &df, &nf)
	if err != nil {
		return err
	}
	m, err := df.trainRows(ds.X.Rows)
	if err != nil {
		return err
	}
	if *example < 0 || *example >= m {
		return usagef("-example %d: want an example of the data set, 0..%d", *example, m-1)
	}
	net := nf.network()
	if _, err := fmt.Fprintf(stdout, "ann trace: example %d of the %d in %s (counting from 0), with the initial weights of -init %s -seed %d\n\n",
		*example, m, ds.name, nf.init, nf.seed); err != nil {
		return err
	}
	return trace.Write(stdout, net, ds.X.Row(*example), ds.y[*example], nf.lambda)
}

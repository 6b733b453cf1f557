package main

import (
	"context"
	"fmt"
	"io"
	"math"

	"github.com/ann-go/ann/internal/nprand"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network"
)

// gradCheckLimit is the largest relative difference ann gradcheck accepts.
const gradCheckLimit = 1e-7

func runGradcheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("gradcheck", "[-layers 2,5,5,2] [-lambda 0] [-seed 0] [-activation sigmoid] [-m 10]", stdout)
	var nf netFlags
	nf.register(fs)
	m := fs.Int("m", 10, "number of random `examples`")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := nf.check(); err != nil {
		return err
	}
	if *m < 1 || *m > maxExamples {
		return usagef("-m %d: want from 1 to %d examples", *m, maxExamples)
	}
	units, weights := 0.0, 0.0
	for l, s := range nf.sizes {
		units += float64(s)
		if l > 0 {
			weights += float64(s) * float64(nf.sizes[l-1]+1)
		}
	}
	// Forward propagation keeps Z and A (with its bias row) of every layer
	// for all m examples; the check keeps a few copies of the weights.
	need := memoryNeed{float64(*m)*units*8*4 + weights*8*8, fmt.Sprintf("reduce -m %d or -layers %v", *m, &nf.sizes)}
	if err := checkMemory(need); err != nil {
		return err
	}
	net := nf.network()
	X, y := gradCheckData(net, *m, uint32(nf.seed))
	r := network.CheckGradients(net, X, y, nf.lambda)
	fmt.Fprintf(stdout, "gradient check: layers %s, %s hidden layers, lambda %v, %d random examples, step %g\n",
		&nf.sizes, net.Hidden, nf.lambda, *m, network.GradCheckStep)
	for l := 1; l < len(r.Layer); l++ {
		t := net.Theta[l]
		fmt.Fprintf(stdout, "Theta%d (%dx%d): relative difference %.3g\n", l, t.Rows, t.Cols, r.Layer[l])
	}
	fmt.Fprintf(stdout, "overall: relative difference %.3g\n", r.Max)
	if !(r.Max <= gradCheckLimit) {
		return fmt.Errorf("gradient check failed: relative difference %.3g is above %g", r.Max, gradCheckLimit)
	}
	return nil
}

// gradCheckData returns m examples with features uniform in [-1, 1) and labels
// uniform over the classes, drawn from np.random.seed(seed) (a stream of their
// own, apart from the weights'). For ReLU, an example with a hidden unit's z
// within 0.01 of the kink at 0 is drawn again: there the derivative is not
// defined and central differences straddling it mean nothing.
func gradCheckData(net *network.Network, m int, seed uint32) (*matrix.Dense, []int) {
	rs := nprand.New(seed)
	n, K := net.Theta[1].Cols-1, net.K()
	X := matrix.New(m, n)
	y := make([]int, m)
	for i := 0; i < m; i++ {
		for tries := 0; ; tries++ {
			x := X.Row(i)
			for j := range x {
				x[j] = 2*rs.Float64() - 1
			}
			if net.Hidden != network.ReLU || tries == 100 || awayFromKink(net, x) {
				break
			}
		}
		y[i] = int(rs.Interval(uint64(K - 1)))
	}
	return X, y
}

// awayFromKink reports whether every hidden unit's z for the example x is at
// least 0.01 from 0.
func awayFromKink(net *network.Network, x []float64) bool {
	p := network.Forward(net, matrix.FromRows([][]float64{x}))
	for l := 2; l < net.L(); l++ {
		for _, z := range p.Z[l].Data {
			if math.Abs(z) < 0.01 {
				return false
			}
		}
	}
	return true
}

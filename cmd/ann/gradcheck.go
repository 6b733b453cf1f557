package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/ann-go/ann/internal/finite"
	"github.com/ann-go/ann/internal/nprand"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network"
	"github.com/ann-go/ann/network/check"
)

// gradCheckLimit is the largest relative difference ann gradcheck accepts;
// gradCheckLimitText is it as the verdict prints it.
const (
	gradCheckLimit     = 1e-7
	gradCheckLimitText = "1e-7"
)

// errGradCheck is the error of a gradient check that fails: the verdict line
// has said it, so it exits 1 with this short message.
type errGradCheck struct{ max float64 }

func (e errGradCheck) Error() string {
	return fmt.Sprintf("gradient check failed: relative difference %.2g > %s", e.max, gradCheckLimitText)
}

func runGradcheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("gradcheck", "[-layers 2,5,5,2] [-lambda 0] [-seed 0] [-init code] [-activation sigmoid] [-m 10] [-v] [-bug name|list]", stdout)
	var nf netFlags
	nf.register(fs)
	m := fs.Int("m", 10, "number of random `examples`")
	verbose := fs.Bool("v", false, "print every weight's two gradients and their difference, one line each")
	bugName := fs.String("bug", "", "check a backpropagation with a classic `mistake` instead of the tutorial's (list: the mistakes)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *bugName == "list" {
		return writeBugList(stdout)
	}
	backprop, cost, what := network.Backprop, network.CostOf, "network.Backprop, the tutorial's backpropagation"
	if *bugName != "" {
		bug, ok := check.Find(*bugName)
		if !ok {
			return usagef("-bug %q: want one of %s, or list", *bugName, bugNames())
		}
		if !bug.Gradient() {
			return usagef("-bug %s is a mistake of training, not of the gradient (it %s): a gradient check cannot see it; ann check finds it", bug.Name, bug.What)
		}
		steps := bug.Steps
		backprop = func(n *network.Network, p *network.Pass, y []int, lambda float64) []*matrix.Dense {
			return steps.Backward(n, p, y, lambda).D
		}
		what = fmt.Sprintf("backpropagation with the mistake %s: %s", bug.Name, bug.What)
		if bug.Cost != nil {
			cost = bug.Cost
			what = fmt.Sprintf("the tutorial's backpropagation against a cost with the mistake %s: %s", bug.Name, bug.What)
		}
		if !flagGiven(fs, "lambda") && bug.Lambda != 0 {
			nf.lambda = bug.Lambda
			what += fmt.Sprintf(" (λ = %v, since with λ = 0 this mistake changes nothing)", bug.Lambda)
		} else if bug.Lambda != 0 && nf.lambda == 0 {
			what += " (with λ = 0 this mistake changes nothing: the check passes)"
		}
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
	if err := checkWork("the check", nf.sizes, true, *m, "m"); err != nil {
		return err
	}
	net := nf.network()
	X, y := gradCheckData(net, *m, uint32(nf.seed))
	if err := checkLambdaVisible(net, X, y, nf.lambda); err != nil {
		return err
	}
	r := network.CheckGradientsWith(net, X, y, nf.lambda, cost, backprop)

	w := &tracerOut{w: stdout}
	w.printf("checking %s\n", what)
	w.printf("layers %s, %s, lambda %v, %d random examples, step %g\n",
		&nf.sizes, hiddenLayers(net), nf.lambda, *m, network.GradCheckStep)
	if *verbose {
		writeGradients(w, r)
	}
	for l := 1; l < len(r.Layer); l++ {
		t := net.Theta[l]
		w.printf("Theta%d (%dx%d): relative difference %.3g\n", l, t.Rows, t.Cols, r.Layer[l])
	}
	ok := r.Max <= gradCheckLimit
	if ok {
		w.printf("gradient check: passed: largest relative difference %.2g < %s\n", r.Max, gradCheckLimitText)
	} else {
		w.printf("gradient check: FAILED: largest relative difference %.2g > %s\n", r.Max, gradCheckLimitText)
	}
	if w.err != nil {
		return w.err
	}
	if !ok {
		return errGradCheck{r.Max}
	}
	return nil
}

// writeGradients writes every weight's backpropagation and numerical
// gradient and their difference, one line each.
func writeGradients(w *tracerOut, r network.GradCheck) {
	w.printf("\nEvery weight: Theta<l>[j,i] is numpy's Thetas[l][j,i], counting from 0 as numpy\n")
	w.printf("does: row j feeds unit j+1 of layer l+1, column i comes from unit i of layer l\n")
	w.printf("(column 0: the bias unit). difference = backpropagation - numerical.\n")
	w.printf("%-14s %22s %22s %10s\n", "weight", "backpropagation", "numerical", "difference")
	for l := 1; l < len(r.Backprop); l++ {
		bp, num := r.Backprop[l], r.Numerical[l]
		for j := 0; j < bp.Rows; j++ {
			for i := 0; i < bp.Cols; i++ {
				b, n := bp.At(j, i), num.At(j, i)
				w.printf("%-14s %22.15g %22.15g %10.2g\n", fmt.Sprintf("Theta%d[%d,%d]", l, j, i), b, n, b-n)
			}
		}
	}
	w.printf("\n")
}

// writeBugList writes the mistakes -bug can inject, one line each.
func writeBugList(stdout io.Writer) error {
	w := &tracerOut{w: stdout}
	w.printf("ann gradcheck -bug NAME checks backpropagation with one mistake of the catalogue (network/check):\n")
	for _, b := range check.Mistakes {
		if b.Gradient() {
			w.printf("  %-16s %s\n", b.Name, b.What)
		}
	}
	w.printf("(-bug no-1/m is no-m.) Mistakes of training, which only ann check finds:\n")
	for _, b := range check.Mistakes {
		if !b.Gradient() {
			w.printf("  %-16s %s\n", b.Name, b.What)
		}
	}
	return w.err
}

// bugNames returns the names -bug takes, comma-separated.
func bugNames() string {
	var s []string
	for _, b := range check.Mistakes {
		if b.Gradient() {
			s = append(s, b.Name)
		}
	}
	return strings.Join(s, ", ")
}

// flagGiven reports whether the flag name was set on the command line.
func flagGiven(fs *flag.FlagSet, name string) bool {
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == name })
	return given
}

// tracerOut writes formatted text and keeps the first write error; after one
// it writes nothing more.
type tracerOut struct {
	w   io.Writer
	err error
}

func (t *tracerOut) printf(format string, args ...any) {
	if t.err == nil {
		_, t.err = fmt.Fprintf(t.w, format, args...)
	}
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

// checkLambdaVisible refuses a λ whose regularization gradient, (λ/m) Θ
// without the bias column, so outweighs the data term's gradient (network.Backprop
// with λ = 0) that the data term is below the check's limit of it: then any
// mistake in the data term, however large, would pass. It also refuses a λ
// whose cost is not finite.
func checkLambdaVisible(net *network.Network, X *matrix.Dense, y []int, lambda float64) error {
	if lambda == 0 {
		return nil
	}
	if J := network.Cost(net, X, y, lambda); !finite.Is(J) {
		return usagef("-lambda %v: the cost J at these weights is %v: there is no gradient to check; want a smaller λ", lambda, J)
	}
	D := network.Backprop(net, network.Forward(net, X), y, 0)
	var data, theta float64 // ‖data term‖ and ‖Θ without its bias column‖, by hypot
	for l := 1; l < len(D); l++ {
		for _, v := range D[l].Data {
			data = math.Hypot(data, v)
		}
		t := net.Theta[l]
		for j := 0; j < t.Rows; j++ {
			for _, v := range t.Row(j)[1:] {
				theta = math.Hypot(theta, v)
			}
		}
	}
	m := float64(X.Rows)
	// The regularization gradient's norm is λ/m theta; data >= limit λ/m
	// theta keeps the data term visible.
	most := data * m / (theta * gradCheckLimit)
	if theta > 0 && lambda > most {
		return usagef("-lambda %v: the regularization term's gradient would be %.2g times the data term's, so a wrong backpropagation of the data term would still pass (a relative difference below %s); want -lambda at most %.3g",
			lambda, lambda/m*theta/data, gradCheckLimitText, most)
	}
	return nil
}

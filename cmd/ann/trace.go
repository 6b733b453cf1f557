package main

import (
	"context"
	"fmt"
	"io"

	"github.com/ann-go/ann/internal/finite"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network"
	"github.com/ann-go/ann/network/model"
	"github.com/ann-go/ann/network/trace"
)

// maxTraceExamples bounds -m: the trace prints a column per example, and a
// matrix per example for each Δ^(l).
const maxTraceExamples = 50

// runTrace prints every step of one forward and one backward pass, and the
// update that follows, through the initial network or a saved model, for
// -m examples of the data set: trace.WriteExamples.
func runTrace(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("trace", "[data flags] [-layers 2,5,5,2] [-lambda 0] [-seed 0] [-init code] [-activation sigmoid] [-model FILE.npz] [-example 0] [-m 1] [-alpha 0.5] [-rows]", stdout)
	var df dataFlags
	var nf netFlags
	df.register(fs)
	nf.register(fs)
	nf.registerFeatures(fs)
	fs.Lookup("first").Usage = "take the examples from the first `K` rows only (0: all): -example and -m count within them (nothing is trained)"
	example := fs.Int("example", 0, "trace from example `i` of the data set (0 is the first row)")
	count := fs.Int("m", 1, "trace this many `examples` at once, from -example on (1 to 50)")
	alpha := fs.Float64("alpha", trace.DefaultAlpha, "learning rate `α` of the update shown at the end")
	numpyRows := fs.Bool("rows", false, "print a, z, δ and y in numpy's layout, one example per row (A[l] is m x (s_l+1)), as a learner's numpy arrays print")
	modelPath := fs.String("model", "", "trace the trained weights of a model `file` (model.npz from ann train -out) instead of initial ones")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := nf.check(); err != nil {
		return err
	}
	if !(finite.Is(*alpha) && *alpha >= 0) {
		return usagef("-alpha %v: want a finite number >= 0", *alpha)
	}
	var mod *model.Model
	if *modelPath != "" {
		for _, name := range []string{"layers", "seed", "init", "activation", "features"} {
			if flagGiven(fs, name) {
				return usagef("-%s: the network comes from -model %s", name, *modelPath)
			}
		}
		var err error
		if mod, err = model.ReadFile(*modelPath); err != nil {
			return usagef("-model: %v", err)
		}
		nf.sizes, nf.features = mod.Net.Sizes(), mod.Features
	}
	ds, err := df.load()
	if err != nil {
		return err
	}
	if err := nf.fit(ds); err != nil {
		if mod != nil {
			return usagef("-model %s: %v", *modelPath, err)
		}
		return err
	}
	rows, err := df.trainRows(ds.X.Rows)
	if err != nil {
		return err
	}
	if *example < 0 || *example >= rows {
		return usagef("-example %d: want an example of the data set, 0..%d", *example, rows-1)
	}
	if *count < 1 || *count > maxTraceExamples {
		return usagef("-m %d: want from 1 to %d examples", *count, maxTraceExamples)
	}
	if *example+*count > rows {
		return usagef("-m %d from -example %d: the data set has only %d rows (0..%d)", *count, *example, rows, rows-1)
	}
	mFlag := "m"
	if *count == 1 {
		mFlag = "" // one example is the least
	}
	if err := checkWork("the trace's numerical gradient", nf.sizes, mod == nil, *count, mFlag); err != nil {
		return err
	}
	X := matrix.FromRows(nil)
	for e := *example; e < *example+*count; e++ {
		X = appendRow(X, ds.X.Row(e))
	}
	y := ds.y[*example : *example+*count]

	w := &tracerOut{w: stdout}
	which := fmt.Sprintf("example %d", *example)
	if *count > 1 {
		which = fmt.Sprintf("examples %d..%d", *example, *example+*count-1)
	}
	var net *network.Network
	if mod == nil {
		net = nf.network()
		w.printf("ann trace: %s of the %d in %s (counting from 0), with the initial weights of -init %s -seed %d\n",
			which, rows, ds.name, nf.init, nf.seed)
		if nf.features != nil {
			if X, err = nf.features.Apply(X); err != nil {
				return usagef("-features: %v", err)
			}
			w.printf("The inputs are -features %v of the data's row (x1, x2), so x below is those features.\n", nf.features)
		}
		w.printf("\n")
	} else {
		net = mod.Net
		w.printf("ann trace: %s of the %d in %s (counting from 0), with the trained weights of %s\n", which, rows, ds.name, *modelPath)
		w.printf("λ is -lambda's, %v: a model file does not record the λ it was trained with.\n", nf.lambda)
		if mod.Features != nil || mod.Scaler != nil {
			if X, err = mod.Standardize(X); err != nil {
				return usagef("-model %s: %v", *modelPath, err)
			}
		}
		if mod.Features != nil {
			w.printf("The model's inputs are the features %v of the data's row (x1, x2), so x below is those features.\n", mod.Features)
		}
		if mod.Scaler != nil {
			w.printf("The model was trained on standardized inputs, so x below is the data's row\n")
			w.printf("standardized with the model's mean and standard deviation: x_j' = (x_j - mean_j) / std_j.\n")
		}
		w.printf("\n")
	}
	if w.err != nil {
		return w.err
	}
	return trace.WriteExamples(stdout, net, X, y, trace.Options{Lambda: nf.lambda, Alpha: *alpha, First: *example, Rows: *numpyRows})
}

// appendRow returns X with the row x added below its rows.
func appendRow(X *matrix.Dense, x []float64) *matrix.Dense {
	return &matrix.Dense{Rows: X.Rows + 1, Cols: len(x), Data: append(X.Data, x...)}
}

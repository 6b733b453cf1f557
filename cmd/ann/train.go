package main

import (
	"context"
	"fmt"
	"io"

	"github.com/ann-go/ann/internal/safefile"
)

func runTrain(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("train", "[data flags] [net flags] [-start FILE.npz] [-test-fraction F] [-out DIR] [-q]", stdout)
	var df dataFlags
	var nf netFlags
	df.register(fs)
	nf.register(fs)
	nf.registerTraining(fs)
	nf.registerFeatures(fs)
	nf.registerStart(fs)
	var sf splitFlags
	sf.register(fs)
	var of outFlags
	of.register(fs, "", "write model.npz, costs.csv, run.json, cost.svg, confusion.svg (with held-out rows) and (for 2 features) boundary.svg, neurons.svg, training.svg and training-animated.svg to `DIR`")
	var ff figFlags
	ff.register(fs)
	perClass := registerPerClass(fs)
	ds, err := parseAndLoad(fs, args, &df, &nf)
	if err != nil {
		return err
	}
	if err := ff.check(nf.iters); err != nil {
		return err
	}
	if of.dir != "" {
		nf.snapshots = figureSnapshots(ds, nf.sizes, nf.iters, ff.frames)
	}
	trainIdx, testIdx, err := sf.rows(&df, ds.X.Rows)
	if err != nil {
		return err
	}
	progress, err := of.prepare(stderr)
	if err != nil {
		return err
	}
	if err := checkMemory(trainMemory(ds, &nf, of.dir != "")); err != nil {
		return err
	}
	if of.dir != "" && ds.X.Cols == 2 {
		if err := checkPlotRange(ds.X); err != nil {
			return usagef("-out: %v", err)
		}
	}
	scaleHint(progress, ds, &nf)
	r, err := train(ctx, ds, trainIdx, testIdx, &nf, progress)
	if err != nil {
		return err
	}
	var files []safefile.File
	if of.dir != "" {
		if files, err = r.files(&df, &ff, sf.fraction, uint32(sf.seed)); err != nil {
			return err
		}
	}
	r.printSummary(stdout)
	if *perClass && r.confusion != nil {
		printPerClass(stdout, r.confusion, fmt.Sprintf("the %d held-out rows", len(r.testIdx)))
	}
	if err := of.writeSet(ctx, files, stderr); err != nil {
		return err
	}
	costRiseWarning(stderr, r.res.Costs, r.finalCost, r.nf.alpha)
	return nil
}

func (r *trainRun) printSummary(w io.Writer) {
	costs := r.res.Costs
	n := r.nf
	inputs := ""
	if n.features != nil {
		inputs = fmt.Sprintf(", inputs %v", n.features)
	}
	start := fmt.Sprintf("init %s seed %d", n.init, n.seed)
	if n.startModel != nil {
		start = "from the weights of " + n.start
		if e := n.startModel.Edits; len(e) > 0 {
			typed := "1 weight"
			if len(e) > 1 {
				typed = fmt.Sprintf("%d weights", len(e))
			}
			start += fmt.Sprintf(" (%s typed by hand, the last at iteration %d)", typed, e[len(e)-1].Iteration)
		}
	}
	fmt.Fprintf(w, "network:  %s%s, %s, %s\n", &n.sizes, inputs, hiddenLayers(r.res.Net), start)
	method := "batch gradient descent"
	if n.batch > 0 && n.batch < len(r.trainIdx) {
		method = fmt.Sprintf("mini-batches of %d", n.batch)
	}
	switch c := n.config(); {
	case c.Optimizer == "adam":
		method += fmt.Sprintf(", adam (beta1 %v, beta2 %v, epsilon %v)", n.beta1, n.beta2, n.epsilon)
	case c.Momentum > 0:
		method += fmt.Sprintf(", momentum %v", c.Momentum)
	}
	if n.standardize {
		method += ", standardized features"
	}
	if n.reference {
		method += " (the reference loop)"
	}
	fmt.Fprintf(w, "training: %d iterations of %s, alpha %v, lambda %v, on %d of %d rows\n", len(costs), method, n.alpha, n.lambda, len(r.trainIdx), r.ds.X.Rows)
	fmt.Fprintf(w, "cost:     %.6f at iteration 1, %.6f at iteration %d, %.6f after training\n", costs[0], costs[len(costs)-1], len(costs), r.finalCost)
	if r.res.ValidationCosts != nil {
		fmt.Fprintf(w, "early stopping: %s\n", r.stopLine())
	}
	if r.testIdx != nil {
		tc := r.res.TestCosts
		fmt.Fprintf(w, "held out: %d rows, cost %.6f at iteration 1, %.6f at iteration %d\n", len(r.testIdx), tc[0], tc[len(tc)-1], len(tc))
		fmt.Fprintf(w, "accuracy: %.3f on the %d training rows, %.3f on the %d held-out rows\n", r.accTrain, len(r.trainIdx), r.accTest, len(r.testIdx))
		return
	}
	fmt.Fprintf(w, "accuracy: %.3f on the %d training rows, %.3f on all %d rows\n", r.accTrain, len(r.trainIdx), r.accAll, r.ds.X.Rows)
}

// stopLine says where early stopping found the best weights and why and
// where it stopped.
func (r *trainRun) stopLine() string {
	res, c := r.res, r.nf.config()
	best := fmt.Sprintf("best validation cost %.6f at iteration %d", res.ValidationCosts[res.BestIter-1], res.BestIter)
	if !res.Stopped {
		return fmt.Sprintf("%s; ran all %d iterations (weights of iteration %d kept), on %d validation rows set aside",
			best, len(res.Costs), res.BestIter, len(res.ValidationRows))
	}
	return fmt.Sprintf("%s; stopped at %d, after %d iterations without a decrease of %v, on %d validation rows set aside",
		best, len(res.Costs), c.NIterNoChange, c.Tol, len(res.ValidationRows))
}

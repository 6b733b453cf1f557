package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/ann-go/ann/internal/finite"
	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network"
	"github.com/ann-go/ann/trainer"
	"github.com/ann-go/ann/trainer/dataset"
)

// runPlateau trains as ann train does and prints, every -every iterations,
// what tells a plateau from a minimum: the cost, the size of the gradient
// D^(l) of each layer, and how far apart the hidden units' weight vectors
// point.
func runPlateau(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("plateau", "[data flags] [net flags] [-first K | -last K | -test-fraction F] [-every N]", stdout)
	var df dataFlags
	var nf netFlags
	df.register(fs)
	nf.register(fs)
	nf.registerTraining(fs)
	nf.registerFeatures(fs)
	var sf splitFlags
	sf.register(fs)
	every := fs.Int("every", 500, "print a line every `N` iterations (and for the first and the trained weights)")
	oneOutput := fs.Bool("one-output", false, "two classes only: replace the output layer by one sigmoid unit, h = P(class 1), trained by batch gradient descent on the same cross-entropy")
	ds, err := parseAndLoad(fs, args, &df, &nf)
	if err != nil {
		return err
	}
	if *every < 1 || *every > nf.iters {
		return usagef("-every %d: want from 1 to -iters %d", *every, nf.iters)
	}
	trainIdx, testIdx, err := sf.rows(&df, ds.X.Rows)
	if err != nil {
		return err
	}
	if err := checkMemory(trainMemory(ds, &nf, false)); err != nil {
		return err
	}
	if *oneOutput {
		for _, name := range []string{"momentum", "batch", "optimizer", "standardize", "features", "test-fraction"} {
			if flagGiven(fs, name) {
				return usagef("-one-output trains by plain batch gradient descent on the raw inputs: -%s does not apply", name)
			}
		}
		if nf.sizes[len(nf.sizes)-1] != 2 {
			return usagef("-one-output: the data has %d classes; one output unit can separate 2", nf.sizes[len(nf.sizes)-1])
		}
		return plateauOneOutput(ctx, ds, trainIdx, &nf, *every, stdout)
	}
	nf.snapshots = []int{1}
	for it := *every; it <= nf.iters; it += *every {
		nf.snapshots = append(nf.snapshots, it)
	}
	nf.snapshots = append(nf.snapshots, nf.iters+1)
	r, err := train(ctx, ds, trainIdx, testIdx, &nf, io.Discard)
	if err != nil {
		return err
	}
	X, y := dataset.Rows(ds.X, ds.y, trainIdx)
	S, err := r.model.Standardize(X)
	if err != nil {
		return err
	}
	r.printSummary(stdout)
	L := len(nf.sizes)
	printPlateauHead(stdout, L)
	for _, snap := range r.res.Snapshots {
		cost, label := r.finalCost, "trained"
		if snap.Iter <= len(r.res.Costs) {
			cost, label = r.res.Costs[snap.Iter-1], fmt.Sprint(snap.Iter)
		}
		D := network.Backprop(snap.Net, network.Forward(snap.Net, S), y, nf.lambda)
		printPlateauLine(stdout, label, cost, D, snap.Net)
	}
	return nil
}

// printPlateauHead prints what the columns of ann plateau mean and their
// heading, for a network of L layers.
func printPlateauHead(w io.Writer, L int) {
	fmt.Fprintln(w)
	fmt.Fprintln(w, "‖D^(l)‖: the Euclidean norm of layer l's gradient; spread l: the largest angle")
	fmt.Fprintln(w, "between the weight vectors (bias not counted) of two units of hidden layer l,")
	fmt.Fprintln(w, "as lines, 0° to 90° (units that all point one way or its opposite: near 0°)")
	fmt.Fprintln(w)
	var head strings.Builder
	fmt.Fprintf(&head, "%9s  %8s", "iteration", "cost")
	for l := 1; l < L; l++ {
		fmt.Fprintf(&head, "  %8s", fmt.Sprintf("‖D^(%d)‖", l))
	}
	for l := 2; l < L; l++ {
		fmt.Fprintf(&head, "  %8s", fmt.Sprintf("spread %d", l))
	}
	fmt.Fprintln(w, strings.TrimRight(head.String(), " "))
}

// printPlateauLine prints one line of ann plateau: the weights net at the
// iteration label, their cost and gradients D.
func printPlateauLine(w io.Writer, label string, cost float64, D []*matrix.Dense, net *network.Network) {
	L := net.L()
	line := fmt.Sprintf("%9s  %8.6f", label, cost)
	for l := 1; l < L; l++ {
		line += fmt.Sprintf("  %8.2e", frobenius(D[l]))
	}
	for l := 2; l < L; l++ {
		line += fmt.Sprintf("  %7.1f°", unitSpread(net.Theta[l-1]))
	}
	fmt.Fprintln(w, line)
}

// plateauOneOutput is ann plateau -one-output: the network of nf with its
// output layer replaced by one sigmoid unit h = P(class 1), trained by
// batch gradient descent on the rows trainIdx of ds with the cross-entropy
//
//	J = -(1/m) Σ_i [ y_i log h_i + (1 - y_i) log(1 - h_i) ] + (λ/2m) Σ Θ²
//
// whose backpropagation is the tutorial's with y the label itself, a 1 x m
// row, instead of its one-hot columns: δ^(L) = h - y as before.
func plateauOneOutput(ctx context.Context, ds *dataSet, trainIdx []int, nf *netFlags, every int, stdout io.Writer) error {
	sizes := append([]int{}, nf.sizes...)
	sizes[len(sizes)-1] = 1
	init := layer.Init
	if nf.init == "text" {
		init = layer.InitText
	}
	net := network.New(init(sizes, uint32(nf.seed)))
	net.Hidden = nf.network().Hidden
	X, labels := dataset.Rows(ds.X, ds.y, trainIdx)
	m := len(labels)
	Y := matrix.New(1, m)
	for i, c := range labels {
		Y.Data[i] = float64(c)
	}
	steps := network.Tutorial
	steps.Y = func([]int, int) *matrix.Dense { return Y }
	zeros := make([]int, m) // the labels Backward checks against K = 1; steps.Y gives the real ones
	cost := func(p *network.Pass) float64 {
		h := p.A[len(p.A)-1]
		J := 0.0
		for i, v := range h.Data {
			if labels[i] == 1 {
				J -= math.Log(v)
			} else {
				J -= math.Log1p(-v)
			}
		}
		return J/float64(m) + network.Regularization(net, nf.lambda, m)
	}
	accuracy := func(X *matrix.Dense, labels []int) float64 {
		h := network.Forward(net, X).A[len(sizes)]
		right := 0
		for i, v := range h.Data {
			if (v > 0.5) == (labels[i] == 1) {
				right++
			}
		}
		return float64(right) / float64(len(labels))
	}
	var lines []string
	var first, last float64
	record := func(label string, p *network.Pass, J float64) {
		var b strings.Builder
		printPlateauLine(&b, label, J, steps.Backward(net, p, zeros, nf.lambda).D, net)
		lines = append(lines, b.String())
	}
	for it := 1; it <= nf.iters; it++ {
		if it%1000 == 0 && ctx.Err() != nil {
			return &interruptedError{}
		}
		p := network.Forward(net, X)
		J := cost(p)
		if !finite.Is(J) {
			return diverged(trainer.DivergenceError{Iter: it, Cost: J}, trainer.Config{Iters: nf.iters, Alpha: nf.alpha, Lambda: nf.lambda})
		}
		if it == 1 {
			first = J
		}
		last = J
		if it == 1 || it%every == 0 {
			record(fmt.Sprint(it), p, J)
		}
		trainer.Step(net.Theta, steps.Backward(net, p, zeros, nf.lambda).D, nf.alpha)
	}
	p := network.Forward(net, X)
	final := cost(p)
	record("trained", p, final)
	fmt.Fprintf(stdout, "network:  %s with one sigmoid output h = P(class 1), %s hidden layers, init %s seed %d\n",
		strings.Trim(strings.Join(strings.Fields(fmt.Sprint(sizes)), ","), "[]"), net.Hidden, nf.init, nf.seed)
	fmt.Fprintf(stdout, "training: %d iterations of batch gradient descent, alpha %v, lambda %v, on %d of %d rows\n", nf.iters, nf.alpha, nf.lambda, m, ds.X.Rows)
	fmt.Fprintf(stdout, "cost:     %.6f at iteration 1, %.6f at iteration %d, %.6f after training\n", first, last, nf.iters, final)
	fmt.Fprintf(stdout, "accuracy: %.3f on the %d training rows, %.3f on all %d rows\n", accuracy(X, labels), m, accuracy(ds.X, ds.y), ds.X.Rows)
	printPlateauHead(stdout, len(sizes))
	for _, l := range lines {
		fmt.Fprint(stdout, l)
	}
	return nil
}

// frobenius returns the Euclidean norm of all of a's entries.
func frobenius(a *matrix.Dense) float64 {
	s := 0.0
	for _, v := range a.Data {
		s += v * v
	}
	return math.Sqrt(s)
}

// unitSpread returns the largest angle in degrees, 0 to 90, between the
// lines of two rows of Θ (each row one unit's incoming weights, column 0
// the bias, not counted): 0 when every unit's weights point one way or the
// opposite one. It returns 0 for a single unit or units without weights.
func unitSpread(theta *matrix.Dense) float64 {
	worst := 0.0
	for j := 0; j < theta.Rows; j++ {
		for k := j + 1; k < theta.Rows; k++ {
			dot, nj, nk := 0.0, 0.0, 0.0
			for i := 1; i < theta.Cols; i++ {
				a, b := theta.At(j, i), theta.At(k, i)
				dot, nj, nk = dot+a*b, nj+a*a, nk+b*b
			}
			if nj == 0 || nk == 0 {
				continue
			}
			c := min(1, math.Abs(dot)/math.Sqrt(nj*nk))
			worst = max(worst, math.Acos(c)*180/math.Pi)
		}
	}
	return worst
}

package main

import (
	"context"
	"fmt"
	"io"
	"math"

	"github.com/ann-go/ann/internal/safefile"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network"
	"github.com/ann-go/ann/svgplot"
	"github.com/ann-go/ann/trainer/dataset"
)

// runLandscape trains the tutorial's Take 1 and Take 2 and draws the cost
// around their paths: J along the straight line from the initial to the
// trained weights, and J on the plane through that line that holds most of
// the path's departure from it, with the path drawn on it.
func runLandscape(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("landscape", "[-seed S] [-steps N] -out DIR", stdout)
	var df dataFlags
	var nf netFlags
	df.register(fs)
	nf.register(fs)
	nf.registerTraining(fs)
	steps := fs.Int("steps", 41, "grid `points` along each side of a slice")
	var of outFlags
	of.register(fs, "", "write landscape.svg to `DIR`")
	ds, err := parseAndLoad(fs, args, &df, &nf)
	if err != nil {
		return err
	}
	if flagGiven(fs, "first") || flagGiven(fs, "iters") {
		return usagef("landscape runs Take 1 (all rows, -iters 1000) and Take 2 (-first 500, 5000 iterations) itself: -first and -iters do not apply")
	}
	if *steps < 5 || *steps > 201 {
		return usagef("-steps %d: want from 5 to 201", *steps)
	}
	if of.dir == "" {
		return usagef("-out DIR: the directory to write landscape.svg to")
	}
	if ds.X.Rows < 500 {
		return usagef("the data set has %d rows; Take 2 trains on the first 500", ds.X.Rows)
	}
	if _, err := of.prepare(stderr); err != nil {
		return err
	}
	if err := checkMemory(trainMemory(ds, &nf, false)); err != nil {
		return err
	}
	var curves []svgplot.Curve
	var slices []svgplot.Slice
	for _, tk := range []struct {
		name        string
		rows, iters int
	}{{"Take 1", ds.X.Rows, 1000}, {"Take 2", 500, 5000}} {
		n := nf
		n.iters = tk.iters
		l, err := landscapeOf(ctx, ds, seq(tk.rows), &n, *steps)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s: %d rows, %d iterations: J(Θ_init) %.6f, the first recorded cost %.6f; J(Θ_final) %.6f, the cost after training %.6f\n",
			tk.name, tk.rows, tk.iters, l.lineJ[l.zero], l.first, l.lineJ[l.one], l.final)
		fmt.Fprintf(stdout, "        ‖Θ_final − Θ_init‖ %.3f; the path departs from the straight line by up to %.3f\n", l.dist, l.departure)
		curves = append(curves, svgplot.Curve{Name: tk.name, X: l.lineT, Y: l.lineJ})
		slices = append(slices, l.slice(tk.name))
	}
	opt := ds.options("The loss landscape of Take 1 and Take 2", "")
	opt.Subtitle = fmt.Sprintf("layers %s · α %v · seed %d · d1 along Θ_final − Θ_init, d2 the path's largest departure from that line", &nf.sizes, nf.alpha, nf.seed)
	opt.XLabel, opt.YLabel = "d1", "d2"
	opt.ClassNames = nil
	return of.writeSet(ctx, []safefile.File{{Name: "landscape.svg", Write: func(w io.Writer) error {
		return svgplot.Landscape(w, curves, slices, opt)
	}}}, stderr)
}

// landscape is the cost around one training run.
type landscape struct {
	first, final    float64   // the first recorded cost and the cost after training
	lineT, lineJ    []float64 // J(Θ_init + t (Θ_final − Θ_init))
	zero, one       int       // the indexes of t = 0 and t = 1 in lineT
	dist, departure float64   // ‖Θ_final − Θ_init‖, the largest |d2| of the path
	a, b, J         []float64 // the slice's grid and costs
	pathA, pathB    []float64
}

func (l *landscape) slice(title string) svgplot.Slice {
	return svgplot.Slice{Title: title, A: l.a, B: l.b, J: l.J, PathA: l.pathA, PathB: l.pathB}
}

// landscapeOf trains nf on the rows idx of ds, keeping the weights every few
// iterations, and computes the line and the slice (steps x steps) through
// them: d1 the unit vector from Θ_init to Θ_final, d2 the unit vector
// orthogonal to it along which the path's departures from the line are
// largest (the first principal component of the departures, taken about 0).
func landscapeOf(ctx context.Context, ds *dataSet, idx []int, nf *netFlags, steps int) (*landscape, error) {
	every := max(1, nf.iters/500)
	nf.snapshots = []int{1}
	for it := every; it <= nf.iters; it += every {
		nf.snapshots = append(nf.snapshots, it)
	}
	nf.snapshots = append(nf.snapshots, nf.iters+1)
	r, err := train(ctx, ds, idx, nil, nf, io.Discard)
	if err != nil {
		return nil, err
	}
	X, y := dataset.Rows(ds.X, ds.y, idx)
	S, err := r.model.Standardize(X)
	if err != nil {
		return nil, err
	}
	init := flatten(r.res.Snapshots[0].Net)
	net := r.res.Snapshots[0].Net.Copy()
	J := func(v []float64) float64 {
		unflatten(net, v)
		return network.Cost(net, S, y, nf.lambda)
	}
	l := &landscape{first: r.res.Costs[0], final: r.finalCost}
	d1 := sub(flatten(r.res.Net), init)
	l.dist = norm(d1)
	scale(d1, 1/l.dist)
	// The departures of the path from the line, and their first principal
	// direction by power iteration.
	var dev [][]float64
	for _, snap := range r.res.Snapshots {
		u := sub(flatten(snap.Net), init)
		u = axpy(-dot(u, d1), d1, u)
		dev = append(dev, u)
	}
	d2 := principal(dev, d1)
	for _, snap := range r.res.Snapshots {
		u := sub(flatten(snap.Net), init)
		l.pathA = append(l.pathA, dot(u, d1))
		l.pathB = append(l.pathB, dot(u, d2))
	}
	for i := -10; i <= 50; i++ {
		t := float64(i) / 40
		if i == 0 {
			l.zero = len(l.lineT)
		}
		if i == 40 {
			l.one = len(l.lineT)
		}
		l.lineT = append(l.lineT, t)
		l.lineJ = append(l.lineJ, J(axpy(t*l.dist, d1, init)))
	}
	alo, ahi := span(l.pathA)
	blo, bhi := span(l.pathB)
	l.departure = max(-blo, bhi)
	pad := 0.15 * (ahi - alo)
	alo, ahi = alo-pad, ahi+pad
	half, mid := max((bhi-blo)/2+pad, 0.3*(ahi-alo)), (blo+bhi)/2
	blo, bhi = mid-half, mid+half
	l.a, l.b = matrix.Linspace(alo, ahi, steps, true), matrix.Linspace(blo, bhi, steps, true)
	for j, bv := range l.b {
		if j%8 == 0 && ctx.Err() != nil {
			return nil, &interruptedError{}
		}
		for _, av := range l.a {
			l.J = append(l.J, J(axpy(bv, d2, axpy(av, d1, init))))
		}
	}
	return l, nil
}

// principal returns the unit vector along which the vectors vs (each
// orthogonal to d1) spread most, orthogonal to d1: the top eigenvector of
// Σ v vᵀ, by power iteration. If they do not spread (a straight path), it
// returns a unit vector orthogonal to d1.
func principal(vs [][]float64, d1 []float64) []float64 {
	n := len(d1)
	x := make([]float64, n)
	for i := range x {
		x[i] = 1 / math.Sqrt(float64(i+2)) // a fixed start, not orthogonal to much
	}
	for range 200 {
		next := make([]float64, n)
		for _, v := range vs {
			next = axpy(dot(v, x), v, next)
		}
		next = axpy(-dot(next, d1), d1, next)
		if norm(next) == 0 {
			break
		}
		scale(next, 1/norm(next))
		x = next
	}
	x = axpy(-dot(x, d1), d1, x)
	scale(x, 1/norm(x))
	return x
}

// flatten returns the weights of n, Θ^(1), Θ^(2), ... in order, as one
// vector; unflatten sets them from one.
func flatten(n *network.Network) []float64 {
	var v []float64
	for _, T := range n.Theta[1:] {
		v = append(v, T.Data...)
	}
	return v
}

func unflatten(n *network.Network, v []float64) {
	for _, T := range n.Theta[1:] {
		v = v[copy(T.Data, v):]
	}
}

func sub(a, b []float64) []float64 {
	c := make([]float64, len(a))
	for i := range a {
		c[i] = a[i] - b[i]
	}
	return c
}

// axpy returns a x + y.
func axpy(a float64, x, y []float64) []float64 {
	z := make([]float64, len(x))
	for i := range x {
		z[i] = a*x[i] + y[i]
	}
	return z
}

func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

func norm(a []float64) float64 { return math.Sqrt(dot(a, a)) }

func scale(a []float64, f float64) {
	for i := range a {
		a[i] *= f
	}
}

// span returns the smallest and largest of vs.
func span(vs []float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, v := range vs {
		lo, hi = min(lo, v), max(hi, v)
	}
	return lo, hi
}

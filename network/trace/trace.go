// Package trace prints every step of one forward and one backward pass of the
// tutorial's network for m examples, then one step of gradient descent, in the
// tutorial's notation, for checking its sections "Forward propagation", "Cost
// function" and "Backpropagation" by hand:
//
//	a^(1) = [1; x],  z^(l+1) = Θ^(l) a^(l),  a^(l+1) = [1; g(z^(l+1))],  h = a^(L)
//	J = -(1/m) Σ_examples Σ_k [ y_k log(h_k) + (1 - y_k) log(1 - h_k) ] + (λ/2m) Σ (Θ^(l)_{j,i≥1})²
//	δ^(L) = a^(L) - y,  δ^(l) = (Θ^(l)_{:,1:})ᵀ δ^(l+1) .* g'(z^(l))
//	Δ^(l) = δ^(l+1) (a^(l))ᵀ = Σ_examples δ^(l+1) (a^(l))ᵀ of each,  D^(l) = (1/m) Δ^(l) + (λ/m) Θ^(l)
//	Θ^(l) := Θ^(l) - α D^(l)
//
// It prints what package network's Forward, CostOf, Tutorial.Backward and
// CheckGradients compute, and checks its numbers against them.
package trace

import (
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ann-go/ann/internal/finite"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network"
)

// DefaultAlpha is the learning rate of the update Write shows: the
// tutorial's α = 0.5.
const DefaultAlpha = 0.5

// Options are what WriteExamples needs besides the network and the examples.
type Options struct {
	// Lambda is λ, the regularization: a finite number >= 0.
	Lambda float64
	// Alpha is α, the learning rate of the update shown at the end: a finite
	// number >= 0.
	Alpha float64
	// First is the row of the data set that X's first example is, for the
	// column headings ("ex 17"); 0 when X is the data set's first rows.
	First int
	// Rows prints a^(l), z^(l), δ^(l) and y in numpy's layout, one example
	// per row (the tutorial's A[l], m x (s_l + 1)), instead of one per
	// column as the equations write them.
	Rows bool
}

// Write is WriteExamples for the single example x with the given label
// (m = 1), λ = lambda and α = DefaultAlpha.
func Write(w io.Writer, n *network.Network, x []float64, label int, lambda float64) error {
	return WriteExamples(w, n, matrix.FromRows([][]float64{x}), []int{label}, Options{Lambda: lambda, Alpha: DefaultAlpha})
}

// WriteExamples writes to w every step of one forward and one backward pass
// for the m examples X (m x s_1, one per row) with labels y, and the update
// that follows, in the tutorial's notation, for checking a calculation by
// hand. In order:
//
//	the layer sizes, g, λ, α, m, how units and examples are numbered, X, the labels and the one-hot y
//	Θ^(l) for l = 1..L-1
//	a^(1) = [1; x], then z^(l+1) = Θ^(l) a^(l) and a^(l+1) = [1; g(z^(l+1))], h = a^(L) = g(z^(L))
//	J: the cross-entropy term of each output unit and example, the 1/m, the λ term, their sum
//	δ^(L) = a^(L) - y, then δ^(l) = (Θ^(l)_{:,1:})ᵀ δ^(l+1) .* g'(z^(l)) for l = L-1..2
//	for l = 1..L-1: each example's δ^(l+1) (a^(l))ᵀ (when m > 1), their sum Δ^(l),
//	    (λ/m) Θ^(l), D^(l) = (1/m) Δ^(l) + (λ/m) Θ^(l), and beside D^(l) the numerical gradient
//	Θ^(l) - α D^(l) for l = 1..L-1, and J before and after
//	the checks
//
// Units are numbered from 1 in every layer, unit 0 being the bias unit, and
// the output unit of class c (a label 0..K-1) is k = c + 1; the output says
// so at its top. Each quantity has one column per example, as the network
// holds them; with one example, the vectors of a step share one table. Next
// to each symbol is the name the tutorial's numpy code gives it (A[2],
// d[3], Deltas[2], Theta_grads[1], ...). Every number has six decimals.
//
// The numbers are those of Forward, CostOf and network.Tutorial.Backward
// themselves (each δ^(l), Δ^(l), λ term and D^(l)); only J's terms, each
// example's share of Δ^(l) and the two factors of δ^(l) are computed here,
// for showing, and the numerical gradient is CheckGradients'. The last
// lines check the J printed against CostOf, the D printed against Backprop
// and against the numerical gradient. If J or D differ from CostOf's or
// Backprop's, which would be a bug, WriteExamples says so and returns an
// error after writing everything; a numerical gradient that differs (as it
// may next to a kink of ReLU) is only reported. It returns the first error
// from w instead, if there is one.
//
// It panics if n is not a network, X has no rows, X does not fit the input
// layer or holds a number that is not finite, a label is not a class
// (0..K-1), or λ or α is not a finite number >= 0.
func WriteExamples(w io.Writer, n *network.Network, X *matrix.Dense, y []int, o Options) error {
	sizes, err := n.Check()
	if err != nil {
		panic("trace: " + err.Error())
	}
	if X == nil || X.Rows == 0 {
		panic("trace: no examples")
	}
	if err := n.CheckX(X); err != nil {
		panic("trace: " + strings.TrimPrefix(err.Error(), "network: "))
	}
	if err := n.CheckLabels(y, X.Rows); err != nil {
		panic("trace: " + strings.TrimPrefix(err.Error(), "network: "))
	}
	for _, v := range []struct {
		name string
		v    float64
	}{{"lambda", o.Lambda}, {"alpha", o.Alpha}} {
		if !(finite.Is(v.v) && v.v >= 0) {
			panic(fmt.Sprintf("trace: %s %v: want a finite number >= 0", v.name, v.v))
		}
	}
	tr := &traceRun{
		tracer: tracer{w: w, rows: o.Rows},
		n:      n,
		L:      n.L(),
		K:      n.K(),
		m:      X.Rows,
		sizes:  sizes,
		X:      X,
		labels: y,
		y:      network.OneHot(y, n.K()),
		o:      o,
		p:      network.Forward(n, X),
	}
	for e := range tr.m {
		tr.ex = append(tr.ex, "ex "+strconv.Itoa(o.First+e))
	}
	tr.header()
	tr.weights()
	tr.forward()
	Jtraced, J := tr.cost()
	b := network.Tutorial.Backward(n, tr.p, y, o.Lambda)
	tr.backward(b)
	num := network.CheckGradients(n, X, y, o.Lambda)
	D := tr.gradients(b, num)
	tr.update(D, J)

	// The checks against the package's own functions.
	tr.section("Check")
	dJ := traceDifference(Jtraced, J)
	dD := traceLargestDifference(D, network.Backprop(n, network.Forward(n, X), y, o.Lambda))
	tr.printf("\nJ above vs network.CostOf(n, network.Forward(n, X), y, λ): relative difference %.3g, matches CostOf: %s\n", dJ, traceYesNo(dJ <= traceTolerance))
	tr.printf("D above vs network.Backprop(n, network.Forward(n, X), y, λ): largest difference %.3g, matches Backprop: %s\n", dD, traceYesNo(dD <= traceTolerance))
	tr.printf("D above vs the numerical gradient (network.CheckGradients): largest relative difference below %s: %s\n",
		numericalLimitText, traceYesNo(num.Max <= numericalLimit))
	switch {
	case tr.err != nil:
		return tr.err
	case !(dJ <= traceTolerance):
		return fmt.Errorf("trace: the J traced, %v, differs from CostOf's, %v", Jtraced, J)
	case !(dD <= traceTolerance):
		return fmt.Errorf("trace: the D traced differs from Backprop's by %.3g", dD)
	}
	return nil
}

// traceTolerance is the largest relative difference Write accepts between the
// numbers it computes and those of CostOf and Backprop. They come from the same
// operations in the same order, so it allows only for rounding, were either
// ever to change its order of summation.
const traceTolerance = 1e-12

// numericalLimit is the largest relative difference (network.GradCheck.Max)
// between D and the numerical gradient that the trace calls a match, as ann
// gradcheck does; smallDifference is the largest |D - numerical| of one weight
// that it prints as "< 1e-9" rather than as a number, whose last digits depend
// on rounding.
const (
	numericalLimit      = 1e-7
	numericalLimitText  = "1e-7"
	smallDifference     = 1e-9
	smallDifferenceText = "< 1e-9"
)

// traceDifference returns |a - b| / max(1, |b|), and 0 when a and b are the
// same number, infinities and NaN included.
func traceDifference(a, b float64) float64 {
	if a == b || math.IsNaN(a) && math.IsNaN(b) {
		return 0
	}
	return math.Abs(a-b) / math.Max(1, math.Abs(b))
}

// traceLargestDifference returns the largest traceDifference between the
// elements of the matrices a[l] and b[l], l ≥ 1: NaN if one is NaN where the
// other is not, +Inf if their shapes differ.
func traceLargestDifference(a, b []*matrix.Dense) float64 {
	if len(a) != len(b) {
		return math.Inf(1)
	}
	d := 0.0
	for l := 1; l < len(a); l++ {
		if !matrix.SameShape(a[l], b[l]) {
			return math.Inf(1)
		}
		for i, v := range a[l].Data {
			if e := traceDifference(v, b[l].Data[i]); e > d || math.IsNaN(e) {
				d = e
			}
		}
	}
	return d
}

// traceRun is one call of WriteExamples: the network, the examples and
// their forward pass.
type traceRun struct {
	tracer
	n      *network.Network
	L, K   int
	m      int
	sizes  []int
	X      *matrix.Dense
	labels []int
	y      *matrix.Dense // the one-hot y, K x m
	o      Options
	p      *network.Pass
	ex     []string // the column heading of each example
}

// header writes the network, λ, α, how to read the trace, and the examples.
func (tr *traceRun) header() {
	n, L, K, m := tr.n, tr.L, tr.K, tr.m
	if m == 1 {
		tr.printf("Backpropagation, step by step, for one example (m = 1)\n\n")
	} else {
		tr.printf("Backpropagation, step by step, for m = %d examples\n\n", m)
	}
	tr.printf("layers   L = %d: s_1..s_%d = %s (%d inputs, K = %d classes)\n", L, L, traceJoinInts(tr.sizes), tr.sizes[0], K)
	if L > 2 {
		tr.printf("g        %s in the hidden layers, sigmoid at the output\n", n.Hidden)
		tr.printf("g'(z)    %s in the hidden layers, from a = g(z)\n", traceGradFormula(n.Hidden))
	} else {
		tr.printf("g        sigmoid at the output (no hidden layers)\n")
	}
	tr.printf("λ        %s   (numpy: lamb)\n", strconv.FormatFloat(tr.o.Lambda, 'g', -1, 64))
	tr.printf("α        %s   (numpy: alpha), for the update at the end\n", strconv.FormatFloat(tr.o.Alpha, 'g', -1, 64))
	tr.printf("m        %d\n", m)
	tr.printf("\nHow to read it. Units are numbered from 1 in every layer: a_j^(l) for\n")
	tr.printf("j = 1..s_l, and h_k for k = 1..K at the output. Unit 0 is the bias unit,\n")
	tr.printf("always 1, in every layer but the output, which has none. So class c (a\n")
	tr.printf("label 0..K-1, as the data holds it) is output unit k = c + 1, and the\n")
	tr.printf("one-hot y has y_k = 1 for k = c + 1. Row j of Θ^(l) holds the weights into\n")
	tr.printf("unit j of layer l+1, column i those from a_i^(l).\n")
	if tr.o.Rows {
		tr.printf("Here (-rows) each quantity of the examples has one row per example (\"ex 17\"\n")
		tr.printf("is row 17 of the data), as the tutorial's numpy code keeps them: A[l], Z[l],\n")
		tr.printf("d[l] and y_mat are printed as numpy holds them (A[l] is m x (s_l + 1)), and\n")
		tr.printf("the equations' a^(l), z^(l), δ^(l) and y, one column per example, are their\n")
		tr.printf("transposes; a column headed j=2 (or i=2, k=2) is unit 2. Thetas[l], Deltas[l]\n")
		tr.printf("and Theta_grads[l] are as printed. numpy counts from 0: unit j of Z[l], d[l] and\n")
		tr.printf("A[L] (h) is column j-1, and row j of Θ^(l) is row j-1 of Thetas[l]; unit i of\n")
		tr.printf("A[l] is its column i (column 0: the bias unit).\n")
	} else {
		tr.printf("Each quantity has one column per example (\"ex 17\" is row 17 of the data),\n")
		tr.printf("as the equations write them. The tutorial's numpy code keeps one example per\n")
		tr.printf("row, so its A[l], Z[l], d[l] and y_mat are the transposes of a^(l), z^(l),\n")
		tr.printf("δ^(l) and y here (print A[2].T to compare); Thetas[l], Deltas[l] and\n")
		tr.printf("Theta_grads[l] are as printed. numpy counts from 0: unit j of z^(l), δ^(l),\n")
		tr.printf("h and the rows of Θ^(l) is its index j-1; a^(l)'s unit i is its index i.\n")
	}

	tr.section("Examples")
	tr.printf("\nX, one example per row (numpy: X), and the labels (numpy: y)\n")
	cols := []traceColumn{{head: "", cells: tr.ex}}
	for j := 0; j < tr.X.Cols; j++ {
		cells := make([]string, m)
		for e := range cells {
			cells[e] = traceNum(tr.X.At(e, j))
		}
		cols = append(cols, traceColumn{head: fmt.Sprintf("x_%d", j+1), cells: cells, num: true})
	}
	cols = append(cols, traceColumn{head: "label", cells: traceLabels(tr.labels)})
	tr.table(cols...)
	tr.printf("\ny, the one-hot labels: y_k = 1 for k = label + 1  (%dx%d, numpy: y_mat.T)\n", K, m)
	tr.examples("k", traceSeq(1, K), tr.y, traceInts)
}

// weights writes each Θ^(l).
func (tr *traceRun) weights() {
	tr.section("Weights")
	for l := 1; l < tr.L; l++ {
		th := tr.n.Theta[l]
		tr.printf("\nΘ^(%d)  (%dx%d = s_%d x (s_%d + 1), column 0 = bias weights, numpy: Thetas[%d])\n", l, th.Rows, th.Cols, l+1, l, l)
		tr.matrix(th, tr.rows(l))
	}
}

// forward writes a^(1), then z and a of every further layer.
func (tr *traceRun) forward() {
	p, L, K, m := tr.p, tr.L, tr.K, tr.m
	tr.section("Forward propagation")
	tr.printf("\na^(1) = [1; x]  (%dx%d, numpy: A[1].T)\n", p.A[1].Rows, m)
	tr.vectors("i", vec{"a^(1)", p.A[1], 0})
	for l := 2; l <= L; l++ {
		z, a := p.Z[l], p.A[l]
		tr.printf("\nz^(%d) = Θ^(%d) a^(%d)  (%dx%d, numpy: Z[%d].T)\n", l, l-1, l-1, z.Rows, m, l)
		if l < L {
			tr.printf("a^(%d) = [1; g(z^(%d))]  (%dx%d, numpy: A[%d].T)\n", l, l, a.Rows, m, l)
			tr.vectors("j", vec{fmt.Sprintf("z^(%d)", l), z, 1}, vec{fmt.Sprintf("a^(%d)", l), a, 0})
			continue
		}
		tr.printf("h = a^(%d) = g(z^(%d))  (%dx%d, no bias unit, numpy: A[%d].T)\n", L, L, K, m, L)
		tr.vectors("k", vec{fmt.Sprintf("z^(%d)", L), z, 1}, vec{fmt.Sprintf("h = a^(%d)", L), a, 1})
	}
}

// cost writes J term by term. It returns the J it adds up and CostOf's.
func (tr *traceRun) cost() (traced, J float64) {
	n, K, m := tr.n, tr.K, tr.m
	tr.section("Cost")
	tr.printf("\nJ = (1/m) Σ_examples Σ_k [ -y_k log(h_k) - (1 - y_k) log(1 - h_k) ]\n")
	tr.printf("    + (λ/2m) Σ_l Σ_{j, i≥1} (Θ^(l)_{j,i})²\n")
	tr.printf("Each y_k is 0 or 1, so only one of the two logs counts: the term of unit k\n")
	tr.printf("is -log(h_k) where y_k = 1 and -log(1 - h_k) where y_k = 0.\n")
	h := tr.p.H()
	terms := matrix.New(K, m)
	sums := make([]float64, m)
	cross := 0.0
	for k := 0; k < K; k++ {
		for e := 0; e < m; e++ {
			var c float64
			if tr.labels[e] == k {
				c = -math.Log(h.At(k, e))
			} else {
				c = -math.Log(1 - h.At(k, e))
			}
			terms.Set(k, e, c)
		}
	}
	for e := 0; e < m; e++ {
		for k := 0; k < K; k++ {
			sums[e] += terms.At(k, e)
		}
	}
	// CostOf adds the terms unit by unit, each over the examples.
	for k := 0; k < K; k++ {
		for e := 0; e < m; e++ {
			cross += terms.At(k, e)
		}
	}
	if tr.o.Rows {
		tr.printf("\nthe terms  (%dx%d)\n", m, K)
	} else {
		tr.printf("\nthe terms  (%dx%d)\n", K, m)
	}
	tr.examples("k", append(traceSeq(1, K), "Σ_k"), &matrix.Dense{Rows: K + 1, Cols: m, Data: append(append([]float64{}, terms.Data...), sums...)}, traceNumbers)
	sq := 0.0
	var perLayer []string
	for l := 1; l < tr.L; l++ {
		s := matrix.Sum(matrix.Apply(func(v float64) float64 { return v * v }, matrix.DropFirstCol(n.Theta[l])))
		sq += s
		perLayer = append(perLayer, fmt.Sprintf("Θ^(%d): %s", l, traceNum(s)))
	}
	reg := network.Regularization(n, tr.o.Lambda, m)
	J = network.CostOf(n, tr.p, tr.labels, tr.o.Lambda)
	tr.printf("\ncross-entropy   (1/m) Σ terms = (1/%d) × %s = %s\n", m, traceNum(cross), traceNum(cross/float64(m)))
	tr.printf("squared weights Σ_l Σ_{j, i≥1} (Θ^(l)_{j,i})² = %s\n", traceNum(sq))
	tr.printf("                (%s)\n", strings.Join(perLayer, ", "))
	tr.printf("λ term          (λ/2m) × %s = %s\n", traceNum(sq), traceNum(reg))
	tr.printf("J = %s + %s = %s   (numpy: calculate_cost(X, y, Thetas, lamb))\n", traceNum(cross/float64(m)), traceNum(reg), traceNum(J))
	return cross/float64(m) + reg, J
}

// backward writes δ^(L), then δ^(l) for l = L-1 down to 2, from b, the
// tutorial's backpropagation; beside each δ^(l) it shows the two factors
// whose product it is.
func (tr *traceRun) backward(b *network.Backward) {
	n, p, L, K, m := tr.n, tr.p, tr.L, tr.K, tr.m
	tr.section("Backpropagation")
	delta := b.SmallDelta
	tr.printf("\nδ^(%d) = a^(%d) - y  (%dx%d, numpy: d[%d].T)\n", L, L, K, m, L)
	tr.vectors("k", vec{fmt.Sprintf("a^(%d)", L), p.A[L], 1}, vec{"y", b.Y, 1}, vec{fmt.Sprintf("δ^(%d)", L), delta[L], 1})
	for l := L - 1; l >= 2; l-- {
		a := network.DropBiasRow(p.A[l])
		back := matrix.TMul(matrix.DropFirstCol(n.Theta[l]), delta[l+1])
		grad := matrix.Apply(n.Hidden.GradientFromA, a)
		tr.printf("\nδ^(%d) = (Θ^(%d)_{:,1:})ᵀ δ^(%d) .* g'(z^(%d))  (%dx%d, numpy: d[%d].T)\n", l, l, l+1, l, delta[l].Rows, m, l)
		tr.printf("Θ^(%d)_{:,1:} is Θ^(%d) without column 0, the bias weights: the bias unit has no δ\n", l, l)
		tr.printf("g'(z^(%d)) = %s, from a = a^(%d) without its bias unit\n", l, traceGradFormula(n.Hidden), l)
		tr.vectors("j",
			vec{fmt.Sprintf("(Θ^(%d)_{:,1:})ᵀ δ^(%d)", l, l+1), back, 1},
			vec{fmt.Sprintf("a^(%d)", l), a, 1},
			vec{fmt.Sprintf("g'(z^(%d))", l), grad, 1},
			vec{fmt.Sprintf("δ^(%d)", l), delta[l], 1},
		)
	}
}

// gradients writes, for l = 1..L-1, each example's share of Δ^(l), Δ^(l),
// the λ term, D^(l) and beside it the numerical gradient, and returns D by
// layer number.
func (tr *traceRun) gradients(b *network.Backward, num network.GradCheck) []*matrix.Dense {
	m, delta := tr.m, b.SmallDelta
	tr.section("Gradients")
	if m > 1 {
		tr.printf("\nΔ^(l) = δ^(l+1) (a^(l))ᵀ adds up over the examples: it is the sum of each\n")
		tr.printf("example's δ^(l+1) (a^(l))ᵀ, its column of δ^(l+1) times its column of a^(l),\n")
		tr.printf("transposed. D^(l) then divides by m: the mean over the examples.\n")
	}
	D := make([]*matrix.Dense, tr.L)
	for l := 1; l < tr.L; l++ {
		rows := tr.rows(l)
		if m > 1 {
			for e := 0; e < m; e++ {
				share := matrix.MulT(column(delta[l+1], e), column(tr.p.A[l], e))
				tr.printf("\n%s: δ^(%d) (a^(%d))ᵀ of this example alone  (%dx%d)\n", tr.ex[e], l+1, l, share.Rows, share.Cols)
				tr.matrix(share, rows)
			}
		}
		Delta := b.Delta[l]
		sum := ""
		if m > 1 {
			sum = fmt.Sprintf(", the sum of the %d above", m)
		}
		tr.printf("\nΔ^(%d) = δ^(%d) (a^(%d))ᵀ  (%dx%d: entry %s,i is Σ_examples δ^(%d)_%s a^(%d)_i%s, numpy: Deltas[%d])\n",
			l, l+1, l, Delta.Rows, Delta.Cols, rows.head, l+1, rows.head, l, sum, l)
		tr.matrix(Delta, rows)
		D[l] = b.D[l]
		if m > 1 {
			tr.printf("\n(1/m) Δ^(%d) = (1/%d) Δ^(%d)\n", l, m, l)
			tr.matrix(matrix.Scale(1/float64(m), Delta), rows)
		}
		if tr.o.Lambda != 0 {
			tr.printf("\n(λ/m) Θ^(%d), column 0 set to 0 (the bias weights are not regularized; numpy: Theta_regs[%d])\n", l, l)
			tr.matrix(b.Reg[l], rows)
		}
		tr.printf("\nD^(%d) = (1/m) Δ^(%d) + (λ/m) Θ^(%d), no λ term in column 0  (%dx%d, numpy: Theta_grads[%d])\n", l, l, l, D[l].Rows, D[l].Cols, l)
		tr.matrix(D[l], rows)

		tr.printf("\nD^(%d) beside the numerical gradient ∂J/∂Θ^(%d)_{%s,i} by central differences\n", l, l, rows.head)
		tr.printf("(network.CheckGradients: J with the one weight moved by ±h, ±2h, h = %g)\n", network.GradCheckStep)
		cells := make([][]string, 5)
		for j := 0; j < D[l].Rows; j++ {
			for i := 0; i < D[l].Cols; i++ {
				d, nu := D[l].At(j, i), num.Numerical[l].At(j, i)
				diff := smallDifferenceText
				if !(math.Abs(d-nu) <= smallDifference) {
					diff = strconv.FormatFloat(d-nu, 'e', 1, 64)
				}
				for c, s := range []string{rows.labels[j], strconv.Itoa(i), traceNum(d), traceNum(nu), diff} {
					cells[c] = append(cells[c], s)
				}
			}
		}
		tr.table(
			traceColumn{head: rows.head, cells: cells[0]},
			traceColumn{head: "i", cells: cells[1]},
			traceColumn{head: fmt.Sprintf("D^(%d)", l), cells: cells[2], num: true},
			traceColumn{head: "numerical", cells: cells[3], num: true},
			traceColumn{head: "D - numerical", cells: cells[4]},
		)
	}
	return D
}

// update writes one step of gradient descent, Θ^(l) - α D^(l), and the cost
// J before it and after it.
func (tr *traceRun) update(D []*matrix.Dense, J float64) {
	tr.section("Update")
	tr.printf("\nOne step of gradient descent with α = %s: Θ^(l) := Θ^(l) - α D^(l)\n", strconv.FormatFloat(tr.o.Alpha, 'g', -1, 64))
	tr.printf("(numpy: Thetas[l] = Thetas[l] - alpha * Theta_grads[l])\n")
	next := tr.n.Copy()
	for l := 1; l < tr.L; l++ {
		next.Theta[l] = matrix.Sub(tr.n.Theta[l], matrix.Scale(tr.o.Alpha, D[l]))
		tr.printf("\nΘ^(%d) - α D^(%d)\n", l, l)
		tr.matrix(next.Theta[l], tr.rows(l))
	}
	after := network.Cost(next, tr.X, tr.labels, tr.o.Lambda)
	tr.printf("\nJ before the update  %s\n", traceNum(J))
	tr.printf("J after the update   %s   (change %s)\n", traceNum(after), traceNum(after-J))
}

// rows returns the labels of the rows of Θ^(l), Δ^(l) and D^(l): row j computes
// unit j of layer l+1, j = 1..s_{l+1}, or for the output layer (l+1 = L) unit
// k = 1..K.
func (tr *traceRun) rows(l int) traceRows {
	if l+1 == tr.L {
		return traceRows{"k", traceSeq(1, tr.K)}
	}
	return traceRows{"j", traceSeq(1, tr.sizes[l])}
}

// vec is a quantity with one column per example, and the number of its first
// row's unit.
type vec struct {
	head string
	v    *matrix.Dense
	from int
}

// vectors writes the quantities of one step. With one example they share a
// table, one column each, their rows lined up by unit number; with more, each
// has a table of its own, one column per example.
func (tr *traceRun) vectors(rowHead string, vs ...vec) {
	if tr.m == 1 && !tr.o.Rows {
		lo, hi := vs[0].from, vs[0].from+vs[0].v.Rows
		for _, v := range vs {
			lo, hi = min(lo, v.from), max(hi, v.from+v.v.Rows)
		}
		cols := []traceColumn{{head: rowHead, cells: traceSeq(lo, hi-lo)}}
		for _, v := range vs {
			cells := make([]string, hi-lo)
			format := traceNumbers
			if v.head == "y" {
				format = traceInts
			}
			copy(cells[v.from-lo:], format(v.v.Data))
			cols = append(cols, traceColumn{head: v.head, cells: cells, num: v.head != "y"})
		}
		tr.table(cols...)
		return
	}
	for _, v := range vs {
		if len(vs) > 1 {
			tr.printf("%s\n", v.head)
		}
		format := traceNumbers
		if v.head == "y" {
			format = traceInts
		}
		tr.examples(rowHead, traceSeq(v.from, v.v.Rows), v.v, format)
	}
}

// examples writes v, one column per example, its rows labeled.
func (tr *traceRun) examples(rowHead string, labels []string, v *matrix.Dense, format func([]float64) []string) {
	if tr.o.Rows { // numpy's layout: a row per example, a column per unit
		cols := []traceColumn{{head: "", cells: tr.ex}}
		for r, label := range labels[:v.Rows] {
			cells := format(v.Row(r))
			head := rowHead + "=" + label
			if strings.HasPrefix(label, "Σ") {
				head = label
			}
			cols = append(cols, traceColumn{head: head, cells: cells, num: true})
		}
		tr.table(cols...)
		return
	}
	cols := []traceColumn{{head: rowHead, cells: labels}}
	for e := 0; e < v.Cols; e++ {
		cells := format(column(v, e).Data)
		cols = append(cols, traceColumn{head: tr.ex[e], cells: cells, num: true})
	}
	tr.table(cols...)
}

// column returns column e of v as a column vector.
func column(v *matrix.Dense, e int) *matrix.Dense {
	c := matrix.New(v.Rows, 1)
	for r := 0; r < v.Rows; r++ {
		c.Data[r] = v.At(r, e)
	}
	return c
}

// traceLabels formats the labels.
func traceLabels(y []int) []string {
	s := make([]string, len(y))
	for i, c := range y {
		s[i] = strconv.Itoa(c)
	}
	return s
}

// tracer writes formatted text and keeps the first write error; after one it
// writes nothing more.
type tracer struct {
	w    io.Writer
	err  error
	rows bool // captions in numpy's layout: "(1x3, numpy: A[1])", not "(3x1, numpy: A[1].T)"
}

// transposedCaption matches a caption of a quantity printed one example per
// column: its shape, and numpy's name of the transpose.
var transposedCaption = regexp.MustCompile(`\((\d+)x(\d+)(, [^()]*?)?, numpy: ([^()]*?)\.T\)`)

func (t *tracer) printf(format string, args ...any) {
	if t.err != nil {
		return
	}
	text := fmt.Sprintf(format, args...)
	if t.rows {
		text = transposedCaption.ReplaceAllString(text, "(${2}x${1}${3}, numpy: ${4})")
	}
	_, t.err = io.WriteString(t.w, text)
}

// section writes a heading.
func (t *tracer) section(title string) {
	t.printf("\n\n%s\n%s\n", title, strings.Repeat("-", utf8.RuneCountInString(title)))
}

// traceColumn is one column of a table: a heading and its cells, top to
// bottom. Cells are right-aligned unless left is set; a column of numbers is
// at least traceNumWidth wide, so that all the number columns line up.
type traceColumn struct {
	head  string
	cells []string
	left  bool
	num   bool
}

// traceNumWidth is the width of a number column: room for a minus sign.
var traceNumWidth = len(traceNum(-0.5))

// table writes the columns side by side, each as wide as the widest of its
// heading and cells, two spaces apart.
func (t *tracer) table(cols ...traceColumn) {
	rows := 0
	width := make([]int, len(cols))
	for c, col := range cols {
		rows = max(rows, len(col.cells))
		width[c] = utf8.RuneCountInString(col.head)
		if col.num {
			width[c] = max(width[c], traceNumWidth)
		}
		for _, s := range col.cells {
			width[c] = max(width[c], utf8.RuneCountInString(s))
		}
	}
	line := func(cell func(c int) string) {
		var b strings.Builder
		for c, col := range cols {
			s := cell(c)
			pad := strings.Repeat(" ", width[c]-utf8.RuneCountInString(s))
			b.WriteString("  ")
			if col.left {
				b.WriteString(s + pad)
			} else {
				b.WriteString(pad + s)
			}
		}
		t.printf("%s\n", strings.TrimRight(b.String(), " "))
	}
	line(func(c int) string { return cols[c].head })
	for r := 0; r < rows; r++ {
		line(func(c int) string {
			if r < len(cols[c].cells) {
				return cols[c].cells[r]
			}
			return ""
		})
	}
}

// traceRows names the rows of a matrix: the heading of their index, and each
// row's.
type traceRows struct {
	head   string
	labels []string
}

// matrix writes a as a table: a column of row labels, then one column per
// column of a, headed by its index i (0 being the bias column).
func (t *tracer) matrix(a *matrix.Dense, rows traceRows) {
	cols := []traceColumn{{head: rows.head + `\i`, cells: rows.labels}}
	for i := 0; i < a.Cols; i++ {
		head := strconv.Itoa(i)
		if i == 0 {
			head = "0 (bias)"
		}
		cells := make([]string, a.Rows)
		for j := range cells {
			cells[j] = traceNum(a.At(j, i))
		}
		cols = append(cols, traceColumn{head: head, cells: cells, num: true})
	}
	t.table(cols...)
}

// traceSeq returns the n numbers from, from+1, ... as strings.
func traceSeq(from, n int) []string {
	s := make([]string, n)
	for i := range s {
		s[i] = strconv.Itoa(from + i)
	}
	return s
}

// traceNum formats v as Write prints every number: six decimals, or, for a
// magnitude of a million or more (weights that diverged, say), six
// significant digits with an exponent, so that a column stays readable.
func traceNum(v float64) string {
	if math.Abs(v) >= 1e6 {
		return strconv.FormatFloat(v, 'e', 5, 64)
	}
	return strconv.FormatFloat(v, 'f', 6, 64)
}

// traceNumbers formats each of v.
func traceNumbers(v []float64) []string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = traceNum(x)
	}
	return s
}

// traceInts formats each of v, whole numbers, without decimals.
func traceInts(v []float64) []string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = strconv.FormatFloat(x, 'f', -1, 64)
	}
	return s
}

// traceJoinInts returns v as "v_0, v_1, ...".
func traceJoinInts(v []int) string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = strconv.Itoa(x)
	}
	return strings.Join(s, ", ")
}

// traceGradFormula returns g'(z) written with a = g(z).
func traceGradFormula(g network.Activation) string {
	switch g {
	case network.Tanh:
		return "1 - a²"
	case network.ReLU:
		return "(1 if a > 0, else 0)"
	}
	return "a(1 - a)"
}

func traceYesNo(ok bool) string {
	if ok {
		return "yes"
	}
	return "no"
}

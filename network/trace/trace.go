// Package trace prints every step of one forward and one backward pass of the
// tutorial's network for a single example, in the tutorial's notation, for
// checking its sections "Forward propagation", "Cost function" and
// "Backpropagation" by hand:
//
//	a^(1) = [1; x],  z^(l+1) = Θ^(l) a^(l),  a^(l+1) = [1; g(z^(l+1))],  h = a^(L)
//	J = -Σ_k [ y_k log(h_k) + (1 - y_k) log(1 - h_k) ] + (λ/2) Σ (Θ^(l)_{j,i≥1})²   (m = 1)
//	δ^(L) = a^(L) - y,  δ^(l) = (Θ^(l)_{:,1:})ᵀ δ^(l+1) .* g'(z^(l))
//	Δ^(l) = δ^(l+1) (a^(l))ᵀ,  D^(l) = (1/m) Δ^(l) + (λ/m) Θ^(l)
//
// It is built on package network's Forward, CostOf and Backprop, and checks
// its numbers against them.
package trace

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network"
)

// Write writes to w every step of one forward and one backward pass for the
// single example x with the given label (m = 1), in the tutorial's notation,
// for checking a calculation by hand. In order:
//
//	the layer sizes, g, λ, m = 1, x, the label and its one-hot y
//	Θ^(l) for l = 1..L-1
//	a^(1) = [1; x], then z^(l+1) = Θ^(l) a^(l) and a^(l+1) = [1; g(z^(l+1))], h = a^(L) = g(z^(L))
//	J: the cross-entropy term of each output unit, the λ term, their sum
//	δ^(L) = a^(L) - y, then δ^(l) = (Θ^(l)_{:,1:})ᵀ δ^(l+1) .* g'(z^(l)) for l = L-1..2
//	Δ^(l) = δ^(l+1) (a^(l))ᵀ and D^(l) = (1/m) Δ^(l) + (λ/m) Θ^(l) for l = 1..L-1
//
// Vectors are printed as columns, one unit per row, numbered as in the
// tutorial: a_i^(l) for i = 0..s_l with i = 0 the bias unit, and the output
// units k = 0..K-1, one per class, so that y_k = 1 for k = label. Every number
// has six decimals.
//
// The numbers are those of Forward and CostOf themselves; the products that
// Backprop keeps to itself (each δ^(l), Δ^(l)) are computed here with the same
// matrix operations. The last lines check the J printed against CostOf and the
// D printed against Backprop. If either differs, which would be a bug, Write
// says so and returns an error after writing everything. It returns the first
// error from w instead, if there is one.
//
// It panics if len(x) is not s_1 or the label is not a class (0..K-1).
func Write(w io.Writer, n *network.Network, x []float64, label int, lambda float64) error {
	sizes, err := n.Check()
	if err != nil {
		panic("trace: " + err.Error())
	}
	if len(x) != sizes[0] {
		panic(fmt.Sprintf("trace: x has %d features but the input layer has %d units", len(x), sizes[0]))
	}
	if K := n.K(); label < 0 || label >= K {
		panic(fmt.Sprintf("trace: label %d is not a class of the output layer (0..%d)", label, K-1))
	}
	X := matrix.FromRows([][]float64{x})
	tr := &traceRun{
		tracer: tracer{w: w},
		n:      n,
		L:      n.L(),
		K:      n.K(),
		sizes:  sizes,
		label:  label,
		y:      network.OneHot([]int{label}, n.K()),
		lambda: lambda,
		p:      network.Forward(n, X),
	}
	tr.header(x)
	tr.weights()
	tr.forward()
	Jtraced, J := tr.cost()
	delta := tr.backward()
	D := tr.gradients(delta)

	// The check against the package's own functions.
	tr.section("Check")
	dJ := traceDifference(Jtraced, J)
	dD := traceLargestDifference(D, network.Backprop(n, network.Forward(n, X), []int{label}, lambda))
	tr.printf("\nJ above vs n.CostOf(n.Forward(X), y, λ): relative difference %.3g, matches CostOf: %s\n", dJ, traceYesNo(dJ <= traceTolerance))
	tr.printf("D above vs n.Backprop(n.Forward(X), y, λ): largest difference %.3g, matches Backprop: %s\n", dD, traceYesNo(dD <= traceTolerance))
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

// traceRun is one call of Write: the network, the example and its
// forward pass.
type traceRun struct {
	tracer
	n      *network.Network
	L, K   int
	sizes  []int
	label  int
	y      *matrix.Dense // the one-hot y, K x 1
	lambda float64
	p      *network.Pass
}

// header writes the network, λ and the example.
func (tr *traceRun) header(x []float64) {
	const m = 1
	n, L, K := tr.n, tr.L, tr.K
	tr.printf("Backpropagation, step by step, for one example (m = 1)\n\n")
	tr.printf("layers   L = %d: s_1..s_%d = %s (%d inputs, K = %d classes)\n", L, L, traceJoinInts(tr.sizes), tr.sizes[0], K)
	if L > 2 {
		tr.printf("g        %s in the hidden layers, sigmoid at the output\n", n.Hidden)
		tr.printf("g'(z)    %s in the hidden layers, from a = g(z)\n", traceGradFormula(n.Hidden))
	} else {
		tr.printf("g        sigmoid at the output (no hidden layers)\n")
	}
	tr.printf("λ        %s\n", strconv.FormatFloat(tr.lambda, 'g', -1, 64))
	tr.printf("m        %d\n", m)
	tr.printf("x        %s\n", traceVector(traceNumbers(x)))
	tr.printf("label    %d\n", tr.label)
	tr.printf("y        %s   one-hot: y_k = 1 for k = label, k = 0..%d\n", traceVector(traceInts(tr.y.Data)), K-1)
	tr.printf("\nVectors are columns, one unit per row: row i of a^(l) is a_i^(l), row 0 its\n")
	tr.printf("bias unit (always 1). The output layer has no bias unit; its units are\n")
	tr.printf("k = 0..%d, one per class. Row j of Θ^(l) holds the weights into unit j of\n", K-1)
	tr.printf("layer l+1 (unit k at the output), column i those from a_i^(l).\n")
}

// weights writes each Θ^(l).
func (tr *traceRun) weights() {
	tr.section("Weights")
	for l := 1; l < tr.L; l++ {
		th := tr.n.Theta[l]
		tr.printf("\nΘ^(%d)  (%dx%d = s_%d x (s_%d + 1), column 0 = bias weights)\n", l, th.Rows, th.Cols, l+1, l)
		tr.matrix(th, tr.rows(l))
	}
}

// forward writes a^(1), then z and a of every further layer.
func (tr *traceRun) forward() {
	p, L, K := tr.p, tr.L, tr.K
	tr.section("Forward propagation")
	tr.printf("\na^(1) = [1; x]  (%dx1)\n", p.A[1].Rows)
	tr.table(
		traceColumn{head: "i", cells: traceSeq(0, p.A[1].Rows)},
		traceColumn{head: "a^(1)", cells: traceNumbers(p.A[1].Data), num: true},
	)
	for l := 2; l <= L; l++ {
		z, a := p.Z[l], p.A[l]
		tr.printf("\nz^(%d) = Θ^(%d) a^(%d)  (%dx1)\n", l, l-1, l-1, z.Rows)
		if l < L {
			tr.printf("a^(%d) = [1; g(z^(%d))]  (%dx1)\n", l, l, a.Rows)
			tr.table(
				traceColumn{head: "i", cells: traceSeq(0, a.Rows)},
				traceColumn{head: fmt.Sprintf("z^(%d)", l), cells: append([]string{""}, traceNumbers(z.Data)...), num: true},
				traceColumn{head: fmt.Sprintf("a^(%d)", l), cells: traceNumbers(a.Data), num: true},
			)
			continue
		}
		tr.printf("h = a^(%d) = g(z^(%d))  (%dx1, no bias unit)\n", L, L, a.Rows)
		tr.table(
			traceColumn{head: "k", cells: traceSeq(0, K)},
			traceColumn{head: fmt.Sprintf("z^(%d)", L), cells: traceNumbers(z.Data), num: true},
			traceColumn{head: fmt.Sprintf("h = a^(%d)", L), cells: traceNumbers(a.Data), num: true},
		)
	}
}

// cost writes J term by term. It returns the J it adds up and CostOf's.
func (tr *traceRun) cost() (traced, J float64) {
	const m = 1
	n, K, label := tr.n, tr.K, tr.label
	tr.section("Cost")
	tr.printf("\nJ = Σ_k [ -y_k log(h_k) - (1 - y_k) log(1 - h_k) ]\n")
	tr.printf("    + (λ/2m) Σ_l Σ_{j, i≥1} (Θ^(l)_{j,i})²\n")
	tr.printf("(m = 1. Each y_k is 0 or 1, so for each k only one of the two logs counts.)\n")
	h := tr.p.H().Data
	terms, which := make([]string, K), make([]string, K)
	cross := 0.0
	for k, hk := range h {
		var c float64
		if k == label {
			c, which[k] = -math.Log(hk), fmt.Sprintf("-log(h_%d)", k)
		} else {
			c, which[k] = -math.Log(1-hk), fmt.Sprintf("-log(1 - h_%d)", k)
		}
		cross += c
		terms[k] = traceNum(c)
	}
	tr.table(
		traceColumn{head: "k", cells: traceSeq(0, K)},
		traceColumn{head: "h_k", cells: traceNumbers(h), num: true},
		traceColumn{head: "y_k", cells: traceInts(tr.y.Data)},
		traceColumn{head: "term", cells: terms, num: true},
		traceColumn{cells: which, left: true},
	)
	sq := 0.0
	var perLayer []string
	for l := 1; l < tr.L; l++ {
		s := matrix.Sum(matrix.Apply(func(v float64) float64 { return v * v }, matrix.DropFirstCol(n.Theta[l])))
		sq += s
		perLayer = append(perLayer, fmt.Sprintf("Θ^(%d): %s", l, traceNum(s)))
	}
	reg := network.Regularization(n, tr.lambda, m)
	J = network.CostOf(n, tr.p, []int{label}, tr.lambda)
	tr.printf("\ncross-entropy   Σ_k term = %s\n", traceNum(cross))
	tr.printf("squared weights Σ_l Σ_{j, i≥1} (Θ^(l)_{j,i})² = %s\n", traceNum(sq))
	tr.printf("                (%s)\n", strings.Join(perLayer, ", "))
	tr.printf("λ term          (λ/2m) × %s = %s\n", traceNum(sq), traceNum(reg))
	tr.printf("J = %s + %s = %s\n", traceNum(cross), traceNum(reg), traceNum(J))
	return cross/m + reg, J
}

// backward writes δ^(L), then δ^(l) for l = L-1 down to 2, and returns them
// by layer number.
func (tr *traceRun) backward() []*matrix.Dense {
	n, p, L, K := tr.n, tr.p, tr.L, tr.K
	tr.section("Backpropagation")
	delta := make([]*matrix.Dense, L+1)
	delta[L] = matrix.Sub(p.A[L], tr.y)
	tr.printf("\nδ^(%d) = a^(%d) - y  (%dx1)\n", L, L, K)
	tr.table(
		traceColumn{head: "k", cells: traceSeq(0, K)},
		traceColumn{head: fmt.Sprintf("a^(%d)", L), cells: traceNumbers(p.A[L].Data), num: true},
		traceColumn{head: "y", cells: traceInts(tr.y.Data)},
		traceColumn{head: fmt.Sprintf("δ^(%d)", L), cells: traceNumbers(delta[L].Data), num: true},
	)
	for l := L - 1; l >= 2; l-- {
		a := dropBiasRow(p.A[l])
		back := matrix.TMul(matrix.DropFirstCol(n.Theta[l]), delta[l+1])
		grad := matrix.Apply(n.Hidden.GradFromA, a)
		delta[l] = matrix.MulElem(back, grad)
		tr.printf("\nδ^(%d) = (Θ^(%d)_{:,1:})ᵀ δ^(%d) .* g'(z^(%d))  (%dx1)\n", l, l, l+1, l, delta[l].Rows)
		tr.printf("Θ^(%d)_{:,1:} is Θ^(%d) without column 0, the bias weights: the bias unit has no δ\n", l, l)
		tr.printf("g'(z^(%d)) = %s, from a = a^(%d) without its bias unit\n", l, traceGradFormula(n.Hidden), l)
		tr.table(
			traceColumn{head: "i", cells: traceSeq(1, delta[l].Rows)},
			traceColumn{head: fmt.Sprintf("(Θ^(%d)_{:,1:})ᵀ δ^(%d)", l, l+1), cells: traceNumbers(back.Data), num: true},
			traceColumn{head: fmt.Sprintf("a^(%d)", l), cells: traceNumbers(a.Data), num: true},
			traceColumn{head: fmt.Sprintf("g'(z^(%d))", l), cells: traceNumbers(grad.Data), num: true},
			traceColumn{head: fmt.Sprintf("δ^(%d)", l), cells: traceNumbers(delta[l].Data), num: true},
		)
	}
	return delta
}

// gradients writes Δ^(l), the λ term and D^(l) for l = 1..L-1, and returns D
// by layer number.
func (tr *traceRun) gradients(delta []*matrix.Dense) []*matrix.Dense {
	const m = 1
	tr.section("Gradients")
	D := make([]*matrix.Dense, tr.L)
	for l := 1; l < tr.L; l++ {
		rows := tr.rows(l)
		Delta := matrix.MulT(delta[l+1], tr.p.A[l])
		tr.printf("\nΔ^(%d) = δ^(%d) (a^(%d))ᵀ  (%dx%d: entry %s,i is δ^(%d)_%s a^(%d)_i)\n",
			l, l+1, l, Delta.Rows, Delta.Cols, rows.head, l+1, rows.head, l)
		tr.matrix(Delta, rows)
		D[l] = matrix.Scale(1/float64(m), Delta)
		if tr.lambda != 0 {
			reg := matrix.Scale(tr.lambda/float64(m), tr.n.Theta[l])
			for j := 0; j < reg.Rows; j++ {
				reg.Set(j, 0, 0)
			}
			tr.printf("\n(λ/m) Θ^(%d), column 0 set to 0 (the bias weights are not regularized)\n", l)
			tr.matrix(reg, rows)
			D[l] = matrix.Add(D[l], reg)
		}
		tr.printf("\nD^(%d) = (1/m) Δ^(%d) + (λ/m) Θ^(%d), no λ term in column 0  (%dx%d)\n", l, l, l, D[l].Rows, D[l].Cols)
		tr.matrix(D[l], rows)
	}
	return D
}

// rows returns the labels of the rows of Θ^(l), Δ^(l) and D^(l): row j computes
// unit j of layer l+1, j = 1..s_{l+1}, or for the output layer (l+1 = L) unit
// k = 0..K-1.
func (tr *traceRun) rows(l int) traceRows {
	if l+1 == tr.L {
		return traceRows{"k", traceSeq(0, tr.K)}
	}
	return traceRows{"j", traceSeq(1, tr.sizes[l])}
}

// tracer writes formatted text and keeps the first write error; after one it
// writes nothing more.
type tracer struct {
	w   io.Writer
	err error
}

func (t *tracer) printf(format string, args ...any) {
	if t.err != nil {
		return
	}
	_, t.err = fmt.Fprintf(t.w, format, args...)
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

// traceNum formats v as Write prints every number.
func traceNum(v float64) string { return strconv.FormatFloat(v, 'f', 6, 64) }

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

// traceVector writes the cells of a column vector on one line: [ v_0  v_1 ... ]ᵀ.
func traceVector(cells []string) string {
	return "[ " + strings.Join(cells, "  ") + " ]ᵀ"
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

// dropBiasRow returns a^(l) without its bias row: g(z^(l)).
func dropBiasRow(a *matrix.Dense) *matrix.Dense {
	return &matrix.Dense{Rows: a.Rows - 1, Cols: a.Cols, Data: a.Data[a.Cols:]}
}

package network_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/moons"
	"github.com/ann-go/ann/network"
)

// backpropPerExample computes D^(l) = ∂J/∂Θ^(l) the slow way that
// docs/backprop.md derives: one example at a time, with plain loops.
//
//	for each example i:
//	    forward:   a^(1) = [1; x_i], ..., a^(L)          (network.Forward on that one row)
//	    output:    δ^(L)_k = a^(L)_k - y_k
//	    recursion: δ^(l)_j = (Σ_k Θ^(l)_{k,j} δ^(l+1)_k) · a^(l)_j (1 - a^(l)_j),  j ≥ 1, l = L-1..2
//	    sum:       Δ^(l)_{k,j} += δ^(l+1)_k a^(l)_j
//	then D^(l)_{k,j} = Δ^(l)_{k,j} / m + (λ/m) Θ^(l)_{k,j}, without the λ term for j = 0
//
// It assumes sigmoid hidden layers (the tutorial's network), so that
// g'(z) = a(1 - a).
func backpropPerExample(n *network.Network, X *matrix.Dense, y []int, lambda float64) []*matrix.Dense {
	L := len(n.Theta) // Theta[1..L-1]; Theta[0] is nil
	m := X.Rows
	Delta := make([]*matrix.Dense, L)
	for l := 1; l < L; l++ {
		Delta[l] = matrix.New(n.Theta[l].Rows, n.Theta[l].Cols)
	}
	for i := 0; i < m; i++ {
		p := network.Forward(n, matrix.FromRows([][]float64{X.Row(i)}))
		// a(l, j) is a_j^(l) of this example: A[l] is a column, bias in row 0.
		a := func(l, j int) float64 { return p.A[l].At(j, 0) }

		delta := make([][]float64, L+1) // delta[l][k], l = 2..L
		delta[L] = make([]float64, p.A[L].Rows)
		for k := range delta[L] {
			yk := 0.0
			if k == y[i] {
				yk = 1
			}
			delta[L][k] = a(L, k) - yk
		}
		for l := L - 1; l >= 2; l-- {
			th := n.Theta[l]
			delta[l] = make([]float64, th.Cols) // index 0, the bias unit, stays 0: it has no δ
			for j := 1; j < th.Cols; j++ {
				s := 0.0
				for k := 0; k < th.Rows; k++ {
					s += th.At(k, j) * delta[l+1][k]
				}
				delta[l][j] = s * (a(l, j) * (1 - a(l, j)))
			}
			delta[l] = delta[l][1:] // δ^(l)_1..δ^(l)_{s_l}, as rows 0.. of Θ^(l-1)
		}
		for l := 1; l < L; l++ {
			D := Delta[l]
			for k := 0; k < D.Rows; k++ {
				for j := 0; j < D.Cols; j++ {
					D.Set(k, j, D.At(k, j)+delta[l+1][k]*a(l, j))
				}
			}
		}
	}
	for l := 1; l < L; l++ {
		D := Delta[l]
		for k := 0; k < D.Rows; k++ {
			for j := 0; j < D.Cols; j++ {
				v := D.At(k, j) / float64(m)
				if j > 0 {
					v += lambda / float64(m) * n.Theta[l].At(k, j)
				}
				D.Set(k, j, v)
			}
		}
	}
	return Delta
}

// maxDiff returns the largest |a - b| over the gradients of every layer, or
// +Inf if a shape differs.
func maxDiff(a, b []*matrix.Dense) float64 {
	if len(a) != len(b) {
		return math.Inf(1)
	}
	d := 0.0
	for l := 1; l < len(a); l++ {
		if !matrix.SameShape(a[l], b[l]) {
			return math.Inf(1)
		}
		for i := range a[l].Data {
			d = max(d, math.Abs(a[l].Data[i]-b[l].Data[i]))
		}
	}
	return d
}

// Backpropagation one example at a time, as docs/backprop.md derives it,
// gives the same D as network.Backprop, which does all m examples at once.
func Example_backpropPerExample() {
	X, y := moons.Make(100, 0.1, 0)
	n := network.New(layer.Init([]int{2, 3, 2}, 0))
	slow := backpropPerExample(n, X, y, 1)
	fast := network.Backprop(n, network.Forward(n, X), y, 1)
	fmt.Printf("D^(1) row 1: %.6f\n", slow[1].Row(0))
	fmt.Printf("D^(2) row 0: %.6f\n", slow[2].Row(0))
	fmt.Println("equal to Backprop within 1e-12:", maxDiff(slow, fast) <= 1e-12)
	// Output:
	// D^(1) row 1: [0.008710 0.050113 -0.030188]
	// D^(2) row 0: [0.023789 0.024148 0.000877 0.015958]
	// equal to Backprop within 1e-12: true
}

func TestBackpropPerExample(t *testing.T) {
	for _, tt := range []struct {
		sizes  []int
		m      int
		lambda float64
		seed   uint32
	}{
		{[]int{2, 3, 2}, 1, 0, 0},
		{[]int{2, 3, 2}, 100, 1, 0},
		{[]int{2, 5, 5, 2}, 1000, 0, 0},
		{[]int{2, 5, 5, 2}, 500, 0.7, 3},
		{[]int{2, 4, 4, 4, 3}, 50, 2, 1}, // three classes: labels 0 and 1 only, the third output still gets a δ
	} {
		X, y := moons.Make(tt.m, 0.1, tt.seed)
		n := network.New(layer.Init(tt.sizes, tt.seed))
		slow := backpropPerExample(n, X, y, tt.lambda)
		fast := network.Backprop(n, network.Forward(n, X), y, tt.lambda)
		if d := maxDiff(slow, fast); !(d <= 1e-12) {
			t.Errorf("layers %v, m %d, λ %g: per-example D differs from Backprop by %g, want <= 1e-12", tt.sizes, tt.m, tt.lambda, d)
		}
		// The two must not agree trivially: the gradient is not all zeros.
		largest := 0.0
		for l := 1; l < len(fast); l++ {
			for _, v := range fast[l].Data {
				largest = max(largest, math.Abs(v))
			}
		}
		if !(largest > 1e-3) {
			t.Errorf("layers %v: largest gradient entry %g, want a gradient that is not all zeros", tt.sizes, largest)
		}
	}
}

package network

import (
	"fmt"
	"math"

	"github.com/ann-go/ann/internal/finite"
	"github.com/ann-go/ann/matrix"
)

// OneHot returns the K x m matrix whose column i is the one-hot form of label
// y[i] (the tutorial's y_mat = np.eye(K)[y, :], transposed to one example per
// column). It panics if a label is outside 0..K-1.
func OneHot(y []int, K int) *matrix.Dense {
	if K < 1 {
		panic(fmt.Sprintf("network: OneHot with K = %d classes", K))
	}
	Y := matrix.New(K, len(y))
	for i, c := range y {
		if c < 0 || c >= K {
			panic(fmt.Sprintf("network: OneHot: label %d of example %d is not one of 0..%d", c, i, K-1))
		}
		Y.Set(c, i, 1)
	}
	return Y
}

// Cost returns J(Θ) for the examples X with labels y: the cross-entropy of the
// hypothesis plus λ/(2m) times the sum of the squared non-bias weights (the
// tutorial's calculate_cost, with lambda its lamb).
//
// Each y_k is 0 or 1, so of y_k log(h_k) + (1 - y_k) log(1 - h_k) only one term
// is ever nonzero; Cost computes just that one log. (numpy computes both, and
// gets NaN from 0 * log(0) when an output rounds to exactly 0 or 1.) The result
// is +Inf when an output is exactly wrong, which the trainer reports as
// divergence. With no examples (m = 0) the mean is undefined: Cost panics.
//
// It panics if X does not fit the input layer or a label is not a class.
func Cost(n *Network, X *matrix.Dense, y []int, lambda float64) float64 {
	return CostOf(n, Forward(n, X), y, lambda)
}

// CostOf returns J(Θ) from a forward pass p of n already made, so that
// training runs forward propagation once per iteration where the tutorial runs
// it twice. It panics if p is not a pass of n or a label is not a class.
func CostOf(n *Network, p *Pass, y []int, lambda float64) float64 {
	h := checkPass(n, p)
	m := h.Cols
	n.mustLabels(y, m)
	if m == 0 {
		panic("network: the cost of no examples")
	}
	var J compensatedSum
	for k := 0; k < h.Rows; k++ {
		for i, hki := range h.Row(k) {
			if y[i] == k {
				J.add(-math.Log(hki))
			} else {
				J.add(-math.Log(1 - hki))
			}
		}
	}
	return J.value()/float64(m) + Regularization(n, lambda, m)
}

// compensatedSum adds numbers with Neumaier's compensation: c keeps what
// each addition to s rounded off, so the sum is as accurate as if it were
// computed exactly and rounded once (to about 2 units in the last place),
// however many terms it has. A plain running sum of the cost's m K terms
// loses more units in the last place the more terms it adds, and the
// gradient check, which divides differences of costs by its step h = 1e-4,
// magnifies that: with a plain sum, the check of a correct backpropagation
// on 70000 examples fails its limit of 1e-7.
type compensatedSum struct{ s, c float64 }

func (t *compensatedSum) add(x float64) {
	s := t.s + x
	if math.Abs(t.s) >= math.Abs(x) {
		t.c += (t.s - s) + x
	} else {
		t.c += (x - s) + t.s
	}
	t.s = s
}

// value returns the sum: +Inf if a term was +Inf (an output exactly wrong),
// where the compensation itself would be Inf - Inf = NaN.
func (t *compensatedSum) value() float64 {
	if math.IsInf(t.s, 0) {
		return t.s
	}
	return t.s + t.c
}

// mustLambda panics unless λ is a finite number >= 0.
func mustLambda(lambda float64) {
	if !(finite.Is(lambda) && lambda >= 0) {
		panic(fmt.Sprintf("network: lambda %v: want a finite number >= 0", lambda))
	}
}

// checkPass returns p's hypothesis h, and panics unless p is a forward pass
// of a network of n's sizes.
func checkPass(n *Network, p *Pass) *matrix.Dense {
	sizes := n.Sizes()
	L := len(sizes)
	if p == nil || len(p.A) != L+1 || p.A[L] == nil || p.A[L].Rows != sizes[L-1] {
		panic("network: the pass is not a forward pass of this network")
	}
	return p.A[L]
}

// Regularization returns the cost's second term, λ/(2m) Σ_l Σ_{j, i≥1} (Θ^(l)_{j,i})²,
// and 0 when λ is 0 (for any m). It panics unless λ is a finite number >= 0
// and, for λ > 0, m >= 1.
func Regularization(n *Network, lambda float64, m int) float64 {
	mustLambda(lambda)
	if lambda == 0 {
		return 0
	}
	if m < 1 {
		panic(fmt.Sprintf("network: Regularization over m = %d examples", m))
	}
	if n == nil || len(n.Theta) < 2 {
		panic("network: Regularization of no network")
	}
	sum := 0.0
	for _, t := range n.Theta[1:] {
		for j := 0; j < t.Rows; j++ {
			for _, v := range t.Row(j)[1:] { // Θ^(l)_{j,i} for i ≥ 1: no bias
				sum += float64(v * v) // each square rounded, as numpy: no FMA
			}
		}
	}
	return lambda / (2 * float64(m)) * sum
}

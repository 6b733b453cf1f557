package network

import (
	"math"

	"github.com/ann-go/ann/matrix"
)

// OneHot returns the K x m matrix whose column i is the one-hot form of label
// y[i] (the tutorial's y_mat = np.eye(K)[y, :], transposed to one example per
// column). It panics if a label is outside 0..K-1.
func OneHot(y []int, K int) *matrix.Dense {
	Y := matrix.New(K, len(y))
	for i, c := range y {
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
// divergence.
//
// It panics if X does not fit the input layer or a label is not a class.
func (n *Network) Cost(X *matrix.Dense, y []int, lambda float64) float64 {
	return n.CostOf(n.Forward(X), y, lambda)
}

// CostOf returns J(Θ) from a forward pass already made, so that training runs
// forward propagation once per iteration where the tutorial runs it twice.
func (n *Network) CostOf(p *Pass, y []int, lambda float64) float64 {
	h := p.H()
	m := h.Cols
	n.mustLabels(y, m)
	J := 0.0
	for k := 0; k < h.Rows; k++ {
		for i, hki := range h.Row(k) {
			if y[i] == k {
				J -= math.Log(hki)
			} else {
				J -= math.Log(1 - hki)
			}
		}
	}
	J /= float64(m)
	return J + n.Regularization(lambda, m)
}

// Regularization returns the cost's second term, λ/(2m) Σ_l Σ_{j, i≥1} (Θ^(l)_{j,i})².
func (n *Network) Regularization(lambda float64, m int) float64 {
	if lambda == 0 {
		return 0
	}
	sum := 0.0
	for _, t := range n.Theta[1:] {
		for j := 0; j < t.Rows; j++ {
			for _, v := range t.Row(j)[1:] { // Θ^(l)_{j,i} for i ≥ 1: no bias
				sum += v * v
			}
		}
	}
	return lambda / (2 * float64(m)) * sum
}

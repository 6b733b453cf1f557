package network

import (
	"fmt"
	"math"

	"github.com/ann-go/ann/matrix"
)

// GradCheck is the result of comparing backpropagation's gradients with
// numerical ones.
type GradCheck struct {
	// Layer[l] is the relative difference for Θ^(l), l = 1..L-1 (Layer[0] is
	// unused):
	//
	//	‖D_numerical − D_backprop‖ / (‖D_numerical‖ + ‖D_backprop‖)
	//
	// with ‖·‖ the Euclidean norm over the layer's weights (0 when both are 0).
	Layer []float64
	// Max is the largest of them: the overall relative difference.
	Max float64
	// Numerical and Backprop are the two gradients, by layer number.
	Numerical, Backprop []*matrix.Dense
}

// GradCheckStep is the step h of the central differences in CheckGradients.
// Smaller steps lose digits to rounding (about 1e-16 J/h); larger ones to the
// curvature (about h⁴ for the five-point formula).
const GradCheckStep = 1e-4

// CheckGradients computes the gradient of J(Θ) for the examples X and labels y
// twice: by backpropagation, and numerically by central differences over
// every weight. With J(±k) the cost when Θ_ij alone moves by ±k h,
//
//	∂J/∂Θ_ij ≈ (8 (J(+1) − J(−1)) − (J(+2) − J(−2))) / 12h,   h = GradCheckStep
//
// the five-point form of the central difference (J(+1) − J(−1)) / 2h, which
// is exact to order h⁴ instead of h², so that a deep network's small gradients
// are not lost to rounding. A correct backpropagation gives relative
// differences around 1e-9 or smaller; a wrong one, near 1. It does not change
// n. It panics like Cost if X or y do not fit n.
func CheckGradients(n *Network, X *matrix.Dense, y []int, lambda float64) GradCheck {
	return CheckGradientsOf(n, X, y, lambda, Backprop)
}

// CheckGradientsOf is CheckGradients for another backpropagation function:
// it compares the gradients backprop returns (D[l] for l = 1..L-1, each the
// shape of Θ^(l)) with the numerical ones, to check a backpropagation written
// by hand. It panics if backprop's gradients do not have the shapes of Θ.
func CheckGradientsOf(n *Network, X *matrix.Dense, y []int, lambda float64,
	backprop func(n *Network, p *Pass, y []int, lambda float64) []*matrix.Dense) GradCheck {
	return CheckGradientsWith(n, X, y, lambda, CostOf, backprop)
}

// CheckGradientsWith is CheckGradientsOf with another cost function in place
// of CostOf, whose numerical gradient backprop's is compared with: to check a
// cost written by hand, or to show what a wrong one does.
func CheckGradientsWith(n *Network, X *matrix.Dense, y []int, lambda float64,
	cost func(n *Network, p *Pass, y []int, lambda float64) float64,
	backprop func(n *Network, p *Pass, y []int, lambda float64) []*matrix.Dense) GradCheck {
	bp := backprop(n, Forward(n, X), y, lambda)
	if len(bp) != n.L() {
		panic(fmt.Sprintf("network: CheckGradientsOf: backprop returned %d gradients, want %d (D[0] nil, then D^(1)..D^(L-1))", len(bp), n.L()))
	}
	for l := 1; l < n.L(); l++ {
		if bp[l] == nil || !matrix.SameShape(bp[l], n.Theta[l]) {
			panic(fmt.Sprintf("network: CheckGradientsOf: backprop's D^(%d) is not the shape of Θ^(%d)", l, l))
		}
	}
	c := n.Copy()
	r := GradCheck{Layer: make([]float64, n.L()), Numerical: make([]*matrix.Dense, n.L()), Backprop: bp}
	for l := 1; l < n.L(); l++ {
		t := c.Theta[l].Data
		num := matrix.New(c.Theta[l].Rows, c.Theta[l].Cols)
		for i, v := range t {
			J := func(k float64) float64 {
				t[i] = v + float64(k*GradCheckStep)
				return cost(c, Forward(c, X), y, lambda)
			}
			num.Data[i] = (float64(8*(J(1)-J(-1))) - (J(2) - J(-2))) / (12 * GradCheckStep)
			t[i] = v
		}
		r.Numerical[l] = num
		r.Layer[l] = relativeDifference(num, bp[l])
		if r.Layer[l] > r.Max || math.IsNaN(r.Layer[l]) {
			r.Max = r.Layer[l]
		}
	}
	return r
}

// relativeDifference returns ‖a − b‖ / (‖a‖ + ‖b‖), or 0 if both are 0.
// For finite a and b it is never NaN: where the squares overflow (a gradient
// of 1e155 or more, as a huge λ gives), the norms are taken of a and b
// divided by their largest magnitude.
func relativeDifference(a, b *matrix.Dense) float64 {
	if r, ok := relativeDifferenceScaled(a, b, 1); ok {
		return r
	}
	scale := 0.0
	for i, v := range a.Data {
		scale = max(scale, math.Abs(v), math.Abs(b.Data[i]))
	}
	if math.IsInf(scale, 0) || math.IsNaN(scale) {
		return math.NaN()
	}
	r, _ := relativeDifferenceScaled(a, b, 1/scale)
	return r
}

// relativeDifferenceScaled is relativeDifference of a and b times s, and
// whether its sums stayed finite.
func relativeDifferenceScaled(a, b *matrix.Dense, s float64) (float64, bool) {
	var diff, na, nb float64
	for i, v := range a.Data {
		// Each product rounded before it is added (float64(...)): a fused
		// multiply-add would change the last bits between CPUs.
		v, w := float64(v*s), float64(b.Data[i]*s)
		diff += float64((v - w) * (v - w))
		na += float64(v * v)
		nb += float64(w * w)
	}
	if math.IsInf(diff+na+nb, 0) || math.IsNaN(diff+na+nb) {
		return math.NaN(), false
	}
	if den := math.Sqrt(na) + math.Sqrt(nb); den > 0 {
		return math.Sqrt(diff) / den, true
	}
	return 0, true
}

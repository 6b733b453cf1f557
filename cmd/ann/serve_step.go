package main

// ann serve: one iteration of the tutorial's computation for one example, as
// numbers the page steps through on its network diagram.

import (
	"fmt"
	"math"
	"net/http"

	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network"
)

// stepInfo is one example's forward pass, cost, backward pass and update
// with the run's current weights: what ann trace -example i prints (m = 1),
// by the tutorial's layer numbers. Index l of a slice is layer l (entries
// below the first layer that has the quantity are null); a unit's values
// count from unit 1 (no bias unit), a Θ or D row j from unit 1 of layer
// l+1, its column i from the bias unit 0.
type stepInfo struct {
	Example    int           `json:"example"`
	X          []float64     `json:"x"`
	Label      int           `json:"label"`
	Sizes      []int         `json:"sizes"`
	Activation string        `json:"activation"`
	Iter       int           `json:"iter"`
	Alpha      float64       `json:"alpha"`
	Lambda     float64       `json:"lambda"`
	Z          [][]float64   `json:"z"`     // z^(l), l = 2..L
	A          [][]float64   `json:"a"`     // a^(l) without the bias unit, l = 1..L
	Y          []float64     `json:"y"`     // the one-hot label, K values
	J          float64       `json:"J"`     // the example's cost, with λ's term
	Delta      [][]float64   `json:"delta"` // δ^(l), l = 2..L
	Theta      [][][]float64 `json:"theta"` // Θ^(l), l = 1..L-1
	D          [][][]float64 `json:"D"`     // D^(l) = ∂J/∂Θ^(l) for this example
	Numerical  [][][]float64 `json:"numerical"`
	ThetaAfter [][][]float64 `json:"thetaAfter"` // Θ^(l) - α D^(l)
}

// step answers GET /api/step?id=...&example=i with the stepInfo of example i.
func (p *playground) step(w http.ResponseWriter, r *http.Request) {
	run, i, ok := p.lookupExample(w, r)
	if !ok {
		return
	}
	s := run.setup
	v := run.view()
	// The network's inputs: the features of the row, if the run has any.
	X, err := s.modelOf(v.net).Standardize(matrix.FromRows([][]float64{s.ds.X.Row(i)}))
	if err != nil {
		badRequest(w, err.Error())
		return
	}
	info, err := stepOf(v.net, X.Row(0), s.ds.y[i], s.nf.lambda, s.nf.alpha)
	if err != nil {
		badRequest(w, err.Error())
		return
	}
	info.Example, info.Iter = i, v.iter
	serveJSON(w, info)
}

// stepOf computes the stepInfo of the example (x, label) through net.
func stepOf(net *network.Network, x []float64, label int, lambda, alpha float64) (*stepInfo, error) {
	X := matrix.FromRows([][]float64{x})
	y := []int{label}
	p := network.Forward(net, X)
	b := network.Tutorial.Backward(net, p, y, lambda)
	num := network.CheckGradients(net, X, y, lambda)
	L := net.L()
	info := &stepInfo{X: x, Label: label, Sizes: net.Sizes(), Activation: net.Hidden.String(), Alpha: alpha, Lambda: lambda,
		Z: make([][]float64, L+1), A: make([][]float64, L+1), Delta: make([][]float64, L+1),
		Theta: make([][][]float64, L), D: make([][][]float64, L), Numerical: make([][][]float64, L), ThetaAfter: make([][][]float64, L)}
	info.J = network.CostOf(net, p, y, lambda)
	info.Y = b.Y.Data
	for l := 1; l <= L; l++ {
		a := p.A[l].Data // a column: s_l values, with the bias unit first below layer L
		if l < L {
			a = a[1:]
		}
		info.A[l] = a
		if l >= 2 {
			info.Z[l] = p.Z[l].Data
			info.Delta[l] = b.SmallDelta[l].Data
		}
	}
	for l := 1; l < L; l++ {
		info.Theta[l] = rows(net.Theta[l])
		info.D[l] = rows(b.D[l])
		info.Numerical[l] = rows(num.Numerical[l])
		after := net.Theta[l].Copy()
		for k, d := range b.D[l].Data {
			after.Data[k] -= alpha * d
		}
		info.ThetaAfter[l] = rows(after)
	}
	for _, vs := range [][][]float64{info.Z, info.A, info.Delta} {
		for _, v := range vs {
			for _, x := range v {
				if math.IsNaN(x) || math.IsInf(x, 0) {
					return nil, fmt.Errorf("the weights give numbers that are not finite for this example: reset or lower α")
				}
			}
		}
	}
	if math.IsNaN(info.J) || math.IsInf(info.J, 0) {
		return nil, fmt.Errorf("the cost of this example is %v: reset or lower α", info.J)
	}
	return info, nil
}

// rows returns a's rows as slices.
func rows(a *matrix.Dense) [][]float64 {
	r := make([][]float64, a.Rows)
	for i := range r {
		r[i] = a.Row(i)
	}
	return r
}

package main

// ann serve: one iteration of the tutorial's computation for one example, as
// numbers the page steps through on its network diagram.

import (
	"fmt"
	"math"
	"net/http"
	"strconv"

	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network"
	"github.com/ann-go/ann/network/model"
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
	X, err := s.modelOf(v.net, nil).Standardize(matrix.FromRows([][]float64{s.ds.X.Row(i)}))
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

// unitMap is one unit's output a over the plane x1 × x2, for the page's
// enlarged map of a hovered unit: a^(l)_j at the mapSteps x mapSteps grid
// points of the plane the unit maps are drawn over (the data's range widened
// by 1, the run's extent), and at the chosen example's point, computed the
// same way (the features, the standardization, network.Forward).
type unitMap struct {
	L       int        `json:"l"`
	J       int        `json:"j"` // counting from unit 1, the bias unit not counted
	Example int        `json:"example"`
	Steps   int        `json:"steps"`
	Extent  [4]float64 `json:"extent"` // xmin, xmax, ymin, ymax
	// Values[r*Steps+c] is a at (xs[c], ys[r]), xs and ys the Steps evenly
	// spaced values across the extent, ys from ymin up; rounded to 4
	// decimals (they are drawn, not read).
	Values []float64 `json:"values"`
	Lo     float64   `json:"lo"`   // the least of a on the grid
	Hi     float64   `json:"hi"`   // the largest
	At     float64   `json:"at"`   // a at the example's point, not rounded
	Iter   int       `json:"iter"` // the weights' iteration
}

// mapSteps is the side of a unit map's grid.
const mapSteps = 50

// unitMapOf answers GET /api/map?id=...&example=i&l=&j= with the unitMap of
// unit j of layer l, for the run's current weights.
func (p *playground) unitMapOf(w http.ResponseWriter, r *http.Request) {
	run, i, ok := p.lookupExample(w, r)
	if !ok {
		return
	}
	s := run.setup
	v := run.view()
	sizes := v.net.Sizes()
	l, err := strconv.Atoi(r.FormValue("l"))
	if err != nil || l < 1 || l > len(sizes) {
		badRequest(w, fmt.Sprintf("l %q: want a layer, 1..%d", r.FormValue("l"), len(sizes)))
		return
	}
	j, err := strconv.Atoi(r.FormValue("j"))
	if err != nil || j < 1 || j > sizes[l-1] {
		badRequest(w, fmt.Sprintf("j %q: want a unit of layer %d, 1..%d", r.FormValue("j"), l, sizes[l-1]))
		return
	}
	m, err := unitMapAt(s.modelOf(v.net, nil), s.extent(), s.ds.X.Row(i), l, j)
	if err != nil {
		badRequest(w, err.Error())
		return
	}
	m.Example, m.Iter = i, v.iter
	serveJSON(w, m)
}

// unitMapAt computes the map of unit j of layer l of mdl over extent, and
// the unit's output at the point x (the data's two features).
func unitMapAt(mdl *model.Model, extent [4]float64, x []float64, l, j int) (*unitMap, error) {
	const n = mapSteps
	xs := matrix.Linspace(extent[0], extent[1], n, true)
	ys := matrix.Linspace(extent[2], extent[3], n, true)
	X := matrix.New(n*n+1, 2)
	for r := range n {
		for c := range n {
			X.Set(r*n+c, 0, xs[c])
			X.Set(r*n+c, 1, ys[r])
		}
	}
	X.Set(n*n, 0, x[0])
	X.Set(n*n, 1, x[1])
	S, err := mdl.Standardize(X)
	if err != nil {
		return nil, err
	}
	A := network.Forward(mdl.Net, S).A[l]
	row := j // the bias unit is row 0 below the output layer
	if l == mdl.Net.L() {
		row = j - 1
	}
	a := A.Row(row)
	m := &unitMap{L: l, J: j, Steps: n, Extent: extent, Values: make([]float64, n*n), Lo: math.Inf(1), Hi: math.Inf(-1), At: a[n*n]}
	for q, v := range a {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("the weights give numbers that are not finite for unit %d of layer %d: reset or lower α", j, l)
		}
		if q < n*n {
			m.Values[q] = math.Round(v*1e4) / 1e4
			m.Lo, m.Hi = min(m.Lo, v), max(m.Hi, v)
		}
	}
	return m, nil
}

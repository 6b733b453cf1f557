package fast

import (
	"fmt"
	"github.com/ann-go/ann/internal/randdata"
	"math"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/ann-go/ann/internal/nprand"
	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network"
	"github.com/ann-go/ann/sigmoid"
)

// GridProbabilities and PredictGrid give what Probabilities and Predict give
// on the grid's points: bit for bit without sigmoid hidden units (tanh, relu,
// no hidden layer), and otherwise to 1e-14 times the weights' scale, with the
// same labels except at a tie of the plain z^(L) to 1e-12 times the scale.
// (The product form's difference grows with the weights: e^(-fl(u+v)) carries
// the rounding of u + v, |z| ulps of e^(-z), which e^(-u) e^(-v) does not, and
// the next layers multiply it by their weights.) The weights scaled by 300
// make |u| or |v| > 177, where the product form gives way to the plain one.
func TestGridMatchesPoints(t *testing.T) {
	grids := []struct{ nx, ny int }{
		{1, 1}, {7, 3}, {chunkSize + 5, 2}, {60, 40}, // 60 x 40 >= parallelMin
	}
	for _, sizes := range [][]int{{2, 5, 5, 2}, {2, 3}, {2, 4, 3}, {2, 6, 4, 4, 3}} {
		for _, g := range []network.Activation{network.Sigmoid, network.Tanh, network.ReLU} {
			for _, scale := range []float64{1, 30, 300} {
				net := network.New(layer.Init(sizes, 3))
				net.Hidden = g
				for _, th := range net.Theta[1:] {
					for i := range th.Data {
						th.Data[i] *= scale
					}
				}
				for gi, gr := range grids {
					xs, ys := randdata.Axis(gr.nx, uint32(2*gi)), randdata.Axis(gr.ny, uint32(2*gi+1))
					X := randdata.GridPoints(xs, ys)
					exact := g != network.Sigmoid || len(sizes) == 2
					name := fmt.Sprintf("%v %v scale %v, %dx%d grid", sizes, g, scale, gr.nx, gr.ny)
					want, got := Probabilities(net, X), GridProbabilities(net, xs, ys)
					if exact && !slices.Equal(got.Data, want.Data) || !near(got, want, 1e-14*scale) {
						t.Errorf("%s: GridProbabilities differs from Probabilities (bitwise expected: %v)", name, exact)
					}
					labels, gridLabels := Predict(net, X), PredictGrid(net, xs, ys)
					z := network.Forward(net, X).Z[len(sizes)]
					for p, c := range gridLabels {
						if c != labels[p] && !(!exact && math.Abs(z.At(c, p)-z.At(labels[p], p)) < 1e-12*scale) {
							t.Errorf("%s: point %d: PredictGrid %d, Predict %d", name, p, c, labels[p])
							break
						}
					}
				}
			}
		}
	}
}

// The product form is exercised by the cases above: with the tutorial's
// initial weights every unit of layer 2 uses it.
func TestGridUsesProductForm(t *testing.T) {
	net := network.New(layer.Init(layer.Tutorial, 0))
	g := newGrid(net, randdata.Axis(10, 1), randdata.Axis(10, 2))
	if !slices.Equal(g.expForm, []bool{true, true, true, true, true}) {
		t.Errorf("expForm = %v, want every unit", g.expForm)
	}
	// Unit 0 with |u| > 177 somewhere, unit 1 with |v| > 177.
	net.Theta[1].Set(0, 1, 200)
	net.Theta[1].Set(1, 2, -200)
	if g := newGrid(net, randdata.Axis(10, 1), randdata.Axis(10, 2)); !slices.Equal(g.expForm, []bool{false, false, true, true, true}) {
		t.Errorf("large weights: expForm = %v, want units 2-4", g.expForm)
	}
	net.Hidden = network.Tanh
	if g := newGrid(net, randdata.Axis(10, 1), randdata.Axis(10, 2)); slices.Contains(g.expForm, true) {
		t.Errorf("tanh: expForm = %v, want none", g.expForm)
	}
}

// Huge inputs, or first-layer terms too large for the product form, take the
// plain form and give what Probabilities gives; inputs that are not finite
// panic; an empty grid gives nothing.
func TestGridEdgeCases(t *testing.T) {
	net := network.New(layer.Init(layer.Tutorial, 0))
	for _, bad := range []float64{math.Inf(-1), math.NaN()} {
		func() {
			defer func() {
				if r, _ := recover().(string); !strings.Contains(r, "fast: a grid axis holds") {
					t.Errorf("axis with %v: panic %q", bad, r)
				}
			}()
			GridProbabilities(net, []float64{0, bad}, []float64{1})
		}()
	}
	xs, ys := []float64{-1e300, 0, 1, 1e300}, []float64{-1, 1e300}
	want, got := Probabilities(net, randdata.GridPoints(xs, ys)), GridProbabilities(net, xs, ys)
	for i, w := range want.Data {
		if g := got.Data[i]; !(g == w || math.IsNaN(g) && math.IsNaN(w)) {
			t.Errorf("h[%d] = %v, Probabilities %v", i, g, w)
		}
	}
	// u = -1000 and v = 1000 cancel: e^1000 e^-1000 would be +Inf times 0.
	net.Theta[1].Set(0, 0, 0)
	net.Theta[1].Set(0, 1, 1000)
	net.Theta[1].Set(0, 2, 1000)
	xs, ys = []float64{-1, -0.5, 0}, []float64{1, 0.5}
	want, got = Probabilities(net, randdata.GridPoints(xs, ys)), GridProbabilities(net, xs, ys)
	if !near(got, want, 1e-14) {
		t.Errorf("opposite terms: %v, Probabilities %v", got.Data, want.Data)
	}
	// At the product form's bound, u = v = -177: two points share the division
	// of p q = (1 + e^354)^2, near the largest float64; one step past it, the
	// plain form. Θ^(2) copies a^(2) into z^(3), so PredictGrid's z^(L) is
	// g(z^(2)) = g(2u), which must hold to 1e-14 relative.
	for _, u := range []float64{-177, -178} {
		bound := network.New([]*matrix.Dense{nil,
			matrix.FromRows([][]float64{{0, u, u}}),
			matrix.FromRows([][]float64{{0, 1}, {0, 0}})})
		g := newGrid(bound, []float64{1, 1, 1}, []float64{1})
		if g.expForm[0] != (u == -177) {
			t.Errorf("u = v = %v: product form %v", u, g.expForm[0])
		}
		g.run(false, func(lo int, z *matrix.Dense) {
			for i, a := range z.Row(0) {
				if want := sigmoid.G(2 * u); !(math.Abs(a-want) <= 1e-14*want) {
					t.Errorf("u = v = %v, point %d: g(z) = %v, want %v", u, lo+i, a, want)
				}
			}
		})
	}
	if P := GridProbabilities(net, nil, ys); P.Rows != 0 || P.Cols != 2 {
		t.Errorf("empty grid: %dx%d, want 0x2", P.Rows, P.Cols)
	}
	if labels := PredictGrid(net, xs, nil); len(labels) != 0 {
		t.Errorf("empty grid: %d labels", len(labels))
	}
}

func TestGridNeedsTwoInputs(t *testing.T) {
	defer func() {
		if r := recover(); r == nil || !strings.Contains(r.(string), "2 inputs") {
			t.Errorf("panic = %v, want one about 2 inputs", r)
		}
	}()
	PredictGrid(network.New(layer.Init([]int{3, 2}, 0)), []float64{0}, []float64{0})
}

// argmaxChunk, Predict's sweep over a chunk, gives argmaxH's answer for every
// column, on values chosen to hit each of argmaxH's cases: near ties, outputs
// above 20 and below -700, infinities and NaN.
func TestArgmaxChunkMatchesArgmaxH(t *testing.T) {
	rs := nprand.New(9)
	pick := []float64{0, 1e-4, -1e-4, 5e-4, 2e-3, 19.9995, 20, 20.0005, 30, -699.9995, -700, -700.0005, -800, -900, 40, 50, 1e-300,
		math.Inf(1), math.Inf(-1), math.NaN()}
	for _, K := range []int{1, 2, 3, 5} {
		z := matrix.New(K, chunkSize)
		for i := range z.Data {
			if rs.Float64() < 0.7 {
				z.Data[i] = pick[rs.Interval(uint64(len(pick)-1))]
			} else {
				z.Data[i] = 40*rs.Float64() - 20
			}
		}
		labels := make([]int, chunkSize)
		argmaxChunk(z, labels)
		for i, c := range labels {
			if want := argmaxH(z, i); c != want {
				t.Errorf("K=%d column %d (%v): argmaxChunk %d, argmaxH %d", K, i, matrix.T(z).Row(i), c, want)
			}
		}
	}
}

// Each point is computed on its own, so the number of cores changes nothing.
func TestGridSameOnAnyCores(t *testing.T) {
	net := network.New(layer.Init(layer.Tutorial, 0))
	xs, ys := randdata.Axis(300, 7), randdata.Axis(50, 8) // 15,000 points, 150 chunks
	run := func(procs int) (*matrix.Dense, []int) {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		return GridProbabilities(net, xs, ys), PredictGrid(net, xs, ys)
	}
	P1, l1 := run(1)
	for _, procs := range []int{2, 3, 8} {
		P, l := run(procs)
		if !slices.Equal(P.Data, P1.Data) || !slices.Equal(l, l1) {
			t.Errorf("GOMAXPROCS %d: the grid's outputs differ from GOMAXPROCS 1", procs)
		}
	}
}

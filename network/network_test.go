package network

import (
	"github.com/ann-go/ann/internal/randdata"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/moons"
	"github.com/ann-go/ann/sigmoid"
)

// tutorialForward is the tutorial's forward_prop and calculate_cost written
// literally, one example per row: layer.dot(Theta.T), the bias column in front,
// both log terms of the cost. The package must agree with it.
func tutorialForward(Theta []*matrix.Dense, X *matrix.Dense, y []int, lamb float64) (h *matrix.Dense, J float64) {
	layerA := matrix.WithBiasCol(X)
	L := len(Theta)
	for i := 1; i < L; i++ {
		z := matrix.MulT(layerA, Theta[i])
		a := sigmoid.Apply(z)
		if i != L-1 {
			a = matrix.WithBiasCol(a)
		}
		layerA, h = a, a
	}
	m := float64(X.Rows)
	yMat := matrix.New(X.Rows, h.Cols)
	for i, c := range y {
		yMat.Set(i, c, 1)
	}
	sum := 0.0
	for i, hv := range h.Data {
		yv := yMat.Data[i]
		sum += yv*math.Log(hv) + (1-yv)*math.Log(1-hv)
	}
	J = -(1 / m) * sum
	if lamb > 0 {
		reg := 0.0
		for _, t := range Theta[1:] {
			for _, v := range matrix.DropFirstCol(t).Data {
				reg += v * v
			}
		}
		J += lamb / (2 * m) * reg
	}
	return h, J
}

func TestForwardMatchesTutorial(t *testing.T) {
	X, y := moons.Make(200, 0.2, 4)
	for _, sizes := range [][]int{{2, 5, 5, 2}, {2, 3, 2}, {2, 4, 3, 5, 3}} {
		net := New(layer.Init(sizes, 7))
		if sizes[len(sizes)-1] == 3 {
			y = append([]int(nil), y...)
			y[0], y[1] = 2, 2 // a third class
		}
		hRows, J := tutorialForward(net.Theta, X, y, 0.7)
		p := Forward(net, X)
		if got := matrix.T(p.H()); !near(got, hRows, 1e-15) {
			t.Errorf("%v: h differs from the tutorial's row-form h", sizes)
		}
		if got := CostOf(net, p, y, 0.7); !(math.Abs(got-J) <= 1e-14*J) {
			t.Errorf("%v: Cost = %v, the tutorial's formula %v", sizes, got, J)
		}
		// Shapes by layer number.
		L := len(sizes)
		if p.A[0] != nil || p.Z[0] != nil || p.Z[1] != nil || len(p.A) != L+1 {
			t.Errorf("%v: Pass not indexed by layer number: len(A) %d, A[0] %v, Z[1] %v", sizes, len(p.A), p.A[0], p.Z[1])
		}
		for l := 1; l <= L; l++ {
			rows := sizes[l-1] + 1
			if l == L {
				rows = sizes[l-1]
			}
			if p.A[l].Rows != rows || p.A[l].Cols != X.Rows {
				t.Errorf("%v: A[%d] is %dx%d, want %dx%d", sizes, l, p.A[l].Rows, p.A[l].Cols, rows, X.Rows)
			}
			if l > 1 && (p.Z[l].Rows != sizes[l-1] || p.A[l].At(0, 0) != 1 && l < L) {
				t.Errorf("%v: Z[%d] is %dx%d, want %d rows; A[%d] row 0 is the bias", sizes, l, p.Z[l].Rows, p.Z[l].Cols, sizes[l-1], l)
			}
		}
	}
}

func near(a, b *matrix.Dense, tol float64) bool {
	if !matrix.SameShape(a, b) {
		return false
	}
	for i, v := range a.Data {
		if !(math.Abs(v-b.Data[i]) <= tol) { // NaN is never near
			return false
		}
	}
	return true
}

// Backpropagation agrees with central differences for several shapes, class
// counts, λ and activations.
func TestGradientCheck(t *testing.T) {
	tests := []struct {
		sizes  []int
		lambda float64
		g      Activation
	}{
		{[]int{2, 5, 2}, 0, Sigmoid},         // one hidden layer, K = 2
		{[]int{2, 5, 5, 2}, 0, Sigmoid},      // the tutorial's network
		{[]int{2, 5, 5, 2}, 1, Sigmoid},      // with λ
		{[]int{3, 4, 6, 5, 3}, 0, Sigmoid},   // three hidden layers, K = 3
		{[]int{3, 4, 6, 5, 3}, 0.5, Sigmoid}, // ... with λ
		{[]int{4, 7, 3}, 0.2, Sigmoid},       // K = 3, one hidden layer
		{[]int{2, 5, 5, 2}, 0, Tanh},
		{[]int{3, 4, 4, 3}, 0.3, Tanh},
		{[]int{2, 6, 5, 2}, 0, ReLU},
		{[]int{3, 8, 3}, 0.3, ReLU},
	}
	for _, tt := range tests {
		net := New(layer.Init(tt.sizes, 3))
		net.Hidden = tt.g
		X, y := randdata.Examples(12, tt.sizes[0], tt.sizes[len(tt.sizes)-1], 11)
		if tt.g == ReLU {
			X, y = awayFromKink(net, X, y)
		}
		r := CheckGradients(net, X, y, tt.lambda)
		if r.Max > 1e-7 || r.Max == 0 {
			t.Errorf("%v %v λ=%v: relative difference %.3g (per layer %v), want (0, 1e-7]", tt.sizes, tt.g, tt.lambda, r.Max, r.Layer[1:])
		}
	}
}

// awayFromKink keeps the examples whose hidden z are all at least 0.01 from
// ReLU's kink at 0, where g is not differentiable and a numerical derivative
// straddling it means nothing. The check's steps move z by far less.
func awayFromKink(net *Network, X *matrix.Dense, y []int) (*matrix.Dense, []int) {
	p := Forward(net, X)
	var rows [][]float64
	var keep []int
	for i := 0; i < X.Rows; i++ {
		ok := true
		for l := 2; l < net.L(); l++ {
			for k := 0; k < p.Z[l].Rows; k++ {
				ok = ok && math.Abs(p.Z[l].At(k, i)) >= 0.01
			}
		}
		if ok {
			rows = append(rows, X.Row(i))
			keep = append(keep, y[i])
		}
	}
	if len(rows) < X.Rows/2 {
		panic("awayFromKink: too few examples left")
	}
	return matrix.FromRows(rows), keep
}

// A broken backpropagation is caught: the check is not vacuous. Gradients
// that forget λ, or use the wrong g', are far from the numerical ones.
func TestGradientCheckCatchesErrors(t *testing.T) {
	net := New(layer.Init([]int{2, 5, 5, 2}, 0))
	X, y := randdata.Examples(10, 2, 2, 1)
	withLambda := CheckGradients(net, X, y, 1)
	forgot := Backprop(net, Forward(net, X), y, 0)
	tanh := net.Copy()
	tanh.Hidden = Tanh
	wrongG := Backprop(tanh, Forward(net, X), y, 0) // g' of tanh on sigmoid activations
	plain := CheckGradients(net, X, y, 0)
	for l := 1; l < net.L(); l++ {
		if d := relativeDifference(withLambda.Numerical[l], forgot[l]); d < 1e-3 {
			t.Errorf("layer %d: gradients without λ pass against λ = 1 (%.3g)", l, d)
		}
		if l < net.L()-1 { // the last layer's D does not involve g'
			if d := relativeDifference(plain.Numerical[l], wrongG[l]); d < 1e-3 {
				t.Errorf("layer %d: gradients with the wrong g' pass (%.3g)", l, d)
			}
		}
	}
}

func TestPredictAndAccuracy(t *testing.T) {
	// One layer, no hidden units: class 1 when x > 0.
	net := New([]*matrix.Dense{nil, matrix.FromRows([][]float64{{0, -10}, {0, 10}})})
	X := matrix.FromRows([][]float64{{-1}, {2}, {0.5}, {-3}})
	if got, want := Predict(net, X), []int{0, 1, 1, 0}; !slices.Equal(got, want) {
		t.Errorf("Predict = %v, want %v", got, want)
	}
	if got := Accuracy(net, X, []int{0, 1, 0, 0}); got != 0.75 {
		t.Errorf("Accuracy = %v, want 0.75", got)
	}
	h := Forward(net, X).H()
	if h.Rows != 2 || h.Cols != 4 || math.Abs(h.At(1, 1)-sigmoid.G(20)) > 0 {
		t.Errorf("h = %v", h)
	}
	// Ties: two outputs with equal weights give equal h everywhere; the first
	// wins, and at x = 40 all three round to 1.
	th := matrix.FromRows([][]float64{{0.5, 2}, {0.5, 2}, {0.1, 1}})
	tied := New([]*matrix.Dense{nil, th})
	X = matrix.FromRows([][]float64{{-3}, {0}, {40}})
	if got, want := Predict(tied, X), []int{2, 0, 0}; !slices.Equal(got, want) {
		t.Errorf("ties: Predict = %v, want %v", got, want)
	}
}

func TestCheckLabels(t *testing.T) {
	net := New(layer.Init([]int{2, 3, 3}, 0))
	if err := net.CheckLabels([]int{0, 2, 1}, 3); err != nil {
		t.Errorf("valid labels: %v", err)
	}
	for _, tt := range []struct {
		y    []int
		m    int
		want string
	}{
		{[]int{0, 3}, 2, "label 3 of example 1 is not a class of the output layer (0..2)"},
		{[]int{-1}, 1, "label -1 of example 0"},
		{[]int{0}, 2, "1 labels for 2 examples"},
	} {
		if err := net.CheckLabels(tt.y, tt.m); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("CheckLabels(%v, %d) = %v, want %q", tt.y, tt.m, err, tt.want)
		}
	}
}

func TestPanics(t *testing.T) {
	net := New(layer.Init([]int{2, 3, 2}, 0))
	X3 := matrix.New(4, 3)
	X2 := matrix.New(4, 2)
	tests := []struct {
		name string
		f    func()
		want string
	}{
		{"Forward", func() { Forward(net, X3) }, "X is 4x3 but the input layer has 2 units"},
		{"Cost", func() { Cost(net, X2, []int{0, 1, 2, 0}, 0) }, "label 2 of example 2"},
		{"New", func() { New([]*matrix.Dense{nil, matrix.New(3, 3), matrix.New(2, 3)}) }, "Theta2 is 2x3 but Theta1 has 3 rows"},
	}
	for _, tt := range tests {
		func() {
			defer func() {
				msg, _ := recover().(string)
				if !strings.HasPrefix(msg, "network: ") || !strings.Contains(msg, tt.want) {
					t.Errorf("%s: panic %q, want \"network: ...%s...\"", tt.name, msg, tt.want)
				}
			}()
			tt.f()
		}()
	}
}

func TestActivations(t *testing.T) {
	for _, g := range []Activation{Sigmoid, Tanh, ReLU} {
		got, err := ParseActivation(g.String())
		if err != nil || got != g {
			t.Errorf("ParseActivation(%q) = %v, %v", g.String(), got, err)
		}
		for _, z := range []float64{-1.5, -0.2, 0.3, 2} {
			h := 1e-6
			numeric := (g.G(z+h) - g.G(z-h)) / (2 * h)
			if d := g.GradientFromA(g.G(z)); !(math.Abs(d-numeric) <= 1e-8) {
				t.Errorf("%v: g'(%v) from a = %v, numerically %v", g, z, d, numeric)
			}
		}
	}
	if _, err := ParseActivation("softplus"); err == nil || !strings.Contains(err.Error(), "want sigmoid, tanh or relu") {
		t.Errorf("ParseActivation(softplus) error = %v", err)
	}
}

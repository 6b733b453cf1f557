package network

import (
	"math"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/ann-go/ann/internal/nprand"
	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/moons"
	"github.com/ann-go/ann/sigmoid"
)

// randomData returns m examples of n features uniform in [-2, 2) and labels in
// 0..K-1, every class present when m >= K.
func randomData(m, n, K int, seed uint32) (*matrix.Dense, []int) {
	rs := nprand.New(seed)
	X := matrix.New(m, n)
	for i := range X.Data {
		X.Data[i] = 4*rs.Float64() - 2
	}
	y := make([]int, m)
	for i := range y {
		y[i] = i % K
	}
	rs.Shuffle(m, func(i, j int) { y[i], y[j] = y[j], y[i] })
	return X, y
}

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
		p := net.Forward(X)
		if got := matrix.T(p.H()); !near(got, hRows, 1e-15) {
			t.Errorf("%v: h differs from the tutorial's row-form h", sizes)
		}
		if got := net.CostOf(p, y, 0.7); !(math.Abs(got-J) <= 1e-14*J) {
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
		X, y := randomData(12, tt.sizes[0], tt.sizes[len(tt.sizes)-1], 11)
		if tt.g == ReLU {
			X, y = awayFromKink(net, X, y)
		}
		r := net.CheckGradients(X, y, tt.lambda)
		if r.Max > 1e-7 || r.Max == 0 {
			t.Errorf("%v %v λ=%v: relative difference %.3g (per layer %v), want (0, 1e-7]", tt.sizes, tt.g, tt.lambda, r.Max, r.Layer[1:])
		}
	}
}

// awayFromKink keeps the examples whose hidden z are all at least 0.01 from
// ReLU's kink at 0, where g is not differentiable and a numerical derivative
// straddling it means nothing. The check's steps move z by far less.
func awayFromKink(net *Network, X *matrix.Dense, y []int) (*matrix.Dense, []int) {
	p := net.Forward(X)
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
	X, y := randomData(10, 2, 2, 1)
	withLambda := net.CheckGradients(X, y, 1)
	forgot := net.Backprop(net.Forward(X), y, 0)
	tanh := net.Copy()
	tanh.Hidden = Tanh
	wrongG := tanh.Backprop(net.Forward(X), y, 0) // g' of tanh on sigmoid activations
	plain := net.CheckGradients(X, y, 0)
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

// The Workspace computes what CostOf and Backprop compute, to 1e-12, for sizes
// around the chunk size and above ParallelMin.
func TestWorkspaceMatchesPlain(t *testing.T) {
	tests := []struct {
		m      int
		sizes  []int
		lambda float64
		g      Activation
	}{
		{1, []int{2, 5, 5, 2}, 0, Sigmoid},
		{ChunkSize - 1, []int{2, 5, 5, 2}, 0.5, Sigmoid},
		{ChunkSize, []int{2, 3, 2}, 0, Sigmoid},
		{ChunkSize + 1, []int{3, 4, 6, 5, 3}, 1, Sigmoid},
		{1000, []int{2, 5, 5, 2}, 0, Tanh},
		{700, []int{2, 8, 8, 3}, 0.1, ReLU},
		{ParallelMin + 37, []int{2, 5, 5, 2}, 0.2, Sigmoid},
	}
	for _, tt := range tests {
		net := New(layer.Init(tt.sizes, 5))
		net.Hidden = tt.g
		X, y := randomData(tt.m, tt.sizes[0], tt.sizes[len(tt.sizes)-1], 2)
		p := net.Forward(X)
		wantJ, wantD := net.CostOf(p, y, tt.lambda), net.Backprop(p, y, tt.lambda)
		ws := NewWorkspace(net, X, y, tt.lambda)
		if J := ws.Cost(); !(math.Abs(J-wantJ) <= 1e-12*math.Abs(wantJ)) {
			t.Errorf("m=%d %v: Workspace.Cost = %v, CostOf %v", tt.m, tt.sizes, J, wantJ)
		}
		for rep := 0; rep < 2; rep++ { // buffers reused correctly
			J, D := ws.Gradient()
			if !(math.Abs(J-wantJ) <= 1e-12*math.Abs(wantJ)) {
				t.Errorf("m=%d %v: Workspace J = %v, CostOf %v", tt.m, tt.sizes, J, wantJ)
			}
			for l := 1; l < len(D); l++ {
				for i, v := range D[l].Data {
					if w := wantD[l].Data[i]; !(math.Abs(v-w) <= 1e-12*max(1, math.Abs(w))) {
						t.Errorf("m=%d %v: Workspace D[%d] element %d = %v, Backprop %v", tt.m, tt.sizes, l, i, v, w)
						break
					}
				}
			}
		}
		ws.Close()
	}
}

// The chunks' sums are added in a fixed order, so the number of cores changes
// no bit of the result.
func TestWorkspaceDeterministic(t *testing.T) {
	net := New(layer.Init([]int{2, 5, 5, 2}, 0))
	X, y := randomData(3*ParallelMin+11, 2, 2, 9)
	run := func(procs int) (float64, []*matrix.Dense) {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		ws := NewWorkspace(net, X, y, 0.3)
		defer ws.Close()
		J, D := ws.Gradient()
		copied := make([]*matrix.Dense, len(D))
		for l := 1; l < len(D); l++ {
			copied[l] = D[l].Copy()
		}
		return J, copied
	}
	J1, D1 := run(1)
	for _, procs := range []int{2, 3, 8} {
		J, D := run(procs)
		if J != J1 {
			t.Errorf("GOMAXPROCS %d: J = %v, with 1: %v", procs, J, J1)
		}
		for l := 1; l < len(D); l++ {
			if !near(D[l], D1[l], 0) {
				t.Errorf("GOMAXPROCS %d: D[%d] differs from GOMAXPROCS 1", procs, l)
			}
		}
	}
}

func TestWorkspaceAllocs(t *testing.T) {
	for _, m := range []int{500, 2 * ParallelMin} {
		net := New(layer.Init([]int{2, 5, 5, 2}, 0))
		X, y := randomData(m, 2, 2, 9)
		ws := NewWorkspace(net, X, y, 0.1)
		ws.Gradient()
		if a := testing.AllocsPerRun(20, func() { ws.Gradient() }); a != 0 {
			t.Errorf("m=%d: Gradient allocates %v times per call, want 0", m, a)
		}
		ws.Close()
	}
}

// A workspace loaded with some rows computes what a new workspace of those
// rows computes, bit for bit, and loading allocates nothing; bad loads panic.
func TestWorkspaceLoad(t *testing.T) {
	net := New(layer.Init([]int{2, 5, 5, 3}, 1))
	X, y := randomData(3*ParallelMin, 2, 3, 4)
	for _, m := range []int{7, ChunkSize + 9, ParallelMin + 1} {
		ws := NewWorkspace(net, firstRows(X, m), y[:m], 0.2)
		for _, seed := range []uint32{1, 2} {
			rows := nprand.New(seed).Permutation(X.Rows)[:m]
			Xr, yr := matrix.New(m, 2), make([]int, m)
			for i, r := range rows {
				copy(Xr.Row(i), X.Row(r))
				yr[i] = y[r]
			}
			fresh := NewWorkspace(net, Xr, yr, 0.2)
			wantJ, wantD := fresh.Gradient()
			ws.Load(X, y, rows)
			J, D := ws.Gradient()
			if J != wantJ {
				t.Errorf("m=%d: loaded J = %v, new workspace %v", m, J, wantJ)
			}
			for l := 1; l < len(D); l++ {
				if !slices.Equal(D[l].Data, wantD[l].Data) {
					t.Errorf("m=%d: loaded D[%d] differs from a new workspace's", m, l)
				}
			}
			fresh.Close()
			if a := testing.AllocsPerRun(5, func() { ws.Load(X, y, rows) }); a != 0 {
				t.Errorf("m=%d: Load allocates %v times", m, a)
			}
		}
		ws.Close()
	}
	ws := NewWorkspace(net, firstRows(X, 3), y[:3], 0)
	defer ws.Close()
	bad := []int{0, 1, 2}
	y[2] = 3 // not a class of 3 outputs
	for _, c := range []struct {
		rows []int
		want string
	}{{[]int{0, 1}, "2 rows into a workspace of 3"}, {[]int{0, 1, -1}, "row -1 is outside"}, {bad, "label 3 of row 2"}} {
		func() {
			defer func() {
				if r := recover(); r == nil || !strings.Contains(r.(string), c.want) {
					t.Errorf("Load(%v): panic %v, want %q", c.rows, r, c.want)
				}
			}()
			ws.Load(X, y, c.rows)
		}()
	}
}

// firstRows returns the first m rows of X, sharing its storage.
func firstRows(X *matrix.Dense, m int) *matrix.Dense {
	return &matrix.Dense{Rows: m, Cols: X.Cols, Data: X.Data[:m*X.Cols]}
}

func TestPredictAndAccuracy(t *testing.T) {
	// One layer, no hidden units: class 1 when x > 0.
	net := New([]*matrix.Dense{nil, matrix.FromRows([][]float64{{0, -10}, {0, 10}})})
	X := matrix.FromRows([][]float64{{-1}, {2}, {0.5}, {-3}})
	if got, want := net.Predict(X), []int{0, 1, 1, 0}; !slices.Equal(got, want) {
		t.Errorf("Predict = %v, want %v", got, want)
	}
	if got := net.Accuracy(X, []int{0, 1, 0, 0}); got != 0.75 {
		t.Errorf("Accuracy = %v, want 0.75", got)
	}
	P := net.Probabilities(X)
	if P.Rows != 4 || P.Cols != 2 || math.Abs(P.At(1, 1)-sigmoid.G(20)) > 0 {
		t.Errorf("Probabilities = %v", P)
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
		{"Forward", func() { net.Forward(X3) }, "X is 4x3 but the input layer has 2 units"},
		{"Cost", func() { net.Cost(X2, []int{0, 1, 2, 0}, 0) }, "label 2 of example 2"},
		{"NewWorkspace", func() { NewWorkspace(net, X2, []int{0}, 0) }, "1 labels for 4 examples"},
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
			if d := g.GradFromA(g.G(z)); !(math.Abs(d-numeric) <= 1e-8) {
				t.Errorf("%v: g'(%v) from a = %v, numerically %v", g, z, d, numeric)
			}
		}
	}
	if _, err := ParseActivation("softplus"); err == nil || !strings.Contains(err.Error(), "want sigmoid, tanh or relu") {
		t.Errorf("ParseActivation(softplus) error = %v", err)
	}
}

// Probabilities (chunked, parallel, sigmoid.Fast) equals the plain Forward to
// a few ulps.
func TestProbabilitiesMatchForward(t *testing.T) {
	for _, m := range []int{1, ChunkSize + 3, ParallelMin + 1} {
		for _, g := range []Activation{Sigmoid, Tanh} {
			net := New(layer.Init([]int{3, 6, 4, 3}, 8))
			net.Hidden = g
			X, _ := randomData(m, 3, 3, 4)
			want := matrix.T(net.Forward(X).H())
			if got := net.Probabilities(X); !near(got, want, 1e-15) {
				t.Errorf("m=%d %v: Probabilities differs from Forward", m, g)
			}
		}
	}
}

// Predict's shortcut (argmax of z, sigmoids only where they could tie) gives
// the argmax of Probabilities exactly, ties to the first class included, also
// for weights large enough that outputs saturate to exactly 1.
func TestPredictMatchesArgmaxOfProbabilities(t *testing.T) {
	for _, scale := range []float64{1, 30, 300} {
		for _, sizes := range [][]int{{2, 5, 5, 2}, {3, 4, 3}, {2, 6, 4}} {
			net := New(layer.Init(sizes, 6))
			for _, th := range net.Theta[1:] {
				for i := range th.Data {
					th.Data[i] *= scale
				}
			}
			X, _ := randomData(3000, sizes[0], 2, 7)
			want := matrix.ArgmaxRows(net.Probabilities(X))
			if got := net.Predict(X); !slices.Equal(got, want) {
				t.Errorf("scale %v %v: Predict differs from the argmax of Probabilities", scale, sizes)
			}
		}
	}
	// Ties: two outputs with equal weights give equal h everywhere; the first
	// wins, and at x = 40 all three round to 1.
	th := matrix.FromRows([][]float64{{0.5, 2}, {0.5, 2}, {0.1, 1}})
	net := New([]*matrix.Dense{nil, th})
	X := matrix.FromRows([][]float64{{-3}, {0}, {40}})
	if got, want := net.Predict(X), []int{2, 0, 0}; !slices.Equal(got, want) {
		t.Errorf("ties: Predict = %v, want %v", got, want)
	}
}

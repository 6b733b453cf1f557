package fast

import (
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
)

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

// The Workspace computes what CostOf and Backprop compute, to 1e-12, for sizes
// around the chunk size and above parallelMin.
func TestWorkspaceMatchesPlain(t *testing.T) {
	tests := []struct {
		m      int
		sizes  []int
		lambda float64
		g      network.Activation
	}{
		{1, []int{2, 5, 5, 2}, 0, network.Sigmoid},
		{chunkSize - 1, []int{2, 5, 5, 2}, 0.5, network.Sigmoid},
		{chunkSize, []int{2, 3, 2}, 0, network.Sigmoid},
		{chunkSize + 1, []int{3, 4, 6, 5, 3}, 1, network.Sigmoid},
		{1000, []int{2, 5, 5, 2}, 0, network.Tanh},
		{700, []int{2, 8, 8, 3}, 0.1, network.ReLU},
		{parallelMin + 37, []int{2, 5, 5, 2}, 0.2, network.Sigmoid},
	}
	for _, tt := range tests {
		net := network.New(layer.Init(tt.sizes, 5))
		net.Hidden = tt.g
		X, y := randdata.Examples(tt.m, tt.sizes[0], tt.sizes[len(tt.sizes)-1], 2)
		p := network.Forward(net, X)
		wantJ, wantD := network.CostOf(net, p, y, tt.lambda), network.Backprop(net, p, y, tt.lambda)
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
	net := network.New(layer.Init([]int{2, 5, 5, 2}, 0))
	X, y := randdata.Examples(3*parallelMin+11, 2, 2, 9)
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
	for _, m := range []int{500, 2 * parallelMin} {
		net := network.New(layer.Init([]int{2, 5, 5, 2}, 0))
		X, y := randdata.Examples(m, 2, 2, 9)
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
	net := network.New(layer.Init([]int{2, 5, 5, 3}, 1))
	X, y := randdata.Examples(3*parallelMin, 2, 3, 4)
	for _, m := range []int{7, chunkSize + 9, parallelMin + 1} {
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

// Probabilities (chunked, parallel, kernel.Sigmoid) equals the plain Forward to
// a few ulps.
func TestProbabilitiesMatchForward(t *testing.T) {
	for _, m := range []int{1, chunkSize + 3, parallelMin + 1} {
		for _, g := range []network.Activation{network.Sigmoid, network.Tanh} {
			net := network.New(layer.Init([]int{3, 6, 4, 3}, 8))
			net.Hidden = g
			X, _ := randdata.Examples(m, 3, 3, 4)
			want := matrix.T(network.Forward(net, X).H())
			if got := Probabilities(net, X); !near(got, want, 1e-15) {
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
			net := network.New(layer.Init(sizes, 6))
			for _, th := range net.Theta[1:] {
				for i := range th.Data {
					th.Data[i] *= scale
				}
			}
			X, _ := randdata.Examples(3000, sizes[0], 2, 7)
			want := matrix.ArgmaxRows(Probabilities(net, X))
			if got := Predict(net, X); !slices.Equal(got, want) {
				t.Errorf("scale %v %v: Predict differs from the argmax of Probabilities", scale, sizes)
			}
		}
	}
	// Ties: two outputs with equal weights give equal h everywhere; the first
	// wins, and at x = 40 all three round to 1.
	th := matrix.FromRows([][]float64{{0.5, 2}, {0.5, 2}, {0.1, 1}})
	net := network.New([]*matrix.Dense{nil, th})
	X := matrix.FromRows([][]float64{{-3}, {0}, {40}})
	if got, want := Predict(net, X), []int{2, 0, 0}; !slices.Equal(got, want) {
		t.Errorf("ties: Predict = %v, want %v", got, want)
	}
}

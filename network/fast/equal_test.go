package fast

import (
	"fmt"
	"github.com/ann-go/ann/internal/randdata"
	"math"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network"
)

// equalCases are random networks of every activation and several shapes (1 to
// 3 hidden layers, K = 2 and 3), λ 0 and > 0, and m below and above
// parallelMin, not a multiple of chunkSize.
func equalCases() []struct {
	sizes  []int
	g      network.Activation
	lambda float64
	m      int
} {
	type tc = struct {
		sizes  []int
		g      network.Activation
		lambda float64
		m      int
	}
	var cases []tc
	shapes := [][]int{{2, 5, 2}, {2, 5, 5, 2}, {3, 4, 6, 5, 3}, {2, 7, 3}}
	for i, g := range []network.Activation{network.Sigmoid, network.Tanh, network.ReLU} {
		for j, sizes := range shapes {
			lambda := 0.0
			if (i+j)%2 == 1 {
				lambda = 0.3
			}
			for _, m := range []int{1, chunkSize + 7, parallelMin + 3*chunkSize/2} {
				cases = append(cases, tc{sizes, g, lambda, m})
			}
		}
	}
	return cases
}

// The engine computes what package network computes: cost and gradients
// within 1e-12 relative, predictions equal.
func TestEngineEqualsReference(t *testing.T) {
	for ci, tt := range equalCases() {
		name := fmt.Sprintf("%v %v λ=%v m=%d", tt.sizes, tt.g, tt.lambda, tt.m)
		net := network.New(layer.Init(tt.sizes, uint32(ci)))
		net.Hidden = tt.g
		K := tt.sizes[len(tt.sizes)-1]
		X, y := randdata.Examples(tt.m, tt.sizes[0], K, uint32(100+ci))
		p := network.Forward(net, X)
		wantJ := network.CostOf(net, p, y, tt.lambda)
		wantD := network.Backprop(net, p, y, tt.lambda)
		ws := NewWorkspace(net, X, y, tt.lambda)
		J, D := ws.Gradient()
		if !(math.Abs(J-wantJ) <= 1e-12*math.Abs(wantJ)) {
			t.Errorf("%s: J = %v, network.CostOf %v", name, J, wantJ)
		}
		if c := ws.Cost(); !(math.Abs(c-wantJ) <= 1e-12*math.Abs(wantJ)) {
			t.Errorf("%s: Cost = %v, network.CostOf %v", name, c, wantJ)
		}
		ws.Close()
		for l := 1; l < len(D); l++ {
			if d := relDiff(D[l], wantD[l]); !(d <= 1e-12) {
				t.Errorf("%s: D[%d] differs from network.Backprop by %.3g relative", name, l, d)
			}
		}
		if got, want := Predict(net, X), network.Predict(net, X); !slices.Equal(got, want) {
			t.Errorf("%s: Predict differs from network.Predict", name)
		}
	}
}

// relDiff returns ‖a − b‖ / ‖b‖ over all elements (‖a − b‖ if b is 0).
func relDiff(a, b *matrix.Dense) float64 {
	var d, n float64
	for i, v := range b.Data {
		d += (a.Data[i] - v) * (a.Data[i] - v)
		n += v * v
	}
	if n == 0 {
		return math.Sqrt(d)
	}
	return math.Sqrt(d / n)
}

// Cost, gradients and predictions are bitwise the same for GOMAXPROCS 1, 2,
// 3 and 8.
func TestEngineSameOnAnyCores(t *testing.T) {
	for ci, tt := range equalCases() {
		if !parallel(tt.m, tt.sizes) {
			continue
		}
		net := network.New(layer.Init(tt.sizes, uint32(ci)))
		net.Hidden = tt.g
		X, y := randdata.Examples(tt.m, tt.sizes[0], tt.sizes[len(tt.sizes)-1], uint32(ci))
		type out struct {
			J    float64
			D    [][]float64
			pred []int
			P    []float64
		}
		run := func(procs int) out {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			ws := NewWorkspace(net, X, y, tt.lambda)
			defer ws.Close()
			J, D := ws.Gradient()
			o := out{J: J, pred: Predict(net, X), P: Probabilities(net, X).Data}
			for _, d := range D[1:] {
				o.D = append(o.D, slices.Clone(d.Data))
			}
			return o
		}
		one := run(1)
		for _, procs := range []int{2, 3, 8} {
			o := run(procs)
			same := o.J == one.J && slices.Equal(o.pred, one.pred) && slices.Equal(o.P, one.P)
			for l := range o.D {
				same = same && slices.Equal(o.D[l], one.D[l])
			}
			if !same {
				t.Errorf("%v %v: GOMAXPROCS %d differs from GOMAXPROCS 1", tt.sizes, tt.g, procs)
			}
		}
	}
}

// A panic on a worker goroutine reaches the caller's goroutine with its
// original value, and the workspace stays usable once the cause is gone.
func TestWorkerPanicReachesCaller(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	net := network.New(layer.Init(layer.Tutorial, 0))
	X, y := randdata.Examples(4*parallelMin, 2, 2, 1)
	ws := NewWorkspace(net, X, y, 0)
	defer ws.Close()
	want, _ := ws.Gradient()
	catch := func(f func()) (v any) {
		defer func() { v = recover() }()
		f()
		return nil
	}
	net.Hidden = network.Activation(7) // every worker's g panics
	for _, f := range []func(){func() { ws.Gradient() }, func() { ws.Cost() }, func() { Predict(net, X) }, func() { Probabilities(net, X) }} {
		v := catch(f)
		if s, _ := v.(string); !strings.Contains(s, "Activation(7)") {
			t.Errorf("panic %v, want the worker's about Activation(7)", v)
		}
	}
	net.Hidden = network.Sigmoid
	if J, _ := ws.Gradient(); J != want {
		t.Errorf("after the panic, J = %v, want %v", J, want)
	}
	// A value that is not a string arrives as itself.
	type marker struct{ n int }
	v := catch(func() {
		eachChunk(net.Sizes(), 64, true, func(wk *worker, ch int) {
			if ch == 63 {
				panic(marker{ch})
			}
		})
	})
	if v != (marker{63}) {
		t.Errorf("panic %v, want marker{63}", v)
	}
}

// A zero Workspace, a nil network or X: a panic naming the mistake.
func TestZeroValues(t *testing.T) {
	for name, f := range map[string]func(){
		"zero Workspace Gradient": func() { (&Workspace{}).Gradient() },
		"zero Workspace Cost":     func() { (&Workspace{}).Cost() },
		"zero Workspace Load":     func() { (&Workspace{}).Load(matrix.New(1, 2), []int{0}, []int{0}) },
		"nil network":             func() { Predict(nil, matrix.New(1, 2)) },
		"zero network":            func() { Probabilities(&network.Network{}, matrix.New(1, 2)) },
		"nil X":                   func() { Predict(network.New(layer.Init(layer.Tutorial, 0)), nil) },
		"0 columns":               func() { Predict(network.New(layer.Init(layer.Tutorial, 0)), matrix.New(3, 0)) },
		"grid of nil network":     func() { GridProbabilities(nil, []float64{0}, []float64{0}) },
		"workspace of 0 rows":     func() { NewWorkspace(network.New(layer.Init(layer.Tutorial, 0)), matrix.New(0, 2), nil, 0) },
		"workspace of NaN lambda": func() {
			NewWorkspace(network.New(layer.Init(layer.Tutorial, 0)), matrix.New(1, 2), []int{0}, math.NaN())
		},
	} {
		func() {
			defer func() {
				r := recover()
				if s, _ := r.(string); !strings.HasPrefix(s, "fast: ") {
					t.Errorf("%s: panic %v, want a fast: message", name, r)
				}
			}()
			f()
		}()
	}
	(&Workspace{}).Close() // closing a zero workspace is harmless
}

// Inputs that are not finite panic with a message, in any chunk, on one core
// or several; the largest finite numbers do not.
func TestNotFiniteInputs(t *testing.T) {
	net := network.New(layer.Init(layer.Tutorial, 0))
	for _, m := range []int{3, parallelMin + 5} {
		for _, v := range []float64{math.NaN(), math.Inf(1), math.Inf(-1), math.MaxFloat64, -math.MaxFloat64, 5e-324} {
			X, _ := randdata.Examples(m, 2, 2, 3)
			X.Data[len(X.Data)-1] = v
			r := func() (r any) {
				defer func() { r = recover() }()
				Predict(net, X)
				Probabilities(net, X)
				return nil
			}()
			finite := !math.IsNaN(v) && !math.IsInf(v, 0)
			if s, _ := r.(string); finite && r != nil || !finite && !strings.HasPrefix(s, "fast: X holds a number that is not finite") {
				t.Errorf("m=%d, x=%v: panic %v", m, v, r)
			}
		}
	}
}

// More cores follow the work of a pass, not the count of examples.
func TestParallelByWork(t *testing.T) {
	for _, tt := range []struct {
		m     int
		sizes []int
		want  bool
	}{
		{1000, []int{2, 5, 5, 2}, false}, // Take 1
		{parallelMin, []int{2, 5, 5, 2}, true},
		{1797, []int{64, 25, 10}, true},    // the digits: 1,885 weights each
		{10000, []int{2, 64, 64, 2}, true}, // wide
		{150, []int{4, 10, 3}, false},      // iris
	} {
		if got := Parallel(tt.m, tt.sizes); got != tt.want {
			t.Errorf("Parallel(%d, %v) = %v, want %v", tt.m, tt.sizes, got, tt.want)
		}
	}
}

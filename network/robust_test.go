package network

import (
	"math"
	"runtime"
	"strings"
	"testing"

	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/matrix"
)

// mustPanicWith runs f and fails unless it panics with a string that starts
// with prefix: a message naming the mistake, not a runtime error.
func mustPanicWith(t *testing.T, name, prefix string, f func()) {
	t.Helper()
	defer func() {
		r := recover()
		if _, isRuntime := r.(runtime.Error); isRuntime || r == nil {
			t.Errorf("%s: panic %v, want a %q message", name, r, prefix)
			return
		}
		if s, _ := r.(string); !strings.HasPrefix(s, prefix) {
			t.Errorf("%s: panic %v, want a %q message", name, r, prefix)
		}
	}()
	f()
}

// Zero values, nil, 0 rows or columns, mismatched or negative labels and
// numbers that are not finite: an error, or a panic naming the mistake,
// never an index or nil-pointer panic and never a silent NaN.
func TestBadValues(t *testing.T) {
	good := New(layer.Init([]int{2, 3, 2}, 0))
	X := matrix.FromRows([][]float64{{1, 2}, {3, 4}})
	y := []int{0, 1}
	nets := map[string]*Network{
		"nil":          nil,
		"zero":         {},
		"Theta[0] set": {Theta: []*matrix.Dense{matrix.New(2, 3), matrix.New(2, 3)}},
		"nil Theta1":   {Theta: []*matrix.Dense{nil, nil}},
		"0x0 Theta1":   {Theta: []*matrix.Dense{nil, {}}},
		"short Data":   {Theta: []*matrix.Dense{nil, {Rows: 2, Cols: 3, Data: []float64{1}}}},
		"bad g":        {Theta: layer.Init([]int{2, 2}, 0), Hidden: 9},
	}
	for name, n := range nets {
		if _, err := n.Check(); err == nil || !strings.HasPrefix(err.Error(), "network: ") {
			t.Errorf("%s: Check = %v, want a network: error", name, err)
		}
		if err := n.CheckX(X); err == nil {
			t.Errorf("%s: CheckX = nil", name)
		}
		mustPanicWith(t, name+" Forward", "network: ", func() { Forward(n, X) })
		mustPanicWith(t, name+" Predict", "network: ", func() { Predict(n, X) })
		mustPanicWith(t, name+" Cost", "network: ", func() { Cost(n, X, y, 0) })
		mustPanicWith(t, name+" Accuracy", "network: ", func() { Accuracy(n, X, y) })
		mustPanicWith(t, name+" CheckGradients", "network: ", func() { CheckGradients(n, X, y, 0) })
	}
	// Weights that are not finite (a diverged training) fail Check, give a
	// NaN cost for the trainer to report, and make Predict panic.
	nanNet := &Network{Theta: []*matrix.Dense{nil, matrix.FromRows([][]float64{{0, math.NaN(), 0}})}}
	if _, err := nanNet.Check(); err == nil || !strings.Contains(err.Error(), "Theta1 holds NaN") {
		t.Errorf("NaN weight: Check = %v", err)
	}
	if J := Cost(nanNet, X, []int{0, 0}, 0); !math.IsNaN(J) {
		t.Errorf("NaN weight: Cost = %v, want NaN", J)
	}
	mustPanicWith(t, "NaN weight Predict", "network: Predict: an output is NaN", func() { Predict(nanNet, X) })
	mustPanicWith(t, "Sizes of nil", "network: ", func() { (*Network)(nil).Sizes() })
	mustPanicWith(t, "K of zero", "network: ", func() { (&Network{}).K() })
	mustPanicWith(t, "Copy of zero", "network: ", func() { (&Network{}).Copy() })
	for name, bad := range map[string]*matrix.Dense{
		"nil X":      nil,
		"0 columns":  matrix.New(2, 0),
		"3 columns":  matrix.New(2, 3),
		"NaN":        matrix.FromRows([][]float64{{1, math.NaN()}}),
		"+Inf":       matrix.FromRows([][]float64{{math.Inf(1), 0}}),
		"short Data": {Rows: 2, Cols: 2, Data: []float64{1, 2}},
	} {
		if err := good.CheckX(bad); err == nil || !strings.HasPrefix(err.Error(), "network: ") {
			t.Errorf("%s: CheckX = %v", name, err)
		}
		mustPanicWith(t, name+" Forward", "network: ", func() { Forward(good, bad) })
	}
	if err := good.CheckX(&matrix.Dense{Rows: 2, Cols: 2, Data: []float64{1, 2}}); err == nil || err.Error() != "network: X is 2x2 but holds 2 numbers" {
		t.Errorf("short Data: CheckX = %v, want the shape and the count of numbers", err)
	}
	for name, labels := range map[string][]int{"negative": {0, -1}, "too large": {0, 2}, "too few": {0}, "nil": nil} {
		if err := good.CheckLabels(labels, 2); err == nil || !strings.HasPrefix(err.Error(), "network: ") {
			t.Errorf("%s labels: CheckLabels = %v", name, err)
		}
		mustPanicWith(t, name+" labels Cost", "network: ", func() { Cost(good, X, labels, 0) })
		mustPanicWith(t, name+" labels Backprop", "network: ", func() { Backprop(good, Forward(good, X), labels, 0) })
	}
	mustPanicWith(t, "Cost of 0 rows", "network: ", func() { Cost(good, matrix.New(0, 2), nil, 0) })
	mustPanicWith(t, "Backprop of 0 rows", "network: ", func() { Backprop(good, Forward(good, matrix.New(0, 2)), nil, 0) })
	mustPanicWith(t, "Cost with lambda NaN", "network: lambda NaN", func() { Cost(good, X, y, math.NaN()) })
	mustPanicWith(t, "Backprop with lambda -1", "network: lambda -1", func() { Backprop(good, Forward(good, X), y, -1) })
	mustPanicWith(t, "Regularization over m = 0", "network: ", func() { Regularization(good, 1, 0) })
	mustPanicWith(t, "a pass of another network", "network: ", func() {
		CostOf(good, Forward(New(layer.Init([]int{2, 3, 3, 4}, 0)), X), y, 0)
	})
	mustPanicWith(t, "nil pass", "network: ", func() { Backprop(good, nil, y, 0) })
	mustPanicWith(t, "H of a zero Pass", "network: ", func() { (&Pass{}).H() })
	mustPanicWith(t, "OneHot with K = 0", "network: ", func() { OneHot(nil, 0) })
	mustPanicWith(t, "OneHot of -1", "network: ", func() { OneHot([]int{-1}, 2) })
	if got := Predict(good, matrix.New(0, 2)); len(got) != 0 {
		t.Errorf("Predict of 0 rows = %v", got)
	}
	if got := Accuracy(good, matrix.New(0, 2), nil); got != 0 {
		t.Errorf("Accuracy of 0 rows = %v", got)
	}
	// Huge finite inputs: finite outputs and a cost that is a number.
	huge := matrix.FromRows([][]float64{{1e300, -1e300}, {-1e300, 1e300}})
	for _, v := range Forward(good, huge).H().Data {
		if !(v >= 0 && v <= 1) {
			t.Errorf("h of huge inputs = %v", v)
		}
	}
	if J := Cost(good, huge, y, 0); math.IsNaN(J) {
		t.Errorf("Cost of huge inputs = %v", J)
	}
	if _, err := FromWeights(); err == nil {
		t.Error("FromWeights() = nil error")
	}
	if _, err := FromWeights(matrix.New(3, 3), matrix.New(2, 3)); err == nil || !strings.Contains(err.Error(), "Theta2 is 2x3 but Theta1 has 3 rows") {
		t.Errorf("FromWeights of unchained shapes: %v", err)
	}
	if n, err := FromWeights(matrix.New(3, 3), matrix.New(2, 4)); err != nil || n.L() != 3 || n.Theta[0] != nil {
		t.Errorf("FromWeights of chained shapes: %v, %v", n, err)
	}
}

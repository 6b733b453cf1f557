package network

import (
	"math"
	"strings"
	"testing"

	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/matrix"
)

// CheckGradientsOf(Backprop) is CheckGradients; a backpropagation off by a
// factor fails it; one that returns the wrong shapes panics.
func TestCheckGradientsOf(t *testing.T) {
	n := New(layer.Init(layer.Tutorial, 0))
	X := matrix.FromRows([][]float64{{0.5, -0.3}, {-0.9, 0.2}, {0.1, 0.8}})
	y := []int{0, 1, 1}
	a, b := CheckGradients(n, X, y, 0.5), CheckGradientsOf(n, X, y, 0.5, Backprop)
	if a.Max != b.Max || !(a.Max <= 1e-7) {
		t.Errorf("CheckGradients: %v, CheckGradientsOf(Backprop): %v, want the same, below 1e-7", a.Max, b.Max)
	}
	double := func(n *Network, p *Pass, y []int, lambda float64) []*matrix.Dense {
		D := Backprop(n, p, y, lambda)
		D[2] = matrix.Scale(2, D[2])
		return D
	}
	if r := CheckGradientsOf(n, X, y, 0.5, double); !(r.Layer[2] > 0.1) || !(r.Layer[1] <= 1e-7) {
		t.Errorf("D^(2) doubled: relative differences %v, want only layer 2's large", r.Layer)
	}
	for _, bad := range []func(*Network, *Pass, []int, float64) []*matrix.Dense{
		func(*Network, *Pass, []int, float64) []*matrix.Dense { return nil },
		func(n *Network, p *Pass, y []int, lambda float64) []*matrix.Dense {
			D := Backprop(n, p, y, lambda)
			D[1] = matrix.New(2, 2)
			return D
		},
		func(n *Network, p *Pass, y []int, lambda float64) []*matrix.Dense {
			D := Backprop(n, p, y, lambda)
			D[3] = nil
			return D
		},
	} {
		func() {
			defer func() {
				if r, _ := recover().(string); !strings.HasPrefix(r, "network: CheckGradientsOf: ") {
					t.Errorf("a backprop of the wrong shapes: panic %q, want a network: CheckGradientsOf: panic", r)
				}
			}()
			CheckGradientsOf(n, X, y, 0, bad)
		}()
	}
}

// relativeDifference of finite gradients is never NaN, however large they
// are: a huge λ gives gradients whose squares overflow.
func TestRelativeDifferenceHuge(t *testing.T) {
	for _, tc := range []struct {
		a, b []float64
		want float64
	}{
		{[]float64{3e300, 4e300}, []float64{3e300, 4e300}, 0},
		{[]float64{3e300, 0}, []float64{0, 4e300}, 5.0 / 7},
		{[]float64{1e308, -1e308}, []float64{-1e308, 1e308}, 1},
		{[]float64{1, 2}, []float64{1, 2}, 0},
		{[]float64{0, 0}, []float64{0, 0}, 0},
	} {
		a := &matrix.Dense{Rows: 1, Cols: 2, Data: tc.a}
		b := &matrix.Dense{Rows: 1, Cols: 2, Data: tc.b}
		if got := relativeDifference(a, b); math.Abs(got-tc.want) > 1e-15 {
			t.Errorf("relativeDifference(%v, %v) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

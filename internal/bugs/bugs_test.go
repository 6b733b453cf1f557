package bugs

import (
	"testing"

	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network"
)

// Each bug gives gradients that the check finds far from the numerical ones,
// where network.Backprop's agree; and it gives them without panicking, in
// the shapes of Θ.
func TestBugsAreCaught(t *testing.T) {
	for _, g := range []network.Activation{network.Sigmoid, network.Tanh} {
		n := network.New(layer.Init([]int{2, 4, 3, 3}, 1))
		n.Hidden = g
		X := matrix.FromRows([][]float64{{0.5, -0.3}, {-0.9, 0.2}, {0.1, 0.8}, {0.7, 0.7}})
		y := []int{0, 2, 1, 2}
		if r := network.CheckGradients(n, X, y, 1); !(r.Max <= 1e-7) {
			t.Fatalf("%v: Backprop's relative difference %v", g, r.Max)
		}
		for _, b := range All {
			if r := network.CheckGradientsOf(n, X, y, 1, b.Backprop); !(r.Max > 1e-3) {
				t.Errorf("%v: %s: relative difference %v, want the check to fail", g, b.Name, r.Max)
			}
		}
	}
}

func TestFind(t *testing.T) {
	for _, b := range All {
		if f, ok := Find(b.Name); !ok || f.Name != b.Name {
			t.Errorf("Find(%q) = %v, %v", b.Name, f.Name, ok)
		}
	}
	if f, ok := Find("no-1/m"); !ok || f.Name != "no-m" {
		t.Errorf(`Find("no-1/m") = %v, %v, want no-m`, f.Name, ok)
	}
	if _, ok := Find("nothing"); ok {
		t.Error(`Find("nothing") found a bug`)
	}
}

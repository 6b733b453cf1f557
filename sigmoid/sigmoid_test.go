package sigmoid

import (
	"math"
	"testing"

	"github.com/ann-go/ann/matrix"

	// -update, so that go test ./... -update runs here too (no golden files here).
	_ "github.com/ann-go/ann/internal/golden"
)

func TestG(t *testing.T) {
	tests := []struct{ z, want float64 }{
		{0, 0.5},
		{math.Inf(1), 1},
		{math.Inf(-1), 0},
		{40, 1},
		{-800, 0},
		{1, 0.7310585786300049}, // 1/(1+exp(-1)), numpy 1.24.2
		{-2, 0.11920292202211755},
	}
	for _, tt := range tests {
		if got := G(tt.z); got != tt.want {
			t.Errorf("G(%v) = %v, want %v", tt.z, got, tt.want)
		}
	}
	if got := G(math.NaN()); !math.IsNaN(got) {
		t.Errorf("G(NaN) = %v, want NaN", got)
	}
}

func TestGradient(t *testing.T) {
	for _, z := range []float64{-30, -3, -0.5, 0, 0.25, 2, 30} {
		// The derivative of G by central differences.
		h := 1e-6
		numeric := (G(z+h) - G(z-h)) / (2 * h)
		if got := Gradient(z); !(math.Abs(got-numeric) <= 1e-9) {
			t.Errorf("Gradient(%v) = %v, central difference %v", z, got, numeric)
		}
		if got, want := GradientFromA(G(z)), Gradient(z); got != want {
			t.Errorf("GradientFromA(G(%v)) = %v, want Gradient = %v", z, got, want)
		}
	}
	if got := Gradient(0); got != 0.25 {
		t.Errorf("Gradient(0) = %v, want 0.25", got)
	}
}

func TestMatrices(t *testing.T) {
	z := matrix.FromRows([][]float64{{0, 1}, {-2, 40}})
	g, d := Apply(z), ApplyGradient(z)
	for i, v := range z.Data {
		if g.Data[i] != G(v) || d.Data[i] != Gradient(v) {
			t.Errorf("element %d: Apply %v, ApplyGradient %v; want %v, %v", i, g.Data[i], d.Data[i], G(v), Gradient(v))
		}
	}
}

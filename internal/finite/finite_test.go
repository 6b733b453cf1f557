package finite

import (
	"math"
	"testing"

	_ "github.com/ann-go/ann/internal/golden" // go test ./... -update passes here too
)

func TestIs(t *testing.T) {
	for _, x := range []float64{0, math.Copysign(0, -1), 1, -1e308, math.MaxFloat64, -math.MaxFloat64, math.SmallestNonzeroFloat64} {
		if !Is(x) {
			t.Errorf("Is(%v) = false, want true: it is a finite number", x)
		}
	}
	for _, x := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		if Is(x) {
			t.Errorf("Is(%v) = true, want false", x)
		}
	}
}

func TestIndex(t *testing.T) {
	for _, tt := range []struct {
		v    []float64
		want int
	}{
		{nil, -1},
		{[]float64{1, 2, 3}, -1},
		{[]float64{math.NaN()}, 0},
		{[]float64{1, math.Inf(-1), math.NaN()}, 1},
		{[]float64{1, 2, math.Inf(1)}, 2},
	} {
		if got := Index(tt.v); got != tt.want {
			t.Errorf("Index(%v) = %d, want %d (the first NaN or Inf, -1 for none)", tt.v, got, tt.want)
		}
	}
}

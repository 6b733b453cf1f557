package network

import (
	"math"
	"math/big"
	"testing"

	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/matrix"
)

// CostOf's sum of the m K cross-entropy terms is the exact sum rounded,
// give or take a few units in the last place, however large m is: with a
// plain running sum, 70000 examples lost some hundred units, and ann
// gradcheck -m 70000 failed a correct backpropagation (1.4e-7).
func TestCostSumAccurate(t *testing.T) {
	n := New(layer.Init(layer.Tutorial, 0))
	const m = 70000
	X := matrix.New(m, 2)
	y := make([]int, m)
	for i := range m {
		X.Set(i, 0, math.Sin(float64(i)))
		X.Set(i, 1, math.Cos(1.7*float64(i)))
		y[i] = i % 2
	}
	p := Forward(n, X)
	exact := new(big.Float).SetPrec(2000)
	h := p.A[len(p.A)-1]
	for k := 0; k < h.Rows; k++ {
		for i, hki := range h.Row(k) {
			term := -math.Log(1 - hki)
			if y[i] == k {
				term = -math.Log(hki)
			}
			exact.Add(exact, new(big.Float).SetFloat64(term))
		}
	}
	exact.Quo(exact, new(big.Float).SetInt64(m))
	want, _ := exact.Float64()
	got := CostOf(n, p, y, 0)
	if ulps := math.Abs(got-want) / (math.Nextafter(want, math.Inf(1)) - want); ulps > 4 {
		t.Errorf("CostOf of %d examples = %.17g, the exact sum of its terms / m = %.17g: %.0f units in the last place apart, want at most 4", m, got, want, ulps)
	}
}

// The compensated sum keeps +Inf (an output exactly wrong) and NaN.
func TestCompensatedSumInf(t *testing.T) {
	for _, c := range []struct {
		terms []float64
		want  float64
	}{
		{[]float64{1, math.Inf(1), 2}, math.Inf(1)},
		{[]float64{math.Inf(1), 1e300}, math.Inf(1)},
		{[]float64{1, math.NaN()}, math.NaN()},
		{[]float64{1, 1e100, 1, -1e100}, 2},
	} {
		var s compensatedSum
		for _, x := range c.terms {
			s.add(x)
		}
		if got := s.value(); !(got == c.want || math.IsNaN(got) && math.IsNaN(c.want)) {
			t.Errorf("the compensated sum of %v = %v, want %v", c.terms, got, c.want)
		}
	}
}

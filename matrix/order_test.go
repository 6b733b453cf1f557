package matrix

import (
	"math"
	"testing"
)

// inOrder returns the sum over k of x(k) y(k), k = 0..n-1, added one at a
// time in the order of k, each product rounded on its own: the order every
// product here promises, and the one the training engine's own loops
// keep, so that their results are these bits.
func inOrder(n int, x, y func(k int) float64) float64 {
	s := 0.0
	for k := 0; k < n; k++ {
		s += float64(x(k) * y(k))
	}
	return s
}

// spread returns an r x c matrix whose values span twenty orders of
// magnitude with both signs, so that adding the same products in another
// order gives other bits.
func spread(r, c, seed int) *Dense {
	m := New(r, c)
	for i := range m.Data {
		x := float64(7*i + 3*seed + 1)
		m.Data[i] = math.Sin(x) * math.Pow(10, 10*math.Cos(1.7*x))
	}
	return m
}

// Mul, MulT and TMul add each element's products in the order k = 0, 1, 2,
// ...: bitwise the sequential sum, for every shape tried. The sums are ones
// where the order shows: adding the same products backwards gives other bits
// for many of the elements (checked, so that the test can fail).
func TestSummationOrder(t *testing.T) {
	for _, s := range [][3]int{{1, 1, 1}, {3, 5, 7}, {4, 4, 4}, {5, 9, 13}, {9, 65, 6}, {2, 257, 3}, {25, 65, 31}} {
		r, n, c := s[0], s[1], s[2]
		a, b := spread(r, n, 1), spread(n, c, 2)
		reordered := 0
		got, gotT, gotTM := Mul(a, b), MulT(a, T(b)), TMul(T(a), b)
		for i := 0; i < r; i++ {
			for j := 0; j < c; j++ {
				x := func(k int) float64 { return a.At(i, k) }
				y := func(k int) float64 { return b.At(k, j) }
				want := inOrder(n, x, y)
				for name, g := range map[string]*Dense{"Mul": got, "MulT": gotT, "TMul": gotTM} {
					if v := g.At(i, j); math.Float64bits(v) != math.Float64bits(want) {
						t.Fatalf("%s %dx%d by %dx%d: element {%d, %d} = %v, the sum in order of k is %v", name, r, n, n, c, i, j, v, want)
					}
				}
				back := inOrder(n, func(k int) float64 { return x(n - 1 - k) }, func(k int) float64 { return y(n - 1 - k) })
				if back != want {
					reordered++
				}
			}
		}
		if n >= 5 && reordered == 0 {
			t.Errorf("%dx%d by %dx%d: no element's sum depends on the order; the test shows nothing", r, n, n, c)
		}
	}
}

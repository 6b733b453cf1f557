package kernel

import (
	"math"
	"strings"
	"testing"

	"github.com/ann-go/ann/matrix"

	// -update, so that go test ./... -update runs here too (no golden files here).
	_ "github.com/ann-go/ann/internal/golden"
)

// filled returns an r x c matrix of irregular values, seeded by s.
func filled(r, c, s int) *matrix.Dense {
	m := matrix.New(r, c)
	for i := range m.Data {
		m.Data[i] = math.Sin(float64(7*i+s)) * math.Exp(math.Cos(float64(i*s+1)))
	}
	return m
}

// sameBits reports whether a and b have the same shape and bitwise equal
// elements.
func sameBits(a, b *matrix.Dense) bool {
	if !matrix.SameShape(a, b) {
		return false
	}
	for i, v := range a.Data {
		if math.Float64bits(v) != math.Float64bits(b.Data[i]) {
			return false
		}
	}
	return true
}

// The kernels must give matrix.MulInto's and matrix.MulTInto's results bit for bit,
// whichever kernel the build has, for every remainder of each loop (rows,
// inner size and columns modulo 4, and MulT's inner size past its block of
// 256).
func TestKernelsMatchPlain(t *testing.T) {
	t.Logf("vector kernels: %v", Vector())
	for _, rows := range []int{1, 3, 4, 5, 9} {
		for _, inner := range []int{1, 2, 3, 4, 5, 7, 8, 65, 255, 256, 257, 600} {
			for _, cols := range []int{1, 3, 4, 6, 8, 13, 65} {
				a, b := filled(rows, inner, 1), filled(inner, cols, 2)
				want, got := matrix.New(rows, cols), matrix.New(rows, cols)
				matrix.MulInto(want, a, b)
				for i := range got.Data {
					got.Data[i] = math.NaN() // overwritten
				}
				MulInto(got, a, b)
				if !sameBits(got, want) {
					t.Fatalf("MulInto %dx%d by %dx%d: got %v, want %v", rows, inner, inner, cols, got, want)
				}
				bt := matrix.T(b)
				want2, got2 := matrix.New(rows, cols), matrix.New(rows, cols)
				matrix.MulTInto(want2, a, bt)
				for i := range got2.Data {
					got2.Data[i] = math.Inf(1)
				}
				MulTInto(got2, a, bt)
				if !sameBits(got2, want2) {
					t.Fatalf("MulTInto %dx%d by (%dx%d)ᵀ: got %v, want %v", rows, inner, cols, inner, got2, want2)
				}
				if !sameBits(want2, want) {
					t.Fatalf("matrix.MulTInto(a, bᵀ) differs from matrix.MulInto(a, b) for %dx%d by %dx%d", rows, inner, inner, cols)
				}
			}
		}
	}
}

func TestKernelsPanic(t *testing.T) {
	n := matrix.New
	for name, f := range map[string]func(){
		"MulInto inner":  func() { MulInto(n(2, 2), n(2, 3), n(2, 2)) },
		"MulInto dst":    func() { MulInto(n(2, 3), n(2, 2), n(2, 2)) },
		"MulTInto inner": func() { MulTInto(n(2, 2), n(2, 3), n(2, 2)) },
		"MulTInto dst":   func() { MulTInto(n(2, 3), n(2, 2), n(2, 2)) },
	} {
		func() {
			defer func() {
				if r, _ := recover().(string); !strings.HasPrefix(r, "kernel: ") {
					t.Errorf("%s: recovered %q, want a panic starting with \"kernel: \"", name, r)
				}
			}()
			f()
		}()
	}
}

// BenchmarkKernels times the products of one 256-example chunk of the
// engine: forward (Θ a, Θ^(l) s x (n+1) times (n+1) x 256), backward (Θᵀ δ)
// and the gradient's δ aᵀ, for the wide network's 64-unit layers and the
// digits network's first layer.
func BenchmarkKernels(b *testing.B) {
	type prod struct {
		name    string
		f       func(dst, a, b *matrix.Dense)
		t       bool // a bᵀ: b is given as its transpose's shape
		r, k, c int
	}
	for _, p := range []prod{
		{"plain/MulInto/64x65x256", matrix.MulInto, false, 64, 65, 256},
		{"MulInto/64x65x256", MulInto, false, 64, 65, 256},
		{"plain/MulInto/25x65x256", matrix.MulInto, false, 25, 65, 256},
		{"MulInto/25x65x256", MulInto, false, 25, 65, 256},
		{"plain/MulInto/64x64x256", matrix.MulInto, false, 64, 64, 256},
		{"MulInto/64x64x256", MulInto, false, 64, 64, 256},
		{"plain/MulTInto/64x256x65", matrix.MulTInto, true, 64, 256, 65},
		{"MulTInto/64x256x65", MulTInto, true, 64, 256, 65},
		{"plain/MulTInto/25x256x65", matrix.MulTInto, true, 25, 256, 65},
		{"MulTInto/25x256x65", MulTInto, true, 25, 256, 65},
	} {
		b.Run(p.name, func(bb *testing.B) {
			x := filled(p.r, p.k, 1)
			y := filled(p.k, p.c, 2)
			if p.t {
				y = matrix.T(y)
			}
			dst := matrix.New(p.r, p.c)
			for bb.Loop() {
				p.f(dst, x, y)
			}
			bb.ReportMetric(float64(p.r*p.k*p.c)*float64(bb.N)/bb.Elapsed().Seconds()/1e9, "GMAC/s")
		})
	}
}

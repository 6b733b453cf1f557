package kernel

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/ann-go/ann/internal/nprand"
	"github.com/ann-go/ann/sigmoid"
)

// ulps returns how many float64 values lie between a and b.
func ulps(a, b float64) int64 {
	d := int64(math.Float64bits(a)) - int64(math.Float64bits(b))
	if d < 0 {
		d = -d
	}
	return d
}

// exp agrees with math.Exp to two units in the last place (each is within
// about one of e^x), over the whole range and at its edges.
func TestExp(t *testing.T) {
	rs := nprand.New(1)
	worst := int64(0)
	check := func(x float64) {
		got, want := exp(x), math.Exp(x)
		if d := ulps(got, want); d > worst {
			worst = d
			if d > 2 {
				t.Errorf("exp(%v) = %v, math.Exp %v: %d ulps apart", x, got, want, d)
			}
		}
	}
	for i := 0; i < 1_000_000; i++ {
		check(1400*rs.Float64() - 700) // the whole range
		check(80*rs.Float64() - 40)    // where the sigmoid is not flat
		check(1e-6 * (2*rs.Float64() - 1))
	}
	for _, x := range []float64{0, math.Copysign(0, -1), 1, -1, math.Ln2, 0.5 * math.Ln2 / 128, -0.5 * math.Ln2 / 128, -707.99, 708.99, -708, 709, -745.2, 710, -1000, 1000} {
		check(x)
	}
	for _, x := range []float64{math.Inf(1), math.Inf(-1), math.NaN()} {
		if got, want := exp(x), math.Exp(x); !(got == want || math.IsNaN(got) && math.IsNaN(want)) {
			t.Errorf("exp(%v) = %v, want %v", x, got, want)
		}
	}
	t.Logf("largest difference from math.Exp: %d ulp", worst)
}

// Sigmoid agrees with G to 5e-16, relative: two ulps.
func TestSigmoid(t *testing.T) {
	rs := nprand.New(2)
	for i := 0; i < 200_000; i++ {
		z := 100*rs.Float64() - 50
		if got, want := Sigmoid(z), sigmoid.G(z); !(math.Abs(got-want) <= 5e-16*want) {
			t.Fatalf("Sigmoid(%v) = %v, G = %v", z, got, want)
		}
	}
	for _, z := range []float64{math.Inf(1), math.Inf(-1), 800, -800} {
		if Sigmoid(z) != sigmoid.G(z) {
			t.Errorf("Sigmoid(%v) = %v, G = %v", z, Sigmoid(z), sigmoid.G(z))
		}
	}
	if !math.IsNaN(Sigmoid(math.NaN())) {
		t.Error("Sigmoid(NaN) is not NaN")
	}
}

// SigmoidInPlace agrees with G to 7e-16, relative, over the whole range, and is
// Sigmoid itself where a pair leaves the paired range (below -354 or past Sigmoid's
// own bounds), for NaN and infinities, and for the last element of an odd
// length.
func TestSigmoidInPlace(t *testing.T) {
	rs := nprand.New(3)
	var z []float64
	for range 200_000 {
		z = append(z, 100*rs.Float64()-50)
	}
	for range 20_000 {
		z = append(z, 1600*rs.Float64()-800)
	}
	edges := []float64{math.Inf(1), math.Inf(-1), math.NaN(), 0, 353.99, 354, -353.99, -354, -355,
		707.9, 708, -707.9, -708, 709, -709, 745, -745, 800, -800}
	for _, e := range edges {
		z = append(z, e, 1, 1, e, e, e) // each edge in both places of a pair, and twice
	}
	z = append(z, 3) // odd length
	got := slices.Clone(z)
	SigmoidInPlace(got)
	worst := 0.0
	defer func() { t.Logf("largest relative difference from G: %.3g", worst) }()
	for i, v := range z {
		g, want := got[i], sigmoid.G(v)
		if math.IsNaN(v) {
			if !math.IsNaN(g) {
				t.Errorf("SigmoidInPlace(NaN) = %v", g)
			}
			continue
		}
		if want > 0 {
			worst = max(worst, math.Abs(g-want)/want)
		}
		if !(math.Abs(g-want) <= 7e-16*want) {
			t.Fatalf("SigmoidInPlace: g(%v) = %v, G = %v", v, g, want)
		}
		alone := i == len(z)-1 || !(-v < pairMax && -v > expMin && -z[i^1] < pairMax && -z[i^1] > expMin)
		if alone && g != Sigmoid(v) {
			t.Errorf("SigmoidInPlace: g(%v) = %v, want Sigmoid's %v", v, g, Sigmoid(v))
		}
	}
}

// SigmoidInPlace gives bitwise what pairs gives, one pair at a time, whichever
// kernel the build has (with GOEXPERIMENT=simd, four at a time in vector
// registers), for every length and with pairs that leave the paired range.
func TestSigmoidInPlaceKernel(t *testing.T) {
	t.Logf("vector kernel: %v", Vector())
	rs := nprand.New(4)
	var z []float64
	for range 100_000 {
		z = append(z, 80*rs.Float64()-40)
	}
	for range 10_000 {
		z = append(z, 1600*rs.Float64()-800)
	}
	for _, e := range []float64{math.Inf(1), math.Inf(-1), math.NaN(), 0, math.Copysign(0, -1),
		353.99, 354, -353.99, -354, -355, 707.9, 708, -708, 709, -709, 745, -745, 800, -800} {
		z = append(z, e, 1, 1, e, e, e, 2, 3) // each edge in every lane of a vector
	}
	for _, n := range []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 255, 256, len(z)} {
		got, want := slices.Clone(z[:n]), slices.Clone(z[:n])
		SigmoidInPlace(got)
		pairs(want[:n&^1])
		if n%2 == 1 {
			want[n-1] = Sigmoid(want[n-1])
		}
		for i := range got {
			if !sameFloat(got[i], want[i]) {
				t.Fatalf("n=%d: SigmoidInPlace: g(%v) = %v, want %v", n, z[i], got[i], want[i])
			}
		}
		each := slices.Clone(z[:n])
		SigmoidEachInPlace(each)
		for i, v := range each {
			if want := Sigmoid(z[i]); !sameFloat(v, want) {
				t.Fatalf("n=%d: SigmoidEachInPlace: g(%v) = %v, want Sigmoid's %v", n, z[i], v, want)
			}
		}
		// δ .* g'(z), with activations a = each and δ = z.
		d := slices.Clone(z[:n])
		MulSigmoidGradient(d, append(each, 0.5)) // a may be longer
		for i, v := range d {
			if want := z[i] * sigmoid.GradientFromA(each[i]); !sameFloat(v, want) {
				t.Fatalf("n=%d: MulSigmoidGradient: %v times g' from %v = %v, want %v", n, z[i], each[i], v, want)
			}
		}
	}
}

// sameFloat reports whether a and b are bitwise equal or both NaN.
func sameFloat(a, b float64) bool {
	return math.Float64bits(a) == math.Float64bits(b) || math.IsNaN(a) && math.IsNaN(b)
}

func TestMulSigmoidGradientPanics(t *testing.T) {
	defer func() {
		if r, _ := recover().(string); !strings.HasPrefix(r, "kernel: ") {
			t.Errorf("recovered %q, want a panic starting with \"sigmoid: \"", r)
		}
	}()
	MulSigmoidGradient(make([]float64, 3), make([]float64, 2))
}

// benchInput returns the 256 arguments every benchmark here works through:
// -4 to 4 in steps of 1/32.
func benchInput() []float64 {
	z := make([]float64, 256)
	for i := range z {
		z[i] = float64(i)/32 - 4
	}
	return z
}

func BenchmarkSigmoidInPlace(b *testing.B) {
	src := benchInput()
	z := make([]float64, len(src))
	for b.Loop() {
		copy(z, src)
		SigmoidInPlace(z)
	}
}

func BenchmarkSigmoidEachInPlace(b *testing.B) {
	src := benchInput()
	z := make([]float64, len(src))
	for b.Loop() {
		copy(z, src)
		SigmoidEachInPlace(z)
	}
}

func BenchmarkG(b *testing.B) {
	z := benchInput()
	for b.Loop() {
		for _, v := range z {
			sink = sigmoid.G(v)
		}
	}
}

func BenchmarkSigmoid(b *testing.B) {
	z := benchInput()
	for b.Loop() {
		for _, v := range z {
			sink = Sigmoid(v)
		}
	}
}

var sink float64

package sigmoid

import (
	"math"
	"testing"
)

func applyLoop(z []float64) {
	for i, v := range z {
		z[i] = Fast(v)
	}
}

// inlined fast path
func applyInl(z []float64) {
	for i, v := range z {
		x := -v
		if !(x > -708 && x < 709) {
			z[i] = 1 / (1 + math.Exp(x))
			continue
		}
		kd := x*invLn2N + roundShift
		ki := math.Float64bits(kd)
		kd -= roundShift
		r := x - kd*ln2HiN - kd*ln2LoN
		scale := math.Float64frombits(expTable[ki%expN] + ki<<(52-expBits))
		r2 := r * r
		p := r + r2*(1.0/2+r*(1.0/6)) + r2*r2*(1.0/24)
		z[i] = 1 / (1 + scale + scale*p)
	}
}

func benchApply(b *testing.B, f func([]float64)) {
	src := make([]float64, 256)
	for i := range src {
		src[i] = float64(i)/32 - 4
	}
	z := make([]float64, 256)
	for b.Loop() {
		copy(z, src)
		f(z)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*256), "ns/elem")
}
func BenchmarkApplyLoop(b *testing.B) { benchApply(b, applyLoop) }
func BenchmarkApplyInl(b *testing.B)  { benchApply(b, applyInl) }
func BenchmarkCopy(b *testing.B)      { benchApply(b, func([]float64) {}) }

func expInl(z []float64) {
	for i, v := range z {
		x := -v
		if !(x > -708 && x < 709) {
			z[i] = math.Exp(x)
			continue
		}
		kd := x*invLn2N + roundShift
		ki := math.Float64bits(kd)
		kd -= roundShift
		r := x - kd*ln2HiN - kd*ln2LoN
		scale := math.Float64frombits(expTable[ki%expN] + ki<<(52-expBits))
		r2 := r * r
		p := r + r2*(1.0/2+r*(1.0/6)) + r2*r2*(1.0/24)
		z[i] = scale + scale*p
	}
}
func divOnly(z []float64) {
	for i, v := range z {
		z[i] = 1 / (1 + v)
	}
}
func BenchmarkExpInl(b *testing.B)  { benchApply(b, expInl) }
func BenchmarkDivOnly(b *testing.B) { benchApply(b, divOnly) }

package kernel

import (
	"fmt"
	"math"
	"runtime"
	"strings"
	"sync"
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
// whichever kernel the build has, for every remainder of each loop (rows and
// columns modulo 4, every width 1 to 8 of MulInto's passes over the inner
// size, first or later, and MulT's inner size past its block of 256).
func TestKernelsMatchPlain(t *testing.T) {
	t.Logf("vector kernels: %v", Vector())
	for _, rows := range []int{1, 3, 4, 5, 8, 9, 12, 17} {
		for _, inner := range []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 65, 255, 256, 257, 600} {
			for _, cols := range []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 65} {
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

// BenchmarkKernels times the products of one chunk of each case of
// trainer's BenchmarkIteration, in the engine's shapes: forward z = Θ a
// (Θ^(l), s_(l+1) x (s_l+1), times a^(l), (s_l+1) x c), backward Θᵀ δ
// ((Θ^(l)_{:,1:})ᵀ, s_l x s_(l+1), times δ^(l+1), s_(l+1) x c) and the
// gradient's δ aᵀ (δ^(l+1) times (a^(l))ᵀ, MulTInto), with c = 256 examples
// (150 for iris, all of it). Besides the time it reports GMAC/s (billions
// of multiply-adds per second of the wall clock), MAC/cycle (per cycle of
// the thread's own CPU time, at the core's measured clock, cpuMHz) and that as a
// fraction of the peak of one core in this build (peakPerCycle), and
// cpu-ns/op, the thread's CPU time per product.
// "plain/" is matrix's loops, for comparison.
func BenchmarkKernels(b *testing.B) {
	mhz := cpuMHz()
	type prod struct {
		name    string
		t       bool // a bᵀ (MulTInto): b is given as its transpose's shape
		r, k, c int
	}
	cases := []struct {
		name  string
		sizes []int
		c     int
	}{
		{"take1", []int{2, 5, 5, 2}, 256},
		{"wide", []int{2, 64, 64, 2}, 256},
		{"digits", []int{64, 25, 10}, 256},
		{"iris", []int{4, 10, 3}, 150},
	}
	for _, cs := range cases {
		var ps []prod
		for l := 0; l+1 < len(cs.sizes); l++ {
			in, out := cs.sizes[l], cs.sizes[l+1]
			ps = append(ps, prod{fmt.Sprintf("Theta%d_a", l+1), false, out, in + 1, cs.c})
			if l > 0 {
				ps = append(ps, prod{fmt.Sprintf("Theta%dT_delta", l+1), false, in, out, cs.c})
			}
			ps = append(ps, prod{fmt.Sprintf("delta_a%dT", l+1), true, out, cs.c, in + 1})
		}
		for _, p := range ps {
			for _, plain := range []bool{false, true} {
				f, name := MulInto, cs.name+"/"+p.name
				switch {
				case p.t && plain:
					f = matrix.MulTInto
				case p.t:
					f = MulTInto
				case plain:
					f = matrix.MulInto
				}
				if plain {
					name = "plain/" + name
				}
				b.Run(fmt.Sprintf("%s/%dx%dx%d", name, p.r, p.k, p.c), func(bb *testing.B) {
					x := filled(p.r, p.k, 1)
					y := filled(p.k, p.c, 2)
					if p.t {
						y = matrix.T(y)
					}
					dst := matrix.New(p.r, p.c)
					runtime.LockOSThread() // so that the thread's CPU time is the loop's
					defer runtime.UnlockOSThread()
					cpu0, ok0 := threadCPU()
					for bb.Loop() {
						f(dst, x, y)
					}
					cpu1, ok1 := threadCPU()
					macs := float64(p.r*p.k*p.c) * float64(bb.N)
					bb.ReportMetric(macs/bb.Elapsed().Seconds()/1e9, "GMAC/s")
					if ok0 && ok1 && cpu1 > cpu0 {
						bb.ReportMetric((cpu1-cpu0)*1e9/float64(bb.N), "cpu-ns/op")
					}
					if ok0 && ok1 && cpu1 > cpu0 && mhz > 0 {
						// Per second of this thread's CPU time: the share of
						// the core that other programs took does not count.
						perCycle := macs / (cpu1 - cpu0) / (mhz * 1e6)
						bb.ReportMetric(perCycle, "MAC/cycle")
						bb.ReportMetric(100*perCycle/peakPerCycle(), "%peak")
					}
				})
			}
		}
	}
}

// peakPerCycle is the multiply-adds one core can finish per cycle in this
// build, with a separate multiply and add for each (no fused multiply-add):
// on the cores of these sessions' machines (AMD Zen 3 and Zen 4, family 25)
// two floating-point multiply and two add pipes, each 256 bits wide, so 2
// with scalar code and 2 x 4 = 8 with four float64s per vector.
// docs/performance.md explains it.
func peakPerCycle() float64 {
	if Vector() {
		return 8
	}
	return 2
}

// cpuMHz returns the clock of the core the benchmark runs on, in MHz: the
// rate of a chain of dependent integer additions and exclusive ors (one
// cycle each on every x86-64 and arm64 core) per second of the thread's own
// CPU time, the fastest of five runs of about 12 ms. A virtual machine's
// /proc/cpuinfo gives the nominal clock, which a core that boosts exceeds (on
// the 2026-12-02 session-6 machine, 2445 MHz against about 2840 measured), and
// would count each cycle as fewer than there are. It returns 0 if the thread's
// CPU time cannot be read.
func cpuMHz() float64 {
	mhzOnce.Do(func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		const n = 4_000_000 // 8 operations each: 32 million cycles
		for range 5 {
			t0, ok0 := threadCPU()
			clockSink = clockChain(n, 12345, 678)
			t1, ok1 := threadCPU()
			if !ok0 || !ok1 || t1 <= t0 {
				return
			}
			mhz = max(mhz, 8*n/(t1-t0)/1e6)
		}
	})
	return mhz
}

var (
	mhzOnce   sync.Once
	mhz       float64
	clockSink uint64 // clockChain's result, kept so that the chain runs
)

// clockChain runs n x 8 integer operations, each waiting on the one before.
//
//go:noinline
func clockChain(n int, y, z uint64) uint64 {
	x := y
	for range n {
		x += y
		x ^= z
		x += y
		x ^= z
		x += y
		x ^= z
		x += y
		x ^= z
	}
	return x
}

// BenchmarkCeiling measures what the core allows scalar Go code, per cycle of
// the thread's CPU time at the measured clock (cpuMHz), to set the kernels'
// MAC/cycle beside: "registers" is twelve independent chains s = s c + d,
// a multiply and an add each with no loads (MAC/cycle; the peak is 2);
// "loads" adds a row of 1536 float64s, in the L1 cache, into six sums (loads
// and additions per cycle, one of each per element); "axpy8" is MulInto's
// pass of eight rows of b over a row of 256 (MAC/cycle), and "axpy8-1row"
// the same arithmetic on one row of b, so that seven of its nine loads per
// element become register copies. Every multiply-add of a product kernel
// needs a load or a copy besides its multiply and add: SSE2's scalar
// instructions overwrite an operand, so each product needs a register of its
// own.
func BenchmarkCeiling(b *testing.B) {
	mhz := cpuMHz()
	report := func(bb *testing.B, ops float64, unit string, cpu0, cpu1 float64) {
		if cpu1 > cpu0 && mhz > 0 {
			bb.ReportMetric(ops/(cpu1-cpu0)/(mhz*1e6), unit)
		}
	}
	b.Run("registers", func(bb *testing.B) {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		const n = 100_000
		cpu0, _ := threadCPU()
		for bb.Loop() {
			ceilingSink += chains12(n, 0.999, 0.001)
		}
		cpu1, _ := threadCPU()
		report(bb, 12*n*float64(bb.N), "MAC/cycle", cpu0, cpu1)
	})
	b.Run("loads", func(bb *testing.B) {
		x := filled(1, 1536, 3).Data
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		cpu0, _ := threadCPU()
		for bb.Loop() {
			ceilingSink += sum6(x)
		}
		cpu1, _ := threadCPU()
		report(bb, float64(len(x))*float64(bb.N), "loads/cycle", cpu0, cpu1)
	})
	const n = 256
	c, rows, d := filled(1, 8, 4).Data, filled(8, n, 5).Data, make([]float64, n)
	b.Run("axpy8", func(bb *testing.B) {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		cpu0, _ := threadCPU()
		for bb.Loop() {
			axpy8(d, c, rows, n, false)
		}
		cpu1, _ := threadCPU()
		report(bb, 8*n*float64(bb.N), "MAC/cycle", cpu0, cpu1)
	})
	b.Run("axpy8-1row", func(bb *testing.B) {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		cpu0, _ := threadCPU()
		for bb.Loop() {
			axpy8Row(d, c, rows[:n])
		}
		cpu1, _ := threadCPU()
		report(bb, 8*n*float64(bb.N), "MAC/cycle", cpu0, cpu1)
	})
}

// axpy8Row is axpy8 with every row of b the same row, b0.
//
//go:noinline
func axpy8Row(d, c, b0 []float64) {
	c = c[:8]
	c0, c1, c2, c3, c4, c5, c6, c7 := c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]
	b0 = b0[:len(d)]
	for j, v := range d {
		x := b0[j]
		d[j] = v + float64(c0*x) + float64(c1*x) + float64(c2*x) + float64(c3*x) + float64(c4*x) + float64(c5*x) + float64(c6*x) + float64(c7*x)
	}
}

var ceilingSink float64

// chains12 runs twelve independent chains of n steps s = s c + d.
//
//go:noinline
func chains12(n int, c, d float64) float64 {
	s0, s1, s2, s3, s4, s5 := 1.0, 2.0, 3.0, 4.0, 5.0, 6.0
	s6, s7, s8, s9, s10, s11 := 1.5, 2.5, 3.5, 4.5, 5.5, 6.5
	for range n {
		s0 = float64(s0*c) + d
		s1 = float64(s1*c) + d
		s2 = float64(s2*c) + d
		s3 = float64(s3*c) + d
		s4 = float64(s4*c) + d
		s5 = float64(s5*c) + d
		s6 = float64(s6*c) + d
		s7 = float64(s7*c) + d
		s8 = float64(s8*c) + d
		s9 = float64(s9*c) + d
		s10 = float64(s10*c) + d
		s11 = float64(s11*c) + d
	}
	return s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7 + s8 + s9 + s10 + s11
}

// sum6 adds x (a multiple of 6 long) into six sums.
//
//go:noinline
func sum6(x []float64) float64 {
	var s0, s1, s2, s3, s4, s5 float64
	for k := 0; k+6 <= len(x); k += 6 {
		v := (*[6]float64)(x[k : k+6])
		s0 += v[0]
		s1 += v[1]
		s2 += v[2]
		s3 += v[3]
		s4 += v[4]
		s5 += v[5]
	}
	return s0 + s1 + s2 + s3 + s4 + s5
}

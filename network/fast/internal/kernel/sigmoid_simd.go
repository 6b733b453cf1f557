//go:build goexperiment.simd && amd64

package kernel

import "simd/archsimd"

// sigmoidPairsVector does SigmoidInPlace's work on z[:n], n = len(z) rounded down
// to a multiple of 4, two pairs per step in the four lanes of a vector, and
// returns n (0 without AVX2). Each lane does the scalar code's operations in
// its order: the same multiplications and additions (no fused multiply-add),
// the same table entry, the same division, so the results are bitwise
// SigmoidInPlace's. Four elements with one outside the paired range go to the
// scalar code.
func sigmoidPairsVector(z []float64) int {
	if !vectorOK {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // back to scalar code without a penalty
	var (
		sign = archsimd.BroadcastUint64x4(1 << 63) // the sign bit
		one  = archsimd.BroadcastFloat64x4(1)
		lo   = archsimd.BroadcastFloat64x4(expMin)
		hi   = archsimd.BroadcastFloat64x4(pairMax)
	)
	inv, shift, ln2Hi, ln2Lo, c2, c3, c4 := expConsts()
	n := len(z) &^ 3
	for i := 0; i < n; i += 4 {
		zi := (*[4]float64)(z[i : i+4])
		x := archsimd.LoadFloat64x4(zi).AsUint64x4().Xor(sign).AsFloat64x4() // -z
		if x.Greater(lo).And(x.Less(hi)).ToBits() != 0b1111 {
			archsimd.ClearAVXUpperBits() // scalar code follows
			pairs(zi[:])
			continue
		}
		// e^x as expReduced computes it, in each lane.
		kd := x.Mul(inv).Add(shift)
		k := kd.AsUint64x4()
		kd = kd.Sub(shift)
		r := x.Sub(kd.Mul(ln2Hi)).Sub(kd.Mul(ln2Lo))
		scale := expScale(k).Add(k.ShiftAllLeft(52 - expBits)).AsFloat64x4()
		r2 := r.Mul(r)
		poly := r.Add(r2.Mul(c2.Add(r.Mul(c3)))).Add(r2.Mul(r2).Mul(c4))
		p := one.Add(scale.Add(scale.Mul(poly))) // lanes p, q, p, q of the two pairs
		q := p.SelectFromPairGrouped(1, 0, p)    // lanes q, p, q, p
		rr := one.Div(p.Mul(q))                  // 1/(p q), in both lanes of a pair
		q.Mul(rr).Store(zi)                      // q r, p r
	}
	return n
}

// sigmoidEachVector does SigmoidEachInPlace's work on z[:n], n = len(z) rounded
// down to a multiple of 4, four lanes at a time, and returns n (0 without
// AVX2). Each lane does Sigmoid's operations in its order; four elements with one
// outside exp's fast range go to Sigmoid.
func sigmoidEachVector(z []float64) int {
	if !vectorOK {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // back to scalar code without a penalty
	sign := archsimd.BroadcastUint64x4(1 << 63)
	one := archsimd.BroadcastFloat64x4(1)
	lo, hi := archsimd.BroadcastFloat64x4(expMin), archsimd.BroadcastFloat64x4(expMax)
	inv, shift, ln2Hi, ln2Lo, c2, c3, c4 := expConsts()
	n := len(z) &^ 3
	for i := 0; i < n; i += 4 {
		zi := (*[4]float64)(z[i : i+4])
		x := archsimd.LoadFloat64x4(zi).AsUint64x4().Xor(sign).AsFloat64x4() // -z
		if x.Greater(lo).And(x.Less(hi)).ToBits() != 0b1111 {
			archsimd.ClearAVXUpperBits() // scalar code follows
			for j, v := range zi {
				zi[j] = Sigmoid(v)
			}
			continue
		}
		// e^x as expReduced computes it, in each lane.
		kd := x.Mul(inv).Add(shift)
		k := kd.AsUint64x4()
		kd = kd.Sub(shift)
		r := x.Sub(kd.Mul(ln2Hi)).Sub(kd.Mul(ln2Lo))
		scale := expScale(k).Add(k.ShiftAllLeft(52 - expBits)).AsFloat64x4()
		r2 := r.Mul(r)
		poly := r.Add(r2.Mul(c2.Add(r.Mul(c3)))).Add(r2.Mul(r2).Mul(c4))
		one.Div(one.Add(scale.Add(scale.Mul(poly)))).Store(zi)
	}
	return n
}

// mulGradientVector does MulSigmoidGradient's work on d[:n], n = len(d) rounded
// down to a multiple of 4, and returns n (0 without AVX2). len(a) == len(d).
func mulGradientVector(d, a []float64) int {
	if !vectorOK {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // back to scalar code without a penalty
	one := archsimd.BroadcastFloat64x4(1)
	n := len(d) &^ 3
	a = a[:len(d)]
	for i := 0; i < n; i += 4 {
		di := (*[4]float64)(d[i : i+4])
		v := archsimd.LoadFloat64x4((*[4]float64)(a[i : i+4]))
		archsimd.LoadFloat64x4(di).Mul(v.Mul(one.Sub(v))).Store(di)
	}
	return n
}

// expConsts returns expReduced's constants, each in the four lanes of a
// vector, for the loops above to make once per call rather than on each step
// (the loops write out expReduced's operations, in its order, so that the
// compiler keeps the constants in registers; bitwise expReduced's results).
func expConsts() (inv, shift, ln2Hi, ln2Lo, c2, c3, c4 archsimd.Float64x4) {
	return archsimd.BroadcastFloat64x4(invLn2N), archsimd.BroadcastFloat64x4(roundShift),
		archsimd.BroadcastFloat64x4(ln2HiN), archsimd.BroadcastFloat64x4(ln2LoN),
		archsimd.BroadcastFloat64x4(1.0 / 2), archsimd.BroadcastFloat64x4(1.0 / 6), archsimd.BroadcastFloat64x4(1.0 / 24)
}

// expScale returns the table's entries for the four lanes of k,
// expTable[k mod expN], gathered in a vector.
func expScale(k archsimd.Uint64x4) archsimd.Uint64x4 {
	kl, kh := k.GetLo(), k.GetHi()
	var tl, th archsimd.Uint64x2
	tl = tl.SetElem(0, expTable[kl.GetElem(0)%expN]).SetElem(1, expTable[kl.GetElem(1)%expN])
	th = th.SetElem(0, expTable[kh.GetElem(0)%expN]).SetElem(1, expTable[kh.GetElem(1)%expN])
	var tab archsimd.Uint64x4
	return tab.SetLo(tl).SetHi(th)
}

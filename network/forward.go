package network

import (
	"math"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/sigmoid"
)

// Pass is what forward propagation computes, by the tutorial's layer numbers:
// Z[l] = z^(l) for l = 2..L and A[l] = a^(l) for l = 1..L, one example per
// column (see the package doc). A[L] is the hypothesis h.
type Pass struct {
	Z, A []*matrix.Dense
}

// H returns the hypothesis h = a^(L), K x m: column i holds the output units
// for example i.
func (p *Pass) H() *matrix.Dense { return p.A[len(p.A)-1] }

// Forward runs forward propagation on the examples X (m x n, one per row), the
// tutorial's forward_prop:
//
//	a^(1) = [1; Xᵀ],  z^(l+1) = Θ^(l) a^(l),  a^(l+1) = [1; g(z^(l+1))],  a^(L) = g(z^(L))
//
// It panics if X's columns do not match the input layer.
func (n *Network) Forward(X *matrix.Dense) *Pass {
	n.checkX(X)
	L := n.L()
	p := &Pass{Z: make([]*matrix.Dense, L+1), A: make([]*matrix.Dense, L+1)}
	p.A[1] = matrix.WithBiasRow(matrix.T(X))
	for l := 1; l < L; l++ {
		p.Z[l+1] = matrix.Mul(n.Theta[l], p.A[l])
		if l+1 == L {
			p.A[L] = sigmoid.Apply(p.Z[L])
		} else {
			p.A[l+1] = matrix.WithBiasRow(matrix.Apply(n.Hidden.G, p.Z[l+1]))
		}
	}
	return p
}

// Probabilities returns the output units h for each example of X, m x K, one
// row per example as X is: row i is the network's score for each class. (They
// are K independent sigmoids, so a row need not sum to 1.)
//
// It is Forward(X).H() transposed, computed the way Workspace computes:
// ChunkSize examples at a time, on all cores when X has at least ParallelMin
// rows, without holding every layer's activations for all of X, and with the
// faster sigmoids of Workspace. The tests hold the two to 1e-15.
// It panics if X's columns do not match the input layer.
func (n *Network) Probabilities(X *matrix.Dense) *matrix.Dense {
	n.checkX(X)
	return n.probabilities(X.Rows, func(outputSigmoid bool, use func(int, *matrix.Dense)) {
		n.forwardChunks(X, outputSigmoid, use)
	})
}

// Predict returns the class of each example of X, the index of its largest
// output unit: the tutorial's predict, np.argmax(h, axis=1), with ties going
// to the first.
//
// It computes h as Probabilities does, a chunk at a time, without keeping it,
// and takes a shortcut there: the sigmoid is increasing, so the largest h_k
// belongs to the largest z_k, and an output unit's sigmoid is computed only
// where two h_k could round to the same number and the tie rule decides (see
// argmaxH). The tests compare it with the argmax of Probabilities.
func (n *Network) Predict(X *matrix.Dense) []int {
	n.checkX(X)
	return n.predict(X.Rows, func(outputSigmoid bool, use func(int, *matrix.Dense)) {
		n.forwardChunks(X, outputSigmoid, use)
	})
}

// chunkRunner runs forward propagation on m examples a chunk at a time, and
// calls use with each chunk's first example and its h (K x chunk, one
// example per column), or its z^(L) if outputSigmoid is false. Calls for
// different chunks may run at the same time.
type chunkRunner func(outputSigmoid bool, use func(lo int, h *matrix.Dense))

// probabilities gathers the h of m examples from run into an m x K matrix.
func (n *Network) probabilities(m int, run chunkRunner) *matrix.Dense {
	K := n.K()
	P := matrix.New(m, K)
	run(true, func(lo int, h *matrix.Dense) {
		for k := 0; k < K; k++ {
			for i, v := range h.Row(k) {
				P.Data[(lo+i)*K+k] = v
			}
		}
	})
	return P
}

// predict returns the classes of m examples from the z^(L) that run gives.
func (n *Network) predict(m int, run chunkRunner) []int {
	labels := make([]int, m)
	run(false, func(lo int, z *matrix.Dense) {
		argmaxChunk(z, labels[lo:lo+z.Cols])
	})
	return labels
}

// argmaxChunk sets labels[i] to argmaxH(z, i) for each column i of z (at most
// ChunkSize columns). It sweeps z a row at a time, keeping each column's
// largest z_k (z1, the first on ties) and the largest of the others (z2),
// and calls argmaxH only for the columns where argmaxH would compare
// sigmoids: where some other z_k > z_best - 1e-3 or z_k > 20, that is where
// z2 is, or where z_best < -700.
func argmaxChunk(z *matrix.Dense, labels []int) {
	var z1Buf, z2Buf [ChunkSize]float64
	z1, z2 := z1Buf[:z.Cols], z2Buf[:z.Cols]
	copy(z1, z.Row(0))
	for i := range z2 {
		z2[i] = math.Inf(-1)
	}
	clear(labels)
	for k := 1; k < z.Rows; k++ {
		for i, v := range z.Row(k)[:len(z1)] {
			if v > z1[i] {
				z1[i], z2[i], labels[i] = v, z1[i], k
			} else if v > z2[i] {
				z2[i] = v
			}
		}
	}
	for i, b := range z1 {
		if b-z2[i] < 1e-3 || z2[i] > 20 || b < -700 {
			labels[i] = argmaxH(z, i)
		}
	}
}

// argmaxH returns the k of the largest h_k = sigmoid.Fast(z_k), the first on
// ties, for the example in column i of z = z^(L). It takes the largest z_k
// and compares sigmoids only where they could disagree with the z's. If
//
//	z_best - z_k >= 1e-3,  z_k <= 20  and  z_best >= -700
//
// the sigmoid rises by at least 2e-12 (or by a factor 1.001, below 0) from
// z_k to z_best, far more than the two ulps by which sigmoid.Fast may miss
// it, so h_k < h_best for certain. Otherwise (nearly equal z, outputs that
// round towards 1, or both underflowing towards 0) both h are computed and
// the tutorial's rule decides.
func argmaxH(z *matrix.Dense, i int) int {
	c := z.Cols
	best := 0
	for k := 1; k < z.Rows; k++ {
		if z.Data[k*c+i] > z.Data[best*c+i] {
			best = k
		}
	}
	zb := z.Data[best*c+i]
	hb := math.NaN()
	for k := 0; k < z.Rows; k++ {
		zk := z.Data[k*c+i]
		if k == best || !(zb-zk < 1e-3 || zk > 20 || zb < -700) {
			continue
		}
		if math.IsNaN(hb) {
			hb = sigmoid.Fast(zb)
		}
		if hk := sigmoid.Fast(zk); hk > hb || hk == hb && k < best {
			best, zb, hb = k, zk, hk
		}
	}
	return best
}

// forwardChunks is the chunkRunner for the examples X, ChunkSize at a time,
// on all cores when X has at least ParallelMin rows.
func (n *Network) forwardChunks(X *matrix.Dense, outputSigmoid bool, use func(lo int, h *matrix.Dense)) {
	m := X.Rows
	chunks := (m + ChunkSize - 1) / ChunkSize
	eachChunk(n.Sizes(), chunks, m >= ParallelMin, func(wk *worker, ch int) {
		lo := ch * ChunkSize
		a1 := view(wk.bufA[1], min(ChunkSize, m-lo))
		setA1(&a1, X, lo)
		if outputSigmoid {
			wk.forward(n, &a1)
		} else {
			wk.forwardZ(n, &a1)
		}
		use(lo, &wk.A[len(wk.A)-1])
	})
}

// eachChunk calls do for the chunks 0, 1, ..., chunks-1, each with a worker
// for a network of the given sizes, on all cores if parallel, in turn if not.
func eachChunk(sizes []int, chunks int, parallel bool, do func(wk *worker, ch int)) {
	var next atomic.Int64
	work := func() {
		wk := newWorker(sizes)
		for {
			ch := int(next.Add(1)) - 1
			if ch >= chunks {
				return
			}
			do(wk, ch)
		}
	}
	var wg sync.WaitGroup
	if parallel {
		for range min(runtime.GOMAXPROCS(0), chunks) - 1 {
			wg.Go(work)
		}
	}
	work()
	wg.Wait()
}

// Accuracy returns the fraction of the labels y that Predict gets right.
func (n *Network) Accuracy(X *matrix.Dense, y []int) float64 {
	n.mustLabels(y, X.Rows)
	return accuracy(n.Predict(X), y)
}

func accuracy(pred, y []int) float64 {
	if len(y) == 0 {
		return 0
	}
	right := 0
	for i, c := range y {
		if pred[i] == c {
			right++
		}
	}
	return float64(right) / float64(len(y))
}

package fast

import (
	"fmt"
	"math"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/ann-go/ann/internal/finite"
	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network"
	"github.com/ann-go/ann/network/fast/internal/kernel"
)

// Parallel reports whether m examples through a network of the given layer
// sizes are enough work for this package to spread one pass over several
// cores. Below that, a caller with independent work (cross-validation folds,
// say) gains more from running it side by side.
func Parallel(m int, sizes []int) bool { return parallel(m, sizes) }

// Probabilities returns the output units h for each example of X, m x K, one
// row per example: network.Forward(net, X).H() transposed, with the faster
// sigmoids of Workspace. The tests hold the two to 1e-15.
// It panics if X does not fit the input layer or holds a number that is not
// finite.
func Probabilities(net *network.Network, X *matrix.Dense) *matrix.Dense {
	mustFit(net, X)
	return probabilities(net, X.Rows, func(outputSigmoid bool, use func(int, *matrix.Dense)) {
		forwardChunks(net, X, outputSigmoid, use)
	})
}

// Predict returns the class of each example of X, as network.Predict does:
// the index of its largest output unit, ties to the first.
//
// It does not keep h, and computes an output unit's sigmoid only where the
// largest z_k alone could not decide (see argmaxH): the sigmoid is
// increasing. The tests compare it with network.Predict.
// It panics like Probabilities.
func Predict(net *network.Network, X *matrix.Dense) []int {
	mustFit(net, X)
	return predict(X.Rows, func(outputSigmoid bool, use func(int, *matrix.Dense)) {
		forwardChunks(net, X, outputSigmoid, use)
	})
}

// mustX panics unless net is a network (see checkNet) and X fits its input
// layer with finite numbers.
func mustX(net *network.Network, X *matrix.Dense) {
	mustFit(net, X)
	if i := finite.Index(X.Data); i >= 0 {
		panic(fmt.Sprintf("fast: X holds %v in row %d, column %d: want finite numbers", X.Data[i], i/X.Cols, i%X.Cols))
	}
}

// mustFit panics unless net is a network and X has a column per input unit;
// forwardChunks checks the numbers as it copies them.
func mustFit(net *network.Network, X *matrix.Dense) {
	s1 := checkNet(net)[0]
	if X == nil || X.Cols != s1 || len(X.Data) != X.Rows*X.Cols {
		panic(fmt.Sprintf("fast: X does not fit the input layer of %d units", s1))
	}
}

// chunkRunner runs forward propagation on m examples a chunk at a time, and
// calls use with each chunk's first example and its h (K x chunk, one
// example per column), or its z^(L) if outputSigmoid is false. Calls for
// different chunks may run at the same time.
type chunkRunner func(outputSigmoid bool, use func(lo int, h *matrix.Dense))

// probabilities gathers the h of m examples from run into an m x K matrix.
func probabilities(net *network.Network, m int, run chunkRunner) *matrix.Dense {
	K := net.K()
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
func predict(m int, run chunkRunner) []int {
	labels := make([]int, m)
	run(false, func(lo int, z *matrix.Dense) {
		argmaxChunk(z, labels[lo:lo+z.Cols])
	})
	return labels
}

// argmaxChunk sets labels[i] to argmaxH(z, i) for each column i of z (at most
// chunkSize columns). It sweeps z a row at a time, keeping each column's
// largest z_k (z1, the first on ties) and the largest of the others (z2),
// and calls argmaxH only for the columns where argmaxH would compare
// sigmoids: where some other z_k > z_best - 1e-3 or z_k > 20, that is where
// z2 is, or where z_best < -700 (or z is NaN).
func argmaxChunk(z *matrix.Dense, labels []int) {
	var z1Buf, z2Buf [chunkSize]float64
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
		if !(b-z2[i] >= 1e-3 && z2[i] <= 20 && b >= -700) {
			labels[i] = argmaxH(z, i)
		}
	}
}

// argmaxH returns the k of the largest h_k = kernel.Sigmoid(z_k), the first on
// ties, for the example in column i of z = z^(L). It takes the largest z_k
// and compares sigmoids only where they could disagree with the z's. If
//
//	z_best - z_k >= 1e-3,  z_k <= 20  and  z_best >= -700
//
// the sigmoid rises by at least 2e-12 (or by a factor 1.001, below 0) from
// z_k to z_best, far more than the two ulps by which kernel.Sigmoid may miss
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
			hb = kernel.Sigmoid(zb)
		}
		if hk := kernel.Sigmoid(zk); hk > hb || hk == hb && k < best {
			best, zb, hb = k, zk, hk
		}
	}
	return best
}

// forwardChunks is the chunkRunner for the examples X, chunkSize at a time,
// on all cores when X carries enough work (see Parallel).
func forwardChunks(net *network.Network, X *matrix.Dense, outputSigmoid bool, use func(lo int, h *matrix.Dense)) {
	m := X.Rows
	chunks := (m + chunkSize - 1) / chunkSize
	eachChunk(net.Sizes(), chunks, parallel(m, net.Sizes()), func(wk *worker, ch int) {
		lo := ch * chunkSize
		a1 := view(wk.bufA[1], min(chunkSize, m-lo))
		if !setA1(&a1, X, lo) {
			panic(fmt.Sprintf("fast: X holds a number that is not finite in rows %d to %d", lo, lo+a1.Cols-1))
		}
		if outputSigmoid {
			wk.forward(net, &a1)
		} else {
			wk.forwardZ(net, &a1)
		}
		use(lo, &wk.A[len(wk.A)-1])
	})
}

// eachChunk calls do for the chunks 0, 1, ..., chunks-1, each with a worker
// for a network of the given sizes, on all cores if parallel, in turn if not.
// A panic in do, on any goroutine, is raised again in the caller's, once all
// have stopped.
func eachChunk(sizes []int, chunks int, parallel bool, do func(wk *worker, ch int)) {
	var next atomic.Int64
	var p panics
	work := func() {
		defer p.catch()
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
	p.raise()
}

// panics keeps the first panic of several goroutines, so that the caller's
// goroutine can raise it again: a panic on another goroutine would end the
// program, out of the caller's reach.
type panics struct {
	mu    sync.Mutex
	value any
	seen  bool
}

// catch, deferred, recovers a panic and keeps it if it is the first.
func (p *panics) catch() {
	if v := recover(); v != nil {
		p.mu.Lock()
		if !p.seen {
			p.value, p.seen = v, true
		}
		p.mu.Unlock()
	}
}

// raise panics again with the first panic kept, if any, and forgets it.
func (p *panics) raise() {
	if p.seen {
		v := p.value
		p.value, p.seen = nil, false
		panic(v)
	}
}

// checkNet panics with a message unless net is a network of chained shapes
// and a known activation, and returns its sizes. (Its weights may be NaN: the
// results then are, and the trainer reports that as divergence.)
func checkNet(net *network.Network) []int {
	if net == nil {
		panic("fast: nil network")
	}
	sizes, err := layer.Sizes(net.Theta)
	if err != nil {
		panic(fmt.Sprintf("fast: %v", err))
	}
	if net.Hidden < network.Sigmoid || net.Hidden > network.ReLU {
		panic(fmt.Sprintf("fast: unknown activation %v", net.Hidden))
	}
	for l, t := range net.Theta[1:] {
		if len(t.Data) != t.Rows*t.Cols {
			panic(fmt.Sprintf("fast: Theta%d is %dx%d but holds %d numbers", l+1, t.Rows, t.Cols, len(t.Data)))
		}
	}
	return sizes
}

package fast

import (
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/ann-go/ann/internal/finite"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network"
	"github.com/ann-go/ann/network/fast/internal/kernel"
)

// Workspace computes J(Θ) and the gradients D^(l) for one fixed set of
// examples, over and over, as gradient descent needs: what network.CostOf and
// network.Backprop compute, without allocating after the first call, and on
// several cores when the examples are many (see Parallel). The results differ
// from network's only in the order in which sums over the examples are added
// and in a few ulps of the sigmoid; the tests hold them to 1e-12. They are
// bitwise the same for any GOMAXPROCS.
//
// A Workspace reads the network's weights on every call, so the caller may
// update Theta in place between calls (the trainer does); it panics if their
// shapes change. Call Close when done, to stop the goroutines of a parallel
// workspace.
//
// A Workspace is for one goroutine at a time: it spreads its own work over
// cores, and its buffers, D included, are one set. A call to Gradient, Cost,
// Load or Close while another of them is running on the same Workspace
// panics with a message saying so, instead of computing from buffers that
// the other call is overwriting. Use one Workspace per goroutine.
type Workspace struct {
	net    *network.Network
	sizes  []int
	m      int
	lambda float64
	y      []int
	chunks []chunk // the examples, chunkSize at a time
	groups []group
	D      []*matrix.Dense
	// thetaT[l] is (Θ^(l)_{:,1:})ᵀ, refreshed from Θ at each call, for
	// δ^(l) = (Θ^(l)_{:,1:})ᵀ δ^(l+1) as one product.
	thetaT []*matrix.Dense

	workers  []*worker
	next     atomic.Int64 // the next group to take
	start    []chan struct{}
	wg       sync.WaitGroup
	closed   bool
	backprop bool   // whether the current run computes gradients
	panics   panics // a panic of this run's goroutines
	busy     atomic.Bool
}

// MaxWorkspaceBytes bounds the memory NewWorkspace allocates (see
// WorkspaceBytes): 4 GiB. A larger workspace is almost always a mistake in
// the layer sizes, and would end the program with an out-of-memory error that
// no caller can recover from.
const MaxWorkspaceBytes = 4 << 30

// WorkspaceBytes returns about how many bytes NewWorkspace allocates for m
// examples through a network of the given layer sizes (not counting the
// network itself): the examples, laid out by column, the gradient sums of
// each group and the buffers of each core's worker. It counts in float64 and
// so does not overflow for any sizes.
func WorkspaceBytes(sizes []int, m int) float64 {
	nChunks := (m + chunkSize - 1) / chunkSize
	nGroups := min(nChunks, maxGroups)
	return workspaceBytes(sizes, m, nGroups, workers(m, sizes, nGroups))
}

// workspaceBytes is WorkspaceBytes for a workspace of nGroups groups and
// nWorkers workers.
func workspaceBytes(sizes []int, m, nGroups, nWorkers int) float64 {
	weights, units := 0.0, 0.0
	for l := 1; l < len(sizes); l++ {
		weights += float64(sizes[l]) * float64(sizes[l-1]+1)
		units += float64(sizes[l]) + 1
	}
	examples := float64(sizes[0]+1) * float64(m)
	perWorker := weights + 2*chunkSize*(units+float64(sizes[0]+1))
	return 8 * (examples + float64(nGroups+2)*weights + float64(nWorkers)*perWorker)
}

// workers returns how many workers a workspace of nGroups groups uses: all
// cores (up to one per group) when the work is large enough, else one.
func workers(m int, sizes []int, nGroups int) int {
	if parallel(m, sizes) {
		return max(1, min(runtime.GOMAXPROCS(0), nGroups))
	}
	return 1
}

// enter marks the workspace in use by op, and panics if another call is
// using it; leave ends the mark.
func (w *Workspace) enter(op string) {
	if !w.busy.CompareAndSwap(false, true) {
		panic("fast: Workspace." + op + " called while another call on the same Workspace is running: a Workspace is for one goroutine at a time")
	}
}

func (w *Workspace) leave() { w.busy.Store(false) }

// chunkSize is the number of examples a Workspace processes at a time.
const chunkSize = 256

// parallelMin is the number of examples of the tutorial's 2-5-5-2 network
// from which a pass uses more than one core (docs/performance.md has the
// measurements behind it); parallelWork scales it to other layer sizes.
const parallelMin = 2000

// parallelWork is the work of one pass, in multiply-adds of forward
// propagation (the examples times the weights each passes through), from
// which a pass uses more than one core: parallelMin examples through the
// tutorial's 2-5-5-2 network, whose 57 weights are 5 x 3 + 5 x 6 + 2 x 6.
const parallelWork = parallelMin * 57

// parallel reports whether m examples through a network with layer sizes
// sizes carry enough work per pass, m Σ_l s_(l+1) (s_l + 1), to be worth
// more than one core. Below it, waking another core costs about what it
// saves. The count of examples alone would misjudge wide layers: 1,797
// examples of 64-25-10 carry 33 times the work of 2,000 through 2-5-5-2.
func parallel(m int, sizes []int) bool {
	weights := 0
	for l := 0; l+1 < len(sizes); l++ {
		weights += sizes[l+1] * (sizes[l] + 1)
	}
	return m*weights >= parallelWork
}

// maxGroups bounds the groups of chunks whose sums are added in a fixed order.
const maxGroups = 32

// chunk is chunkSize examples (fewer in the last), small enough that their
// activations stay in the processor's cache through a whole forward and
// backward pass.
type chunk struct {
	a1 *matrix.Dense // a^(1) of these examples: (s_1 + 1) x c, bias row first
	y  []int
}

// group is a run of consecutive chunks. Chunks are gathered into at most
// maxGroups groups; each group sums its chunks' Δ in chunk order, and
// Gradient adds the groups' sums in group order, so which core runs which
// group changes no bit of the result.
type group struct {
	first, end int             // the chunks [first, end)
	J          float64         // sum of the chunks' cross-entropy terms
	Delta      []*matrix.Dense // sum of the chunks' Δ^(l), by layer number
}

// worker holds the buffers for one chunk's pass: A[l] and delta[l] by layer
// number, chunkSize columns each, used as views of c columns, and Delta[l],
// one chunk's Δ^(l).
type worker struct {
	bufA, bufDelta []*matrix.Dense
	A, delta       []matrix.Dense // views of the buffers for the current chunk
	Delta          []*matrix.Dense
}

// NewWorkspace returns a workspace for the examples X (m x n, one per row) with
// labels y and regularization λ = lambda. It panics if X does not fit the
// network (see network.CheckX), a label is not a class (see
// network.CheckLabels), there are no examples, lambda is not a finite
// number >= 0, or the workspace would take more than MaxWorkspaceBytes.
func NewWorkspace(n *network.Network, X *matrix.Dense, y []int, lambda float64) *Workspace {
	mustX(n, X)
	if err := n.CheckLabels(y, X.Rows); err != nil {
		panic("fast: " + err.Error())
	}
	if X.Rows == 0 {
		panic("fast: a workspace of no examples")
	}
	if !(finite.Is(lambda) && lambda >= 0) {
		panic(fmt.Sprintf("fast: lambda %v: want a finite number >= 0", lambda))
	}
	sizes := n.Sizes()
	L := len(sizes)
	nChunks := (X.Rows + chunkSize - 1) / chunkSize
	nGroups := min(nChunks, maxGroups)
	nWorkers := workers(X.Rows, sizes, nGroups)
	if b := workspaceBytes(sizes, X.Rows, nGroups, nWorkers); b > MaxWorkspaceBytes {
		panic(fmt.Sprintf("fast: a workspace for %d examples through layers %v would take about %.3g GiB, more than MaxWorkspaceBytes (%d GiB)", X.Rows, sizes, b/(1<<30), MaxWorkspaceBytes>>30))
	}
	w := &Workspace{net: n, sizes: sizes, m: X.Rows, lambda: lambda, y: slices.Clone(y)}
	for lo := 0; lo < X.Rows; lo += chunkSize {
		hi := min(lo+chunkSize, X.Rows)
		a1 := matrix.New(sizes[0]+1, hi-lo)
		setA1(a1, X, lo)
		w.chunks = append(w.chunks, chunk{a1: a1, y: w.y[lo:hi]})
	}
	for g := 0; g < nGroups; g++ {
		grp := group{
			first: g * len(w.chunks) / nGroups,
			end:   (g + 1) * len(w.chunks) / nGroups,
			Delta: make([]*matrix.Dense, L),
		}
		for l := 1; l < L; l++ {
			grp.Delta[l] = matrix.New(sizes[l], sizes[l-1]+1)
		}
		w.groups = append(w.groups, grp)
	}
	w.D = make([]*matrix.Dense, L)
	w.thetaT = make([]*matrix.Dense, L)
	for l := 1; l < L; l++ {
		w.D[l] = matrix.New(sizes[l], sizes[l-1]+1)
		w.thetaT[l] = matrix.New(sizes[l-1], sizes[l])
	}
	for i := 0; i < nWorkers; i++ {
		w.workers = append(w.workers, newWorker(sizes))
	}
	for i := 1; i < nWorkers; i++ {
		start := make(chan struct{})
		w.start = append(w.start, start)
		go w.serve(w.workers[i], start)
	}
	return w
}

// Load makes the workspace's examples the rows of X listed in rows, in that
// order, with their labels from y: the workspace then computes what
// NewWorkspace would for those rows, without allocating. One workspace so
// serves every mini-batch of a size. It panics unless len(rows) is the
// workspace's number of examples, X fits the input layer and has len(y)
// rows, and each listed row is one of X's with a label that is a class.
func (w *Workspace) Load(X *matrix.Dense, y []int, rows []int) {
	w.enter("Load")
	defer w.leave()
	w.check()
	if X == nil || X.Cols != w.sizes[0] || len(X.Data) != X.Rows*X.Cols {
		panic("fast: Load: X does not fit the input layer")
	}
	if len(rows) != w.m || len(y) != X.Rows {
		panic(fmt.Sprintf("fast: Load of %d rows into a workspace of %d examples, from %d rows with %d labels", len(rows), w.m, X.Rows, len(y)))
	}
	K := w.sizes[len(w.sizes)-1]
	for i, r := range rows {
		if r < 0 || r >= X.Rows {
			panic(fmt.Sprintf("fast: Load: row %d is outside 0..%d", r, X.Rows-1))
		}
		if c := y[r]; c < 0 || c >= K {
			panic(fmt.Sprintf("fast: Load: label %d of row %d is not a class of the output layer (0..%d)", c, r, K-1))
		}
		w.y[i] = y[r]
	}
	for ch, c := range w.chunks {
		a1 := c.a1
		for j, r := range rows[ch*chunkSize : ch*chunkSize+a1.Cols] {
			for f, v := range X.Row(r) { // row f+1 of a1 is feature f, as setA1 lays it out
				if !finite.Is(v) {
					panic(fmt.Sprintf("fast: Load: X holds %v in row %d", v, r))
				}
				a1.Data[(f+1)*a1.Cols+j] = v
			}
		}
	}
}

func newWorker(sizes []int) *worker {
	L := len(sizes)
	wk := &worker{
		bufA: make([]*matrix.Dense, L+1), bufDelta: make([]*matrix.Dense, L+1),
		A: make([]matrix.Dense, L+1), delta: make([]matrix.Dense, L+1),
		Delta: make([]*matrix.Dense, L),
	}
	for l := 1; l < L; l++ {
		wk.Delta[l] = matrix.New(sizes[l], sizes[l-1]+1)
	}
	wk.bufA[1] = matrix.New(sizes[0]+1, chunkSize)
	for l := 2; l <= L; l++ {
		rows := sizes[l-1] + 1 // s_l units and the bias
		if l == L {
			rows = sizes[l-1]
		}
		wk.bufA[l] = matrix.New(rows, chunkSize)
		wk.bufDelta[l] = matrix.New(sizes[l-1], chunkSize)
	}
	return wk
}

// serve runs groups on a worker goroutine each time start receives. A panic
// is kept for run to raise in the caller's goroutine.
func (w *Workspace) serve(wk *worker, start chan struct{}) {
	for range start {
		w.runCatching(wk)
		w.wg.Done()
	}
}

// runCatching is runGroups with a panic kept in w.panics instead of raised.
func (w *Workspace) runCatching(wk *worker) {
	defer w.panics.catch()
	w.runGroups(wk)
}

// Close stops the workspace's worker goroutines. The workspace must not be used
// after.
func (w *Workspace) Close() {
	w.enter("Close")
	defer w.leave()
	if !w.closed {
		for _, s := range w.start {
			close(s)
		}
		w.closed = true
	}
}

// Gradient returns J(Θ) and the gradients D[l] for the network's current
// weights. D belongs to the workspace: the next call overwrites it.
func (w *Workspace) Gradient() (J float64, D []*matrix.Dense) {
	w.enter("Gradient")
	defer w.leave()
	w.check()
	for l := 1; l < len(w.thetaT); l++ {
		th, tt := w.net.Theta[l], w.thetaT[l]
		for k := 0; k < th.Rows; k++ {
			for j, v := range th.Row(k)[1:] {
				tt.Data[j*tt.Cols+k] = v
			}
		}
	}
	w.run(true)

	// Add the groups' sums in group order, then scale and regularize:
	//	D^(l) = (1/m) Δ^(l) + (λ/m) Θ^(l), bias column not regularized.
	inv := 1 / float64(w.m)
	reg := w.lambda / float64(w.m)
	for l := 1; l < len(w.D); l++ {
		d := w.D[l].Data
		copy(d, w.groups[0].Delta[l].Data)
		for _, g := range w.groups[1:] {
			for i, v := range g.Delta[l].Data {
				d[i] += v
			}
		}
		theta := w.net.Theta[l]
		for i := range d {
			d[i] *= inv
			if w.lambda != 0 && i%theta.Cols != 0 {
				d[i] += reg * theta.Data[i]
			}
		}
	}
	return w.cost(), w.D
}

// Cost returns J(Θ) for the network's current weights, by forward
// propagation alone: what Gradient returns as J, without the gradients.
func (w *Workspace) Cost() float64 {
	w.enter("Cost")
	defer w.leave()
	w.run(false)
	return w.cost()
}

// check panics if the workspace is closed or the network's weights changed
// shape since NewWorkspace.
func (w *Workspace) check() {
	if w.net == nil {
		panic("fast: a Workspace not made by NewWorkspace")
	}
	if w.closed {
		panic("fast: a closed Workspace used")
	}
	if len(w.net.Theta) != len(w.sizes) {
		panic("fast: the network changed its number of layers since NewWorkspace")
	}
	for l := 1; l < len(w.sizes); l++ {
		if t := w.net.Theta[l]; t == nil || t.Rows != w.sizes[l] || t.Cols != w.sizes[l-1]+1 || len(t.Data) != t.Rows*t.Cols {
			panic(fmt.Sprintf("fast: Theta%d changed shape since NewWorkspace", l))
		}
	}
}

// run runs every group, on the workers, with or without backpropagation.
func (w *Workspace) run(backprop bool) {
	w.check()
	w.backprop = backprop
	w.next.Store(0)
	w.wg.Add(len(w.start))
	for _, s := range w.start {
		s <- struct{}{}
	}
	w.runCatching(w.workers[0])
	w.wg.Wait()
	w.panics.raise()
}

// cost adds the groups' cross-entropy sums in group order and returns J.
func (w *Workspace) cost() float64 {
	J := 0.0
	for _, g := range w.groups {
		J += g.J
	}
	return J/float64(w.m) + network.Regularization(w.net, w.lambda, w.m)
}

// runGroups takes groups until none is left.
func (w *Workspace) runGroups(wk *worker) {
	for {
		g := int(w.next.Add(1)) - 1
		if g >= len(w.groups) {
			return
		}
		grp := &w.groups[g]
		grp.J = 0
		for l := 1; l < len(grp.Delta); l++ {
			clear(grp.Delta[l].Data)
		}
		Delta := grp.Delta
		if !w.backprop {
			Delta = nil
		}
		for c := grp.first; c < grp.end; c++ {
			grp.J += w.pass(wk, &w.chunks[c], Delta)
		}
	}
}

// pass runs forward and backward propagation on one chunk, adds its Δ^(l) to
// Delta and returns its cross-entropy terms, summed. With Delta nil it stops
// after the cost.
func (w *Workspace) pass(wk *worker, ch *chunk, Delta []*matrix.Dense) float64 {
	L := len(w.sizes)
	c := ch.a1.Cols
	wk.forward(w.net, ch.a1)
	for l := 2; l <= L; l++ {
		wk.delta[l] = view(wk.bufDelta[l], c)
	}

	// The cost's cross-entropy terms and δ^(L) = a^(L) - y, in one sweep.
	h, dL := &wk.A[L], &wk.delta[L]
	J := 0.0
	for k := 0; k < h.Rows; k++ {
		hk, dk := h.Row(k), dL.Row(k)
		for i, label := range ch.y {
			if label == k {
				J -= math.Log(hk[i])
				dk[i] = hk[i] - 1
			} else {
				J -= math.Log(1 - hk[i])
				dk[i] = hk[i]
			}
		}
	}

	if Delta == nil {
		return J
	}

	// Backward: δ^(l) = (Θ^(l)_{:,1:})ᵀ δ^(l+1) .* g'(z^(l)), l = L-1..2.
	for l := L - 1; l >= 2; l-- {
		d := &wk.delta[l]
		kernel.MulInto(d, w.thetaT[l], &wk.delta[l+1])
		gradInPlace(w.net.Hidden, d.Data, wk.A[l].Data[c:])
	}

	// Δ^(l) += δ^(l+1) (a^(l))ᵀ.
	for l := 1; l < L; l++ {
		kernel.MulTInto(wk.Delta[l], &wk.delta[l+1], &wk.A[l])
		acc := Delta[l].Data
		for i, v := range wk.Delta[l].Data {
			acc[i] += v
		}
	}
	return J
}

// forward runs forward propagation on the examples of a1 = a^(1) (bias row
// first, one example per column) into the worker's A[l], as Forward does:
//
//	a^(l+1) = [1; g(Θ^(l) a^(l))],  h = a^(L) = sigmoid(z^(L))
//
// The products are Forward's, added in the same order; the sigmoids are
// kernel.SigmoidInPlace's (hidden layers) and kernel.Sigmoid's (output), within
// three and two ulps of Forward's sigmoid.G.
func (wk *worker) forward(net *network.Network, a1 *matrix.Dense) {
	wk.forwardZ(net, a1)
	L := len(net.Theta)
	outputInPlace(wk.A[L].Data)
}

// forwardZ is forward without the output layer's sigmoid: it leaves z^(L) in
// A[L].
func (wk *worker) forwardZ(net *network.Network, a1 *matrix.Dense) {
	wk.A[1] = *a1
	wk.forwardFrom(net, 1)
}

// forwardFrom is forwardZ from layer l0 on: A[l0] must hold a^(l0) already.
func (wk *worker) forwardFrom(net *network.Network, l0 int) {
	L := len(net.Theta)
	c := wk.A[l0].Cols
	for l := l0 + 1; l <= L; l++ {
		wk.A[l] = view(wk.bufA[l], c)
	}
	for l := l0; l < L; l++ {
		next := &wk.A[l+1]
		z := next // the output layer has no bias row
		if l+1 < L {
			ones := next.Data[:c]
			for i := range ones {
				ones[i] = 1
			}
			z = &matrix.Dense{Rows: next.Rows - 1, Cols: c, Data: next.Data[c:]}
		}
		kernel.MulInto(z, net.Theta[l], &wk.A[l])
		if l+1 < L {
			for u := range z.Rows { // unit by unit: sigmoid pairs stay within a unit
				applyInPlace(net.Hidden, z.Row(u))
			}
		}
	}
}

// setA1 sets a1 to a^(1) for the examples X[lo : lo+a1.Cols]: a bias row of
// ones, then the examples' features, one example per column. It reports
// whether they are all finite.
func setA1(a1, X *matrix.Dense, lo int) bool {
	c, n := a1.Cols, X.Cols
	bias := a1.Data[:c]
	for j := range bias {
		bias[j] = 1
	}
	// The exponent bits of each v, plus one in the exponent's lowest bit,
	// carry into bit 63 only when they are all ones: v is ±Inf or NaN.
	const expBits, expOne = 0x7ff << 52, 1 << 52
	var carry uint64
	for f := 0; f < n; f++ { // row f+1 of a1 is feature f of each example
		row := a1.Data[(f+1)*c : (f+2)*c]
		for j := range row {
			v := X.Data[(lo+j)*n+f]
			row[j] = v
			carry |= math.Float64bits(v)&expBits + expOne
		}
	}
	return carry>>63 == 0
}

// view returns the first c columns' worth of buf as a rows x c matrix.
func view(buf *matrix.Dense, c int) matrix.Dense {
	return matrix.Dense{Rows: buf.Rows, Cols: c, Data: buf.Data[:buf.Rows*c]}
}

// applyInPlace sets each z of a hidden layer to g(z), sigmoids two at a time
// (kernel.SigmoidInPlace).
func applyInPlace(g network.Activation, z []float64) {
	switch g {
	case network.Sigmoid:
		kernel.SigmoidInPlace(z)
	default:
		for i, v := range z {
			z[i] = g.G(v)
		}
	}
}

// outputInPlace sets each z of the output layer to kernel.Sigmoid(z), one at a
// time: the sigmoid that Predict's tie rule compares (see argmaxH).
func outputInPlace(z []float64) {
	kernel.SigmoidEachInPlace(z)
}

// gradInPlace multiplies each d by g'(z) computed from a = g(z).
func gradInPlace(g network.Activation, d, a []float64) {
	a = a[:len(d)]
	switch g {
	case network.Sigmoid:
		kernel.MulSigmoidGradient(d, a)
	default:
		for i, v := range a {
			d[i] *= g.GradientFromA(v)
		}
	}
}

package network

import (
	"fmt"
	"math"

	"github.com/ann-go/ann/matrix"
)

// The decision boundary (the tutorial's plot_decision_boundary) needs the
// network's output at every point of a grid,
//
//	(xs[i], ys[j]),  point number j*len(xs) + i,
//
// the order of np.c_[xx.ravel(), yy.ravel()] for xx, yy = np.meshgrid(xs, ys).
// On a grid, part of the first layer's work can be shared. Unit h of layer 2
// has
//
//	z_h = Θ_h0 + Θ_h1 x + Θ_h2 y = u_h(x) + v_h(y)
//
// and, when it is a sigmoid unit,
//
//	g(z_h) = 1 / (1 + e^(-u_h(x)) e^(-v_h(y)))
//
// takes s_2 (len(xs) + len(ys)) exponentials for the whole grid instead of s_2
// per point, and one division for two points. The layers after the second
// are computed as for any examples.

// GridProbabilities returns Probabilities for the points of the grid xs × ys,
// in the order above: len(xs)*len(ys) x K.
//
// The numbers are those of Probabilities on the same points, bit for bit when
// the hidden units are not sigmoids, and otherwise to within a few ulps:
// e^(-u) e^(-v) is rounded differently from e^(-(u+v)), and sigmoids that
// share a division (see sigmoid.FastInPlace) pair up differently where a row
// of the grid is not a whole number of chunks. (The product form is used only
// for units with |u|, |v| <= 177, where it cannot overflow.) The tests hold
// the two to 1e-14. It panics unless the network has two inputs.
func (n *Network) GridProbabilities(xs, ys []float64) *matrix.Dense {
	g := n.newGrid(xs, ys)
	return n.probabilities(len(xs)*len(ys), g.run)
}

// PredictGrid returns the classes of the points of the grid xs × ys, in the
// order above: Predict's rule applied to GridProbabilities' outputs, so the
// labels are Predict's except, rarely, at a point where two output units tie
// to within an ulp or two. It panics unless the network has two inputs.
func (n *Network) PredictGrid(xs, ys []float64) []int {
	g := n.newGrid(xs, ys)
	return n.predict(len(xs)*len(ys), g.run)
}

// grid holds, for each unit h of layer 2, u_h(x) at each x, and where the
// sigmoid's product form is used for unit h (expForm[h]), e^(-u_h(x)) at each
// x and e^(-v_h(y)) at each y.
type grid struct {
	net      *Network
	xs, ys   []float64
	segments int // chunks per row of the grid
	u        [][]float64
	expForm  []bool
	eu, ev   [][]float64
}

// expFormMax bounds |u| and |v| where the product form is used: then each
// factor lies in [e^-177, e^177], so p = 1 + e^(-u) e^(-v) <= e^354 + 1 and
// the product pq of two such is finite.
const expFormMax = 177

func (n *Network) newGrid(xs, ys []float64) *grid {
	if s1 := n.Theta[1].Cols - 1; s1 != 2 {
		panic(fmt.Sprintf("network: a grid has 2 inputs, the network %d", s1))
	}
	t := n.Theta[1]
	g := &grid{
		net: n, xs: xs, ys: ys,
		segments: (len(xs) + ChunkSize - 1) / ChunkSize,
		u:        make([][]float64, t.Rows),
		expForm:  make([]bool, t.Rows),
		eu:       make([][]float64, t.Rows), ev: make([][]float64, t.Rows),
	}
	for h := range t.Rows {
		th := t.Row(h)
		// z_h = u_h + Θ_h2 y is added up as Forward's product Θ a^(1) adds
		// it, ((0 + Θ_h0·1) + Θ_h1 x) + Θ_h2 y, so that it is the same number.
		u := make([]float64, len(xs))
		for i, x := range xs {
			u[i] = 0 + th[0] + th[1]*x
		}
		v := make([]float64, len(ys))
		for j, y := range ys {
			v[j] = th[2] * y
		}
		g.u[h] = u
		if n.Hidden == Sigmoid && len(n.Theta) > 2 && within(u, expFormMax) && within(v, expFormMax) {
			g.expForm[h] = true
			g.eu[h], g.ev[h] = expNeg(u), expNeg(v)
		}
	}
	return g
}

// within reports whether every |x| <= bound (false for NaN).
func within(xs []float64, bound float64) bool {
	for _, x := range xs {
		if !(math.Abs(x) <= bound) {
			return false
		}
	}
	return true
}

// expNeg returns e^(-x) for each x.
func expNeg(xs []float64) []float64 {
	e := make([]float64, len(xs))
	for i, x := range xs {
		e[i] = math.Exp(-x)
	}
	return e
}

// run is the chunkRunner for the grid: a chunk is up to ChunkSize points of
// one row (one y) of the grid.
func (g *grid) run(outputSigmoid bool, use func(lo int, h *matrix.Dense)) {
	nx := len(g.xs)
	chunks := g.segments * len(g.ys)
	n := g.net
	L := len(n.Theta)
	eachChunk(n.Sizes(), chunks, nx*len(g.ys) >= ParallelMin, func(wk *worker, ch int) {
		j, lo := ch/g.segments, ch%g.segments*ChunkSize
		hi := min(lo+ChunkSize, nx)
		c := hi - lo
		a2 := view(wk.bufA[2], c)
		z := a2.Data // z^(2) (a^(2) without its bias row)
		if L > 2 {
			for i := range c {
				a2.Data[i] = 1
			}
			z = a2.Data[c:]
		}
		for h := range g.u {
			row := z[h*c : (h+1)*c]
			if g.expForm[h] {
				// g(z) = 1/p with p = 1 + e^(-u) e^(-v), two points per
				// division: 1/p = q/(pq) and 1/q = p/(pq).
				ev, eu := g.ev[h][j], g.eu[h][lo:hi]
				i := 0
				for ; i+1 < len(eu); i += 2 {
					p, q := 1+eu[i]*ev, 1+eu[i+1]*ev
					r := 1 / (p * q)
					row[i], row[i+1] = q*r, p*r
				}
				if i < len(eu) {
					row[i] = 1 / (1 + eu[i]*ev)
				}
				continue
			}
			th2, y := n.Theta[1].At(h, 2), g.ys[j]
			for i, u := range g.u[h][lo:hi] {
				row[i] = u + th2*y
			}
			if L > 2 {
				applyInPlace(n.Hidden, row)
			}
		}
		wk.A[2] = a2
		if L > 2 {
			wk.forwardFrom(n, 2)
		}
		if outputSigmoid {
			outputInPlace(wk.A[L].Data)
		}
		use(j*nx+lo, &wk.A[L])
	})
}

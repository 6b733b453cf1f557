package fast

import (
	"fmt"
	"math"

	"github.com/ann-go/ann/internal/finite"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network"
	"github.com/ann-go/ann/network/fast/internal/kernel"
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

// GridProbabilities returns Probabilities(net, X) for the points of the grid xs × ys,
// in the order above: len(xs)*len(ys) x K.
//
// The numbers are those of Probabilities on the same points, bit for bit when
// the hidden units are not sigmoids, and otherwise to within a few ulps:
// e^(-u) e^(-v) is rounded differently from e^(-(u+v)), and sigmoids that
// share a division (see kernel.SigmoidInPlace) pair up differently where a row
// of the grid is not a whole number of chunks. (The product form is used only
// for units with |u|, |v| <= 177, where it cannot overflow.) The tests hold
// the two to 1e-14 for weights of the tutorial's size; the difference grows
// with the weights.
// It panics unless the network has two inputs and the axes are finite.
func GridProbabilities(net *network.Network, xs, ys []float64) *matrix.Dense {
	g := newGrid(net, xs, ys)
	return probabilities(net, len(xs)*len(ys), g.run)
}

// PredictGrid returns the classes of the points of the grid xs × ys, in the
// order above: Predict's rule applied to GridProbabilities' outputs, so the
// labels are Predict's except, rarely, at a point where two output units tie
// to within an ulp or two. It panics unless the network has two inputs and
// the axes are finite.
func PredictGrid(net *network.Network, xs, ys []float64) []int {
	g := newGrid(net, xs, ys)
	return predict(len(xs)*len(ys), g.run)
}

// grid holds, for each unit h of layer 2 where the sigmoid's product form is
// used (expForm[h]), e^(-u_h(x)) at each x and e^(-v_h(y)) at each y. The
// other units (plain) take z^(2) = Θ^(1) a^(1) from the product that every
// forward pass computes, so that they get its numbers bit for bit.
type grid struct {
	net      *network.Network
	xs, ys   []float64
	segments int // chunks per row of the grid
	expForm  []bool
	plain    bool // whether any unit is not in expForm
	eu, ev   [][]float64
}

// expFormMax bounds |u| and |v| where the product form is used: then each
// factor lies in [e^-177, e^177], so p = 1 + e^(-u) e^(-v) <= e^354 + 1 and
// the product pq of two such is finite.
const expFormMax = 177

func newGrid(n *network.Network, xs, ys []float64) *grid {
	if s1 := checkNet(n)[0]; s1 != 2 {
		panic(fmt.Sprintf("fast: a grid has 2 inputs, the network %d", s1))
	}
	for _, axis := range [][]float64{xs, ys} {
		if i := finite.Index(axis); i >= 0 {
			panic(fmt.Sprintf("fast: a grid axis holds %v: want finite numbers", axis[i]))
		}
	}
	t := n.Theta[1]
	g := &grid{
		net: n, xs: xs, ys: ys,
		segments: (len(xs) + chunkSize - 1) / chunkSize,
		expForm:  make([]bool, t.Rows),
		eu:       make([][]float64, t.Rows), ev: make([][]float64, t.Rows),
	}
	for h := range t.Rows {
		th := t.Row(h)
		u := make([]float64, len(xs))
		for i, x := range xs {
			u[i] = th[0] + th[1]*x
		}
		v := make([]float64, len(ys))
		for j, y := range ys {
			v[j] = th[2] * y
		}
		if n.Hidden == network.Sigmoid && len(n.Theta) > 2 && within(u, expFormMax) && within(v, expFormMax) {
			g.expForm[h] = true
			g.eu[h], g.ev[h] = expNeg(u), expNeg(v)
		} else {
			g.plain = true
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

// run is the chunkRunner for the grid: a chunk is up to chunkSize points of
// one row (one y) of the grid.
func (g *grid) run(outputSigmoid bool, use func(lo int, h *matrix.Dense)) {
	nx := len(g.xs)
	chunks := g.segments * len(g.ys)
	n := g.net
	L := len(n.Theta)
	eachChunk(n.Sizes(), chunks, parallel(nx*len(g.ys), n.Sizes()), func(wk *worker, ch int) {
		j, lo := ch/g.segments, ch%g.segments*chunkSize
		hi := min(lo+chunkSize, nx)
		c := hi - lo
		a2 := view(wk.bufA[2], c)
		z := &a2 // z^(2): a^(2) without its bias row
		if L > 2 {
			for i := range c {
				a2.Data[i] = 1
			}
			z = &matrix.Dense{Rows: a2.Rows - 1, Cols: c, Data: a2.Data[c:]}
		}
		if g.plain {
			a1 := view(wk.bufA[1], c)
			setGridA1(&a1, g.xs[lo:hi], g.ys[j])
			kernel.MulInto(z, n.Theta[1], &a1)
		}
		for h := range z.Rows {
			row := z.Row(h)
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
			} else if L > 2 {
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

// setGridA1 sets a1 to a^(1) for the grid points (x, y), x in xs: a bias row
// of ones, the xs, and y.
func setGridA1(a1 *matrix.Dense, xs []float64, y float64) {
	c := a1.Cols
	for i := range c {
		a1.Data[i] = 1
	}
	copy(a1.Data[c:2*c], xs)
	for i := range c {
		a1.Data[2*c+i] = y
	}
}

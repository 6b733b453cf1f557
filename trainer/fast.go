package trainer

import (
	"context"
	"math"

	"github.com/ann-go/ann/internal/nprand"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network"
	"github.com/ann-go/ann/network/fast"
	"github.com/ann-go/ann/trainer/dataset"
)

// trainFast is Train on fast.Workspace: one pass per iteration gives the
// cost and the gradients, without allocating; mini-batches and momentum too.
func trainFast(ctx context.Context, net *network.Network, X *matrix.Dense, y []int, c Config) (*Result, error) {
	res := &Result{Net: net.Copy(), Costs: make([]float64, 0, min(c.Iters, 1<<12))}
	ws := fast.NewWorkspace(res.Net, X, y, c.Lambda)
	defer ws.Close()
	var test *fast.Workspace
	if c.TestX != nil {
		test = fast.NewWorkspace(res.Net, c.TestX, c.TestY, c.Lambda)
		defer test.Close()
		res.TestCosts = make([]float64, 0, min(c.Iters, 1<<12))
	}
	var val *fast.Workspace
	if c.stop != nil {
		val = fast.NewWorkspace(res.Net, c.stop.X, c.stop.y, c.Lambda)
		defer val.Close()
	}
	s := stepper{batchWS: map[int]*fast.Workspace{}}
	defer s.close()
	switch {
	case c.Optimizer == "adam":
		s.adam = true
		s.m, s.v = zerosLike(res.Net.Theta), zerosLike(res.Net.Theta)
		s.beta1, s.beta2, s.epsilon = c.adamDefaults()
	case c.Momentum > 0:
		s.v = zerosLike(res.Net.Theta)
	}
	miniBatch := c.Batch > 0 && c.Batch < X.Rows
	var rs *nprand.State
	if miniBatch {
		rs = nprand.New(c.Seed)
	}
	for n := 1; n <= c.Iters; n++ {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		var J, testJ float64
		var D []*matrix.Dense
		if miniBatch {
			J = ws.Cost() // the whole set's cost before this epoch
		} else {
			J, D = ws.Gradient() // the cost and the gradients from one pass
		}
		if test != nil {
			testJ = test.Cost()
		}
		if err := res.record(n, J, testJ, &c); err != nil {
			return res, err
		}
		if val != nil {
			if stop, err := res.validate(n, val.Cost(), &c); err != nil || stop {
				if err != nil {
					return res, err
				}
				break
			}
		}
		if miniBatch {
			s.epoch(res.Net, X, y, rs.Permutation(X.Rows), c)
		} else {
			s.step(res.Net.Theta, D, c)
		}
		c.after(n, J, res)
	}
	if c.stop != nil {
		c.stop.restore(res.Net, res, len(res.Costs), c.Iters)
	}
	return res, res.finish(ws.Cost(), &c)
}

// stepper makes the updates, keeping the velocities v^(l) for momentum (or
// Adam's moments m^(l), v^(l) and its update count t) and, for mini-batches,
// a workspace for each batch size (the full one and the last batch of an
// epoch), loaded with each batch's rows in turn.
type stepper struct {
	v       []*matrix.Dense // nil without momentum or Adam
	batchWS map[int]*fast.Workspace

	adam                  bool
	m                     []*matrix.Dense // Adam's first moment
	t                     int             // Adam's updates so far
	beta1, beta2, epsilon float64
}

// step makes one update from the gradients D: Θ := Θ - α D, with momentum
// v := β v + D, Θ := Θ - α v, or Adam's (see the package comment).
func (s *stepper) step(Theta, D []*matrix.Dense, c Config) {
	if s.adam {
		s.adamStep(Theta, D, c.Alpha)
		return
	}
	if s.v == nil {
		Step(Theta, D, c.Alpha)
		return
	}
	for l := 1; l < len(Theta); l++ {
		t, d, v := Theta[l].Data, D[l].Data, s.v[l].Data
		for i := range t {
			// float64(...) rounds each product before the sum, as in Step:
			// no fused multiply-add, so the bits are the same on every CPU.
			v[i] = float64(c.Momentum*v[i]) + d[i]
			t[i] -= float64(c.Alpha * v[i])
		}
	}
}

// adamStep makes Adam's update t from the gradients D.
func (s *stepper) adamStep(Theta, D []*matrix.Dense, alpha float64) {
	s.t++
	b1, b2 := s.beta1, s.beta2
	alphaT := alpha * math.Sqrt(1-math.Pow(b2, float64(s.t))) / (1 - math.Pow(b1, float64(s.t)))
	for l := 1; l < len(Theta); l++ {
		t, d, m, v := Theta[l].Data, D[l].Data, s.m[l].Data, s.v[l].Data
		for i := range t {
			// float64(...) keeps each product rounded: no fused multiply-add,
			// so the bits are the same on every CPU.
			m[i] = float64(b1*m[i]) + float64((1-b1)*d[i])
			v[i] = float64(b2*v[i]) + float64((1-b2)*float64(d[i]*d[i]))
			t[i] -= alphaT * m[i] / (math.Sqrt(v[i]) + s.epsilon)
		}
	}
}

// epoch makes one pass over the examples in the order perm, c.Batch at a
// time, one update per batch.
func (s *stepper) epoch(net *network.Network, X *matrix.Dense, y []int, perm []int, c Config) {
	for lo := 0; lo < len(perm); lo += c.Batch {
		rows := perm[lo:min(lo+c.Batch, len(perm))]
		ws := s.batchWS[len(rows)]
		if ws == nil {
			Xb, yb := dataset.Rows(X, y, rows)
			ws = fast.NewWorkspace(net, Xb, yb, c.Lambda)
			s.batchWS[len(rows)] = ws
		} else {
			ws.Load(X, y, rows)
		}
		_, D := ws.Gradient()
		s.step(net.Theta, D, c)
	}
}

// close closes the mini-batch workspaces.
func (s *stepper) close() {
	for _, ws := range s.batchWS {
		ws.Close()
	}
}

package trainer

import (
	"context"

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
	s := stepper{batchWS: map[int]*fast.Workspace{}}
	defer s.close()
	if c.Momentum > 0 {
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
		if miniBatch {
			s.epoch(res.Net, X, y, rs.Permutation(X.Rows), c)
		} else {
			s.step(res.Net.Theta, D, c)
		}
		c.after(n, J, res)
	}
	return res, res.finish(ws.Cost(), &c)
}

// stepper makes the updates, keeping the velocities v^(l) for momentum and,
// for mini-batches, a workspace for each batch size (the full one and the
// last batch of an epoch), loaded with each batch's rows in turn.
type stepper struct {
	v       []*matrix.Dense // nil without momentum
	batchWS map[int]*fast.Workspace
}

// step makes one update from the gradients D: Θ := Θ - α D, or with momentum
// v := β v + D, Θ := Θ - α v.
func (s *stepper) step(Theta, D []*matrix.Dense, c Config) {
	if s.v == nil {
		Step(Theta, D, c.Alpha)
		return
	}
	for l := 1; l < len(Theta); l++ {
		t, d, v := Theta[l].Data, D[l].Data, s.v[l].Data
		for i := range t {
			v[i] = c.Momentum*v[i] + d[i]
			t[i] -= c.Alpha * v[i]
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

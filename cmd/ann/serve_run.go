package main

// ann serve: a run's training goroutine, the state it publishes, and the
// calls into the library's training.

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/ann-go/ann/network"
	"github.com/ann-go/ann/network/fast"
	"github.com/ann-go/ann/network/model"
	"github.com/ann-go/ann/trainer"
	"github.com/ann-go/ann/trainer/dataset"
)

// --- Runs ---

// playRun is one page's run. Its training goroutine (loop) owns the control
// state; everything else reads the published state under mu.
type playRun struct {
	id     string
	client string // clientOf the request that started it
	setup  *playSetup
	start  *network.Network   // the weights training starts from; loop's own
	early  *earlyTrack        // with early stopping, while training; loop's own
	cancel context.CancelFunc // ends loop
	done   chan struct{}      // closed when loop has returned
	ctl    chan playSignal    // play, pause, step, reset
	wake   chan struct{}      // a state worth a frame now: paused, stopped, reset
	timer  *time.Timer        // removes the run if its page never opens the stream

	mu      sync.Mutex
	claimed bool // a page opened the stream, or the run was dropped
	dropped bool // no page opened the stream in time
	pub     published
}

// published is the state a frame or a download reads.
type published struct {
	gen              uint64 // counts publications
	iter             int    // iterations done
	state            string // ready, playing, paused, done, diverged
	msg              string // why it stopped, for done and diverged
	costs, testCosts []float64
	net              *network.Network // Θ after iteration iter, copied in place
	confidence       bool             // the page asks for the boundary shaded by confidence
	// edited says a weight was typed by hand since the run began (or was
	// reset); editedAt is the iteration of the last such edit (0: before
	// the first iteration, the starting weights), and editedNet the weights
	// right after it, edited.npz, which ann train -start takes.
	edited    bool
	editedAt  int
	editedNet *network.Network
	// edits are the weights typed by hand since the run began, in order:
	// the model files say so (model.Model.Edits).
	edits []model.Edit
	// With early stopping: the validation costs, and the weights ann train
	// keeps, those of the best validation cost so far (iteration bestIter),
	// whether training stopped early, and where.
	valCosts []float64
	best     *network.Network
	bestIter int
	stopped  bool
}

// commandIters returns the -iters of the command line that reproduces the
// published state of a run that stops at -iters stop: the iteration
// reached, or stop when early stopping ended the run before it (ann train
// -iters at the iteration reached would record that it did not stop early).
func (v published) commandIters(stop int) int {
	if v.stopped {
		return stop
	}
	return v.iter
}

// earlyTrack follows early stopping during training as the trainer does, for
// the files of a paused run: the weights of the best validation cost so far
// (bestIter, the weights before that iteration's update) and the weights
// before the current iteration's update (prev).
type earlyTrack struct {
	prev, best *network.Network
	bestV      float64
	bestIter   int
}

// observe follows iteration iter of res, before its frame is published.
func (e *earlyTrack) observe(iter int, res *trainer.Result) {
	if V := res.ValidationCosts[iter-1]; iter == 1 || V < e.bestV {
		e.bestV, e.bestIter = V, iter
		e.best, e.prev = e.prev, e.best
	}
	e.updated(res.Net)
}

// updated records net, the weights after an update or an edit, as those
// the next iteration starts from.
func (e *earlyTrack) updated(net *network.Network) {
	if e.prev == nil {
		e.prev = net.Copy()
		return
	}
	for l, t := range net.Theta {
		if t != nil {
			copy(e.prev.Theta[l].Data, t.Data)
		}
	}
}

// setView sets how the frames are drawn, and asks for a frame drawn so.
func (run *playRun) setView(confidence bool) {
	run.mu.Lock()
	run.pub.confidence = confidence
	run.pub.gen++
	run.mu.Unlock()
	select {
	case run.wake <- struct{}{}:
	default:
	}
}

// view returns a copy of the published state, with its own weights.
func (run *playRun) view() published {
	run.mu.Lock()
	defer run.mu.Unlock()
	v := run.pub
	v.net = v.net.Copy()
	if v.editedNet != nil {
		v.editedNet = v.editedNet.Copy()
	}
	v.edits = slices.Clone(v.edits)
	if v.best != nil {
		v.best = v.best.Copy()
	}
	return v
}

// markEdited records that e, a weight of net, the weights at iteration
// iter, was typed by hand; publish then makes them seen.
func (run *playRun) markEdited(iter int, net *network.Network, e *weightEdit) {
	run.mu.Lock()
	run.pub.edited, run.pub.editedAt, run.pub.editedNet = true, iter, net.Copy()
	run.pub.edits = append(run.pub.edits, model.Edit{Iteration: iter, Layer: e.l, Row: e.row, Col: e.col, Value: e.value})
	run.mu.Unlock()
}

// publish makes iteration iter of res the state that frames and downloads
// see; with res nil, iteration 0: the starting weights run.start, as
// initialized or edited.
func (run *playRun) publish(iter int, res *trainer.Result, state, msg string, wake bool) {
	run.mu.Lock()
	pub := &run.pub
	pub.gen++
	pub.iter, pub.state, pub.msg = iter, state, msg
	if res == nil {
		pub.costs, pub.testCosts = nil, nil
		pub.net = run.start.Copy()
		pub.valCosts, pub.best, pub.bestIter, pub.stopped = nil, nil, 0, false
	} else {
		pub.costs = res.Costs[:iter:iter]
		if res.TestCosts != nil {
			pub.testCosts = res.TestCosts[:iter:iter]
		}
		for l, t := range res.Net.Theta {
			if t != nil {
				copy(pub.net.Theta[l].Data, t.Data)
			}
		}
		if e := run.early; e != nil && e.best != nil {
			n := min(iter, len(res.ValidationCosts)) // one fewer when the validation cost diverged
			pub.valCosts, pub.best, pub.bestIter = res.ValidationCosts[:n:n], e.best.Copy(), e.bestIter
		}
	}
	run.mu.Unlock()
	if wake {
		select {
		case run.wake <- struct{}{}:
		default:
		}
	}
}

// control is the training goroutine's state: what the page asked for.
type control struct {
	playing bool
	rate    float64   // iterations per second while playing; 0: no limit
	next    time.Time // when the next iteration may start, with a rate
	steps   int       // iterations to make before pausing
	reset   bool
	// edit sets a weight of the network training, between two iterations;
	// nil when no network is training.
	edit func(*weightEdit) error
}

// apply takes one signal from the page.
func (c *control) apply(sig playSignal) {
	switch sig.op {
	case "play":
		c.playing, c.rate = true, sig.rate
	case "pause":
		c.playing, c.steps = false, 0
	case "step":
		c.playing = false
		c.steps = min(c.steps+1, 1000)
	case "reset":
		c.reset = true
	case "edit":
		err := fmt.Errorf("the run has stopped: reset it to edit its weights")
		if c.edit != nil {
			err = c.edit(sig.edit)
		}
		sig.edit.reply <- err
	}
}

// proceed returns whether to make another iteration, pausing as the page
// asked: it returns false when the run is reset or ctx is done. pausing is
// called before it blocks.
func (run *playRun) proceed(ctx context.Context, c *control, pausing func()) bool {
	for {
		select {
		case sig := <-run.ctl:
			c.apply(sig)
			continue
		default:
		}
		switch {
		case c.reset || ctx.Err() != nil:
			return false
		case c.playing && c.rate > 0:
			now := time.Now()
			if wait := c.next.Sub(now); wait > 0 {
				t := time.NewTimer(wait)
				select {
				case sig := <-run.ctl:
					c.apply(sig)
				case <-ctx.Done():
				case <-t.C:
				}
				t.Stop()
				continue
			}
			if c.next.Before(now.Add(-frameInterval)) { // after a pause: no catching up
				c.next = now
			}
			c.next = c.next.Add(time.Duration(float64(time.Second) / c.rate))
			return true
		case c.playing:
			return true
		case c.steps > 0:
			c.steps--
			return true
		}
		pausing()
		select {
		case sig := <-run.ctl:
			c.apply(sig)
		case <-ctx.Done():
			return false
		}
	}
}

// loop trains the run until ctx is done, starting over on reset. Before the
// first iteration (ready) the starting weights can be edited; training
// starts from them.
func (run *playRun) loop(ctx context.Context) {
	s := run.setup
	for {
		var c control
		run.start = s.nf.network()
		run.mu.Lock()
		run.pub.edited, run.pub.editedAt, run.pub.editedNet, run.pub.edits = false, 0, nil, nil
		run.mu.Unlock()
		run.publish(0, nil, "ready", "", true)
		c.edit = func(e *weightEdit) error {
			run.start.Theta[e.l].Set(e.row-1, e.col, e.value)
			run.markEdited(0, run.start, e)
			run.publish(0, nil, "ready", "", true)
			return nil
		}
		if !run.proceed(ctx, &c, func() {}) {
			if ctx.Err() != nil {
				return
			}
			continue
		}
		tctx, cancel := context.WithCancel(ctx)
		c.edit = nil
		run.early = nil
		if s.nf.early {
			run.early = &earlyTrack{prev: run.start.Copy()}
		}
		res, err := trainOnce(tctx, s, run.start, func(iter int, res *trainer.Result) {
			if run.early != nil {
				run.early.observe(iter, res)
			}
			state := "playing"
			if !c.playing {
				state = "paused"
			}
			run.publish(iter, res, state, "", false)
			c.edit = func(e *weightEdit) error {
				res.Net.Theta[e.l].Set(e.row-1, e.col, e.value)
				if run.early != nil {
					run.early.updated(res.Net) // the next iteration's weights
				}
				run.markEdited(iter, res.Net, e)
				st := "paused"
				if c.playing {
					st = "playing"
				}
				run.publish(iter, res, st, "", true)
				return nil
			}
			if iter == s.nf.iters {
				return // the last iteration: Train returns next
			}
			if !run.proceed(tctx, &c, func() { run.publish(iter, res, "paused", "", true) }) {
				cancel()
			}
		})
		cancel()
		c.edit = nil
		switch {
		case ctx.Err() != nil:
			return
		case c.reset:
			continue
		case err != nil:
			run.publish(len(res.Costs), res, "diverged", err.Error(), true)
		case s.nf.early:
			// res.Net holds the best weights, restored: ann train's.
			run.early.best, run.early.bestIter = res.Net, res.BestIter
			msg := fmt.Sprintf("early stopping: ran all -iters %d, the weights of iteration %d kept (the best validation cost)", s.nf.iters, res.BestIter)
			if res.Stopped {
				msg = fmt.Sprintf("early stopping: stopped at iteration %d, after %d without a decrease of the validation cost by %v; the weights of iteration %d kept", len(res.Costs), s.config.NIterNoChange, s.config.Tol, res.BestIter)
			}
			run.mu.Lock()
			run.pub.stopped = res.Stopped
			run.mu.Unlock()
			run.publish(len(res.Costs), res, "done", msg, true)
		default:
			run.publish(s.nf.iters, res, "done", fmt.Sprintf("stopped at -iters %d", s.nf.iters), true)
		}
		c = control{}
		for !c.reset {
			select {
			case sig := <-run.ctl:
				c.apply(sig)
			case <-ctx.Done():
				return
			}
		}
	}
}

// --- The calls into the library's training, as ann train makes them ---

// trainOnce trains the run's network from the weights start as ann train
// does (train in run.go, from what runSpec.prepare made; with -start when
// start was edited), calling observe after each iteration.
func trainOnce(ctx context.Context, s *playSetup, start *network.Network, observe func(int, *trainer.Result)) (*trainer.Result, error) {
	c := s.config
	c.Observe = observe
	return trainer.Train(ctx, start, s.Strain, s.ytrain, c)
}

// trainRun returns the published state as ann train's trainRun, finished as
// train finishes one (runSpec.finish), for the files ann train writes.
func (s *playSetup) trainRun(v published) (*trainRun, error) {
	spec := s.spec(v.commandIters(s.nf.iters))
	mdl := s.modelOf(v.net, v.edits)
	res := &trainer.Result{Net: v.net, Costs: v.costs, TestCosts: v.testCosts}
	var err error
	if s.nf.early && v.best != nil {
		// ann train -early-stopping keeps the best weights so far, and its
		// final cost is theirs on the rows it trained on.
		mdl = s.modelOf(v.best, v.edits)
		res.Net, res.ValidationCosts, res.BestIter, res.Stopped = v.best, v.valCosts, v.bestIter, v.stopped
		res.TrainRows, res.ValidationRows = s.esTrain, s.esVal
		S, y := dataset.Rows(s.Strain, s.ytrain, s.esTrain)
		ws := fast.NewWorkspace(v.best, S, y, s.nf.lambda)
		res.FinalCost = ws.Cost()
		ws.Close()
	} else if res.FinalCost, err = spec.finalCost(mdl); err != nil {
		return nil, err
	}
	tr, err := spec.finish(mdl, res)
	if err == nil && v.edited {
		tr.edited = &editRecord{Iteration: v.editedAt, Start: editedFile, ItersSince: v.iter - v.editedAt}
	}
	return tr, err
}

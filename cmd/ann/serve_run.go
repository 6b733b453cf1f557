package main

// ann serve: a run's training goroutine, the state it publishes, and the
// calls into the library's training.

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/ann-go/ann/network"
	"github.com/ann-go/ann/trainer"
)

// --- Runs ---

// playRun is one page's run. Its training goroutine (loop) owns the control
// state; everything else reads the published state under mu.
type playRun struct {
	id     string
	client string // clientOf the request that started it
	setup  *playSetup
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
	edited           int              // the iteration of the last weight typed by hand since the reset, 0 for none
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
	return v
}

// publish makes iteration iter of res (nil before the first) the state that
// frames and downloads see.
func (run *playRun) publish(iter int, res *trainer.Result, state, msg string, wake bool) {
	run.mu.Lock()
	pub := &run.pub
	pub.gen++
	pub.iter, pub.state, pub.msg = iter, state, msg
	if res == nil {
		pub.costs, pub.testCosts = nil, nil
		pub.net = run.setup.nf.network()
		pub.edited = 0
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
		err := fmt.Errorf("the run has no weights training: press +1 first, or reset a stopped run")
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

// loop trains the run until ctx is done, starting over on reset.
func (run *playRun) loop(ctx context.Context) {
	s := run.setup
	for {
		var c control
		run.publish(0, nil, "ready", "", true)
		if !run.proceed(ctx, &c, func() {}) {
			if ctx.Err() != nil {
				return
			}
			continue
		}
		tctx, cancel := context.WithCancel(ctx)
		res, err := trainOnce(tctx, s, func(iter int, res *trainer.Result) {
			state := "playing"
			if !c.playing {
				state = "paused"
			}
			run.publish(iter, res, state, "", false)
			c.edit = func(e *weightEdit) error {
				res.Net.Theta[e.l].Set(e.row-1, e.col, e.value)
				run.mu.Lock()
				run.pub.edited = iter
				run.mu.Unlock()
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

// trainOnce trains the run's network as ann train does (train in run.go,
// from what runSpec.prepare made), calling observe after each iteration.
func trainOnce(ctx context.Context, s *playSetup, observe func(int, *trainer.Result)) (*trainer.Result, error) {
	c := s.config
	c.Observe = observe
	return trainer.Train(ctx, s.nf.network(), s.Strain, s.ytrain, c)
}

// trainRun returns the published state as ann train's trainRun, finished as
// train finishes one (runSpec.finish), for the files ann train writes.
func (s *playSetup) trainRun(v published) (*trainRun, error) {
	spec := s.spec(v.iter)
	mdl := s.modelOf(v.net)
	res := &trainer.Result{Net: v.net, Costs: v.costs, TestCosts: v.testCosts}
	var err error
	if res.FinalCost, err = spec.finalCost(mdl); err != nil {
		return nil, err
	}
	return spec.finish(mdl, res)
}

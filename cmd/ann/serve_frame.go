package main

// ann serve: a frame of the event stream, its figures drawn by svgplot.

import (
	"io"
	"math"
	"strings"

	"github.com/ann-go/ann/internal/finite"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network"
	"github.com/ann-go/ann/network/model"
	"github.com/ann-go/ann/svgplot"
	"github.com/ann-go/ann/trainer/dataset"
)

// frame is one event of the stream.
type frame struct {
	Iter     int      `json:"iter"`
	Stop     int      `json:"stop"`
	State    string   `json:"state"`
	Message  string   `json:"message,omitempty"`
	Cost     *float64 `json:"cost,omitempty"`     // J at the last iteration; right after an edit, J of the edited weights
	TestCost *float64 `json:"testCost,omitempty"` // the held-out cost at the last iteration
	AccTrain float64  `json:"accTrain"`           // with the current weights
	AccTest  *float64 `json:"accTest,omitempty"`
	Args     []string `json:"args,omitempty"`    // ann train's flags reproducing the run, once it has an iteration
	Command  string   `json:"command,omitempty"` // the same, for a shell
	Edited   string   `json:"edited,omitempty"`  // weights were typed by hand: what the command then reproduces
	Boundary string   `json:"boundary"`          // SVG
	CostFig  string   `json:"costFig,omitempty"` // SVG
	Diagram  string   `json:"diagram,omitempty"` // SVG; none when it cannot be drawn, and DiagramError says why
	// DiagramError is why there is no Diagram (the weights give outputs
	// that are not finite numbers).
	DiagramError string `json:"diagramError,omitempty"`
}

func (run *playRun) frame(v published) frame {
	s := run.setup
	f := frame{Iter: v.iter, Stop: s.nf.iters, State: v.state, Message: v.msg}
	mdl := s.modelOf(v.net, nil)
	Xtrain, ytrain := dataset.Rows(s.ds.X, s.ds.y, s.trainIdx)
	f.AccTrain = playAccuracy(mdl, Xtrain, ytrain)
	if s.testIdx != nil {
		Xtest, ytest := dataset.Rows(s.ds.X, s.ds.y, s.testIdx)
		acc := playAccuracy(mdl, Xtest, ytest)
		f.AccTest = &acc
	}
	if v.edited {
		f.Edited = s.editedNote(v.editedAt, v.iter)
	}
	if v.iter > 0 {
		f.Cost = finiteOrNil(v.costs[v.iter-1])
		if v.testCosts != nil {
			f.TestCost = finiteOrNil(v.testCosts[v.iter-1])
		}
		f.Args = s.command(v.commandIters(s.nf.iters))
		if v.edited {
			f.Args = s.commandFrom(v.editedAt, v.commandIters(s.nf.iters)) // nil right after the edit
		}
	}
	if f.Args != nil {
		quoted := make([]string, len(f.Args))
		for i, a := range f.Args {
			quoted[i] = shellQuote(a)
		}
		f.Command = "ann train " + strings.Join(quoted, " ") + " -out run"
	}
	if v.edited && v.editedAt == v.iter {
		// J of the weights as edited, before any further iteration.
		Xtrain, ytrain := dataset.Rows(s.ds.X, s.ds.y, s.trainIdx)
		if S, err := mdl.Standardize(Xtrain); err == nil {
			f.Cost = finiteOrNil(network.Cost(mdl.Net, S, ytrain, s.nf.lambda))
		}
	}
	if v.iter > 0 {
		var b strings.Builder
		if err := svgplot.Costs(&b, trainRunSeries(v), svgplot.Options{Title: "Cost per iteration", Width: 520, Height: 300}); err == nil {
			f.CostFig = inlineIDs(b.String(), "cost-")
		}
	}
	steps := liveSteps
	if v.state != "playing" {
		steps = fineSteps(v.net)
	}
	var b strings.Builder
	if err := drawPlayBoundary(&b, s, mdl, steps, v.confidence); err != nil {
		f.Message = err.Error()
	}
	f.Boundary = inlineIDs(b.String(), "boundary-")
	b.Reset()
	if err := drawNeurons(&b, s, mdl); err == nil {
		f.Diagram = inlineIDs(b.String(), "units-")
	} else {
		f.DiagramError = err.Error()
	}
	return f
}

// inlineIDs returns the SVG document svg with the ids svgplot gives its clip
// paths (clip1, clip2, ..., unique within one document) and the references
// to them prefixed, so that the figures of a frame, put into one HTML page,
// keep their ids apart: a page resolves url(#clip1) to the first element of
// that id.
func inlineIDs(svg, prefix string) string {
	return strings.NewReplacer(`id="clip`, `id="`+prefix+`clip`, `url(#clip`, `url(#`+prefix+`clip`).Replace(svg)
}

// finiteOrNil returns &x, or nil if x is NaN or infinite (which JSON cannot hold).
func finiteOrNil(x float64) *float64 {
	if !finite.Is(x) {
		return nil
	}
	return &x
}

// trainRunSeries returns the cost curves of the published state.
func trainRunSeries(v published) []svgplot.Series {
	s := []svgplot.Series{{Name: "training cost", Y: v.costs}}
	if v.testCosts != nil {
		s = append(s, svgplot.Series{Name: "held-out cost", Y: v.testCosts})
	}
	return s
}

// fineSteps is the grid of a paused run's boundary: the tutorial's 1000
// steps for small networks, fewer for large ones, so that a frame costs
// about as much as 4e7 weight multiplications.
func fineSteps(net *network.Network) int {
	w := 0
	for _, t := range net.Theta {
		if t != nil {
			w += len(t.Data)
		}
	}
	return max(liveSteps, min(svgplot.DefaultSteps, int(math.Sqrt(4e7/float64(w)))))
}

// drawPlayBoundary draws the decision boundary of model over the run's data:
// the training rows filled, every other row (held out, or past -first) hollow,
// and with confidence the regions shaded by the winning output.
func drawPlayBoundary(w io.Writer, s *playSetup, m *model.Model, steps int, confidence bool) error {
	g, err := svgplot.BoundaryGrid(s.ds.X, m.GridProbabilities, steps)
	if err != nil {
		return err
	}
	return svgplot.Boundary(w, g, s.x1, s.x2, s.ds.y,
		svgplot.Options{Title: "Decision boundary", Width: 520, Height: 420, Held: s.held, Confidence: confidence})
}

// drawNeurons draws the network unit by unit, each unit a map of its output
// over the data's plane, as ann train's neurons.svg (neuronsFigure).
func drawNeurons(w io.Writer, s *playSetup, m *model.Model) error {
	return neuronsFigure(s.ds, m, svgplot.Options{Subtitle: "each unit's output a over the plane x1 × x2; edges Θ: blue > 0, orange < 0"})(w)
}

// playAccuracy is m.Accuracy for a frame: 0 where the weights give no
// prediction (a run that diverged), which the frame's state explains.
func playAccuracy(m *model.Model, X *matrix.Dense, y []int) float64 {
	acc, err := m.Accuracy(X, y)
	if err != nil {
		return 0
	}
	return acc
}

package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network"
	"github.com/ann-go/ann/network/model"
	"github.com/ann-go/ann/svgplot"
)

// panelSteps is the grid along each axis of a decision boundary drawn as one
// panel of several (training's frames, cross-validation's folds): coarser
// than the tutorial's 1000, which a panel 300 pixels wide cannot show.
const panelSteps = 300

// trainingFrames is the number of boundaries training.svg shows.
const trainingFrames = 6

// maxFrames bounds -snapshots, so that the panels stay readable.
const maxFrames = 16

// maxNeuronUnits is the widest layer neurons.svg draws: a wider one makes a
// figure too tall to read, and too large a file (every pair of units an
// edge, every unit a map).
const maxNeuronUnits = 16

// neuronsDrawn reports whether neurons.svg is drawn for the layers sizes: two
// inputs, and no layer wider than maxNeuronUnits.
func neuronsDrawn(sizes []int) bool {
	return sizes[0] == 2 && slices.Max(sizes) <= maxNeuronUnits
}

// animatedLimit is the size above which training-animated.svg is not written.
const animatedLimit = 300 << 10

// figFlags are train's flags for its figures.
type figFlags struct {
	confidence bool
	snapshots  string
	frames     []int // parsed from snapshots by check; nil for the default
}

func (f *figFlags) register(fs *flag.FlagSet) {
	fs.BoolVar(&f.confidence, "confidence", false, "shade boundary.svg's regions by the network's confidence (its winning output)")
	fs.StringVar(&f.snapshots, "snapshots", "", "`iterations` training.svg shows, such as 1,500,4000,5000 (default: 6 picked from the cost curve)")
}

// check parses -snapshots for a run of iters iterations: each iteration in
// 1..iters, at most maxFrames of them.
func (f *figFlags) check(iters int) error {
	if f.snapshots == "" {
		return nil
	}
	f.frames = nil
	for s := range strings.SplitSeq(f.snapshots, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 || n > iters {
			return usagef("-snapshots %s: %q is not an iteration from 1 to %d", f.snapshots, s, iters)
		}
		f.frames = append(f.frames, n)
	}
	slices.Sort(f.frames)
	f.frames = slices.Compact(f.frames)
	if len(f.frames) > maxFrames {
		return usagef("-snapshots %s: %d iterations, at most %d fit in a figure", f.snapshots, len(f.frames), maxFrames)
	}
	return nil
}

// snapshotCandidates returns the iterations whose weights a run of iters
// iterations keeps for training.svg: which of them the figure shows depends
// on the cost curve, known only after training, so about 64 are copied while
// training (a copy of the weights each, which does not slow the loop
// measurably): 1, iters, 31 evenly spaced and 31 spaced evenly on a log
// scale. pickFrames then takes the nearest of them to each iteration
// svgplot.SnapshotIterations picks.
func snapshotCandidates(iters int) []int {
	c := []int{1, iters}
	const n = 32
	for k := 1; k < n; k++ {
		c = append(c, 1+k*(iters-1)/n)
		c = append(c, int(math.Round(math.Pow(float64(iters), float64(k)/n))))
	}
	c = slices.DeleteFunc(c, func(i int) bool { return i < 1 || i > iters })
	slices.Sort(c)
	return slices.Compact(c)
}

// pickFrames returns the iterations training.svg shows: those of want if
// given (-snapshots), else trainingFrames ones that svgplot.SnapshotIterations
// picks from costs, each replaced by the nearest iteration in recorded (the
// snapshots kept) not taken yet, so that two picks close together stay two
// frames.
func pickFrames(costs []float64, recorded, want []int) []int {
	if want != nil {
		return want
	}
	var frames []int
	for _, it := range svgplot.SnapshotIterations(costs, trainingFrames) {
		best := -1
		for _, r := range recorded {
			if !slices.Contains(frames, r) && (best < 0 || abs(r-it) < abs(best-it)) {
				best = r
			}
		}
		if best >= 0 {
			frames = append(frames, best)
		}
	}
	slices.Sort(frames)
	return frames
}

func abs(i int) int {
	if i < 0 {
		return -i
	}
	return i
}

// snapshotBytes bounds the memory the candidate snapshots take.
const snapshotBytes = 64 << 20

// figureSnapshots returns the iterations to pass trainer.Config.Snapshots for
// the figures of a run of iters iterations of a network of layers sizes on
// ds: none unless the figures are drawn (two features), else want
// (-snapshots) or the candidates, thinned evenly (keeping the first and the
// last) to fit snapshotBytes for a large network.
func figureSnapshots(ds *dataSet, sizes []int, iters int, want []int) []int {
	if ds.X.Cols != 2 {
		return nil
	}
	if want != nil {
		return want
	}
	c := snapshotCandidates(iters)
	weights := 0
	for l := 1; l < len(sizes); l++ {
		weights += sizes[l] * (sizes[l-1] + 1)
	}
	if n := max(2, snapshotBytes/(8*weights)); n < len(c) {
		thin := make([]int, n)
		for k := range thin {
			thin[k] = c[k*(len(c)-1)/(n-1)]
		}
		c = thin
	}
	return c
}

// describe returns the line under a figure's title that says what was run:
// the data, the layers, α, λ, the iterations and the rows trained on (rows,
// such as "trained on the first 500 rows"; "" for none).
func describe(ds *dataSet, df *dataFlags, nf *netFlags, rows string) string {
	var parts []string
	if ds.generated {
		d := fmt.Sprintf("%s n=%d noise %v", df.source, df.n, df.noise)
		if df.source == "circles" {
			d += fmt.Sprintf(" factor %v", df.factor)
		}
		if df.seed != 0 {
			d += fmt.Sprintf(" seed %d", df.seed)
		}
		parts = append(parts, d)
	} else {
		parts = append(parts, filepath.Base(ds.name))
	}
	parts = append(parts, "layers "+strings.ReplaceAll(nf.sizes.String(), ",", "-"))
	if nf.features != nil {
		parts = append(parts, "inputs "+strings.ReplaceAll(nf.features.String(), ",", " "))
	}
	if nf.activation != "sigmoid" {
		parts = append(parts, nf.activation)
	}
	parts = append(parts, fmt.Sprintf("α %v", nf.alpha), fmt.Sprintf("λ %v", nf.lambda), fmt.Sprintf("%d iterations", nf.iters))
	if nf.batch > 0 {
		parts = append(parts, fmt.Sprintf("batches of %d", nf.batch))
	}
	switch c := nf.config(); {
	case c.Optimizer == "adam":
		parts = append(parts, "adam")
	case c.Momentum > 0:
		parts = append(parts, fmt.Sprintf("momentum %v", c.Momentum))
	}
	if nf.standardize {
		parts = append(parts, "standardized")
	}
	if rows != "" {
		parts = append(parts, rows)
	}
	return strings.Join(parts, " · ")
}

// rowsTrained says which rows of ds a run trained on, for describe.
func rowsTrained(ds *dataSet, trainIdx, testIdx []int) string {
	switch {
	case testIdx != nil:
		return fmt.Sprintf("trained on %d rows, %d held out", len(trainIdx), len(testIdx))
	case len(trainIdx) < ds.X.Rows:
		return fmt.Sprintf("trained on the first %d rows", len(trainIdx))
	}
	return fmt.Sprintf("trained on all %d rows", ds.X.Rows)
}

// options returns a figure's options for ds: the title, the subtitle and the
// axis titles, which are the data's column names when its file has a header.
func (ds *dataSet) options(title, subtitle string) svgplot.Options {
	opt := svgplot.Options{Title: title, Subtitle: subtitle}
	if len(ds.header) >= 2 {
		opt.XLabel, opt.YLabel = ds.header[0], ds.header[1]
	}
	return opt
}

// held returns which rows of ds are not in trainIdx, or nil if all are.
func held(ds *dataSet, trainIdx []int) []bool {
	if len(trainIdx) == ds.X.Rows {
		return nil
	}
	h := make([]bool, ds.X.Rows)
	for i := range h {
		h[i] = true
	}
	for _, i := range trainIdx {
		h[i] = false
	}
	return h
}

func dataFigure(ds *dataSet, opt svgplot.Options) func(io.Writer) error {
	return func(w io.Writer) error {
		return svgplot.Scatter(w, svgplot.Column(ds.X, 0), svgplot.Column(ds.X, 1), ds.y, opt)
	}
}

func costFigure(series []svgplot.Series, opt svgplot.Options) func(io.Writer) error {
	return func(w io.Writer) error {
		return svgplot.Costs(w, series, opt)
	}
}

// boundaryFigure draws the decision regions of scores and the data ds on
// top, colored by true label, the rows opt.Held marks hollow.
func boundaryFigure(ds *dataSet, scores svgplot.ScoreFunc, opt svgplot.Options) func(io.Writer) error {
	return func(w io.Writer) error {
		if ds.X.Cols != 2 {
			return fmt.Errorf("a decision boundary needs 2 features, the data has %d", ds.X.Cols)
		}
		return svgplot.DecisionBoundary(w, ds.X, ds.y, scores, opt)
	}
}

// gridWork bounds the weight multiplications of one boundary's grid: a large
// network gets a coarser grid, so that its figures take seconds, not minutes.
const gridWork = 4e10

// gridSteps returns the grid steps of a boundary of a network of layers sizes:
// full, or fewer (at least 100) for a network so large that full steps would
// cost more than gridWork.
func gridSteps(sizes []int, full int) int {
	weights := 0
	for l := 1; l < len(sizes); l++ {
		weights += sizes[l] * (sizes[l-1] + 1)
	}
	return min(full, max(100, int(math.Sqrt(gridWork/float64(weights)))))
}

// trainBoundaryFigure is boundaryFigure on the grid gridSteps gives the
// network of m.
func trainBoundaryFigure(ds *dataSet, m *model.Model, sizes []int, opt svgplot.Options) func(io.Writer) error {
	steps := gridSteps(sizes, svgplot.DefaultSteps)
	if steps == svgplot.DefaultSteps {
		return boundaryFigure(ds, m.GridProbabilities, opt)
	}
	return func(w io.Writer) error {
		g, err := svgplot.BoundaryGrid(ds.X, m.GridProbabilities, steps)
		if err != nil {
			return err
		}
		return svgplot.Boundary(w, g, svgplot.Column(ds.X, 0), svgplot.Column(ds.X, 1), ds.y, opt)
	}
}

// featureLabel is the name of a feature input as the figures write it:
// x1², x1·x2, sin x1 for the flag's x1^2, x1*x2, sin(x1).
func featureLabel(f model.Feature) string {
	return strings.NewReplacer("^2", "²", "*", "·", "(", " ", ")", "").Replace(f.String())
}

// neuronsFigure draws the network of m unit by unit over the plane of ds's
// two features (in the data's own units: each grid point is standardized
// as m's inputs are, then run forward; with m's Features, the input units
// are those features).
func neuronsFigure(ds *dataSet, m *model.Model, opt svgplot.Options) func(io.Writer) error {
	return func(w io.Writer) error {
		var ferr error
		forward := func(X *matrix.Dense) []*matrix.Dense {
			S, err := m.Standardize(X)
			if err != nil {
				ferr = err
				return nil
			}
			return network.Forward(m.Net, S).A
		}
		net := svgplot.NeuronNet{Theta: m.Net.Theta, Forward: forward, X: ds.X}
		for _, f := range m.Features { // the input units: features of (x1, x2), if m has any
			net.Inputs = append(net.Inputs, featureLabel(f))
		}
		err := svgplot.Neurons(w, net, opt)
		if ferr != nil {
			return ferr
		}
		return err
	}
}

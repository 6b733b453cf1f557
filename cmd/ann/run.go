package main

// One training run, the pipeline that train, cv, tutorial and serve share:
// settings in (a data set, the rows to train on and to hold out, the network
// and training flags); the trained model, its costs and accuracies, and the
// files ann train -out writes, out. The commands add flags and messages;
// figures.go draws.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime/debug"
	"slices"
	"strconv"

	"github.com/ann-go/ann/internal/finite"
	"github.com/ann-go/ann/internal/safefile"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network"
	"github.com/ann-go/ann/network/fast"
	"github.com/ann-go/ann/network/model"
	"github.com/ann-go/ann/svgplot"
	"github.com/ann-go/ann/trainer"
	"github.com/ann-go/ann/trainer/dataset"
	"github.com/ann-go/ann/trainer/metrics"
)

// trainRun is one training run and its results.
type trainRun struct {
	ds                *dataSet
	trainIdx, testIdx []int // rows of ds; testIdx is nil without a held-out set
	nf                *netFlags
	model             *model.Model
	res               *trainer.Result
	finalCost         float64 // J on the training rows after the last update
	accTrain          float64
	accTest           float64 // with a held-out set
	accAll            float64
	// confusion counts the held-out rows' predictions, with a held-out set.
	confusion *metrics.Confusion
	// edited, for the playground's run.json, says weights were typed by hand.
	edited *editRecord
}

// runSpec is a run before training: the data set, the rows to train on and
// to hold out (testIdx nil for none), and the network and training flags.
type runSpec struct {
	ds                *dataSet
	trainIdx, testIdx []int
	nf                *netFlags
}

// train trains the network nf describes on the rows trainIdx of ds, with the
// rows testIdx (if any) held out and their cost recorded, standardizing the
// features first if nf says so (fitted on the training rows only). It prints
// progress every tenth of the iterations.
func train(ctx context.Context, ds *dataSet, trainIdx, testIdx []int, nf *netFlags, progress io.Writer) (*trainRun, error) {
	s := runSpec{ds: ds, trainIdx: trainIdx, testIdx: testIdx, nf: nf}
	mdl, Strain, ytrain, c, err := s.prepare()
	if err != nil {
		return nil, err
	}
	step := max(1, c.Iters/10)
	c.Progress = func(iter int, cost float64) {
		if iter%step == 0 || iter == c.Iters {
			fmt.Fprintf(progress, "iteration %*d/%d  cost %.6f\n", len(strconv.Itoa(c.Iters)), iter, c.Iters, cost)
		}
	}
	res, err := trainer.Train(ctx, mdl.Net, Strain, ytrain, c)
	if err != nil {
		return nil, trainError(err, res, c)
	}
	mdl.Net = res.Net
	return s.finish(mdl, res)
}

// prepare returns what training takes: the model to train (the initial
// network nf describes, its feature inputs, and with -standardize the scaler
// fitted on the training rows' inputs, or -start's file's scaler), the training rows as its network
// reads them (Strain, ytrain), and the trainer's configuration, the held-out
// rows standardized in it.
func (s runSpec) prepare() (mdl *model.Model, Strain *matrix.Dense, ytrain []int, c trainer.Config, err error) {
	Xtrain, ytrain := dataset.Rows(s.ds.X, s.ds.y, s.trainIdx)
	mdl = &model.Model{Net: s.nf.network(), Features: s.nf.features, Reference: s.nf.reference}
	if st := s.nf.startModel; st != nil {
		// The weights typed by hand into -start's (in the playground) are
		// still part of the trained model's history.
		mdl.Edits = slices.Clone(st.Edits)
	}
	if st := s.nf.startModel; st != nil && st.Scaler != nil {
		// -start's weights are for inputs scaled as its file says.
		mdl.Scaler = &model.Scaler{Mean: slices.Clone(st.Scaler.Mean), Std: slices.Clone(st.Scaler.Std)}
	} else if s.nf.standardize {
		F, err := mdl.Standardize(Xtrain) // the features only, before the scaler is fitted
		if err != nil {
			return nil, nil, nil, c, err
		}
		mdl.Scaler = model.FitScaler(F) // the scaler travels with the model
	}
	c = s.nf.config()
	if s.testIdx != nil {
		Xtest, ytest := dataset.Rows(s.ds.X, s.ds.y, s.testIdx)
		Stest, err := mdl.Standardize(Xtest)
		if err != nil {
			return nil, nil, nil, c, err
		}
		c.TestX, c.TestY = Stest, ytest
	}
	if Strain, err = mdl.Standardize(Xtrain); err != nil {
		return nil, nil, nil, c, err
	}
	return mdl, Strain, ytrain, c, nil
}

// finalCost returns J of mdl's network on the training rows, as trainer.Train
// computes Result.FinalCost without early stopping: the engine's cost, or
// with -reference network.Cost.
func (s runSpec) finalCost(mdl *model.Model) (float64, error) {
	Xtrain, ytrain := dataset.Rows(s.ds.X, s.ds.y, s.trainIdx)
	S, err := mdl.Standardize(Xtrain)
	if err != nil {
		return 0, err
	}
	if mdl.Reference {
		return network.Cost(mdl.Net, S, ytrain, s.nf.lambda), nil
	}
	ws := fast.NewWorkspace(mdl.Net, S, ytrain, s.nf.lambda)
	defer ws.Close()
	return ws.Cost(), nil
}

// finish returns the run of the trained model mdl and its training's result
// res (res.FinalCost included): its accuracies on the training rows, the
// held-out rows and all rows, and the held-out rows' confusion matrix.
func (s runSpec) finish(mdl *model.Model, res *trainer.Result) (*trainRun, error) {
	Xtrain, ytrain := dataset.Rows(s.ds.X, s.ds.y, s.trainIdx)
	r := &trainRun{ds: s.ds, trainIdx: s.trainIdx, testIdx: s.testIdx, nf: s.nf, model: mdl, res: res}
	r.finalCost = res.FinalCost
	var err error
	if r.accTrain, err = mdl.Accuracy(Xtrain, ytrain); err != nil {
		return nil, err
	}
	if r.accAll, err = mdl.Accuracy(s.ds.X, s.ds.y); err != nil {
		return nil, err
	}
	if s.testIdx != nil {
		Xtest, ytest := dataset.Rows(s.ds.X, s.ds.y, s.testIdx)
		if r.accTest, err = mdl.Accuracy(Xtest, ytest); err != nil {
			return nil, err
		}
		if r.confusion, err = r.heldOutConfusion(); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// costSeries returns the run's cost curves for a figure.
func (r *trainRun) costSeries() []svgplot.Series {
	s := []svgplot.Series{{Name: "training cost", Y: r.res.Costs}}
	if r.res.ValidationCosts != nil {
		s = append(s, svgplot.Series{Name: "validation cost", Y: r.res.ValidationCosts})
	}
	if r.res.TestCosts != nil {
		s = append(s, svgplot.Series{Name: "held-out cost", Y: r.res.TestCosts})
	}
	return s
}

// files returns the run's files for -out: model.npz, costs.csv, run.json,
// cost.svg and, for two features, boundary.svg, neurons.svg (for layers of at
// most 16 units), training.svg and training-animated.svg (if under 300 KB).
// The figures' titles say what was run; the rows the network did not train on
// are drawn hollow. It returns an error if the figures cannot be drawn from
// this data (checkPlotRange).
func (r *trainRun) files(df *dataFlags, ff *figFlags, testFraction float64, splitSeed uint32) ([]safefile.File, error) {
	files := []safefile.File{
		{Name: "model.npz", Write: r.model.Write},
		{Name: "costs.csv", Write: r.writeCosts},
		{Name: "run.json", Write: func(w io.Writer) error { return r.writeJSON(w, df, testFraction, splitSeed) }},
		{Name: "cost.svg", Write: r.costSVG(df)},
	}
	if r.confusion != nil {
		files = append(files, safefile.File{Name: "confusion.svg", Write: confusionFigure(r.confusion,
			svgplot.Options{Title: fmt.Sprintf("The %d held-out rows by class", len(r.testIdx)), Subtitle: r.subtitle(df)})})
	}
	if r.ds.X.Cols != 2 {
		return files, nil
	}
	if err := checkPlotRange(r.ds.X); err != nil {
		return nil, err
	}
	sub := r.subtitle(df)
	files = append(files, safefile.File{Name: "boundary.svg", Write: r.boundarySVG(df, ff.confidence)})
	if neuronsDrawn(r.nf.sizes) {
		files = append(files, safefile.File{Name: "neurons.svg", Write: neuronsFigure(r.ds, r.model, r.ds.options("The network, unit by unit", sub))})
	}
	frames := pickFrames(r.res.Costs, figureSnapshots(r.ds, r.nf.sizes, r.nf.iters, ff.frames), ff.frames)
	training, err := r.trainingFiles("", frames, true, r.ds.options("Training: the decision boundary as the cost falls", sub))
	if err != nil {
		return nil, err
	}
	return append(files, training...), nil
}

// writeCosts writes costs.csv: iteration,cost, one row per iteration, and a
// test_cost column with a held-out set.
func (r *trainRun) writeCosts(w io.Writer) error {
	buf := []byte("iteration,cost")
	if r.res.TestCosts != nil {
		buf = append(buf, ",test_cost"...)
	}
	val := r.res.ValidationCosts
	if val != nil {
		buf = append(buf, ",validation_cost"...)
	}
	buf = append(buf, '\n')
	for i, c := range r.res.Costs {
		if !finite.Is(c) || r.res.TestCosts != nil && !finite.Is(r.res.TestCosts[i]) {
			return fmt.Errorf("the cost at iteration %d is not finite", i+1)
		}
		buf = strconv.AppendInt(buf, int64(i+1), 10)
		buf = append(buf, ',')
		buf = strconv.AppendFloat(buf, c, 'g', -1, 64)
		if r.res.TestCosts != nil {
			buf = append(buf, ',')
			buf = strconv.AppendFloat(buf, r.res.TestCosts[i], 'g', -1, 64)
		}
		if val != nil {
			if !finite.Is(val[i]) {
				return fmt.Errorf("the validation cost at iteration %d is not finite", i+1)
			}
			buf = append(buf, ',')
			buf = strconv.AppendFloat(buf, val[i], 'g', -1, 64)
		}
		buf = append(buf, '\n')
	}
	_, err := w.Write(buf)
	return err
}

// runRecord is run.json: every parameter of a training run and its results.
type runRecord struct {
	Version string `json:"ann_version"`
	Data    struct {
		Source       string   `json:"source"`
		N            int      `json:"n,omitempty"`
		Noise        *float64 `json:"noise,omitempty"`
		DataSeed     *uint32  `json:"data_seed,omitempty"`
		Factor       *float64 `json:"factor,omitempty"`
		Rows         int      `json:"rows"`
		Features     int      `json:"features"`
		Classes      int      `json:"classes"`
		TrainRows    int      `json:"train_rows"`
		TestRows     int      `json:"test_rows"`
		TestFraction float64  `json:"test_fraction,omitempty"`
		SplitSeed    *uint32  `json:"split_seed,omitempty"`
		Standardized bool     `json:"standardized"`
	} `json:"data"`
	Network struct {
		Layers     []int  `json:"layers"`
		Features   string `json:"features,omitempty"`
		Activation string `json:"activation"`
		Init       string `json:"init,omitempty"`  // none with -start
		Start      string `json:"start,omitempty"` // -start's file
		Seed       uint32 `json:"seed"`
	} `json:"network"`
	Training struct {
		Alpha       float64 `json:"alpha"`
		Iters       int     `json:"iters"`
		Lambda      float64 `json:"lambda"`
		Batch       int     `json:"batch"`
		Momentum    float64 `json:"momentum"`
		Optimizer   string  `json:"optimizer,omitempty"`
		Beta1       float64 `json:"beta1,omitempty"`
		Beta2       float64 `json:"beta2,omitempty"`
		Epsilon     float64 `json:"epsilon,omitempty"`
		ShuffleSeed uint32  `json:"shuffle_seed"`
		Reference   bool    `json:"reference,omitempty"`
	} `json:"training"`
	Result struct {
		FirstCost     float64  `json:"first_cost"`
		LastCost      float64  `json:"last_recorded_cost"`
		FinalCost     float64  `json:"final_cost"`
		LastTestCost  *float64 `json:"last_recorded_test_cost,omitempty"`
		AccuracyTrain float64  `json:"accuracy_train"`
		AccuracyTest  *float64 `json:"accuracy_test,omitempty"`
		AccuracyAll   float64  `json:"accuracy_all"`
	} `json:"result"`
	EarlyStopping *earlyRecord    `json:"early_stopping,omitempty"`
	PerClass      *perClassRecord `json:"per_class,omitempty"`
	Edited        *editRecord     `json:"edited,omitempty"`
}

// editRecord is the playground's run.json's account of weights typed by
// hand: the iteration of the last edit, the file of the weights right after
// it, and the iterations made since, which ann train -start FILE -iters
// iterations_since trains.
type editRecord struct {
	Iteration  int    `json:"iteration"`
	Start      string `json:"start"`
	ItersSince int    `json:"iterations_since"`
}

// earlyRecord is run.json's account of early stopping: its settings, where
// it stopped and both curves (iteration n is element n-1).
type earlyRecord struct {
	ValidationFraction float64   `json:"validation_fraction"`
	NIterNoChange      int       `json:"n_iter_no_change"`
	Tol                float64   `json:"tol"`
	ValidationSeed     uint32    `json:"validation_seed"`
	ValidationRows     int       `json:"validation_rows"`
	BestIteration      int       `json:"best_iteration"`
	BestValidationCost float64   `json:"best_validation_cost"`
	Stopped            bool      `json:"stopped"`
	Iterations         int       `json:"iterations"`
	TrainingCosts      []float64 `json:"training_costs"`
	ValidationCosts    []float64 `json:"validation_costs"`
}

func (r *trainRun) writeJSON(w io.Writer, df *dataFlags, testFraction float64, splitSeed uint32) error {
	return writeJSON(w, r.record(df, testFraction, splitSeed))
}

// writeJSON writes v as indented JSON, refusing NaN and infinities with a
// message of its own rather than encoding/json's.
func writeJSON(w io.Writer, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		var ue *json.UnsupportedValueError
		if errors.As(err, &ue) {
			return fmt.Errorf("a result is %s, not a finite number", ue.Str)
		}
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// record returns the run's run.json.
func (r *trainRun) record(df *dataFlags, testFraction float64, splitSeed uint32) runRecord {
	var rec runRecord
	rec.Version = version()
	d := &rec.Data
	d.Source = r.ds.name
	if r.ds.generated {
		noise, seed := df.noise, uint32(df.seed)
		d.N, d.Noise, d.DataSeed = df.n, &noise, &seed
		if df.source == "circles" {
			d.Factor = &df.factor
		}
	}
	d.Rows, d.Features, d.Classes = r.ds.X.Rows, r.ds.X.Cols, r.ds.classes()
	d.TrainRows, d.TestRows, d.Standardized = len(r.trainIdx), len(r.testIdx), r.nf.standardize
	if r.testIdx != nil {
		d.TestFraction, d.SplitSeed = testFraction, &splitSeed
	}
	rec.Network.Layers = r.nf.sizes
	if r.nf.features != nil {
		rec.Network.Features = r.nf.features.String()
	}
	rec.Network.Activation = r.res.Net.Hidden.String()
	if rec.Network.Start = r.nf.start; r.nf.startModel == nil {
		rec.Network.Init = r.nf.init
	}
	rec.Network.Seed = uint32(r.nf.seed)
	t := &rec.Training
	t.Alpha, t.Iters, t.Lambda = r.nf.alpha, r.nf.iters, r.nf.lambda
	c := r.nf.config()
	t.Batch, t.Momentum, t.ShuffleSeed = r.nf.batch, c.Momentum, uint32(r.nf.shuffleSeed)
	t.Optimizer, t.Beta1, t.Beta2, t.Epsilon = c.Optimizer, c.Beta1, c.Beta2, c.Epsilon
	t.Reference = r.nf.reference
	costs := r.res.Costs
	res := &rec.Result
	res.FirstCost, res.LastCost, res.FinalCost = costs[0], costs[len(costs)-1], r.finalCost
	res.AccuracyTrain, res.AccuracyAll = r.accTrain, r.accAll
	if r.testIdx != nil {
		last := r.res.TestCosts[len(r.res.TestCosts)-1]
		res.LastTestCost, res.AccuracyTest = &last, &r.accTest
	}
	if r.confusion != nil {
		rec.PerClass = newPerClassRecord(r.confusion)
	}
	rec.Edited = r.edited
	if v := r.res.ValidationCosts; v != nil {
		rec.EarlyStopping = &earlyRecord{ValidationFraction: c.ValidationFraction, NIterNoChange: c.NIterNoChange, Tol: c.Tol,
			ValidationSeed: c.ValidationSeed, ValidationRows: len(r.res.ValidationRows),
			BestIteration: r.res.BestIter, BestValidationCost: v[r.res.BestIter-1], Stopped: r.res.Stopped,
			Iterations: len(costs), TrainingCosts: costs, ValidationCosts: v}
	}
	return rec
}

// version returns the module version ann was built as, with the VCS revision
// when the build recorded one.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := bi.Main.Version
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" {
			v += " " + s.Value
		}
	}
	return v
}

// subtitle says what the run r was, for its figures.
func (r *trainRun) subtitle(df *dataFlags) string {
	return describe(r.ds, df, r.nf, rowsTrained(r.ds, r.trainIdx, r.testIdx))
}

// costSVG draws cost.svg: the run's training cost, and its held-out cost if
// it has a held-out set.
func (r *trainRun) costSVG(df *dataFlags) func(io.Writer) error {
	opt := svgplot.Options{Title: "Cost per iteration", Subtitle: r.subtitle(df)}
	if r.res.ValidationCosts != nil {
		opt.Mark, opt.MarkLabel = r.res.BestIter, fmt.Sprintf("best: iteration %d", r.res.BestIter)
	}
	return costFigure(r.costSeries(), opt)
}

// boundarySVG draws boundary.svg: the run's decision boundary over all rows
// of its data, the rows it did not train on hollow, the regions shaded by
// the network's confidence if confidence is true.
func (r *trainRun) boundarySVG(df *dataFlags, confidence bool) func(io.Writer) error {
	opt := r.ds.options("Decision boundary", r.subtitle(df))
	opt.Held, opt.Confidence = held(r.ds, r.trainIdx), confidence
	return trainBoundaryFigure(r.ds, r.model, r.nf.sizes, opt)
}

// trainingFiles returns training.svg, the decision boundary at the frames'
// iterations beside the cost curve, and, if it is under animatedLimit,
// training-animated.svg, the same frames in turn, named prefix+"training.svg"
// and prefix+"training-animated.svg". The snapshots of r hold the frames'
// weights; the rows not in r.trainIdx are drawn hollow.
func (r *trainRun) trainingFiles(prefix string, frames []int, animated bool, opt svgplot.Options) ([]safefile.File, error) {
	ds := r.ds
	x, y, h := svgplot.Column(ds.X, 0), svgplot.Column(ds.X, 1), held(ds, r.trainIdx)
	var fs []svgplot.Frame
	for _, s := range r.res.Snapshots {
		if !slices.Contains(frames, s.Iter) {
			continue
		}
		m := &model.Model{Net: s.Net, Features: r.model.Features, Scaler: r.model.Scaler, Reference: r.model.Reference}
		g, err := svgplot.BoundaryGrid(ds.X, m.GridProbabilities, gridSteps(r.nf.sizes, panelSteps))
		if err != nil {
			return nil, err
		}
		fs = append(fs, svgplot.Frame{Iteration: s.Iter, Panel: svgplot.Panel{Grid: g, X: x, Y: y, Labels: ds.y, Held: h}})
	}
	if len(fs) != len(frames) {
		return nil, fmt.Errorf("training kept %d of the %d snapshots the figure needs", len(fs), len(frames))
	}
	if len(fs) == 5 || len(fs) == 6 {
		opt.Columns = 3 // two rows of three rather than four and the rest
	}
	costs := r.res.Costs
	files := []safefile.File{{Name: prefix + "training.svg", Write: func(w io.Writer) error {
		return svgplot.Training(w, fs, costs, opt)
	}}}
	if animated {
		var b bytes.Buffer
		if err := svgplot.TrainingAnimated(&b, fs, costs, opt); err != nil {
			return nil, err
		}
		if b.Len() < animatedLimit {
			files = append(files, safefile.File{Name: prefix + "training-animated.svg", Write: func(w io.Writer) error {
				_, err := w.Write(b.Bytes())
				return err
			}})
		}
	}
	return files, nil
}

// trainError turns an error of trainer.Train into the command line's words:
// a stop by a signal becomes an interruptedError naming the iteration, a
// *dataset.ArgError the usage line of flagError, a *trainer.DivergenceError
// (a training, held-out or final cost, or a weight, that is not finite) the
// one line of diverged, read from its fields.
func trainError(err error, res *trainer.Result, c trainer.Config) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		done := 0
		if res != nil {
			done = len(res.Costs)
		}
		return &interruptedError{iter: done + 1, iters: c.Iters}
	}
	var ae *dataset.ArgError
	if errors.As(err, &ae) { // found only with the data, as early stopping's split
		return flagError(err)
	}
	var de *trainer.DivergenceError
	if !errors.As(err, &de) {
		return err
	}
	return diverged(*de, c)
}

// scaleHint prints one line suggesting -standardize when the features' scales
// differ by more than scaleRatio and the flag is not given.
func scaleHint(w io.Writer, ds *dataSet, nf *netFlags) {
	if nf.standardize || ds.X.Rows < 2 {
		return
	}
	// StandardScaler's deviations, which are 1 for a constant column: such
	// columns are left out.
	lo, hi := math.Inf(1), 0.0
	for j, sd := range model.FitScaler(ds.X).Std {
		if c := svgplot.Column(ds.X, j); slices.Min(c) < slices.Max(c) {
			lo, hi = min(lo, sd), max(hi, sd)
		}
	}
	if hi > scaleRatio*lo {
		fmt.Fprintf(w, "hint: the features' standard deviations range from %.3g to %.3g; -standardize puts them on one scale\n", lo, hi)
	}
}

// trainMemory estimates the peak memory of training the network nf on all
// of ds (a held-out set costs the same per row) and, with figures, drawing
// them. The terms, each an upper bound (docs/reliability.md has the runs
// that set them):
//
//	activations    8 bytes x rows x the units of all layers
//	weights        16 copies of the weights (gradients, workers, momentum)
//	data           4 copies of X
//	costs          32 bytes per iteration (two series, grown by append)
//	cost figure    64 bytes per iteration and series
//	boundary grid  10^6 points x K x 16 bytes, and 45 kB per unit of the
//	               widest layer
//	engine         network/fast's workspaces (engineMemory)
func trainMemory(ds *dataSet, nf *netFlags, figures bool) memoryNeed {
	m := float64(ds.X.Rows)
	units, widest, weights := 0.0, 0, 0.0
	for l, s := range nf.sizes {
		units += float64(s)
		widest = max(widest, s)
		if l > 0 {
			weights += float64(s) * float64(nf.sizes[l-1]+1)
		}
	}
	act := 8 * m * units
	total := act + 16*8*weights + 4*8*m*float64(ds.X.Cols) + 32*float64(nf.iters) + engineMemory(nf, ds.X.Rows)
	what := fmt.Sprintf("reduce the rows (%d) or the layer sizes (-layers %v)", ds.X.Rows, &nf.sizes)
	if figures {
		total += 64 * 2 * float64(nf.iters)
		if ds.X.Cols == 2 {
			grid := 1e6*16*float64(nf.sizes[len(nf.sizes)-1]) + 45e3*float64(widest)
			total += grid
			if grid > act {
				what = fmt.Sprintf("the decision boundary figure of a %d-unit layer needs most of it: reduce -layers %v, or drop -out", widest, &nf.sizes)
			}
		}
	}
	if 32*float64(nf.iters) > act {
		what = fmt.Sprintf("reduce -iters %d", nf.iters)
	}
	return memoryNeed{total, what}
}

// heldOutConfusion returns the confusion matrix of the model's
// predictions for the held-out rows.
func (r *trainRun) heldOutConfusion() (*metrics.Confusion, error) {
	X, y := dataset.Rows(r.ds.X, r.ds.y, r.testIdx)
	pred, err := r.model.Predict(X)
	if err != nil {
		return nil, err
	}
	sizes := r.model.Net.Sizes()
	return metrics.New(sizes[len(sizes)-1], y, pred), nil
}

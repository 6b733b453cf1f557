package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"strconv"

	"github.com/ann-go/ann/internal/finite"
	"github.com/ann-go/ann/internal/safefile"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network/model"
	"github.com/ann-go/ann/svgplot"
	"github.com/ann-go/ann/trainer"
	"github.com/ann-go/ann/trainer/dataset"
	"github.com/ann-go/ann/trainer/metrics"
)

func runTrain(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("train", "[data flags] [net flags] [-test-fraction F] [-out DIR] [-q]", stdout)
	var df dataFlags
	var nf netFlags
	df.register(fs)
	nf.register(fs)
	nf.registerTraining(fs)
	nf.registerFeatures(fs)
	var sf splitFlags
	sf.register(fs)
	var of outFlags
	of.register(fs, "", "write model.npz, costs.csv, run.json, cost.svg, confusion.svg (with held-out rows) and (for 2 features) boundary.svg, neurons.svg, training.svg and training-animated.svg to `DIR`")
	var ff figFlags
	ff.register(fs)
	perClass := registerPerClass(fs)
	ds, err := parseAndLoad(fs, args, &df, &nf)
	if err != nil {
		return err
	}
	if err := ff.check(nf.iters); err != nil {
		return err
	}
	if of.dir != "" {
		nf.snapshots = figureSnapshots(ds, nf.sizes, nf.iters, ff.frames)
	}
	trainIdx, testIdx, err := sf.rows(&df, ds.X.Rows)
	if err != nil {
		return err
	}
	progress, err := of.prepare(stderr)
	if err != nil {
		return err
	}
	if err := checkMemory(trainMemory(ds, &nf, of.dir != "")); err != nil {
		return err
	}
	if of.dir != "" && ds.X.Cols == 2 {
		if err := checkPlotRange(ds.X); err != nil {
			return usagef("-out: %v", err)
		}
	}
	scaleHint(progress, ds, &nf)
	r, err := train(ctx, ds, trainIdx, testIdx, &nf, progress)
	if err != nil {
		return err
	}
	var files []safefile.File
	if of.dir != "" {
		if files, err = r.files(&df, &ff, sf.fraction, uint32(sf.seed)); err != nil {
			return err
		}
	}
	r.printSummary(stdout)
	if *perClass && r.confusion != nil {
		printPerClass(stdout, r.confusion, fmt.Sprintf("the %d held-out rows", len(r.testIdx)))
	}
	if err := of.writeSet(ctx, files, stderr); err != nil {
		return err
	}
	costRiseWarning(stderr, r.res.Costs, r.finalCost, r.nf.alpha)
	return nil
}

// splitFlags are -test-fraction and -split-seed: the rows train holds out.
type splitFlags struct {
	fraction float64
	seed     seedFlag
	last     int
}

func (sf *splitFlags) register(fs *flag.FlagSet) {
	fs.Float64Var(&sf.fraction, "test-fraction", 0, "hold out this `fraction` of the rows (scikit-learn's train_test_split) and report the held-out cost and accuracy")
	fs.Var(&sf.seed, "split-seed", "random_state `seed` of the held-out split")
	fs.IntVar(&sf.last, "last", 0, "train on the last `K` rows only, as X[-K:], the control of -first (0: all)")
}

// rows returns the training rows of a data set of m rows and the held-out
// rows (nil without -test-fraction): scikit-learn's train_test_split, the
// first rows -first selects, or the last rows -last selects.
func (sf *splitFlags) rows(df *dataFlags, m int) (trainIdx, testIdx []int, err error) {
	switch {
	case sf.last < 0:
		return nil, nil, usagef("-last %d: want 0 (all rows) or a positive count", sf.last)
	case sf.last != 0 && df.first != 0:
		return nil, nil, usagef("-last and -first both choose the training rows: give one")
	case sf.last != 0 && sf.fraction != 0:
		return nil, nil, usagef("-last and -test-fraction both choose the training rows: give one")
	case sf.last > m:
		return nil, nil, usagef("-last %d: the data set has only %d rows", sf.last, m)
	case sf.last != 0:
		return seq(m)[m-sf.last:], nil, nil
	case sf.fraction != 0 && df.first != 0:
		return nil, nil, usagef("-first and -test-fraction both choose the training rows: give one")
	case sf.fraction != 0:
		if err := dataset.CheckTrainTestSplit(m, sf.fraction); err != nil {
			return nil, nil, flagError(err)
		}
		trainIdx, testIdx = dataset.TrainTestSplit(m, sf.fraction, uint32(sf.seed))
		return trainIdx, testIdx, nil
	}
	n, err := df.trainRows(m)
	if err != nil {
		return nil, nil, err
	}
	return seq(n), nil, nil
}

// seq returns 0, 1, ..., m-1.
func seq(m int) []int {
	s := make([]int, m)
	for i := range s {
		s[i] = i
	}
	return s
}

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
}

// train trains the network nf describes on the rows trainIdx of ds, with the
// rows testIdx (if any) held out and their cost recorded, standardizing the
// features first if nf says so (fitted on the training rows only). It prints
// progress every tenth of the iterations.
func train(ctx context.Context, ds *dataSet, trainIdx, testIdx []int, nf *netFlags, progress io.Writer) (*trainRun, error) {
	Xtrain, ytrain := dataset.Rows(ds.X, ds.y, trainIdx)
	mdl := &model.Model{Net: nf.network(), Features: nf.features}
	if nf.standardize {
		F, err := mdl.Standardize(Xtrain) // the features only, before the scaler is fitted
		if err != nil {
			return nil, err
		}
		mdl.Scaler = model.FitScaler(F) // the scaler travels with the model
	}
	c := nf.config()
	var Xtest *matrix.Dense
	var ytest []int
	if testIdx != nil {
		Xtest, ytest = dataset.Rows(ds.X, ds.y, testIdx)
		Stest, err := mdl.Standardize(Xtest)
		if err != nil {
			return nil, err
		}
		c.TestX, c.TestY = Stest, ytest
	}
	step := max(1, c.Iters/10)
	c.Progress = func(iter int, cost float64) {
		if iter%step == 0 || iter == c.Iters {
			fmt.Fprintf(progress, "iteration %*d/%d  cost %.6f\n", len(strconv.Itoa(c.Iters)), iter, c.Iters, cost)
		}
	}
	Strain, err := mdl.Standardize(Xtrain)
	if err != nil {
		return nil, err
	}
	res, err := trainer.Train(ctx, mdl.Net, Strain, ytrain, c)
	if err != nil {
		return nil, trainError(err, res, c)
	}
	mdl.Net = res.Net
	r := &trainRun{ds: ds, trainIdx: trainIdx, testIdx: testIdx, nf: nf, model: mdl, res: res}
	r.finalCost = res.FinalCost
	if r.accTrain, err = mdl.Accuracy(Xtrain, ytrain); err != nil {
		return nil, err
	}
	if r.accAll, err = mdl.Accuracy(ds.X, ds.y); err != nil {
		return nil, err
	}
	if testIdx != nil {
		if r.accTest, err = mdl.Accuracy(Xtest, ytest); err != nil {
			return nil, err
		}
		if r.confusion, err = r.heldOutConfusion(); err != nil {
			return nil, err
		}
	}
	return r, nil
}

func (r *trainRun) printSummary(w io.Writer) {
	costs := r.res.Costs
	n := r.nf
	inputs := ""
	if n.features != nil {
		inputs = fmt.Sprintf(", inputs %v", n.features)
	}
	fmt.Fprintf(w, "network:  %s%s, %s, init %s seed %d\n", &n.sizes, inputs, hiddenLayers(r.res.Net), n.init, n.seed)
	method := "batch gradient descent"
	if n.batch > 0 && n.batch < len(r.trainIdx) {
		method = fmt.Sprintf("mini-batches of %d", n.batch)
	}
	switch c := n.config(); {
	case c.Optimizer == "adam":
		method += fmt.Sprintf(", adam (beta1 %v, beta2 %v, epsilon %v)", n.beta1, n.beta2, n.epsilon)
	case c.Momentum > 0:
		method += fmt.Sprintf(", momentum %v", c.Momentum)
	}
	if n.standardize {
		method += ", standardized features"
	}
	if n.reference {
		method += " (the reference loop)"
	}
	fmt.Fprintf(w, "training: %d iterations of %s, alpha %v, lambda %v, on %d of %d rows\n", len(costs), method, n.alpha, n.lambda, len(r.trainIdx), r.ds.X.Rows)
	fmt.Fprintf(w, "cost:     %.6f at iteration 1, %.6f at iteration %d, %.6f after training\n", costs[0], costs[len(costs)-1], len(costs), r.finalCost)
	if r.res.ValidationCosts != nil {
		fmt.Fprintf(w, "early stopping: %s\n", r.stopLine())
	}
	if r.testIdx != nil {
		tc := r.res.TestCosts
		fmt.Fprintf(w, "held out: %d rows, cost %.6f at iteration 1, %.6f at iteration %d\n", len(r.testIdx), tc[0], tc[len(tc)-1], len(tc))
		fmt.Fprintf(w, "accuracy: %.3f on the %d training rows, %.3f on the %d held-out rows\n", r.accTrain, len(r.trainIdx), r.accTest, len(r.testIdx))
		return
	}
	fmt.Fprintf(w, "accuracy: %.3f on the %d training rows, %.3f on all %d rows\n", r.accTrain, len(r.trainIdx), r.accAll, r.ds.X.Rows)
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

// stopLine says where early stopping found the best weights and why and
// where it stopped.
func (r *trainRun) stopLine() string {
	res, c := r.res, r.nf.config()
	best := fmt.Sprintf("best validation cost %.6f at iteration %d", res.ValidationCosts[res.BestIter-1], res.BestIter)
	if !res.Stopped {
		return fmt.Sprintf("%s; ran all %d iterations (weights of iteration %d kept), on %d validation rows set aside",
			best, len(res.Costs), res.BestIter, len(res.ValidationRows))
	}
	return fmt.Sprintf("%s; stopped at %d, after %d iterations without a decrease of %v, on %d validation rows set aside",
		best, len(res.Costs), c.NIterNoChange, c.Tol, len(res.ValidationRows))
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
		Init       string `json:"init"`
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
	rec.Network.Init = r.nf.init
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
	if r.testIdx != nil {
		if r.confusion == nil { // a run the playground made
			r.confusion, _ = r.heldOutConfusion()
		}
		if r.confusion != nil {
			rec.PerClass = newPerClassRecord(r.confusion)
		}
	}
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

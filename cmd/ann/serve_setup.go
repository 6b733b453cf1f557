package main

// ann serve: a run's settings, checked as ann train checks its flags, and
// what the page is told about the run they make.

import (
	"context"
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/ann-go/ann/internal/finite"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network"
	"github.com/ann-go/ann/network/model"
	"github.com/ann-go/ann/svgplot"
	"github.com/ann-go/ann/trainer"
	"github.com/ann-go/ann/trainer/dataset"
)

// --- Settings: the flags of ann train ---

// playFlags are the ann train flags a page may set, in the order the command
// line shows them. -iters is where the run stops; the command line shows the
// iteration the run reached instead.
var playFlags = []string{"data", "n", "noise", "data-seed", "factor", "first",
	"features", "layers", "activation", "init", "seed",
	"alpha", "lambda", "batch", "momentum", "optimizer", "beta1", "beta2", "epsilon", "shuffle-seed",
	"standardize", "early-stopping", "validation-fraction", "n-iter-no-change", "tol",
	"test-fraction", "split-seed", "iters"}

// playSetup is a checked run: its data, its rows, its network and training.
type playSetup struct {
	ds                *dataSet
	trainIdx, testIdx []int
	held              []bool    // per row: not trained on (held out, or past -first), drawn hollow
	x1, x2            []float64 // the data's two features, as the figures take them
	df                dataFlags
	nf                netFlags
	testFraction      float64
	splitSeed         uint32
	args              []string // the flags given, without -iters

	// The run as ann train prepares it (runSpec.prepare): the untrained
	// model (its feature inputs and scaler), the training rows as the
	// network reads them, and the trainer's configuration.
	untrained *model.Model
	Strain    *matrix.Dense
	ytrain    []int
	config    trainer.Config
	// With early stopping, the rows of Strain it trains on and validates
	// on, as the trainer splits them.
	esTrain, esVal []int
}

// setup checks the settings form (ann train's flags by name, one value each)
// and the uploaded file, if any, and makes the run's data. Errors are usage
// errors in the command line's words.
func (l limits) setup(form map[string][]string, file io.Reader, fileName string) (*playSetup, error) {
	known := map[string]bool{}
	for _, f := range playFlags {
		known[f] = true
	}
	for name, vs := range form {
		if !known[name] {
			return nil, usagef("unknown setting %q: the playground takes the ann train flags %s", name, strings.Join(playFlags, ", "))
		}
		if len(vs) != 1 {
			return nil, usagef("-%s is given %d times: give it once", name, len(vs))
		}
	}
	var args []string
	for _, f := range playFlags {
		if vs, ok := form[f]; ok {
			args = append(args, "-"+f+"="+vs[0])
		}
	}
	// The flags of ann train (runTrain), on a flag set of their own.
	fs := flag.NewFlagSet("ann train", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	s := &playSetup{}
	s.df.register(fs)
	s.nf.register(fs)
	s.nf.registerTraining(fs)
	s.nf.registerFeatures(fs)
	var sf splitFlags
	sf.register(fs)
	if err := fs.Parse(args); err != nil {
		return nil, usagef("%v", err)
	}
	s.testFraction, s.splitSeed = sf.fraction, uint32(sf.seed)
	s.args = commandArgs(fs)

	// The playground's bounds, before anything is made.
	sizes := s.nf.sizes
	if h := len(sizes) - 2; h > l.hidden {
		return nil, usagef("-layers %v: want at most %d hidden layers in the playground", &s.nf.sizes, l.hidden)
	}
	for _, u := range sizes[1 : len(sizes)-1] {
		if u > l.units {
			return nil, usagef("-layers %v: want at most %d units per hidden layer in the playground", &s.nf.sizes, l.units)
		}
	}
	if s.nf.iters > l.iters {
		return nil, usagef("-iters %d: want from 1 to %d iterations in the playground", s.nf.iters, l.iters)
	}
	if !s.df.isFile() && s.df.n > l.rows {
		return nil, usagef("-n %d: want from 1 to %d examples in the playground", s.df.n, l.rows)
	}
	if err := s.nf.check(); err != nil {
		return nil, err
	}
	if s.df.first < 0 { // as df.load words it, which an upload does not go through
		return nil, usagef("-first %d: want 0 (all rows) or a positive count", s.df.first)
	}

	// The data: generated, or the uploaded file, read as ann train reads one.
	var err error
	switch {
	case !s.df.isFile() && file != nil:
		return nil, usagef("a file was uploaded but -data is %s: set -data to the file's name", s.df.source)
	case !s.df.isFile():
		s.ds, err = s.df.load()
	default:
		s.ds, err = l.readUpload(&s.df, file, fileName)
	}
	if err != nil {
		return nil, err
	}
	if err := s.nf.fit(s.ds); err != nil {
		return nil, err
	}
	for _, v := range s.ds.X.Data {
		if !finite.Is(v) {
			return nil, usagef("-noise %v: the data has features that are not finite numbers: want a smaller noise", s.df.noise)
		}
	}
	if s.ds.X.Cols != 2 {
		return nil, usagef("%s: the playground draws two features, x1 and x2, but the data has %d", s.ds.name, s.ds.X.Cols)
	}

	// The held-out rows, as ann train chooses them.
	m := s.ds.X.Rows
	if s.trainIdx, s.testIdx, err = sf.rows(&s.df, m); err != nil {
		return nil, err
	}
	s.held = make([]bool, m)
	for i := range s.held {
		s.held[i] = true
	}
	for _, i := range s.trainIdx {
		s.held[i] = false
	}
	if len(s.trainIdx) == m {
		s.held = nil // no hollow points, and no legend for them
	}
	s.x1, s.x2 = svgplot.Column(s.ds.X, 0), svgplot.Column(s.ds.X, 1)
	if s.untrained, s.Strain, s.ytrain, s.config, err = s.spec(s.nf.iters).prepare(); err != nil {
		return nil, err
	}
	if s.nf.early {
		// The trainer checks early stopping's split of the training rows
		// when it starts: one iteration, so that a split that cannot be made
		// is this request's error, in ann train's words.
		c := s.config
		c.Iters, c.TestX, c.TestY, c.Snapshots = 1, nil, nil, nil
		if _, err := trainer.Train(context.Background(), s.untrained.Net, s.Strain, s.ytrain, c); err != nil {
			return nil, trainError(err, nil, c)
		}
		if s.esTrain, s.esVal, err = dataset.StratifiedSplit(s.ytrain, s.config.ValidationFraction, s.config.ValidationSeed); err != nil {
			return nil, flagError(err)
		}
	}
	return s, nil
}

// spec is the run as ann train's pipeline takes it (run.go), up to
// iteration iters.
func (s *playSetup) spec(iters int) runSpec {
	nf := s.nf
	nf.iters = iters
	return runSpec{ds: s.ds, trainIdx: s.trainIdx, testIdx: s.testIdx, nf: &nf}
}

// modelOf returns the run's model with the weights net, and the weights
// typed by hand into them, edits, for the model files; nil for a model that
// only computes.
func (s *playSetup) modelOf(net *network.Network, edits []model.Edit) *model.Model {
	m := *s.untrained
	m.Net, m.Edits = net, edits
	return &m
}

// commandArgs returns the flags given in fs but -iters as ann train's
// arguments, in the order of playFlags: "-name", "value", or for a boolean
// flag "-name" when true and nothing when false (its default).
func commandArgs(fs *flag.FlagSet) []string {
	var out []string
	for _, name := range playFlags {
		f := fs.Lookup(name)
		if name == "iters" || f == nil || !flagGiven(fs, name) {
			continue
		}
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			if f.Value.String() == "true" {
				out = append(out, "-"+name)
			}
			continue
		}
		out = append(out, "-"+name, f.Value.String())
	}
	return out
}

// readUpload reads the uploaded CSV file that -data names, with the command
// line's checks (dataset.ParseCSV) and its error messages.
func (l limits) readUpload(df *dataFlags, file io.Reader, fileName string) (*dataSet, error) {
	if err := df.checkFile(); err != nil {
		return nil, err
	}
	if file == nil {
		return nil, usagef("-data %s: upload the file (the playground reads no file on the server's disk)", quoteIfNeeded(df.source))
	}
	if fileName != df.source {
		return nil, usagef("-data %s: but the file uploaded is %s", quoteIfNeeded(df.source), quoteIfNeeded(fileName))
	}
	data, err := dataset.NewReader(file, df.source).Read()
	if err != nil {
		return nil, usagef("%v", err)
	}
	if data.X.Rows > l.rows {
		return nil, usagef("%s: %d rows: want at most %d examples in the playground", df.source, data.X.Rows, l.rows)
	}
	return &dataSet{X: data.X, y: data.Y, K: data.K, name: df.source}, nil
}

// command returns the ann train command line that reproduces the run up to
// iteration iter, as arguments.
func (s *playSetup) command(iter int) []string {
	return append(append([]string{}, s.args...), "-iters", strconv.Itoa(iter))
}

// editedFile is the name of the download of the weights right after the
// last edit, which the command line after an edit gives to -start.
const editedFile = "edited.npz"

// commandFrom returns the ann train command line that trains from the
// weights edited by hand at iteration at (downloaded as editedFile) up to
// iteration iter, as arguments: the run's flags without -init and -seed
// (the weights come from the file; -seed stays with early stopping, whose
// validation rows it splits), then -start and -iters iter-at. It returns nil
// for iter <= at: no iteration since the edit.
func (s *playSetup) commandFrom(at, iter int) []string {
	if iter <= at {
		return nil
	}
	var args []string
	for i := 0; i < len(s.args); i++ {
		if s.args[i] == "-init" || s.args[i] == "-seed" && !s.nf.early {
			i++ // and its value
			continue
		}
		args = append(args, s.args[i])
	}
	return append(args, "-start", editedFile, "-iters", strconv.Itoa(iter-at))
}

// notReproduced lists what of the run's training state a file of weights
// does not hold, so that ann train -start from weights edited after the
// first iteration does not reproduce the run's next iterations: nothing for
// batch gradient descent, whose iteration depends on the weights alone.
func (s *playSetup) notReproduced() []string {
	var what []string
	switch c := s.config; {
	case c.Optimizer == "adam":
		what = append(what, "Adam's moments and update count")
	case c.Momentum > 0:
		what = append(what, "the momentum's velocities")
	}
	if b := s.nf.batch; b > 0 && b < len(s.trainIdx) {
		what = append(what, "the mini-batches' shuffle")
	}
	if s.nf.early {
		what = append(what, "early stopping's best validation cost so far")
	}
	return what
}

// editedNote says, for a frame at iteration iter, that weights were typed by
// hand, the last time at iteration at, and what the command line then
// reproduces.
func (s *playSetup) editedNote(at, iter int) string {
	note := fmt.Sprintf("weights edited by hand at iteration %d", at)
	if at == 0 {
		note += " (the starting weights)"
	}
	note += "; " + editedFile + " holds them: "
	what := s.notReproduced()
	if at == 0 {
		what = nil // before the first update, that state is its start
	}
	switch {
	case iter == at:
		note += "after the next iteration, the command below trains from it"
	case iter == at+1:
		note += "the command below trains from it for the iteration since"
	default:
		note += fmt.Sprintf("the command below trains from it for the %d iterations since", iter-at)
	}
	if what == nil {
		note += " and writes this run's model.npz and costs since the edit, bit for bit"
	} else {
		note += ", but its weights will differ from this run's: a file of weights does not hold " + strings.Join(what, " or ") + " as they were at the edit"
	}
	return note + "; ann trace -model model.npz traces the current weights"
}

// shellQuote quotes an argument for a POSIX shell if it needs it.
func shellQuote(a string) string {
	if a != "" && strings.Trim(a, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.,/+=:") == "" {
		return a
	}
	return "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
}

// runInfo is the answer to /api/run: what the page needs to draw and click.
type runInfo struct {
	ID        string       `json:"id"`
	Name      string       `json:"name"`
	Rows      int          `json:"rows"`
	TrainRows int          `json:"trainRows"`
	TestRows  int          `json:"testRows"`
	Classes   int          `json:"classes"`
	Stop      int          `json:"stop"`
	Points    [][4]float64 `json:"points"` // x1, x2, label, role: 0 train, 1 held out, 2 unused
	Extent    [4]float64   `json:"extent"` // the boundary's xmin, xmax, ymin, ymax
	Args      []string     `json:"args"`   // ann train's flags, without -iters
}

func (s *playSetup) describe(id string) runInfo {
	ds := s.ds
	info := runInfo{ID: id, Name: ds.name, Rows: ds.X.Rows, TrainRows: len(s.trainIdx), TestRows: len(s.testIdx),
		Classes: ds.classes(), Stop: s.nf.iters, Args: s.args}
	role := make([]float64, ds.X.Rows)
	for i := range role {
		role[i] = 2
	}
	for _, i := range s.trainIdx {
		role[i] = 0
	}
	for _, i := range s.testIdx {
		role[i] = 1
	}
	info.Points = make([][4]float64, ds.X.Rows)
	for i := range info.Points {
		info.Points[i] = [4]float64{ds.X.At(i, 0), ds.X.At(i, 1), float64(ds.y[i]), role[i]}
	}
	info.Extent = s.extent()
	return info
}

// extent returns the rectangle boundaryGrid plots, and the unit maps are
// drawn over: the data's range widened by 1, as xmin, xmax, ymin, ymax.
func (s *playSetup) extent() [4]float64 {
	x, y := svgplot.Column(s.ds.X, 0), svgplot.Column(s.ds.X, 1)
	xmin, xmax, ymin, ymax := slices.Min(x), slices.Max(x), slices.Min(y), slices.Max(y)
	return [4]float64{xmin - 1, xmax + 1, ymin - 1, ymax + 1}
}

// quoteIfNeeded returns a name a client sent as it is, or quoted (Go syntax) if
// it holds a character that would break a one-line message, such as a
// newline.
func quoteIfNeeded(name string) string {
	if q := strconv.Quote(name); q[1:len(q)-1] != name {
		return q
	}
	return name
}

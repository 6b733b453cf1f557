package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/ann-go/ann/internal/finite"
	"github.com/ann-go/ann/internal/safefile"
	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/moons"
	"github.com/ann-go/ann/network"
	"github.com/ann-go/ann/network/model"
	"github.com/ann-go/ann/trainer"
	"github.com/ann-go/ann/trainer/dataset"
)

// seedFlag is a numpy seed: an integer from 0 to 2^32-1.
type seedFlag uint32

func (s *seedFlag) String() string { return strconv.FormatUint(uint64(*s), 10) }
func (s *seedFlag) Set(v string) error {
	u, err := strconv.ParseUint(v, 10, 32)
	if err != nil {
		return fmt.Errorf("want an integer from 0 to 4294967295")
	}
	*s = seedFlag(u)
	return nil
}

// dataFlags are the flags that choose a data set.
type dataFlags struct {
	source string
	n      int
	noise  float64
	seed   seedFlag
	factor float64
	first  int
	fs     *flag.FlagSet // to tell which flags were given
}

func (d *dataFlags) register(fs *flag.FlagSet) {
	d.fs = fs
	fs.StringVar(&d.source, "data", "moons", "the data set: moons, circles, xor, spiral, or a CSV `file` (.csv or .csv.gz: features, then the label 0..K-1)")
	fs.IntVar(&d.n, "n", 1000, "`number` of examples to generate")
	fs.Float64Var(&d.noise, "noise", 0.1, "standard `deviation` of the noise added to generated data")
	fs.Var(&d.seed, "data-seed", "random_state `seed` of the generated data (0 to 4294967295, as numpy)")
	fs.Float64Var(&d.factor, "factor", 0.8, "circles: the inner circle's radius, as a `fraction` of the outer's")
	fs.IntVar(&d.first, "first", 0, "train on the first `K` rows only, as the tutorial's X[:500] (0: all)")
}

// dataSet is a loaded data set: X is m x n, one example per row, y its labels.
type dataSet struct {
	X         *matrix.Dense
	y         []int
	name      string   // for messages and run records
	generated bool     // made by a generator, not read from a file
	header    []string // the CSV's column names, if its first line is a header
	K         int      // the number of classes, dataset.Data's K
}

// classes returns K, the number of classes: the largest label plus one.
func (ds *dataSet) classes() int { return ds.K }

// isFile reports whether -data names a file rather than a generator.
func (d *dataFlags) isFile() bool {
	return !slices.Contains(dataset.Generators, d.source)
}

// load checks the flags and makes or reads the data set, all of it: callers
// take the first rows with trainRows.
func (d *dataFlags) load() (*dataSet, error) {
	if d.first < 0 {
		return nil, usagef("-first %d: want 0 (all rows) or a positive count", d.first)
	}
	if d.isFile() {
		return d.read()
	}
	if d.n < 1 || d.n > maxExamples {
		return nil, usagef("-n %d: want from 1 to %d examples", d.n, maxExamples)
	}
	if err := checkMemory(memoryNeed{float64(d.n) * bytesPerGenerated, fmt.Sprintf("reduce -n %d", d.n)}); err != nil {
		return nil, err
	}
	if !finite.Is(d.noise) || d.noise < 0 {
		return nil, usagef("-noise %v: want a finite number >= 0", d.noise)
	}
	if d.source == "circles" && !(d.factor >= 0 && d.factor < 1) {
		return nil, usagef("-factor %v: want a number in [0, 1)", d.factor)
	}
	if d.n < 2 {
		return nil, usagef("-n %d: %s needs at least 2 examples to have two classes", d.n, d.source)
	}
	data, err := dataset.Generate(d.source, d.n, d.noise, uint32(d.seed))
	if err != nil {
		return nil, usagef("-n %d: %v", d.n, err)
	}
	if d.source == "circles" && d.factor != dataset.CirclesFactor { // -factor: circles by hand
		X, y := moons.Circles(d.n, d.noise, uint32(d.seed), d.factor)
		if data, err = dataset.Labeled(X, y); err != nil {
			return nil, usagef("-n %d: %v", d.n, err)
		}
	}
	return &dataSet{X: data.X, y: data.Y, K: data.K, name: d.source, generated: true}, nil
}

// read reads the CSV file -data names. The flags that describe generated
// data are an error with a file, rather than silently ignored.
func (d *dataFlags) read() (*dataSet, error) {
	if err := d.checkFile(); err != nil {
		return nil, err
	}
	if fi, err := os.Stat(d.source); err == nil && fi.Mode().IsRegular() {
		// A number takes at least 2 bytes of CSV ("1,") and 8 in memory,
		// read and then copied.
		need := memoryNeed{float64(fi.Size()) * bytesPerCSVByte, fmt.Sprintf("-data %s is %d bytes: use fewer rows", d.source, fi.Size())}
		if err := checkMemory(need); err != nil {
			return nil, err
		}
	}
	data, err := dataset.ReadCSV(d.source)
	if err != nil {
		return nil, usagef("%v", err)
	}
	return &dataSet{X: data.X, y: data.Y, K: data.K, name: d.source, header: data.Header}, nil
}

// checkFile returns a usage error if a flag of generated data is given with
// a file, rather than ignoring it, or if -data names neither a generator nor
// a file.
func (d *dataFlags) checkFile() error {
	var given []string
	d.fs.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "n", "noise", "data-seed", "factor":
			given = append(given, "-"+f.Name)
		}
	})
	if len(given) > 0 {
		return usagef("%s: only for generated data (moons, circles, xor, spiral), but -data names the file %s", strings.Join(given, ", "), d.source)
	}
	if !strings.Contains(d.source, ".") && !strings.ContainsRune(d.source, filepath.Separator) {
		return usagef("-data %q: want %s, or a CSV file", d.source, strings.Join(dataset.Generators, ", "))
	}
	return nil
}

// parseAndLoad parses args into fs, reads -start's model file if given,
// checks the network flags, and loads the data set, which the network's first
// and last layers must fit.
func parseAndLoad(fs *flag.FlagSet, args []string, df *dataFlags, nf *netFlags) (*dataSet, error) {
	if err := parse(fs, args); err != nil {
		return nil, err
	}
	if err := nf.loadStart(); err != nil {
		return nil, err
	}
	if err := nf.check(); err != nil {
		return nil, err
	}
	ds, err := df.load()
	if err != nil {
		return nil, err
	}
	if err := nf.fit(ds); err != nil {
		if nf.startModel != nil {
			return nil, usagef("-start %s: %v", nf.start, err)
		}
		return nil, err
	}
	return ds, nil
}

// trainRows returns how many leading rows -first selects from a data set of m
// rows, or an error if -first asks for more than there are.
func (d *dataFlags) trainRows(m int) (int, error) {
	if d.first == 0 {
		return m, nil
	}
	if d.first > m {
		return 0, usagef("-first %d: the data set has only %d rows", d.first, m)
	}
	return d.first, nil
}

// sizesFlag is a list of layer sizes, "2,5,5,2".
type sizesFlag []int

func (s *sizesFlag) String() string { return layersText(*s) }

func (s *sizesFlag) Set(v string) error {
	var sizes []int
	for _, f := range strings.Split(v, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil {
			return fmt.Errorf("%q is not a layer size: want sizes like 2,5,5,2", f)
		}
		sizes = append(sizes, n)
	}
	if err := checkSizes(sizes); err != nil {
		return err
	}
	*s = sizes
	return nil
}

// checkSizes returns an error unless sizes are the layer sizes of a network
// (layer.Check) of at most maxWeights weights.
func checkSizes(sizes []int) error {
	if err := layer.Check(sizes); err != nil {
		// The flag package names the flag; the package name adds nothing.
		return errors.New(strings.TrimPrefix(err.Error(), "layer: "))
	}
	weights := 0
	for l := 1; l < len(sizes); l++ {
		if sizes[l] > maxWeights || sizes[l-1] >= maxWeights {
			weights = maxWeights + 1
			break
		}
		weights += sizes[l] * (sizes[l-1] + 1)
	}
	if weights > maxWeights {
		return fmt.Errorf("%s has more than %d weights: too large for this tool", layersText(sizes), maxWeights)
	}
	return nil
}

// bytesPerGenerated is an upper bound on the memory that generating one
// example of two features takes (the features, the label, the generators'
// shuffles), and bytesPerCSVByte on the memory reading a byte of CSV takes;
// see docs/reliability.md.
const (
	bytesPerGenerated = 96
	bytesPerCSVByte   = 8
)

// maxExamples bounds the examples the command line generates (1 GiB of two
// features), for the same reason as maxWeights.
const maxExamples = 1 << 26

// maxWeights bounds the size of a network the command line builds (1 GiB of
// weights), so that a mistyped size gives an error rather than exhausting
// memory.
const maxWeights = 1 << 27

// netFlags are the flags that describe a network and, for the commands that
// train, its training.
type netFlags struct {
	sizes      sizesFlag
	features   model.Features // -features: nil for the data's own columns
	seed       seedFlag
	lambda     float64
	init       string
	activation string

	training    bool // registerTraining was called
	alpha       float64
	iters       int
	batch       int
	momentum    float64
	optimizer   string
	beta1       float64
	beta2       float64
	epsilon     float64
	shuffleSeed seedFlag
	early       bool
	valFraction float64
	noChange    int
	tol         float64
	standardize bool
	reference   bool
	snapshots   []int // trainer.Config.Snapshots: the weights the figures show

	// -start (registerStart): the model file training starts from, and the
	// model read from it by loadStart; nil for the weights -init and -seed
	// make.
	start      string
	startModel *model.Model
	startFS    *flag.FlagSet // to tell which flags were given
}

// register registers the flags of the network itself.
func (nf *netFlags) register(fs *flag.FlagSet) {
	nf.sizes = sizesFlag(layer.Tutorial)
	nf.init, nf.activation = "code", "sigmoid"
	fs.Var(&nf.sizes, "layers", "layer `sizes` s_1,...,s_L: inputs, hidden layers, classes")
	fs.Var(&nf.seed, "seed", "np.random.seed `value` for the initial weights (0 to 4294967295)")
	fs.Float64Var(&nf.lambda, "lambda", 0, "L2 regularization `λ`")
	fs.StringVar(&nf.init, "init", "code", "weight initialization: code (the tutorial's cell 9) or text (its prose)")
	fs.StringVar(&nf.activation, "activation", "sigmoid", "hidden-layer activation: sigmoid, tanh or relu")
}

// hiddenLayers describes the hidden layers of net for a summary line:
// "sigmoid hidden layers" (tanh, relu), or "no hidden layer" for a network
// whose inputs feed its outputs directly, which has no activation but the
// output's sigmoid.
func hiddenLayers(net *network.Network) string {
	if net.L() == 2 {
		return "no hidden layer"
	}
	return net.Hidden.String() + " hidden layers"
}

// registerFeatures registers -features, the input units computed from a
// data set's two features, for the commands that train.
func (nf *netFlags) registerFeatures(fs *flag.FlagSet) {
	fs.Var((*featuresFlag)(&nf.features), "features", "input `units` computed from the data's two features (x1, x2), as in TensorFlow Playground: a list of x1, x2, x1^2, x2^2, x1*x2, sin(x1), sin(x2); -layers' first size counts them (default: the data's features)")
}

// featuresFlag is -features, a list such as x1,x2,x1*x2.
type featuresFlag model.Features

func (f *featuresFlag) String() string { return model.Features(*f).String() }
func (f *featuresFlag) Set(v string) error {
	fs, err := model.ParseFeatures(v)
	if err != nil {
		// The flag package names the flag; the package name adds nothing.
		return errors.New(strings.TrimPrefix(err.Error(), "model: "))
	}
	*f = featuresFlag(fs)
	return nil
}

// registerTraining registers the flags of training.
func (nf *netFlags) registerTraining(fs *flag.FlagSet) {
	nf.training = true
	fs.Float64Var(&nf.alpha, "alpha", 0.5, "learning rate `α`")
	fs.IntVar(&nf.iters, "iters", 1000, "gradient-descent `iterations` (epochs, with -batch)")
	fs.IntVar(&nf.batch, "batch", 0, "mini-batch `size` (0: all rows, the tutorial's batch gradient descent)")
	fs.Float64Var(&nf.momentum, "momentum", 0, "momentum `β` (0: none, as the tutorial)")
	fs.StringVar(&nf.optimizer, "optimizer", "gd", "the update: gd (gradient descent; with -momentum, momentum), momentum (-momentum β, 0.9 if not given) or adam (-beta1, -beta2, -epsilon; try -alpha 0.01)")
	fs.Float64Var(&nf.beta1, "beta1", 0.9, "Adam's `β1`, the decay of its first moment")
	fs.Float64Var(&nf.beta2, "beta2", 0.999, "Adam's `β2`, the decay of its second moment")
	fs.Float64Var(&nf.epsilon, "epsilon", 1e-8, "Adam's `ε`, added to the square root of its second moment")
	fs.BoolVar(&nf.early, "early-stopping", false, "set aside a stratified -validation-fraction of the training rows (split by -seed, as scikit-learn's random_state), stop when the validation cost has not improved by -tol for -n-iter-no-change iterations, and keep the best weights")
	fs.Float64Var(&nf.valFraction, "validation-fraction", 0.1, "early stopping: the `fraction` of the training rows set aside to validate on")
	fs.IntVar(&nf.noChange, "n-iter-no-change", 10, "early stopping: stop after this many `iterations` without an improvement")
	fs.Float64Var(&nf.tol, "tol", 1e-4, "early stopping: the least decrease of the validation cost that counts as an `improvement`")
	fs.Var(&nf.shuffleSeed, "shuffle-seed", "numpy `seed` that shuffles the rows for mini-batches")
	fs.BoolVar(&nf.standardize, "standardize", false, "scale each feature to mean 0, standard deviation 1, fitted on the training rows")
	registerReference(fs, &nf.reference)
}

// registerStart registers -start, for ann train: gradient descent from the
// weights of a model file instead of the initial weights -init and -seed
// make.
func (nf *netFlags) registerStart(fs *flag.FlagSet) {
	nf.startFS = fs
	fs.StringVar(&nf.start, "start", "", "start gradient descent from the weights Θ of a model `file` (model.npz of ann train -out, or the playground's download) instead of -init's; the file sets -layers, -activation, -features and -standardize (its scaler is used as saved): given as well, they must agree with it. Only ann train takes it: cv fits a scaler per fold, and tutorial follows the tutorial's initialization")
}

// loadStart reads the model file -start names, if one is given, and takes
// from it the network's sizes, activation, feature inputs and
// standardization. A flag given that disagrees with the file is an error, and
// so are -init (the weights come from the file) and -seed without
// -early-stopping (with -start it chooses nothing else). Every error names
// the file.
func (nf *netFlags) loadStart() error {
	if nf.startFS == nil || !flagGiven(nf.startFS, "start") {
		return nil
	}
	path := nf.start
	if path == "" {
		return usagef("-start \"\": want a model file (.npz)")
	}
	m, err := model.ReadFile(path)
	if err != nil {
		return usagef("-start: %v", err)
	}
	sizes := m.Net.Sizes()
	if err := checkSizes(sizes); err != nil {
		return usagef("-start %s: %v", path, err)
	}
	given := func(name string) bool { return flagGiven(nf.startFS, name) }
	hidden := m.Net.Hidden.String()
	inputs := "the data's own columns"
	if m.Features != nil {
		inputs = "-features " + m.Features.String()
	}
	switch {
	case given("layers") && !slices.Equal(nf.sizes, sizes):
		return usagef("-start %s: its weights are those of -layers %s, but -layers is %v: leave -layers out, or give the file's", path, layersText(sizes), &nf.sizes)
	case given("activation") && nf.activation != hidden:
		return usagef("-start %s: its hidden activation is %s, but -activation is %s: leave -activation out, or give the file's", path, hidden, nf.activation)
	case given("features") && !slices.Equal(nf.features, m.Features):
		return usagef("-start %s: its inputs are %s, but -features is %v: leave -features out, or give the file's", path, inputs, nf.features)
	case given("init"):
		return usagef("-init %s: the initial weights come from -start %s: give one", nf.init, path)
	case given("seed") && !nf.early:
		return usagef("-seed %v: the initial weights come from -start %s (with -start, -seed only splits early stopping's validation rows): leave -seed out", &nf.seed, path)
	case m.Scaler != nil && given("standardize") && !nf.standardize:
		return usagef("-start %s: its inputs are standardized (the file has standardize_mean and standardize_std), but -standardize is false", path)
	case m.Scaler == nil && nf.standardize:
		return usagef("-start %s: its weights are for inputs that are not standardized (the file has no standardize_mean, standardize_std), but -standardize is given", path)
	}
	nf.sizes, nf.features, nf.activation, nf.standardize = sizes, m.Features, hidden, m.Scaler != nil
	nf.startModel = m
	return nil
}

// registerReference registers -reference, which the commands that train share.
func registerReference(fs *flag.FlagSet, p *bool) {
	fs.BoolVar(p, "reference", false, "run on package network instead of the fast engine: the tutorial's train_network line by line (batch gradient descent only), and its forward_prop for the accuracies, predictions and figures; the same results to 1e-12, about 4 times slower")
}

// check validates the flags.
func (nf *netFlags) check() error {
	if nf.training {
		if nf.early && nf.noChange < 1 {
			return usagef("-n-iter-no-change %d: want at least 1 iteration", nf.noChange)
		}
		c := nf.config()
		if err := c.Check(); err != nil {
			return flagError(err)
		}
	} else if !(finite.Is(nf.lambda) && nf.lambda >= 0) {
		return usagef("-lambda %v: want a finite number >= 0", nf.lambda)
	}
	if nf.init != "code" && nf.init != "text" {
		return usagef("-init %q: want code or text", nf.init)
	}
	if _, err := network.ParseActivation(nf.activation); err != nil {
		return usagef("-activation: %v", err)
	}
	return nil
}

// flagError turns the library's finding about an argument, a
// *dataset.ArgError from trainer or dataset, into a usage error naming the
// flag: "-alpha 0: want a finite number > 0".
func flagError(err error) error {
	var ae *dataset.ArgError
	if errors.As(err, &ae) {
		return usagef("-%s %v: %s", ae.Arg, ae.Value, ae.Want)
	}
	return usagef("%v", err)
}

// config returns the trainer configuration the flags describe.
func (nf *netFlags) config() trainer.Config {
	c := trainer.Config{Alpha: nf.alpha, Iters: nf.iters, Lambda: nf.lambda,
		Batch: nf.batch, Momentum: nf.momentum, Seed: uint32(nf.shuffleSeed), Reference: nf.reference,
		Snapshots: nf.snapshots}
	switch nf.optimizer {
	case "gd": // the default: -momentum alone chooses momentum
	case "momentum":
		c.Optimizer = nf.optimizer
		if c.Momentum == 0 {
			c.Momentum = 0.9 // scikit-learn's default
		}
	default:
		c.Optimizer = nf.optimizer
	}
	// Early stopping's settings too.
	c.EarlyStopping = nf.early
	if nf.early {
		c.ValidationSeed = uint32(nf.seed)
	}
	if nf.early || nf.valFraction != 0.1 {
		c.ValidationFraction = nf.valFraction
	}
	if nf.early || nf.noChange != 10 {
		c.NIterNoChange = nf.noChange
	}
	if nf.early || nf.tol != 1e-4 {
		c.Tol = nf.tol
	}
	// Adam's settings reach the trainer with adam, or when changed, so that
	// giving them to another optimizer is an error rather than ignored.
	if nf.optimizer == "adam" || nf.beta1 != 0.9 || nf.beta2 != 0.999 || nf.epsilon != 1e-8 {
		c.Beta1, c.Beta2, c.Epsilon = nf.beta1, nf.beta2, nf.epsilon
	}
	return c
}

// network returns the initial network the flags describe: a copy of -start's
// weights, or those -init and -seed make. Call check first.
func (nf *netFlags) network() *network.Network {
	if nf.startModel != nil {
		return nf.startModel.Net.Copy()
	}
	init := layer.Init
	if nf.init == "text" {
		init = layer.InitText
	}
	net := network.New(init(nf.sizes, uint32(nf.seed)))
	net.Hidden, _ = network.ParseActivation(nf.activation)
	return net
}

// fit returns an error unless the network's layers fit the data: one input
// unit per feature (per -features, computed from the data's two) and one
// output unit per class.
func (nf *netFlags) fit(ds *dataSet) error {
	s := nf.sizes
	if nf.features != nil {
		if ds.X.Cols != 2 {
			return usagef("-features %v: computed from 2 features (x1, x2), but the data has %d", nf.features, ds.X.Cols)
		}
		if s[0] != len(nf.features) {
			return usagef("-layers %v: the input layer has %d units but -features %v gives %d inputs", &nf.sizes, s[0], nf.features, len(nf.features))
		}
	} else if s[0] != ds.X.Cols {
		return usagef("-layers %v: the input layer has %d units but the data has %d features", &nf.sizes, s[0], ds.X.Cols)
	}
	if K := ds.classes(); s[len(s)-1] != K {
		return usagef("-layers %v: the output layer has %d units but the data has %d classes (labels 0..%d)", &nf.sizes, s[len(s)-1], K, K-1)
	}
	return nil
}

// outFlags are -out, a directory for a command's files, and -q.
type outFlags struct {
	dir   string
	quiet bool
}

// register registers -out with the given default and usage, and -q.
func (o *outFlags) register(fs *flag.FlagSet, dir, usage string) {
	fs.StringVar(&o.dir, "out", dir, usage)
	fs.BoolVar(&o.quiet, "q", false, "do not print progress")
}

// prepare checks, before any work, that the -out directory, if one is
// given, can be written (safefile.CheckSet: a read-only or unwritable one is
// a usage error), making its parents if needed, and says on stderr, unless
// -q, if its files will be written one by one rather than as one set. It
// returns where progress goes: stderr, or nowhere with -q.
func (o *outFlags) prepare(stderr io.Writer) (progress io.Writer, err error) {
	if o.dir != "" {
		plan, err := safefile.CheckSet(o.dir)
		if err != nil {
			return nil, usagef("-out: %v", err)
		}
		if plan.FileByFile && !o.quiet {
			fmt.Fprintf(stderr, "note: -out %s: %s, so its files are written into it one by one, each whole, rather than swapped in as one set\n", o.dir, plan.Why)
		}
	}
	if o.quiet {
		return io.Discard, nil
	}
	return stderr, nil
}

// writeSet writes files into the -out directory as a set (safefile.WriteSet)
// and lists them on stderr in one line, unless -q. With no -out it does
// nothing.
func (o *outFlags) writeSet(ctx context.Context, files []safefile.File, stderr io.Writer) error {
	if o.dir == "" {
		return nil
	}
	if err := safefile.WriteSet(ctx, o.dir, files); err != nil {
		if errors.Is(err, context.Canceled) {
			return &interruptedError{}
		}
		return err
	}
	if !o.quiet {
		names := make([]string, len(files))
		for i, f := range files {
			names[i] = f.Name
		}
		fmt.Fprintf(stderr, "wrote %s: %s\n", o.dir, strings.Join(names, ", "))
	}
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

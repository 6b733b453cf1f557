package main

import (
	"flag"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/moons"
	"github.com/ann-go/ann/network"
	"github.com/ann-go/ann/trainer"
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
	first  int
}

func (d *dataFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&d.source, "data", "moons", "the data set: moons")
	fs.IntVar(&d.n, "n", 1000, "`number` of examples to generate")
	fs.Float64Var(&d.noise, "noise", 0.1, "standard `deviation` of the noise added to generated data")
	fs.Var(&d.seed, "data-seed", "random_state `seed` of the generated data (0 to 4294967295, as numpy)")
	fs.IntVar(&d.first, "first", 0, "use only the first `K` rows (0: all)")
}

// dataSet is a loaded data set: X is m x n, one example per row, y its labels.
type dataSet struct {
	X         *matrix.Dense
	y         []int
	name      string // for messages and run records
	generated bool   // made by -data moons (etc.), not read from a file
}

// classes returns K, the number of classes: the largest label plus one.
func (ds *dataSet) classes() int {
	K := 0
	for _, c := range ds.y {
		K = max(K, c+1)
	}
	return K
}

// load checks the flags and makes or reads the data set, all of it: callers
// take the first rows with trainRows.
func (d *dataFlags) load() (*dataSet, error) {
	if d.first < 0 {
		return nil, usagef("-first %d: want 0 (all rows) or a positive count", d.first)
	}
	switch d.source {
	case "moons":
		if d.n < 1 {
			return nil, usagef("-n %d: want at least 1 example", d.n)
		}
		if math.IsNaN(d.noise) || math.IsInf(d.noise, 0) || d.noise < 0 {
			return nil, usagef("-noise %v: want a finite number >= 0", d.noise)
		}
		X, y := moons.Make(d.n, d.noise, uint32(d.seed))
		return &dataSet{X: X, y: y, name: "moons", generated: true}, nil
	}
	return nil, usagef("-data %q: want moons", d.source)
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

func (s *sizesFlag) String() string {
	parts := make([]string, len(*s))
	for i, v := range *s {
		parts[i] = strconv.Itoa(v)
	}
	return strings.Join(parts, ",")
}

func (s *sizesFlag) Set(v string) error {
	var sizes []int
	for _, f := range strings.Split(v, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil {
			return fmt.Errorf("%q is not a layer size: want sizes like 2,5,5,2", f)
		}
		sizes = append(sizes, n)
	}
	if err := layer.Check(sizes); err != nil {
		return err
	}
	*s = sizes
	return nil
}

// netFlags are the flags that describe a network and its training.
type netFlags struct {
	sizes      sizesFlag
	seed       seedFlag
	alpha      float64
	iters      int
	lambda     float64
	init       string
	activation string
}

func (nf *netFlags) register(fs *flag.FlagSet) {
	nf.sizes = sizesFlag(layer.Tutorial)
	fs.Var(&nf.sizes, "layers", "layer `sizes` s_1,...,s_L: inputs, hidden layers, classes")
	fs.Var(&nf.seed, "seed", "np.random.seed `value` for the initial weights (0 to 4294967295)")
	fs.Float64Var(&nf.alpha, "alpha", 0.5, "learning rate `α`")
	fs.IntVar(&nf.iters, "iters", 1000, "gradient-descent `iterations`")
	fs.Float64Var(&nf.lambda, "lambda", 0, "L2 regularization `λ`")
	fs.StringVar(&nf.init, "init", "code", "weight initialization: code (the tutorial's cell 9) or text (its prose)")
	fs.StringVar(&nf.activation, "activation", "sigmoid", "hidden-layer activation: sigmoid, tanh or relu")
}

// check validates the training flags.
func (nf *netFlags) check() error {
	c := nf.config()
	if err := c.Check(); err != nil {
		return usagef("-%v", err)
	}
	if nf.init != "code" && nf.init != "text" {
		return usagef("-init %q: want code or text", nf.init)
	}
	if _, err := network.ParseActivation(nf.activation); err != nil {
		return usagef("-activation: %v", err)
	}
	return nil
}

// config returns the trainer configuration the flags describe.
func (nf *netFlags) config() trainer.Config {
	return trainer.Config{Alpha: nf.alpha, Iters: nf.iters, Lambda: nf.lambda}
}

// network returns the initial network the flags describe. Call check first.
func (nf *netFlags) network() *network.Network {
	init := layer.Init
	if nf.init == "text" {
		init = layer.InitText
	}
	net := network.New(init(nf.sizes, uint32(nf.seed)))
	net.Hidden, _ = network.ParseActivation(nf.activation)
	return net
}

// fit returns an error unless the network's layers fit the data: one input
// unit per feature and one output unit per class.
func (nf *netFlags) fit(ds *dataSet) error {
	s := nf.sizes
	if s[0] != ds.X.Cols {
		return usagef("-layers %v: the input layer has %d units but the data has %d features", &nf.sizes, s[0], ds.X.Cols)
	}
	if K := ds.classes(); s[len(s)-1] != K {
		return usagef("-layers %v: the output layer has %d units but the data has %d classes (labels 0..%d)", &nf.sizes, s[len(s)-1], K, K-1)
	}
	return nil
}

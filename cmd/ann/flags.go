package main

import (
	"flag"
	"fmt"
	"math"
	"strconv"

	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/moons"
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
	X    *matrix.Dense
	y    []int
	name string // for messages and run records
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
		return &dataSet{X: X, y: y, name: "moons"}, nil
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

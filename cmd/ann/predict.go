package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"

	"runtime"
	"slices"
	"strings"

	"github.com/ann-go/ann/network/model"
	"github.com/ann-go/ann/trainer/dataset"
	"github.com/ann-go/ann/trainer/metrics"
)

func runPredict(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("predict", "-model FILE.npz -data FILE.csv [-proba] [-reference]", stdout)
	modelPath := fs.String("model", "", "the model `file`: model.npz from ann train, or numpy.savez(Theta1=..., ...)")
	dataPath := fs.String("data", "", "the inputs, a CSV `file` (.csv or .csv.gz), with or without a label column")
	proba := fs.Bool("proba", false, "print each row's K output units instead of its class: K independent sigmoids in (0, 1), one per class; a row's need not sum to 1")
	perClass := registerPerClass(fs)
	reference := fs.Bool("reference", false, "compute the outputs with package network's forward propagation, the tutorial's forward_prop, instead of the fast engine: the same numbers to 1e-12, slower")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *modelPath == "" || *dataPath == "" {
		return usagef("both -model and -data are required")
	}
	m, err := model.ReadFile(*modelPath)
	if err != nil {
		return usagef("-model: %v", err)
	}
	m.Reference = *reference
	n := m.Columns()
	data, err := dataset.ReadCSVFeatures(*dataPath, n)
	if err != nil {
		return usagef("-data: %v", err)
	}
	if err := checkLabelHeader(data, n); err != nil {
		return usagef("-data %s: %v", *dataPath, err)
	}
	if err := checkMemory(predictMemory(m, data.X.Rows)); err != nil {
		return err
	}
	// Each output unit is a sigmoid, in (0, 1) for any finite input; NaN
	// comes only from weights or inputs so large that a product overflows.
	P, err := m.Probabilities(data.X)
	var oe *model.OutputError
	if errors.As(err, &oe) {
		return fmt.Errorf("row %d of %s: the output is NaN: the input or the model's weights are too large", oe.Example+1, *dataPath)
	} else if err != nil {
		return usagef("-data: %v", err)
	}
	if err := ctx.Err(); err != nil {
		return &interruptedError{}
	}
	w := bufio.NewWriter(stdout)
	var buf []byte
	if *proba {
		for i := 0; i < P.Rows; i++ {
			buf = buf[:0]
			for k, v := range P.Row(i) {
				if k > 0 {
					buf = append(buf, ',')
				}
				buf = strconv.AppendFloat(buf, v, 'g', -1, 64)
			}
			w.Write(append(buf, '\n'))
		}
	}
	pred, err := m.Predict(data.X)
	if err != nil {
		return usagef("-data: %v", err)
	}
	if !*proba {
		for _, c := range pred {
			w.Write(strconv.AppendInt(buf[:0], int64(c), 10))
			w.WriteByte('\n')
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if data.HasLabels && len(pred) > 0 {
		acc, err := m.Accuracy(data.X, data.Y)
		if err != nil {
			return usagef("-data: %v", err)
		}
		fmt.Fprintf(stderr, "accuracy %.4f on the %d rows of %s (their last column taken as labels)\n", acc, len(pred), *dataPath)
		if *perClass {
			K := m.Net.Sizes()[len(m.Net.Sizes())-1]
			for i, c := range data.Y {
				if c < 0 || c >= K {
					return usagef("-data %s: row %d's label %d is not a class of the model (0..%d)", *dataPath, i+1, c, K-1)
				}
			}
			printPerClass(stderr, metrics.New(K, data.Y, pred), fmt.Sprintf("the %d rows of %s", len(pred), *dataPath))
		}
	} else if *perClass {
		return usagef("-per-class: -data %s has no label column to score against", *dataPath)
	}
	return nil
}

// labelNames are the header names that mark a column as labels.
var labelNames = []string{"label", "labels", "class", "y", "target"}

// checkLabelHeader returns an error if a column the header names like a label
// would be read as a feature: the file has as many columns as the model has
// inputs, so none is taken for labels.
func checkLabelHeader(data *dataset.Data, n int) error {
	if data.HasLabels || data.Header == nil {
		return nil
	}
	for j, h := range data.Header {
		if slices.Contains(labelNames, strings.ToLower(strings.TrimSpace(h))) {
			return fmt.Errorf("column %d is headed %q, but the model has %d inputs and the file %d columns, so it would be read as a feature: drop the column, or use a model trained on these features", j+1, h, n, len(data.Header))
		}
	}
	return nil
}

// predictMemory estimates predict's peak memory: the data, the output
// probabilities, the activations of a chunk of rows per core (network
// evaluates engineChunk rows at a time), and the weights: the model's, and
// a buffer of their size in each of network/fast's workers, for each of the
// two passes (probabilities and classes), one of which can be garbage not
// yet collected when the other runs.
func predictMemory(m *model.Model, rows int) memoryNeed {
	sizes := m.Net.Sizes()
	units, weights := 0, 0.0
	for l, s := range sizes {
		units += s
		if l > 0 {
			weights += float64(s) * float64(sizes[l-1]+1)
		}
	}
	per := float64(rows) * float64(sizes[0]+2*sizes[len(sizes)-1]) * 8 * 3
	act := float64(engineChunk*runtime.GOMAXPROCS(0)) * float64(units) * 8 * 4
	workers := min(runtime.GOMAXPROCS(0), (rows+engineChunk-1)/engineChunk)
	w := weights * 8 * float64(1+2*workers)
	if w > per+act {
		return memoryNeed{per + act + w, fmt.Sprintf("the model's %.0f weights need most of it: use a smaller model", weights)}
	}
	return memoryNeed{per + act + w, fmt.Sprintf("reduce the rows of -data (%d)", rows)}
}

// engineChunk is the number of rows package network/fast evaluates at a time
// on each core, for the memory estimates.
const engineChunk = 256

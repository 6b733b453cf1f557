package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strconv"

	"runtime"
	"slices"
	"strings"

	"github.com/ann-go/ann/internal/dataset"
	"github.com/ann-go/ann/network"
)

func runPredict(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("predict", "-model FILE.npz -data FILE.csv [-proba]", stdout)
	modelPath := fs.String("model", "", "the model `file`: model.npz from ann train, or numpy.savez(Theta1=..., ...)")
	dataPath := fs.String("data", "", "the inputs, a CSV `file` (.csv or .csv.gz), with or without a label column")
	proba := fs.Bool("proba", false, "print each row's K output units instead of its class: K independent sigmoids in (0, 1), one per class; a row's need not sum to 1")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *modelPath == "" || *dataPath == "" {
		return usagef("both -model and -data are required")
	}
	model, err := readModel(*modelPath)
	if err != nil {
		return usagef("-model: %v", err)
	}
	n := model.Net.Sizes()[0]
	data, err := dataset.ReadCSVFeatures(*dataPath, n)
	if err != nil {
		return usagef("-data: %v", err)
	}
	if err := checkLabelHeader(data, n); err != nil {
		return usagef("-data %s: %v", *dataPath, err)
	}
	if err := checkMemory(predictMemory(model, data.X.Rows)); err != nil {
		return err
	}
	// Each output unit is a sigmoid, in (0, 1) for any finite input; NaN
	// comes only from weights or inputs so large that a product overflows.
	P := model.Probabilities(data.X)
	for i := 0; i < P.Rows; i++ {
		for _, v := range P.Row(i) {
			if !finite(v) {
				return fmt.Errorf("row %d of %s: the output is %v: the input or the model's weights are too large", i+1, *dataPath, v)
			}
		}
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
	pred := model.Predict(data.X)
	if !*proba {
		for _, c := range pred {
			w.Write(strconv.AppendInt(buf[:0], int64(c), 10))
			w.WriteByte('\n')
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if data.HasLabels {
		fmt.Fprintf(stderr, "accuracy %.4f on the %d rows of %s (their last column taken as labels)\n", accuracy(pred, data.Y), len(pred), *dataPath)
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

// readModel reads a model file as network.ReadModelFile does, but opens it
// with openModel's checks first, so that a device, a huge file or an archive
// that decompresses to more than the cap is an error, not an exhausted
// memory.
func readModel(path string) (*network.Model, error) {
	f, size, err := openModel(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m, err := network.ReadModel(f, size)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}

// predictMemory estimates predict's peak memory: the data, the output
// probabilities, and the activations of a chunk of rows per core (network
// evaluates ChunkSize rows at a time).
func predictMemory(model *network.Model, rows int) memoryNeed {
	sizes := model.Net.Sizes()
	units := 0
	for _, s := range sizes {
		units += s
	}
	per := float64(rows) * float64(sizes[0]+2*sizes[len(sizes)-1]) * 8 * 3
	act := float64(network.ChunkSize*runtime.GOMAXPROCS(0)) * float64(units) * 8 * 4
	return memoryNeed{per + act, fmt.Sprintf("reduce the rows of -data (%d)", rows)}
}

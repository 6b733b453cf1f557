package main

import (
	"bufio"
	"fmt"
	"io"
	"strconv"

	"github.com/ann-go/ann/network/model"
	"github.com/ann-go/ann/trainer/dataset"
)

func runPredict(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("predict", "-model FILE.npz -data FILE.csv [-proba]", stdout)
	modelPath := fs.String("model", "", "the model `file`: model.npz from ann train, or numpy.savez(Theta1=..., ...)")
	dataPath := fs.String("data", "", "the inputs, a CSV `file` (.csv or .csv.gz), with or without a label column")
	proba := fs.Bool("proba", false, "print each row's output units (class probabilities) instead of its class")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *modelPath == "" || *dataPath == "" {
		return usagef("both -model and -data are required")
	}
	model, err := model.ReadFile(*modelPath)
	if err != nil {
		return usagef("-model: %v", err)
	}
	n := model.Net.Sizes()[0]
	data, err := dataset.ReadCSVFeatures(*dataPath, n)
	if err != nil {
		return usagef("-data: %v", err)
	}
	w := bufio.NewWriter(stdout)
	var buf []byte
	if *proba {
		P, err := model.Probabilities(data.X)
		if err != nil {
			return usagef("-data: %v", err)
		}
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
	pred, err := model.Predict(data.X)
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
	if data.HasLabels {
		fmt.Fprintf(stderr, "accuracy %.4f on the %d rows of %s (their last column taken as labels)\n", accuracy(pred, data.Y), len(pred), *dataPath)
	}
	return nil
}

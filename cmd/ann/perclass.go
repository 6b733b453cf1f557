package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/ann-go/ann/svgplot"
	"github.com/ann-go/ann/trainer/metrics"
)

// registerPerClass registers -per-class, which prints the confusion matrix
// and each class's precision, recall and F1.
func registerPerClass(fs *flag.FlagSet) *bool {
	return fs.Bool("per-class", false, "print the confusion matrix and each class's precision, recall and F1 (scikit-learn's classification_report) of the rows scored")
}

// printPerClass prints c as aligned tables under a line naming the rows.
func printPerClass(w io.Writer, c *metrics.Confusion, rows string) {
	fmt.Fprintf(w, "\nper class, on %s (rows: true class, columns: predicted):\n", rows)
	c.Write(w, nil)
}

// perClassRecord is run.json's per-class results.
type perClassRecord struct {
	Rows      int            `json:"rows_scored"`
	Confusion [][]int        `json:"confusion"` // [true][predicted]
	Report    metrics.Report `json:"report"`
}

func newPerClassRecord(c *metrics.Confusion) *perClassRecord {
	r := &perClassRecord{Rows: c.Total(), Report: c.Report()}
	for i := range c.K {
		r.Confusion = append(r.Confusion, c.Counts[i*c.K:(i+1)*c.K])
	}
	return r
}

// confusionFigure draws c.
func confusionFigure(c *metrics.Confusion, opt svgplot.Options) func(io.Writer) error {
	return func(w io.Writer) error { return svgplot.Confusion(w, c.K, c.Counts, opt) }
}

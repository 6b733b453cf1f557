package main

import (
	"bufio"
	"context"
	"fmt"
	"io"

	"github.com/ann-go/ann/internal/safefile"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/trainer/dataset"
)

func runData(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("data", "[data flags] [-out FILE] [-q]", stdout)
	var df dataFlags
	df.register(fs)
	fs.Lookup("first").Usage = "write the first `K` rows only (0: all)"
	out := fs.String("out", "", "write the CSV to `FILE` instead of standard output (a device or FIFO is written in place)")
	fs.StringVar(out, "o", "", "the same as -out")
	quiet := fs.Bool("q", false, "do not list the file written")
	if err := parse(fs, args); err != nil {
		return err
	}
	ds, err := df.load()
	if err != nil {
		return err
	}
	rows, err := df.trainRows(ds.X.Rows)
	if err != nil {
		return err
	}
	write := func(w io.Writer) error { return writeCSV(w, ds, rows) }
	if *out == "" {
		bw := bufio.NewWriter(stdout)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	if err := ctx.Err(); err != nil {
		return &interruptedError{}
	}
	if err := safefile.Write(*out, write); err != nil {
		return usagef("-out: %v", err)
	}
	if !*quiet {
		fmt.Fprintf(stderr, "wrote %s\n", *out)
	}
	return nil
}

// writeCSV writes the first rows of a data set as dataset.WriteCSV does:
// the header x1,...,xn,label, then floats that round-trip.
func writeCSV(w io.Writer, ds *dataSet, rows int) error {
	X := &matrix.Dense{Rows: rows, Cols: ds.X.Cols, Data: ds.X.Data[:rows*ds.X.Cols]}
	return dataset.WriteCSV(w, X, ds.y[:rows], nil)
}

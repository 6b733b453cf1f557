package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strconv"

	"github.com/ann-go/ann/internal/safefile"
)

func runData(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("data", "[data flags] [-out FILE] [-q]", stdout)
	var df dataFlags
	df.register(fs)
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

// writeCSV writes the first rows of a data set as CSV with the header
// x1,...,xn,label; floats round-trip.
func writeCSV(w io.Writer, ds *dataSet, rows int) error {
	var buf []byte
	for j := 1; j <= ds.X.Cols; j++ {
		buf = append(buf, 'x')
		buf = strconv.AppendInt(buf, int64(j), 10)
		buf = append(buf, ',')
	}
	buf = append(buf, "label\n"...)
	for i := 0; i < rows; i++ {
		for _, v := range ds.X.Row(i) {
			buf = strconv.AppendFloat(buf, v, 'g', -1, 64)
			buf = append(buf, ',')
		}
		buf = strconv.AppendInt(buf, int64(ds.y[i]), 10)
		buf = append(buf, '\n')
		if len(buf) > 1<<16 {
			if _, err := w.Write(buf); err != nil {
				return err
			}
			buf = buf[:0]
		}
	}
	if _, err := w.Write(buf); err != nil {
		return fmt.Errorf("writing CSV: %w", err)
	}
	return nil
}

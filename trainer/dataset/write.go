package dataset

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"github.com/ann-go/ann/internal/finite"
	"github.com/ann-go/ann/matrix"
)

// WriteCSV writes the examples X (m x n, one per row) and their labels y to
// w as a data file that ReadCSV reads back exactly: a header line, then one
// line per example, its features and its label, as in
//
//	x1,x2,label
//	0.8674,0.4712,0
//
// The header is header when it is not nil (n+1 names, the label's last),
// x1,...,xn,label otherwise. Features are written with the fewest digits
// that read back as the same float64.
//
// It returns an error, and writes nothing, if a feature is NaN or infinite
// (a data file holds finite numbers), and otherwise the first error from w.
// It panics if y does not hold one label per row of X or header does not
// hold n+1 names.
func WriteCSV(w io.Writer, X *matrix.Dense, y []int, header []string) error {
	if len(y) != X.Rows {
		panic(fmt.Sprintf("dataset: WriteCSV: %d labels for %d rows", len(y), X.Rows))
	}
	if header == nil {
		for j := 1; j <= X.Cols; j++ {
			header = append(header, "x"+strconv.Itoa(j))
		}
		header = append(header, "label")
	}
	if len(header) != X.Cols+1 {
		panic(fmt.Sprintf("dataset: WriteCSV: %d header names for %d features and the label", len(header), X.Cols))
	}
	if i := finite.Index(X.Data); i >= 0 {
		return fmt.Errorf("dataset: row %d, column %d is %v: a data file holds finite numbers", i/X.Cols, i%X.Cols+1, X.Data[i])
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	record := make([]string, X.Cols+1)
	for i := range X.Rows {
		for j, v := range X.Row(i) {
			record[j] = strconv.FormatFloat(v, 'g', -1, 64)
		}
		record[X.Cols] = strconv.Itoa(y[i])
		if err := cw.Write(record); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

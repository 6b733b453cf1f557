package dataset

import (
	"bytes"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/ann-go/ann/matrix"
)

// What WriteCSV writes, the Reader reads back bit for bit, header included.
func TestWriteCSVRoundTrip(t *testing.T) {
	X := matrix.FromRows([][]float64{
		{0.1, -2.5e-300, math.MaxFloat64},
		{1.0 / 3, 5e-324, math.Copysign(0, -1)},
		{-1e17, 123456789.125, 7},
	})
	y := []int{2, 0, 1}
	for _, header := range [][]string{nil, {"petal, length", `say "hi"`, "width", "species"}} {
		var b bytes.Buffer
		if err := WriteCSV(&b, X, y, header); err != nil {
			t.Fatal(err)
		}
		d, err := NewReader(bytes.NewReader(b.Bytes()), "w.csv").Read()
		if err != nil {
			t.Fatalf("reading back %q: %v", b.String(), err)
		}
		if !slices.Equal(d.X.Data, X.Data) || !slices.Equal(d.Y, y) {
			t.Errorf("read back X %v y %v, want %v %v", d.X.Data, d.Y, X.Data, y)
		}
		want := header
		if want == nil {
			want = []string{"x1", "x2", "x3", "label"}
		}
		if !slices.Equal(d.Header, want) {
			t.Errorf("header read back %q, want %q", d.Header, want)
		}
	}
}

func TestWriteCSVNotFinite(t *testing.T) {
	for _, v := range []float64{math.NaN(), math.Inf(1)} {
		var b bytes.Buffer
		err := WriteCSV(&b, matrix.FromRows([][]float64{{1, 2}, {3, v}}), []int{0, 1}, nil)
		if err == nil || !strings.Contains(err.Error(), "row 1, column 2 is") || b.Len() != 0 {
			t.Errorf("WriteCSV with %v: err %v and %d bytes, want an error naming row 1, column 2 and nothing written", v, err, b.Len())
		}
	}
	fail := errors.New("disk full")
	if err := WriteCSV(failWriter{fail}, matrix.FromRows([][]float64{{1}}), []int{0}, nil); !errors.Is(err, fail) {
		t.Errorf("WriteCSV to a failing writer: %v, want %v", err, fail)
	}
}

type failWriter struct{ err error }

func (f failWriter) Write([]byte) (int, error) { return 0, f.err }

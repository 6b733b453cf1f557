package dataset

import (
	"bytes"
	"compress/gzip"
	"slices"
	"strings"
	"testing"

	"github.com/ann-go/ann/internal/finite"
)

// checkData fails t unless d is a well-formed result: consistent shapes,
// finite features, labels in 0..K-1 and, for a training file, every class
// 0..K-1 present with K >= 2.
func checkData(t *testing.T, d *Data, training bool) {
	t.Helper()
	if d.X == nil || d.X.Rows < 1 || d.X.Cols < 1 || len(d.X.Data) != d.X.Rows*d.X.Cols {
		t.Fatalf("bad X: %+v", d.X)
	}
	for _, v := range d.X.Data {
		if !finite.Is(v) {
			t.Fatalf("X holds %v", v)
		}
	}
	if !d.HasLabels {
		if training || d.Y != nil || d.K != 0 {
			t.Fatalf("no labels, but Y = %v, K = %d (training %v)", d.Y, d.K, training)
		}
		return
	}
	if len(d.Y) != d.X.Rows {
		t.Fatalf("%d labels for %d rows", len(d.Y), d.X.Rows)
	}
	seen := make([]bool, d.K)
	for _, k := range d.Y {
		if k < 0 || k >= d.K {
			t.Fatalf("label %d is outside 0..%d", k, d.K-1)
		}
		seen[k] = true
	}
	if !seen[d.K-1] {
		t.Fatalf("K = %d, but no label is %d", d.K, d.K-1)
	}
	if training {
		if d.K < 2 || slices.Contains(seen, false) {
			t.Fatalf("K = %d, labels present %v", d.K, seen)
		}
	}
}

func FuzzParseCSV(f *testing.F) {
	for _, s := range []string{
		"1,2,0\n3,4,1\n",
		"x1,x2,label\r\n1,2,0\r\n3,4,1\r\n\r\n",
		"150,4,setosa,versicolor,virginica\n5.1,3.5,1.4,0.2,0\n4.9,3.0,1.4,0.2,1\n6.3,3.3,6.0,2.5,2\n",
		"\xEF\xBB\xBF\"a\",\"b,c\"\n 1 , \"2\" \n-1e3,0\n",
		"1,,0\n",
		"1,2,2.5\n",
		"1,0\n2,2\n",
		"1,nan,0\n2,inf,1\n",
		"1,1e999,0\n",
		"1,\"2,0\n",
		"\n\n\n",
		"0x1p-3,1_0,+Inf,-0\n",
	} {
		f.Add([]byte(s))
	}
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte("1,2,0\n3,4,1\n"))
	w.Close()
	f.Add(b.Bytes())

	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := parseCSV(bytes.NewReader(data), "f.csv")
		if err != nil {
			if d != nil || !strings.HasPrefix(err.Error(), "dataset: f.csv") {
				t.Fatalf("Read = %v, %v: want nil and an error naming f.csv", d, err)
			}
		} else {
			checkData(t, d, true)
			// The same file read for prediction: with its labels, and as
			// one more feature column without them.
			p, err := parseCSVFeatures(bytes.NewReader(data), "f.csv", d.X.Cols)
			if err != nil || !p.HasLabels || !slices.Equal(p.X.Data, d.X.Data) || !slices.Equal(p.Y, d.Y) || p.K != d.K {
				t.Fatalf("ReadFeatures(%d) = %+v, %v; Read gave %+v", d.X.Cols, p, err, d)
			}
			p, err = parseCSVFeatures(bytes.NewReader(data), "f.csv", d.X.Cols+1)
			if err != nil || p.HasLabels || p.X.Cols != d.X.Cols+1 || p.X.Rows != d.X.Rows {
				t.Fatalf("ReadFeatures(%d) = %+v, %v; Read gave %+v", d.X.Cols+1, p, err, d)
			}
			for i, k := range d.Y {
				if p.X.At(i, d.X.Cols) != float64(k) {
					t.Fatalf("row %d: label %d read as the feature %v", i, k, p.X.At(i, d.X.Cols))
				}
			}
		}
		for n := 1; n <= 3; n++ {
			p, err := parseCSVFeatures(bytes.NewReader(data), "f.csv", n)
			if err != nil {
				if p != nil || !strings.HasPrefix(err.Error(), "dataset: f.csv") {
					t.Fatalf("ReadFeatures(%d) = %v, %v: want nil and an error naming f.csv", n, p, err)
				}
				continue
			}
			checkData(t, p, false)
			if p.X.Cols != n {
				t.Fatalf("parseCSVFeatures(%d) gives %d columns", n, p.X.Cols)
			}
		}
	})
}

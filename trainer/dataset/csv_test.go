package dataset

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ann-go/ann/internal/reference"

	// -update, so that go test ./... -update runs here too (no golden files here).
	_ "github.com/ann-go/ann/internal/golden"
)

// classCounts returns how many rows have each label 0..K-1.
func classCounts(d *Data) []int {
	c := make([]int, d.K)
	for _, k := range d.Y {
		c[k]++
	}
	return c
}

// The facts checked below were printed by numpy.loadtxt on the same files
// (bincount of the last column, a few values).
func TestReadIris(t *testing.T) {
	d, err := ReadCSV(filepath.Join(reference.Dir(), "iris.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if d.X.Rows != 150 || d.X.Cols != 4 || len(d.Y) != 150 || d.K != 3 || !d.HasLabels {
		t.Fatalf("iris: %dx%d, %d labels, K = %d, HasLabels %v; want 150x4, 150, 3, true",
			d.X.Rows, d.X.Cols, len(d.Y), d.K, d.HasLabels)
	}
	if want := []string{"150", "4", "setosa", "versicolor", "virginica"}; !slices.Equal(d.Header, want) {
		t.Errorf("iris header = %q, want %q", d.Header, want)
	}
	if got := classCounts(d); !slices.Equal(got, []int{50, 50, 50}) {
		t.Errorf("iris class counts = %v, want [50 50 50]", got)
	}
	if got := d.X.Row(0); !slices.Equal(got, []float64{5.1, 3.5, 1.4, 0.2}) || d.Y[0] != 0 {
		t.Errorf("iris row 0 = %v, label %d; want [5.1 3.5 1.4 0.2], 0", got, d.Y[0])
	}
	if got := d.X.Row(149); !slices.Equal(got, []float64{5.9, 3.0, 5.1, 1.8}) || d.Y[149] != 2 {
		t.Errorf("iris row 149 = %v, label %d; want [5.9 3 5.1 1.8], 2", got, d.Y[149])
	}
}

func TestReadDigits(t *testing.T) {
	d, err := ReadCSV(filepath.Join(reference.Dir(), "digits.csv.gz"))
	if err != nil {
		t.Fatal(err)
	}
	if d.X.Rows != 1797 || d.X.Cols != 64 || len(d.Y) != 1797 || d.K != 10 || d.Header != nil {
		t.Fatalf("digits: %dx%d, %d labels, K = %d, header %q; want 1797x64, 1797, 10, none",
			d.X.Rows, d.X.Cols, len(d.Y), d.K, d.Header)
	}
	want := []int{178, 182, 177, 183, 181, 182, 181, 179, 174, 180}
	if got := classCounts(d); !slices.Equal(got, want) {
		t.Errorf("digits class counts = %v, want %v", got, want)
	}
	if got := d.X.Row(0)[:12]; !slices.Equal(got, []float64{0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15}) {
		t.Errorf("digits row 0 starts %v", got)
	}
	if got := d.X.Row(100)[30:34]; !slices.Equal(got, []float64{4, 0, 0, 4}) {
		t.Errorf("digits row 100, columns 30-33 = %v, want [4 0 0 4]", got)
	}
	if got := d.X.Row(1796)[60:]; !slices.Equal(got, []float64{14, 12, 1, 0}) || d.Y[1796] != 8 {
		t.Errorf("digits row 1796 ends %v, label %d; want [14 12 1 0], 8", got, d.Y[1796])
	}
	var sum float64
	for _, v := range d.X.Data {
		sum += v
	}
	if sum != 561718 {
		t.Errorf("digits: the pixel counts sum to %v, want 561718", sum)
	}
}

func parseCSV(r io.Reader, name string) (*Data, error) {
	return NewReader(r, name).Read()
}

func parseCSVFeatures(r io.Reader, name string, nFeatures int) (*Data, error) {
	return NewReader(r, name).ReadFeatures(nFeatures)
}

func gz(t *testing.T, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	if _, err := w.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestRead(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		header   []string
		X        []float64
		cols     int
		y        []int
	}{
		{"plain", "1,2,0\n3,4,1\n", nil, []float64{1, 2, 3, 4}, 2, []int{0, 1}},
		{"no final newline", "1,2,0\n3,4,1", nil, []float64{1, 2, 3, 4}, 2, []int{0, 1}},
		{"CRLF", "x1,x2,label\r\n1,2,0\r\n3,4,1\r\n", []string{"x1", "x2", "label"}, []float64{1, 2, 3, 4}, 2, []int{0, 1}},
		{"blank lines", "\n1,2,0\n\n3,4,1\n\n  \n\r\n", nil, []float64{1, 2, 3, 4}, 2, []int{0, 1}},
		{"byte order mark", "\xEF\xBB\xBFa,b\n1.5,1\n-2e3,0\n", []string{"a", "b"}, []float64{1.5, -2000}, 1, []int{1, 0}},
		{"spaces, quotes", ` "x, 1", "say ""hi""",y` + "\n" + ` 1 ,"2", 1.0` + "\n-1,-2,0\n",
			[]string{"x, 1", `say "hi"`, "y"}, []float64{1, 2, -1, -2}, 2, []int{1, 0}},
		{"numeric header is data", "1,2,1\n0,0,0\n", nil, []float64{1, 2, 0, 0}, 2, []int{1, 0}},
		{"header with empty names", ",x,\n1,2,1\n0,0,0\n", []string{"", "x", ""}, []float64{1, 2, 0, 0}, 2, []int{1, 0}},
		{"iris-like header", "3,1,a,b,c\n0.5,2\n1.5,1\n2.5,0\n", []string{"3", "1", "a", "b", "c"}, []float64{0.5, 1.5, 2.5}, 1, []int{2, 1, 0}},
		{"subnormal", "1e-320,0\n1e-400,1\n", nil, []float64{1e-320, 0}, 1, []int{0, 1}},
		{"label -0", "1,-0\n2,1\n", nil, []float64{1, 2}, 1, []int{0, 1}},
	} {
		for _, compressed := range []bool{false, true} {
			in := []byte(tt.in)
			if compressed {
				in = gz(t, tt.in)
			}
			d, err := parseCSV(bytes.NewReader(in), "t.csv")
			if err != nil {
				t.Errorf("%s (gzip %v): %v", tt.name, compressed, err)
				continue
			}
			if !slices.Equal(d.Header, tt.header) || (d.Header == nil) != (tt.header == nil) {
				t.Errorf("%s: header %q, want %q", tt.name, d.Header, tt.header)
			}
			if !slices.Equal(d.X.Data, tt.X) || d.X.Cols != tt.cols || d.X.Rows != len(tt.y) {
				t.Errorf("%s: X = %v (%dx%d), want %v with %d columns", tt.name, d.X.Data, d.X.Rows, d.X.Cols, tt.X, tt.cols)
			}
			if !slices.Equal(d.Y, tt.y) || !d.HasLabels || d.K != slices.Max(tt.y)+1 {
				t.Errorf("%s: y = %v, K = %d, HasLabels %v; want %v", tt.name, d.Y, d.K, d.HasLabels, tt.y)
			}
		}
	}
}

func TestBadFiles(t *testing.T) {
	long := strings.Repeat("1,", DefaultMaxLineBytes/2) + "0\n"
	for _, tt := range []struct{ in, want string }{
		{"", "d.csv: no data rows"},
		{"\n\n \n", "d.csv: no data rows"},
		{"a,b,label\n", "d.csv: no data rows"},
		{"1,2,0\n3,4,1\n5,6\n", "d.csv:3: line 3 has 2 fields, want 3 (as line 1)"},
		{"h1,h2,h3\n1,2,0\n3,4,1\n5,6,1,7\n", "d.csv:4: line 4 has 4 fields, want 3 (as line 2)"},
		{"1\n0\n", "d.csv:1: line 1 has 1 field, want at least 2 (the features, then the label)"},
		{"x,y\n1,2,0\n3,4,1\n1,abc,0\n", `d.csv:4:2: "abc" is not a number`},
		{"1,2,0\n3,,1\n", "d.csv:2:2: empty field, want a number"},
		{"1,,0\n3,4,1\n", "d.csv:1:2: empty field, want a number"},
		{"1,2,0\nNaN,4,1\n", "d.csv:2:1: NaN is not allowed"},
		{"1,2,0\n3,-inf,1\n", "d.csv:2:2: Inf is not allowed"},
		{"1,2,0\n3,1e999,1\n", "d.csv:2:2: 1e999 is out of range for a float64"},
		{"1,0\n" + strings.Repeat("x", 100) + ",1\n", `d.csv:2:1: "` + strings.Repeat("x", 40) + `"... is not a number`},
		{"1,0\n2,1.5" + strings.Repeat("0", 99) + "\n", "d.csv:2:2: label 1.5" + strings.Repeat("0", 37) + "... is not an integer class 0..K-1"},
		{"1,2,0\n3,4,2.5\n", "d.csv:2:3: label 2.5 is not an integer class 0..K-1"},
		{"1,2,0\n3,4,-1\n", "d.csv:2:3: label -1 is not an integer class 0..K-1"},
		{"1,2,0\n3,4,1e7\n", "d.csv:2:3: label 1e7 is too large: class labels must be below 1000000"},
		{"1,2,0\n3,4,one\n", `d.csv:2:3: label: "one" is not a number`},
		{"1,2,0\n3,4,nan\n", "d.csv:2:3: label: NaN is not allowed"},
		{"1,2,0\n3,4,\n", "d.csv:2:3: empty label field, want a class 0..K-1"},
		{"1,0\n2,0\n3,0\n", "d.csv: all 3 rows have label 0: need at least two classes"},
		{"1,2\n2,2\n", "d.csv: all 2 rows have label 2: need at least two classes"},
		{"1,0\n2,2\n", "d.csv: labels 0 and 2 are present but 1 is missing: labels must be 0..K-1"},
		{"1,0\n2,1\n3,5\n4,3\n", "d.csv: labels 1 and 3 are present but 2 is missing: labels must be 0..K-1"},
		{"1,1\n2,2\n", "d.csv: label 0 is missing (the smallest is 1): labels must be 0..K-1"},
		{`1,"2,0` + "\n", "d.csv:1:2: quoted field has no closing quote (a field cannot span lines)"},
		{`"a"b,c` + "\n", "d.csv:1:1: text after a quoted field's closing quote"},
		{`"a" ,c` + "\n", "d.csv:1:1: text after a quoted field's closing quote"},
		{"1,2,0\n" + `3,4"5,1` + "\n6,7,1\n", `d.csv:2:2: a quote inside a field that does not begin with one (write "a ""b""" for a "b")`},
		{"1,2,0\n" + `3,"4` + "\n" + `5",1` + "\n", "d.csv:2:2: quoted field has no closing quote (a field cannot span lines)"},
		{"1,2,0\n" + `3,4,"1`, "d.csv:2:3: quoted field has no closing quote (a field cannot span lines)"},
		{"1,2,0\n" + long, "d.csv:2: line longer than 1048576 bytes"},
		{"1,0\n" + strings.Repeat("x", DefaultMaxLineBytes+1) + "\n", "d.csv:2: line longer than 1048576 bytes"},
		{"1,0\n" + strings.Repeat("x", DefaultMaxLineBytes+1), "d.csv:2: line longer than 1048576 bytes"},
	} {
		_, err := parseCSV(strings.NewReader(tt.in), "d.csv")
		if err == nil || err.Error() != "dataset: "+tt.want {
			in := tt.in
			if len(in) > 40 {
				in = in[:40] + "..."
			}
			t.Errorf("parseCSV(%q) error = %v, want %s", in, err, tt.want)
		}
	}
}

func TestLimits(t *testing.T) {
	read := func(in []byte, maxValues int, maxBytes int64) error {
		r := NewReader(bytes.NewReader(in), "d.csv")
		r.MaxValues, r.MaxBytes = maxValues, maxBytes
		_, err := r.Read()
		return err
	}
	if err := read([]byte("1,2,0\n3,4,1\n"), 6, 0); err != nil {
		t.Errorf("6 numbers with a cap of 6: %v", err)
	}
	err := read([]byte("1,2,0\n3,4,1\n5,6,1\n"), 6, 0)
	if want := "dataset: d.csv:3: more than 6 numbers: the data set is too large"; err == nil || err.Error() != want {
		t.Errorf("9 numbers with a cap of 6: error = %v, want %s", err, want)
	}
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("the value cap's error %v is not ErrTooLarge", err)
	}
	if err := read([]byte("1,2,0\n3,4,1\n"), 0, 12); err != nil {
		t.Errorf("12 bytes with a cap of 12: %v", err)
	}
	err = read(gz(t, "1,2,0\n3,4,1\n5,6,1\n"), 0, 12)
	if want := "dataset: d.csv:3: more than 12 bytes of text: the data set is too large"; err == nil || err.Error() != want {
		t.Errorf("18 bytes with a cap of 12: error = %v, want %s", err, want)
	}
	// The cap falls inside line 3: its start must not be parsed as a row.
	err = read([]byte("1,2,0\n3,4,1\n5,6,1\n"), 0, 14)
	if want := "dataset: d.csv:3: more than 14 bytes of text: the data set is too large"; err == nil || err.Error() != want {
		t.Errorf("18 bytes with a cap of 14: error = %v, want %s", err, want)
	}
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("the byte cap's error %v is not ErrTooLarge", err)
	}
	r := NewReader(strings.NewReader("1,22,0\r\n3,4,1\n"), "d.csv")
	r.MaxLineBytes = 6 // the \r\n does not count
	if _, err := r.Read(); err != nil {
		t.Errorf("a line of 6 bytes and CRLF with a cap of 6: %v", err)
	}
	r = NewReader(strings.NewReader("1,2,0\n3,4,1.0\r\n"), "d.csv")
	r.MaxLineBytes = 6
	_, err = r.Read()
	if want := "dataset: d.csv:2: line longer than 6 bytes"; err == nil || err.Error() != want || !errors.Is(err, ErrTooLarge) {
		t.Errorf("a line of 7 bytes with a cap of 6: error = %v, want %s (ErrTooLarge)", err, want)
	}
}

// TestLongLines reads lines longer than the Reader's first buffer (64 KiB).
func TestLongLines(t *testing.T) {
	in := strings.Repeat("1.5,", 40000) + "0\n" + strings.Repeat("2,", 40000) + "1\r\n"
	d, err := parseCSV(strings.NewReader(in), "long.csv")
	if err != nil {
		t.Fatal(err)
	}
	if d.X.Rows != 2 || d.X.Cols != 40000 || d.X.At(0, 39999) != 1.5 || d.X.At(1, 0) != 2 || !slices.Equal(d.Y, []int{0, 1}) {
		t.Errorf("read %dx%d, y %v; want 2x40000, [0 1]", d.X.Rows, d.X.Cols, d.Y)
	}
}

func TestParseError(t *testing.T) {
	_, err := parseCSV(strings.NewReader("1,2,0\n3,x,1\n"), "e.csv")
	var pe *ParseError
	if !errors.As(err, &pe) || pe.File != "e.csv" || pe.Line != 2 || pe.Column != 2 || pe.Err.Error() != `"x" is not a number` {
		t.Fatalf("error = %#v, want a *ParseError at e.csv:2:2", err)
	}
	_, err = ReadCSV(filepath.Join(t.TempDir(), "none.csv"))
	if !errors.Is(err, os.ErrNotExist) || !strings.HasPrefix(err.Error(), "dataset: open ") {
		t.Errorf("ReadCSV of a missing file: error = %v, want dataset: open ...: os.ErrNotExist", err)
	}
	for _, in := range []string{"", "1,0\n2,0\n", "1,2,0\n3,4\n", `1,"2` + "\n3,4\n", "1,\"a\"b\n", "1,a\"b\n"} {
		_, err := parseCSV(strings.NewReader(in), "e.csv")
		if !errors.As(err, &pe) || pe.File != "e.csv" {
			t.Errorf("parseCSV(%q): error = %#v, want a *ParseError", in, err)
		}
	}
}

// failReader returns its text, then an error.
type failReader struct{ text string }

func (f *failReader) Read(p []byte) (int, error) {
	if f.text == "" {
		return 0, errors.New("disk on fire")
	}
	n := copy(p, f.text)
	f.text = f.text[n:]
	return n, nil
}

func TestReadError(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"1,2,0\n3,4", "d.csv:2: disk on fire"}, // the unfinished line is not parsed
		{"1,2,0\n3,4,1\n", "d.csv:3: disk on fire"},
	} {
		_, err := parseCSV(&failReader{tt.in}, "d.csv")
		if err == nil || err.Error() != "dataset: "+tt.want {
			t.Errorf("parseCSV(%q, then an error) error = %v, want %s", tt.in, err, tt.want)
		}
	}
}

func TestBadGzip(t *testing.T) {
	z := gz(t, strings.Repeat("1,2,0\n3,4,1\n", 1000))
	_, err := parseCSV(bytes.NewReader(z[:len(z)/2]), "t.csv.gz")
	if err == nil || !strings.HasPrefix(err.Error(), "dataset: t.csv.gz:") || !strings.Contains(err.Error(), "unexpected end of compressed data") {
		t.Errorf("truncated gzip: error = %v, want t.csv.gz:LINE: unexpected end of compressed data ...", err)
	}
	z = gz(t, "1,2,0\n3,4,1\n")
	z[len(z)-8] ^= 0xff // break the CRC-32
	_, err = parseCSV(bytes.NewReader(z), "t.csv.gz")
	if err == nil || !strings.Contains(err.Error(), "checksum") {
		t.Errorf("corrupt gzip: error = %v, want a checksum error", err)
	}
	_, err = parseCSV(bytes.NewReader([]byte{0x1f, 0x8b, 8}), "t.csv.gz")
	if want := "dataset: t.csv.gz: unexpected end of compressed data (a truncated .gz file?)"; err == nil || err.Error() != want {
		t.Errorf("a truncated gzip header: error = %v, want %s", err, want)
	}
	_, err = parseCSV(bytes.NewReader([]byte{0x1f, 0x8b, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0}), "t.csv.gz")
	if want := "dataset: t.csv.gz: gzip: invalid header"; err == nil || err.Error() != want {
		t.Errorf("a bad gzip header: error = %v, want %s", err, want)
	}
	// A deflate block of the reserved type 3.
	_, err = parseCSV(bytes.NewReader([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff, 0x07, 0, 0, 0}), "t.csv.gz")
	if want := "dataset: t.csv.gz:1: corrupt compressed data: flate: corrupt input before offset 1"; err == nil || err.Error() != want {
		t.Errorf("corrupt deflate data: error = %v, want %s", err, want)
	}
}

func TestReadFeatures(t *testing.T) {
	for _, tt := range []struct {
		in        string
		nFeatures int
		X         []float64
		y         []int
		K         int
	}{
		{"1,2\n3,4\n", 2, []float64{1, 2, 3, 4}, nil, 0},
		{"x1,x2\n1,2\n", 2, []float64{1, 2}, nil, 0},
		{"1,2,0\n3,4,0\n", 2, []float64{1, 2, 3, 4}, []int{0, 0}, 1}, // one class is fine
		{"1,2,3\n3,4,7\n", 2, []float64{1, 2, 3, 4}, []int{3, 7}, 8}, // so are gaps
		{"1,2,3\n3,4,7\n", 3, []float64{1, 2, 3, 3, 4, 7}, nil, 0},   // three features, no labels
		{"5\n6\n", 1, []float64{5, 6}, nil, 0},
	} {
		d, err := parseCSVFeatures(strings.NewReader(tt.in), "p.csv", tt.nFeatures)
		if err != nil {
			t.Errorf("parseCSVFeatures(%q, %d): %v", tt.in, tt.nFeatures, err)
			continue
		}
		if !slices.Equal(d.X.Data, tt.X) || d.X.Cols != tt.nFeatures || !slices.Equal(d.Y, tt.y) ||
			d.HasLabels != (tt.y != nil) || d.K != tt.K {
			t.Errorf("parseCSVFeatures(%q, %d) = X %v (%d columns), y %v, K %d, HasLabels %v; want %v, %v, %d",
				tt.in, tt.nFeatures, d.X.Data, d.X.Cols, d.Y, d.K, d.HasLabels, tt.X, tt.y, tt.K)
		}
	}
	for _, tt := range []struct {
		in        string
		nFeatures int
		want      string
	}{
		{"1,2,3,4\n", 2, "p.csv:1: line 1 has 4 fields, want 2 (the features) or 3 (the features and a label)"},
		{"a,b\n1\n", 2, "p.csv:2: line 2 has 1 field, want 2 (the features) or 3 (the features and a label)"},
		{"1,2\n1,2,0\n", 2, "p.csv:2: line 2 has 3 fields, want 2 (as line 1)"},
		{"1,2,0.5\n", 2, "p.csv:1:3: label 0.5 is not an integer class 0..K-1"},
		{"a,b\n1,x\n", 2, `p.csv:2:2: "x" is not a number`},
		{"1,x,1\n", 2, "p.csv: no data rows"}, // a header
		{"1,2,3\n", 1, "p.csv:1: line 1 has 3 fields, want 1 (the features) or 2 (the features and a label)"},
	} {
		_, err := parseCSVFeatures(strings.NewReader(tt.in), "p.csv", tt.nFeatures)
		if err == nil || err.Error() != "dataset: "+tt.want {
			t.Errorf("parseCSVFeatures(%q, %d) error = %v, want %s", tt.in, tt.nFeatures, err, tt.want)
		}
	}
}

func TestReadCSVErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := ReadCSV(filepath.Join(dir, "none.csv")); err == nil || !strings.Contains(err.Error(), "none.csv") {
		t.Errorf("ReadCSV of a missing file: error = %v, want one naming none.csv", err)
	}
	path := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(path, []byte("1,2,0\n3,x,1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadCSV(path); err == nil || err.Error() != "dataset: "+path+`:2:2: "x" is not a number` {
		t.Errorf("ReadCSV(bad.csv) error = %v, want dataset: %s:2:2: \"x\" is not a number", err, path)
	}
	if _, err := ReadCSVFeatures(path, 2); err == nil || err.Error() != "dataset: "+path+`:2:2: "x" is not a number` {
		t.Errorf("ReadCSVFeatures(bad.csv) error = %v, want dataset: %s:2:2: \"x\" is not a number", err, path)
	}
	d, err := ReadCSVFeatures(filepath.Join(reference.Dir(), "iris.csv"), 4)
	if err != nil || d.X.Rows != 150 || !d.HasLabels || d.K != 3 {
		t.Errorf("ReadCSVFeatures(iris.csv, 4) = %v, %v; want 150 labeled rows, K 3", d, err)
	}
}

func TestReadFeaturesPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("ReadFeatures with nFeatures 0 did not panic")
		}
	}()
	parseCSVFeatures(strings.NewReader("1\n"), "p.csv", 0)
}

// TestFields checks how lines are cut into fields: spaces around a field
// and a \r before the \n are dropped, and quoted fields may hold commas and
// doubled quotes.
func TestFields(t *testing.T) {
	for _, tt := range []struct {
		in     string
		header []string
		X      []float64
	}{
		{",x\n1,2\n", []string{"", "x"}, []float64{1, 2}},
		{" a , b \n1,2\n", []string{"a", "b"}, []float64{1, 2}},
		{`"a,b","c""d",""` + "\n1,2,3\n", []string{"a,b", `c"d`, ""}, []float64{1, 2, 3}},
		{"\t1\t,\t2\r", nil, []float64{1, 2}},
		{"\t1\t,\t2\r\n3,4\r\n", nil, []float64{1, 2, 3, 4}},
		{`"1", "2"` + "\n", nil, []float64{1, 2}},
	} {
		n := len(tt.X)
		if tt.header != nil {
			n = len(tt.header)
		} else if strings.Count(tt.in, "\n") > 1 {
			n /= 2
		}
		d, err := parseCSVFeatures(strings.NewReader(tt.in), "f.csv", n)
		if err != nil {
			t.Errorf("%q: %v", tt.in, err)
			continue
		}
		if !slices.Equal(d.Header, tt.header) || !slices.Equal(d.X.Data, tt.X) {
			t.Errorf("%q: header %q, X %v; want %q, %v", tt.in, d.Header, d.X.Data, tt.header, tt.X)
		}
	}
}

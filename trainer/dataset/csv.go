package dataset

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/ann-go/ann/matrix"
)

// Data is a data set read from a CSV file.
type Data struct {
	// X holds one example per row: m x n, the n features of each.
	X *matrix.Dense
	// Y holds the m class labels, each in 0..K-1; nil when HasLabels is false.
	Y []int
	// K is the number of classes: one more than the largest label (0 when
	// there are no labels).
	K int
	// Header is the first line's fields when it was a header, else nil.
	Header []string
	// HasLabels reports whether the file had a label column. It is always
	// true for ParseCSV and ReadCSV.
	HasLabels bool
}

// The limits on what a data file may hold (see the package comment). They are
// variables only so that tests can lower them.
var (
	maxLineBytes       = 1 << 20
	maxBytes     int64 = 2 << 30
	maxValues          = 1 << 27
)

// maxLabel is the largest class label a file may hold.
const maxLabel = 999999

// ReadCSV reads the data file at path; see ParseCSV. Errors name the file by
// path.
func ReadCSV(path string) (*Data, error) {
	return readFile(path, -1)
}

// ReadCSVFeatures reads the file at path for prediction; see ParseCSVFeatures.
func ReadCSVFeatures(path string, nFeatures int) (*Data, error) {
	checkFeatures("ReadCSVFeatures", nFeatures)
	return readFile(path, nFeatures)
}

func readFile(path string, nFeatures int) (*Data, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err // *PathError: "open PATH: no such file or directory"
	}
	defer f.Close()
	return parse(f, path, nFeatures)
}

// ParseCSV reads a labeled data set (see the package comment for the format)
// from r; name is what errors call it, usually the file's name. Every row
// must have the same number of fields, at least two; the last is the class
// label, an integer 0..K-1 written as an integer or as a float with no
// fraction (1 or 1.0), and every class from 0 to K-1 must occur, K >= 2.
// Features must be finite numbers (no NaN, no Inf).
func ParseCSV(r io.Reader, name string) (*Data, error) {
	return parse(r, name, -1)
}

// ParseCSVFeatures reads inputs to predict, which may or may not have the
// label column, for a network that takes nFeatures inputs. Rows of nFeatures
// fields are features only (HasLabels false, Y nil); rows of nFeatures+1
// fields end with a label (HasLabels true), which must be a non-negative
// integer, but need not be one of the training classes, and K is one more
// than the largest. All rows must have the same number of fields. It panics
// if nFeatures < 1.
func ParseCSVFeatures(r io.Reader, name string, nFeatures int) (*Data, error) {
	checkFeatures("ParseCSVFeatures", nFeatures)
	return parse(r, name, nFeatures)
}

func checkFeatures(fn string, nFeatures int) {
	if nFeatures < 1 {
		panic(fmt.Sprintf("dataset: %s: nFeatures = %d, want at least 1", fn, nFeatures))
	}
}

// parse reads a data file. nFeatures < 0 means a training file (labels
// required, 0..K-1 all present); otherwise it is ParseCSVFeatures's count.
func parse(r io.Reader, name string, nFeatures int) (*Data, error) {
	in, compressed, err := decompress(r)
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, fmt.Errorf("%s: unexpected end of compressed data (a truncated .gz file?)", name)
		}
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	lim := &limitReader{r: in, n: maxBytes + 1} // fail on the byte past the limit
	sc := bufio.NewScanner(lim)
	sc.Buffer(make([]byte, 64<<10), maxLineBytes+2) // +2: the line's \r\n
	sc.Split(func(data []byte, atEOF bool) (int, []byte, error) {
		// After a read error (a truncated .gz file, the size limit), the
		// Scanner would hand over the unfinished last line as if it were
		// whole: report the error instead.
		if atEOF && lim.err != nil && lim.err != io.EOF && bytes.IndexByte(data, '\n') < 0 {
			return 0, nil, lim.err
		}
		return bufio.ScanLines(data, atEOF)
	})

	var (
		d        = &Data{}
		line     int // the current line, 1-based
		first    int // the first data line, which sets the number of fields
		nFields  int
		nX       int // the number of features
		values   []float64
		labels   []int
		labelMax = -1
	)
	for sc.Scan() {
		line++
		text := sc.Bytes()
		if line == 1 {
			text = bytes.TrimPrefix(text, []byte("\xEF\xBB\xBF")) // a UTF-8 byte order mark
		}
		if len(text) > maxLineBytes {
			return nil, fmt.Errorf("%s:%d: line longer than %d bytes", name, line, maxLineBytes)
		}
		if len(bytes.TrimSpace(text)) == 0 {
			continue // blank lines, including trailing ones, are skipped
		}
		fields, col, msg := split(string(text))
		if msg != "" {
			return nil, fmt.Errorf("%s:%d:%d: %s", name, line, col, msg)
		}
		if first == 0 && d.Header == nil && isHeader(fields) {
			d.Header = fields
			continue
		}
		if first == 0 {
			first, nFields = line, len(fields)
			if want := checkWidth(nFields, nFeatures); want != "" {
				return nil, fmt.Errorf("%s:%d: line %d has %d field%s, want %s", name, line, line, nFields, plural(nFields), want)
			}
			d.HasLabels = nFeatures < 0 || nFields == nFeatures+1
			nX = nFields
			if d.HasLabels {
				nX--
			}
		} else if len(fields) != nFields {
			return nil, fmt.Errorf("%s:%d: line %d has %d field%s, want %d (as line %d)", name, line, line, len(fields), plural(len(fields)), nFields, first)
		}
		if len(values)+nFields > maxValues {
			return nil, fmt.Errorf("%s:%d: more than %d numbers: the data set is too large", name, line, maxValues)
		}
		for j, s := range fields[:nX] {
			v, msg := number(s)
			if msg != "" {
				return nil, fmt.Errorf("%s:%d:%d: %s", name, line, j+1, msg)
			}
			values = append(values, v)
		}
		if d.HasLabels {
			k, msg := label(fields[nX])
			if msg != "" {
				return nil, fmt.Errorf("%s:%d:%d: %s", name, line, nFields, msg)
			}
			labels = append(labels, k)
			labelMax = max(labelMax, k)
		}
	}
	if err := sc.Err(); err != nil {
		line++ // the line being read
		switch {
		case errors.Is(err, bufio.ErrTooLong):
			return nil, fmt.Errorf("%s:%d: line longer than %d bytes", name, line, maxLineBytes)
		case errors.Is(err, errTooBig):
			return nil, fmt.Errorf("%s:%d: more than %d bytes of text: the data set is too large", name, line, maxBytes)
		case errors.Is(err, io.ErrUnexpectedEOF):
			return nil, fmt.Errorf("%s:%d: unexpected end of compressed data (a truncated .gz file?)", name, line)
		case compressed && !strings.HasPrefix(err.Error(), "gzip:"):
			return nil, fmt.Errorf("%s:%d: corrupt compressed data: %v", name, line, err)
		}
		return nil, fmt.Errorf("%s:%d: %v", name, line, err)
	}
	if first == 0 {
		return nil, fmt.Errorf("%s: no data rows", name)
	}
	d.X = &matrix.Dense{Rows: len(values) / nX, Cols: nX, Data: values}
	if d.HasLabels {
		d.Y = labels
		d.K = labelMax + 1
		if nFeatures < 0 {
			if msg := checkClasses(labels); msg != "" {
				return nil, fmt.Errorf("%s: %s", name, msg)
			}
		}
	}
	return d, nil
}

// checkWidth returns what the first data row's field count should have been,
// or "" if n is right.
func checkWidth(n, nFeatures int) string {
	switch {
	case nFeatures < 0 && n < 2:
		return "at least 2 (the features, then the label)"
	case nFeatures >= 0 && n != nFeatures && n != nFeatures+1:
		return fmt.Sprintf("%d (the features) or %d (the features and a label)", nFeatures, nFeatures+1)
	}
	return ""
}

// checkClasses reports what is wrong with a training file's labels: they must
// be 0..K-1 with each present, and K >= 2.
func checkClasses(labels []int) string {
	seen := map[int]bool{}
	for _, k := range labels {
		seen[k] = true
	}
	if len(seen) == 1 {
		return fmt.Sprintf("all %d rows have label %d: need at least two classes", len(labels), labels[0])
	}
	present := make([]int, 0, len(seen))
	for k := range seen {
		present = append(present, k)
	}
	slices.Sort(present)
	for j, k := range present {
		if k == j {
			continue
		}
		// j is the smallest missing label; k, the next present, is above it.
		if j == 0 {
			return fmt.Sprintf("label 0 is missing (the smallest is %d): labels must be 0..K-1", k)
		}
		return fmt.Sprintf("labels %d and %d are present but %d is missing: labels must be 0..K-1", j-1, k, j)
	}
	return ""
}

// isHeader reports whether a first line is a header: some field is text that
// is not a number. (Empty fields do not count, so a data row with a missing
// value is reported as such rather than taken for a header.)
func isHeader(fields []string) bool {
	for _, s := range fields {
		if s == "" {
			continue
		}
		if _, err := strconv.ParseFloat(s, 64); err != nil && !errors.Is(err, strconv.ErrRange) {
			return true
		}
	}
	return false
}

// number parses a feature, or returns what is wrong with it.
func number(s string) (float64, string) {
	if s == "" {
		return 0, "empty field, want a number"
	}
	v, err := strconv.ParseFloat(s, 64)
	switch {
	case errors.Is(err, strconv.ErrRange) && math.IsInf(v, 0):
		return 0, fmt.Sprintf("%s is out of range for a float64", short(s))
	case err != nil && !errors.Is(err, strconv.ErrRange):
		return 0, fmt.Sprintf("%s is not a number", quote(s))
	case math.IsNaN(v):
		return 0, "NaN is not allowed"
	case math.IsInf(v, 0):
		return 0, "Inf is not allowed"
	}
	return v, "" // an underflow to 0 or a subnormal is fine
}

// label parses a class label: a non-negative integer, written as one or as a
// float with no fraction.
func label(s string) (int, string) {
	if s == "" {
		return 0, "empty label field, want a class 0..K-1"
	}
	v, msg := number(s)
	switch {
	case msg != "":
		return 0, "label: " + msg
	case v != math.Trunc(v) || v < 0:
		return 0, fmt.Sprintf("label %s is not an integer class 0..K-1", short(s))
	case v > maxLabel:
		return 0, fmt.Sprintf("label %s is too large: class labels must be below %d", short(s), maxLabel+1)
	}
	return int(v), ""
}

// split cuts a line at its commas. Each field is trimmed of spaces and tabs;
// a field that begins with a double quote ends at the next lone quote, and ""
// inside it stands for one quote. If the line is malformed, split returns
// the 1-based column at fault and a message.
func split(line string) (fields []string, col int, msg string) {
	for {
		col = len(fields) + 1
		line = strings.TrimLeft(line, " \t")
		var f string
		if strings.HasPrefix(line, `"`) {
			var b strings.Builder
			rest := line[1:]
			for {
				i := strings.IndexByte(rest, '"')
				if i < 0 {
					return nil, col, "quoted field has no closing quote (a field cannot span lines)"
				}
				b.WriteString(rest[:i])
				rest = rest[i+1:]
				if !strings.HasPrefix(rest, `"`) {
					break
				}
				b.WriteByte('"') // "" stands for "
				rest = rest[1:]
			}
			f = b.String()
			line = strings.TrimLeft(rest, " \t\r")
			if line != "" && line[0] != ',' {
				return nil, col, "text after a quoted field's closing quote"
			}
		} else {
			i := strings.IndexByte(line, ',')
			if i < 0 {
				i = len(line)
			}
			f = strings.TrimRight(line[:i], " \t\r")
			line = line[i:]
		}
		fields = append(fields, f)
		if line == "" {
			return fields, 0, ""
		}
		line = line[1:] // the comma
	}
}

// quote returns s in double quotes, escaped, and cut short if it is long, for
// error messages.
func quote(s string) string {
	if len(s) > 40 {
		return strconv.Quote(s[:40]) + "..."
	}
	return strconv.Quote(s)
}

// short returns the text of a number, cut short if it is long.
func short(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// decompress returns r, gunzipped if it begins with the gzip magic bytes,
// and whether it was.
func decompress(r io.Reader) (io.Reader, bool, error) {
	br := bufio.NewReader(r)
	magic, err := br.Peek(2)
	if err != nil && err != io.EOF {
		return nil, false, err
	}
	if len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		return zr, true, err
	}
	return br, false, nil
}

var errTooBig = errors.New("too much data")

// limitReader reads from r until it has read n bytes, then fails with
// errTooBig. It keeps the last error it returned in err.
type limitReader struct {
	r   io.Reader
	n   int64
	err error
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		l.err = errTooBig
		return 0, l.err
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	l.err = err
	return n, err
}

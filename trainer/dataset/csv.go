package dataset

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/csv"
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
	// true for Reader.Read and ReadCSV.
	HasLabels bool
}

// The default caps of a Reader (see the package comment).
const (
	DefaultMaxLineBytes       = 1 << 20
	DefaultMaxBytes     int64 = 1 << 30
	DefaultMaxValues          = 1 << 25
)

// maxLabel is the largest class label a file may hold.
const maxLabel = 999999

// ErrTooLarge is what every error about a cap wraps (errors.Is(err,
// ErrTooLarge) reports whether a Reader stopped at one of its caps).
var ErrTooLarge = errors.New("the data set is too large")

// tooLarge is the error of a cap: it is ErrTooLarge for errors.Is.
type tooLarge string

func (e tooLarge) Error() string        { return string(e) }
func (e tooLarge) Is(target error) bool { return target == ErrTooLarge }

// ParseError is the error for a file that cannot be read as a data set. Like
// encoding/csv's ParseError it says where: Line is the 1-based line (0 when
// the fault is the file as a whole, such as a missing class) and Column the
// 1-based position of the field at fault in its row, as a spreadsheet counts
// columns (0 when no single field is at fault).
type ParseError struct {
	File         string
	Line, Column int
	Err          error
}

// Error returns "dataset: FILE:LINE:COLUMN: message", leaving out a zero
// LINE or COLUMN.
func (e *ParseError) Error() string {
	s := "dataset: " + e.File
	if e.Line > 0 {
		s += ":" + strconv.Itoa(e.Line)
		if e.Column > 0 {
			s += ":" + strconv.Itoa(e.Column)
		}
	}
	return s + ": " + e.Err.Error()
}

// Unwrap returns e.Err.
func (e *ParseError) Unwrap() error { return e.Err }

// A Reader reads one data set (see the package comment for the format) from
// a CSV stream, plain or gzip-compressed. The caps stop a mistaken or
// hostile file before it exhausts memory; they are checked as the input is
// read, so a Reader holds at most 16 * MaxValues bytes (the numbers as
// float64 and ints, and a copy while a slice grows), plus at most 200 *
// MaxLineBytes for the line being read (a line of empty fields is the
// worst), however large the input. Set them after NewReader, before Read; a
// cap that is zero or negative means its default.
type Reader struct {
	// MaxLineBytes caps the length of a line, its line ending not counted.
	MaxLineBytes int
	// MaxBytes caps the text read, after decompression.
	MaxBytes int64
	// MaxValues caps how many numbers (features and labels) the file holds.
	MaxValues int

	r    io.Reader
	name string
}

// NewReader returns a Reader of r with the default caps; name is what errors
// call the input (ParseError.File), usually the file's name.
func NewReader(r io.Reader, name string) *Reader {
	return &Reader{
		MaxLineBytes: DefaultMaxLineBytes,
		MaxBytes:     DefaultMaxBytes,
		MaxValues:    DefaultMaxValues,
		r:            r,
		name:         name,
	}
}

// ReadCSV reads the labeled data file at path with the default caps; see
// Reader.Read. Errors name the file by path: a *ParseError, or the
// *os.PathError of opening it, wrapped.
func ReadCSV(path string) (*Data, error) {
	return readFile(path, -1)
}

// ReadCSVFeatures reads the file at path for prediction with the default
// caps; see Reader.ReadFeatures.
func ReadCSVFeatures(path string, nFeatures int) (*Data, error) {
	checkFeatures("ReadCSVFeatures", nFeatures)
	return readFile(path, nFeatures)
}

func readFile(path string, nFeatures int) (*Data, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("dataset: %w", err) // "open PATH: no such file or directory"
	}
	defer f.Close()
	return NewReader(f, path).read(nFeatures)
}

// Read reads the whole input as a labeled data set. Every row must have the
// same number of fields, at least two; the last is the class label, an
// integer 0..K-1 written as an integer or as a float with no fraction (1 or
// 1.0), and every class from 0 to K-1 must occur, K >= 2. Features must be
// finite numbers (no NaN, no Inf). Every error it returns is a *ParseError.
// Call Read or ReadFeatures once per Reader.
func (r *Reader) Read() (*Data, error) {
	return r.read(-1)
}

// ReadFeatures reads the whole input as inputs to predict, which may or may
// not have the label column, for a network that takes nFeatures inputs. Rows
// of nFeatures fields are features only (HasLabels false, Y nil); rows of
// nFeatures+1 fields end with a label (HasLabels true), which must be a
// non-negative integer but need not be one of the training classes, and K is
// one more than the largest. All rows must have the same number of fields.
// Every error it returns is a *ParseError. It panics if nFeatures < 1.
func (r *Reader) ReadFeatures(nFeatures int) (*Data, error) {
	checkFeatures("Reader.ReadFeatures", nFeatures)
	return r.read(nFeatures)
}

func checkFeatures(fn string, nFeatures int) {
	if nFeatures < 1 {
		panic(fmt.Sprintf("dataset: %s: nFeatures = %d, want at least 1", fn, nFeatures))
	}
}

// caps returns the Reader's caps, defaults filled in.
func (r *Reader) caps() (maxLine int, maxBytes int64, maxValues int) {
	maxLine, maxBytes, maxValues = r.MaxLineBytes, r.MaxBytes, r.MaxValues
	if maxLine <= 0 {
		maxLine = DefaultMaxLineBytes
	}
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	if maxValues <= 0 {
		maxValues = DefaultMaxValues
	}
	return maxLine, maxBytes, maxValues
}

// read reads a data file. nFeatures < 0 means a training file (labels
// required, 0..K-1 all present); otherwise it is ReadFeatures's count.
func (r *Reader) read(nFeatures int) (*Data, error) {
	maxLine, maxBytes, maxValues := r.caps()
	fail := func(line, col int, format string, args ...any) (*Data, error) {
		return nil, &ParseError{File: r.name, Line: line, Column: col, Err: fmt.Errorf(format, args...)}
	}
	in, compressed, err := decompress(r.r)
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return fail(0, 0, "unexpected end of compressed data (a truncated .gz file?)")
		}
		return fail(0, 0, "%w", err)
	}
	g := newGuard(in, maxBytes, maxLine)
	br := bufio.NewReader(g)
	if bom, _ := br.Peek(3); string(bom) == "\xEF\xBB\xBF" {
		br.Discard(3) // a UTF-8 byte order mark
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1 // a header may differ in width: checked below
	cr.TrimLeadingSpace = true
	cr.ReuseRecord = true

	var (
		d        = &Data{}
		first    int // the first data line, which sets the number of fields
		nFields  int
		nX       int // the number of features
		maxRows  int // the most rows the value cap allows
		values   []float64
		labels   []int
		labelMax = -1
	)
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			line, col, err := where(err, rec, g, maxBytes, maxLine, compressed)
			return nil, &ParseError{File: r.name, Line: line, Column: col, Err: err}
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // a line of spaces; encoding/csv skips empty lines
		}
		line, _ := cr.FieldPos(0)
		for i, s := range rec {
			rec[i] = strings.TrimSpace(s)
		}
		if first == 0 && d.Header == nil && isHeader(rec) {
			d.Header = slices.Clone(rec)
			continue
		}
		if first == 0 {
			first, nFields = line, len(rec)
			if want := checkWidth(nFields, nFeatures); want != "" {
				return fail(line, 0, "line %d has %d field%s, want %s", line, nFields, plural(nFields), want)
			}
			d.HasLabels = nFeatures < 0 || nFields == nFeatures+1
			nX = nFields
			if d.HasLabels {
				nX--
			}
			maxRows = maxValues / nFields
		} else if len(rec) != nFields {
			return fail(line, 0, "line %d has %d field%s, want %d (as line %d)", line, len(rec), plural(len(rec)), nFields, first)
		}
		rows := len(values) / nX
		if rows >= maxRows {
			return nil, &ParseError{File: r.name, Line: line,
				Err: tooLarge(fmt.Sprintf("more than %d numbers: the data set is too large", maxValues))}
		}
		values = grow(values, nX, maxRows*nX)
		for j, s := range rec[:nX] {
			v, msg := number(s)
			if msg != "" {
				return fail(line, j+1, "%s", msg)
			}
			values = append(values, v)
		}
		if d.HasLabels {
			k, msg := label(rec[nX])
			if msg != "" {
				return fail(line, nFields, "%s", msg)
			}
			labels = append(grow(labels, 1, maxRows), k)
			labelMax = max(labelMax, k)
		}
	}
	if first == 0 {
		return fail(0, 0, "no data rows")
	}
	d.X = &matrix.Dense{Rows: len(values) / nX, Cols: nX, Data: values}
	if d.HasLabels {
		d.Y = labels
		d.K = labelMax + 1
		if nFeatures < 0 {
			if msg := checkClasses(labels); msg != "" {
				return fail(0, 0, "%s", msg)
			}
		}
	}
	return d, nil
}

// grow returns s with room for n more elements. It grows s by doubling, but
// never past limit elements, so that the memory a slice holds stays within
// its share of the value cap.
func grow[E any](s []E, n, limit int) []E {
	if len(s)+n <= cap(s) {
		return s
	}
	c := min(max(2*cap(s), 1024, len(s)+n), max(limit, len(s)+n))
	t := make([]E, len(s), c)
	copy(t, s)
	return t
}

// where returns the line, column and message of an error from reading
// records: the guard's own errors, read and decompression errors it passed
// on, and encoding/csv's errors about quotes. rec is the record Read returned
// with the error (the fields before the one at fault).
func where(err error, rec []string, g *guard, maxBytes int64, maxLine int, compressed bool) (line, col int, _ error) {
	if g.err != nil && err == g.err {
		line = g.errLine
		switch {
		case err == errTooBig:
			return line, 0, tooLarge(fmt.Sprintf("more than %d bytes of text: the data set is too large", maxBytes))
		case err == errTooLong:
			return line, 0, tooLarge(fmt.Sprintf("line longer than %d bytes", maxLine))
		case err == errUnclosed:
			return line, len(rec), errors.New("quoted field has no closing quote (a field cannot span lines)")
		case errors.Is(err, io.ErrUnexpectedEOF):
			return line, 0, errors.New("unexpected end of compressed data (a truncated .gz file?)")
		case compressed && !strings.HasPrefix(err.Error(), "gzip:"):
			return line, 0, fmt.Errorf("corrupt compressed data: %w", err)
		}
		return line, 0, err
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		msg := pe.Err.Error()
		switch pe.Err {
		case csv.ErrQuote:
			msg = "text after a quoted field's closing quote"
		case csv.ErrBareQuote:
			msg = `a quote inside a field that does not begin with one (write "a ""b""" for a "b")`
		}
		return pe.Line, len(rec) + 1, errors.New(msg)
	}
	return g.line, 0, err
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

// The guard's own errors.
var (
	errTooBig   = errors.New("too much text")
	errTooLong  = errors.New("line too long")
	errUnclosed = errors.New("newline in a quoted field")
)

// guard passes on the decompressed text to encoding/csv a whole line at a
// time, checking the caps first: at most left more bytes, lines of at most
// maxLine bytes (the \n, and a \r before it, not counted), and an even
// number of quotes on each line, so that encoding/csv never gathers a record
// larger than one line: a line with an odd number either ends inside a
// quoted field, which must not span lines, or has a quote where none may be,
// which encoding/csv reports as it parses the line. A line that breaks the
// first two rules is not passed on. Once it fails, it keeps failing with the
// same error, err, which it met on line errLine.
type guard struct {
	br      *bufio.Reader
	long    []byte // a line longer than br's buffer
	left    int64  // bytes still allowed
	maxLine int
	pending []byte // what is left of the current line
	line    int    // the lines read
	err     error
	errLine int
}

func newGuard(r io.Reader, maxBytes int64, maxLine int) *guard {
	return &guard{br: bufio.NewReaderSize(r, min(maxLine+2, 64<<10)), left: maxBytes, maxLine: maxLine}
}

func (g *guard) Read(p []byte) (int, error) {
	if len(g.pending) == 0 {
		if g.err != nil {
			return 0, g.err
		}
		if err := g.next(); err != nil {
			g.err, g.errLine = err, g.line
			if len(g.pending) == 0 {
				return 0, err
			}
		}
	}
	n := copy(p, g.pending)
	g.pending = g.pending[n:]
	return n, nil
}

// next reads the next line into g.pending, or returns why it does not pass
// it on; with errUnclosed and io.EOF, the line is passed on first.
func (g *guard) next() error {
	line, err := g.br.ReadSlice('\n')
	g.line++
	if err == bufio.ErrBufferFull {
		g.long = append(g.long[:0], line...)
		for err == bufio.ErrBufferFull && len(g.long) <= g.maxLine+2 {
			line, err = g.br.ReadSlice('\n')
			g.long = append(grow(g.long, len(line), g.maxLine+2), line...)
		}
		if err == bufio.ErrBufferFull {
			return errTooLong
		}
		line = g.long
	}
	if int64(len(line)) > g.left {
		return errTooBig
	}
	g.left -= int64(len(line))
	if err != nil && err != io.EOF {
		return err // the line may be unfinished: it is not parsed
	}
	n := len(line)
	if n > 0 && line[n-1] == '\n' {
		n--
	}
	if n > 0 && line[n-1] == '\r' {
		n--
	}
	if n > g.maxLine {
		return errTooLong
	}
	g.pending = line
	if bytes.Count(line, []byte{'"'})%2 == 1 {
		if line[len(line)-1] != '\n' {
			// End the last line, so that encoding/csv asks for the next
			// one and returns the unclosed field with the error, as when
			// a line ends inside quotes.
			g.pending = append(slices.Clip(line), '\n')
		}
		return errUnclosed
	}
	return err
}

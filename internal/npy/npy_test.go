package npy

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// expectedArray is one array of testdata/expected.json, which
// docs/numpy/gen_npy.py writes from the arrays numpy saved.
type expectedArray struct {
	Name   string
	Shape  []int
	Bits   []string // each value's IEEE 754 bits, 16 hex digits
	Values []string // Python's repr of each value
}

// loadExpected returns the contents of testdata/expected.json: the arrays
// in each fixture file.
func loadExpected(t *testing.T) map[string][]expectedArray {
	t.Helper()
	b, err := os.ReadFile("testdata/expected.json")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string][]expectedArray
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("testdata/expected.json: %v", err)
	}
	return m
}

// want converts e to the Array it describes, checking that its bits and
// Python reprs agree.
func (e expectedArray) want(t *testing.T) Array {
	t.Helper()
	a := Array{Name: e.Name, Shape: e.Shape, Data: make([]float64, len(e.Bits))}
	for i, s := range e.Bits {
		bits, err := strconv.ParseUint(s, 16, 64)
		if err != nil {
			t.Fatalf("expected.json: %s: %v", e.Name, err)
		}
		a.Data[i] = math.Float64frombits(bits)
		v, err := strconv.ParseFloat(e.Values[i], 64)
		if err != nil {
			t.Fatalf("expected.json: %s: %v", e.Name, err)
		}
		if math.Float64bits(v) != bits && !(math.IsNaN(v) && math.IsNaN(a.Data[i])) {
			t.Fatalf("expected.json: %s value %d: bits %s, value %s", e.Name, i, s, e.Values[i])
		}
	}
	return a
}

// diff returns "" if got and want have the same name, shape and data bit for
// bit, and otherwise a description of the first difference.
func diff(got, want Array) string {
	if got.Name != want.Name {
		return fmt.Sprintf("Name = %q, want %q", got.Name, want.Name)
	}
	if !slices.Equal(got.Shape, want.Shape) {
		return fmt.Sprintf("Shape = %v, want %v", got.Shape, want.Shape)
	}
	if len(got.Data) != len(want.Data) {
		return fmt.Sprintf("len(Data) = %d, want %d", len(got.Data), len(want.Data))
	}
	for i := range got.Data {
		if g, w := math.Float64bits(got.Data[i]), math.Float64bits(want.Data[i]); g != w {
			return fmt.Sprintf("Data[%d] = %v (%#016x), want %v (%#016x)", i, got.Data[i], g, want.Data[i], w)
		}
	}
	return ""
}

func TestReadNPYFixtures(t *testing.T) {
	for file, arrays := range loadExpected(t) {
		if !strings.HasSuffix(file, ".npy") {
			continue
		}
		got, err := ReadNPYFile(filepath.Join("testdata", file))
		if err != nil {
			t.Errorf("ReadNPYFile: %v", err)
			continue
		}
		if d := diff(got, arrays[0].want(t)); d != "" {
			t.Errorf("ReadNPYFile(%s): %s", file, d)
		}
		if got.Shape == nil || got.Data == nil {
			t.Errorf("ReadNPYFile(%s) = %#v, want non-nil Shape and Data", file, got)
		}
	}
}

// TestWriteNPYLikeNumpy checks that WriteNPY writes the bytes np.save wrote
// for each C-ordered little-endian fixture.
func TestWriteNPYLikeNumpy(t *testing.T) {
	for _, file := range []string{"theta1.npy", "vector.npy", "scalar.npy", "empty.npy"} {
		want, err := os.ReadFile(filepath.Join("testdata", file))
		if err != nil {
			t.Fatal(err)
		}
		a, err := ReadNPY(bytes.NewReader(want))
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		var buf bytes.Buffer
		if err := WriteNPY(&buf, a); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if got := buf.Bytes(); !bytes.Equal(got, want) {
			t.Errorf("WriteNPY(ReadNPY(%s)) =\n%q\nwant\n%q", file, got, want)
		}
	}
}

// TestNPYHeaderLikeNumpy checks npyHeader against the headers numpy wrote
// for 156 shapes, some of which end exactly on a 64-byte boundary before
// padding, where numpy pads a full 64 bytes rather than none.
func TestNPYHeaderLikeNumpy(t *testing.T) {
	b, err := os.ReadFile("testdata/headers.json")
	if err != nil {
		t.Fatal(err)
	}
	var headers []struct {
		Shape  []int
		Header string // the header after the magic string, version and length
	}
	if err := json.Unmarshal(b, &headers); err != nil {
		t.Fatalf("testdata/headers.json: %v", err)
	}
	for _, h := range headers {
		want := []byte(magic + "\x01\x00")
		want = binary.LittleEndian.AppendUint16(want, uint16(len(h.Header)))
		want = append(want, h.Header...)
		if got := npyHeader(descrLittle, h.Shape); !bytes.Equal(got, want) {
			t.Errorf("npyHeader(descrLittle, %v) =\n%q\nwant\n%q", h.Shape, got, want)
		}
	}
}

// randomArray returns an array of random shape, with up to maxRank
// dimensions of up to 4 each, and random float64 bit patterns.
func randomArray(r *rand.Rand, maxRank int) Array {
	shape := make([]int, r.IntN(maxRank+1))
	n := 1
	for i := range shape {
		shape[i] = r.IntN(5)
		n *= shape[i]
	}
	data := make([]float64, n)
	for i := range data {
		data[i] = math.Float64frombits(r.Uint64())
	}
	return Array{Shape: shape, Data: data}
}

func TestNPYRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 500 {
		a := randomArray(r, 6)
		var buf bytes.Buffer
		if err := WriteNPY(&buf, a); err != nil {
			t.Fatalf("WriteNPY(shape %v): %v", a.Shape, err)
		}
		got, err := ReadNPY(&buf)
		if err != nil {
			t.Fatalf("ReadNPY(WriteNPY(shape %v)): %v", a.Shape, err)
		}
		if d := diff(got, a); d != "" {
			t.Fatalf("ReadNPY(WriteNPY(shape %v)): %s", a.Shape, d)
		}
	}
}

// TestNPYLarge round-trips an array bigger than the pieces WriteNPY and
// ReadNPY work in.
func TestNPYLarge(t *testing.T) {
	a := Array{Shape: []int{300, 1000}, Data: make([]float64, 300*1000)}
	for i := range a.Data {
		a.Data[i] = float64(i) - 0.5
	}
	var buf bytes.Buffer
	if err := WriteNPY(&buf, a); err != nil {
		t.Fatal(err)
	}
	if got, want := buf.Len(), 128+8*len(a.Data); got != want {
		t.Errorf("WriteNPY wrote %d bytes, want %d", got, want)
	}
	got, err := ReadNPY(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if d := diff(got, a); d != "" {
		t.Error(d)
	}
}

// TestReadNPYStream reads arrays written one after another to one stream,
// as repeated np.save calls on one open file write them.
func TestReadNPYStream(t *testing.T) {
	var buf bytes.Buffer
	arrays := []Array{
		{Shape: []int{2}, Data: []float64{1, 2}},
		{Shape: []int{}, Data: []float64{3}},
		{Shape: []int{1, 1}, Data: []float64{4}},
	}
	for _, a := range arrays {
		if err := WriteNPY(&buf, a); err != nil {
			t.Fatal(err)
		}
	}
	for i, want := range arrays {
		got, err := ReadNPY(&buf)
		if err != nil {
			t.Fatalf("array %d: %v", i, err)
		}
		if d := diff(got, want); d != "" {
			t.Errorf("array %d: %s", i, d)
		}
	}
	if _, err := ReadNPY(&buf); err == nil || err.Error() != "npy: truncated: input is empty" {
		t.Errorf("ReadNPY at end of stream: error %v, want npy: truncated: input is empty", err)
	}
}

func TestFortranToC(t *testing.T) {
	// A 2x3x4 array whose element {i, j, k} is 100i + 10j + k, laid out
	// in Fortran order by hand.
	shape := []int{2, 3, 4}
	f := make([]float64, 24)
	for i := range 2 {
		for j := range 3 {
			for k := range 4 {
				f[i+2*(j+3*k)] = float64(100*i + 10*j + k)
			}
		}
	}
	c := fortranToC(f, shape)
	for i := range 2 {
		for j := range 3 {
			for k := range 4 {
				if got, want := c[(i*3+j)*4+k], float64(100*i+10*j+k); got != want {
					t.Errorf("element {%d, %d, %d} = %v, want %v", i, j, k, got, want)
				}
			}
		}
	}
}

// npyWithHeader returns a version 1.0 .npy file with the given header text
// followed by data.
func npyWithHeader(h string, data []byte) []byte {
	return npyVersion(1, h, data)
}

// npyVersion returns a .npy file of the given major version (minor 0) with
// the given header text followed by data.
func npyVersion(major byte, h string, data []byte) []byte {
	b := []byte(magic)
	b = append(b, major, 0)
	if major == 1 {
		b = binary.LittleEndian.AppendUint16(b, uint16(len(h)))
	} else {
		b = binary.LittleEndian.AppendUint32(b, uint32(len(h)))
	}
	b = append(b, h...)
	return append(b, data...)
}

// f8 returns the little-endian bytes of xs.
func f8(xs ...float64) []byte {
	var b []byte
	for _, x := range xs {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(x))
	}
	return b
}

// TestReadNPYHeaders checks headers numpy writes, or could have written,
// in forms the fixtures do not cover.
func TestReadNPYHeaders(t *testing.T) {
	two := f8(1.5, -2)
	be := []byte{0x3f, 0xf8, 0, 0, 0, 0, 0, 0, 0xc0, 0, 0, 0, 0, 0, 0, 0} // 1.5, -2 big-endian
	native := two
	if nativeBigEndian {
		native = be
	}
	tests := []struct {
		name string
		file []byte
		want Array
	}{
		{"keys in another order",
			npyWithHeader("{'shape': (2,), 'fortran_order': False, 'descr': '<f8'}\n", two),
			Array{Shape: []int{2}, Data: []float64{1.5, -2}}},
		{"double quotes, no trailing comma, no padding",
			npyWithHeader(`{"descr": "<f8", "fortran_order": False, "shape": (2,)}`, two),
			Array{Shape: []int{2}, Data: []float64{1.5, -2}}},
		{"whitespace",
			npyWithHeader("\t{ 'descr' :'<f8' ,\n'fortran_order':False,'shape':( 1 , 2 , ) ,}  \r\n", two),
			Array{Shape: []int{1, 2}, Data: []float64{1.5, -2}}},
		{"Python 2 long integers in version 1.0",
			npyWithHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (1L, 2L), }\n", two),
			Array{Shape: []int{1, 2}, Data: []float64{1.5, -2}}},
		{"Python 2 long integers in version 2.0",
			npyVersion(2, "{'descr': '<f8', 'fortran_order': False, 'shape': (2L,), }\n", two),
			Array{Shape: []int{2}, Data: []float64{1.5, -2}}},
		{"big-endian",
			npyWithHeader("{'descr': '>f8', 'fortran_order': False, 'shape': (2,), }\n", be),
			Array{Shape: []int{2}, Data: []float64{1.5, -2}}},
		{"native byte order =",
			npyWithHeader("{'descr': '=f8', 'fortran_order': False, 'shape': (2,), }\n", native),
			Array{Shape: []int{2}, Data: []float64{1.5, -2}}},
		{"native byte order |",
			npyWithHeader("{'descr': '|f8', 'fortran_order': False, 'shape': (2,), }\n", native),
			Array{Shape: []int{2}, Data: []float64{1.5, -2}}},
		{"escaped descr",
			npyWithHeader(`{'descr': '\x3cf8', 'fortran_order': False, 'shape': (2,), }`, two),
			Array{Shape: []int{2}, Data: []float64{1.5, -2}}},
		{"1-d Fortran order",
			npyWithHeader("{'descr': '<f8', 'fortran_order': True, 'shape': (2,), }\n", two),
			Array{Shape: []int{2}, Data: []float64{1.5, -2}}},
		{"2x1 Fortran order",
			npyWithHeader("{'descr': '<f8', 'fortran_order': True, 'shape': (2, 1), }\n", two),
			Array{Shape: []int{2, 1}, Data: []float64{1.5, -2}}},
		{"1x2 Fortran order",
			npyWithHeader("{'descr': '<f8', 'fortran_order': True, 'shape': (1, 2), }\n", two),
			Array{Shape: []int{1, 2}, Data: []float64{1.5, -2}}},
		{"zero-size dimension with a huge one",
			npyWithHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (0, 1000000000000000), }\n", nil),
			Array{Shape: []int{0, 1000000000000000}, Data: []float64{}}},
		{"parenthesized dimension",
			npyWithHeader("{'descr': '<f8', 'fortran_order': False, 'shape': ((2),), }\n", two),
			Array{Shape: []int{2}, Data: []float64{1.5, -2}}},
	}
	for _, tt := range tests {
		got, err := ReadNPY(bytes.NewReader(tt.file))
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if d := diff(got, tt.want); d != "" {
			t.Errorf("%s: %s", tt.name, d)
		}
	}
}

// TestReadNPYErrors checks that each kind of bad input gives an error that
// says what is wrong.
func TestReadNPYErrors(t *testing.T) {
	h := func(s string) []byte { return npyWithHeader(s, f8(1, 2, 3, 4, 5, 6)) }
	theta1, err := os.ReadFile("testdata/theta1.npy")
	if err != nil {
		t.Fatal(err)
	}
	huge := "{'descr': '<f8', 'fortran_order': False, 'shape': (536870912, 1073741824), }"
	tests := []struct {
		name string
		file []byte
		want string // the error message
	}{
		{"empty", nil, "npy: truncated: input is empty"},
		{"short magic", []byte("\x93NUM"), "npy: truncated: want 8 bytes of magic string, have 4"},
		{"wrong magic", []byte("PK\x03\x04\x14\x00\x00\x00"), `npy: not a .npy file: starts with "PK\x03\x04\x14\x00", want "\x93NUMPY"`},
		{"version 4.0", []byte("\x93NUMPY\x04\x00\x10\x00"), "npy: format version 4.0 is not supported (want 1.0, 2.0 or 3.0)"},
		{"version 1.1", []byte("\x93NUMPY\x01\x01\x10\x00"), "npy: format version 1.1 is not supported (want 1.0, 2.0 or 3.0)"},
		{"short header length", []byte("\x93NUMPY\x02\x00\x10\x00"), "npy: truncated: want 4 bytes of header length, have 2"},
		{"huge header length", []byte("\x93NUMPY\x02\x00\xff\xff\xff\xff"), "npy: header is 4294967295 bytes, more than numpy reads (10000 characters)"},
		{"short header", theta1[:50], "npy: truncated: want 118 bytes of header, have 40"},
		{"short data", theta1[:128+64], "npy: truncated: want 120 bytes of data, have 64"},
		{"short data mid-value", theta1[:128+61], "npy: truncated: want 120 bytes of data, have 61"},
		{"huge shape, no data", npyWithHeader(huge, nil), "npy: shape [536870912 1073741824] holds 576460752303423488 elements, more than the 134217728 this reader accepts"},
		{"not a dict", h("['descr', '<f8']"), `npy: bad header at byte 0: header is not a Python dict: want '{', found "['descr', "...`},
		{"no closing brace", h("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), "), "npy: bad header at byte 58: want a string as dict key, found end of header"},
		{"garbage after dict", h("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3)} x"), `npy: bad header at byte 58: want end of header after '}', found "x"`},
		{"missing colon", h("{'descr' '<f8'}"), `npy: bad header at byte 9: want ':' after dict key 'descr', found "'<f8'}"`},
		{"missing comma", h("{'descr': '<f8' 'shape': ()}"), `npy: bad header at byte 16: want ',' or '}' after dict entry, found "'shape': ("...`},
		{"int key", h("{1: '<f8'}"), `npy: bad header at byte 1: want a string as dict key, found "1: '<f8'}"`},
		{"unterminated string", h("{'descr': '<f8}"), "npy: bad header at byte 10: string is not terminated"},
		{"bad escape", h(`{'descr': '\q'}`), `npy: bad header at byte 11: unsupported escape in string: backslash before 'q'`},
		{"None", h("{'descr': '<f8', 'fortran_order': None, 'shape': ()}"), `npy: bad header at byte 34: want a literal value, found name "None"`},
		{"float dimension", h("{'descr': '<f8', 'fortran_order': False, 'shape': (2.0,)}"), `npy: bad header at byte 52: want ',' or ')', found ".0,)}"`},
		{"leading zero", h("{'descr': '<f8', 'fortran_order': False, 'shape': (02,)}"), "npy: bad header at byte 51: integer 02 has a leading zero"},
		{"huge integer", h("{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999,)}"), "npy: bad header at byte 51: integer 99999999999999999999 is too large"},
		{"L in version 3.0", npyVersion(3, "{'descr': '<f8', 'fortran_order': False, 'shape': (2L,)}", nil), `npy: bad header at byte 52: want ',' or ')', found "L,)}"`},
		{"deep nesting", h("{'descr': " + strings.Repeat("[", 100)), "npy: bad header at byte 42: tuples and lists nested more than 32 deep"},
		{"missing key", h("{'descr': '<f8', 'shape': (2, 3), }"), `npy: header has no "fortran_order" key`},
		{"unknown key", h("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), 'x': 1}"), `npy: header has unknown key "x" (want only 'descr', 'fortran_order' and 'shape')`},
		{"duplicate key", h("{'descr': '<f8', 'descr': '<f8', 'fortran_order': False, 'shape': (2, 3)}"), `npy: header has key "descr" twice`},
		{"uint16", h("{'descr': '<u2', 'fortran_order': False, 'shape': (2, 3), }"), "npy: dtype '<u2' is not supported (want float64 '<f8', int64 '<i8', int32 '<i4' or bool '|b1')"},
		{"float64 by name", h("{'descr': 'float64', 'fortran_order': False, 'shape': (2, 3), }"), "npy: dtype 'float64' is not supported (want float64 '<f8', int64 '<i8', int32 '<i4' or bool '|b1')"},
		{"structured", h("{'descr': [('x', '<f8')], 'fortran_order': False, 'shape': (2, 3), }"), "npy: dtype [('x', '<f8')] is not supported (want float64 '<f8', int64 '<i8', int32 '<i4' or bool '|b1')"},
		{"long structured", h("{'descr': [" + strings.Repeat("('x', '<f8'), ", 10) + "], 'fortran_order': False, 'shape': (2, 3), }"),
			"npy: dtype [('x', '<f8'), ('x', '<f8'), ('x', '<f8'), ('x', '<f8'), ('x... is not supported (want float64 '<f8', int64 '<i8', int32 '<i4' or bool '|b1')"},
		{"Latin-1 descr", h("{'descr': '\xe9', 'fortran_order': False, 'shape': (2, 3), }"), "npy: dtype 'é' is not supported (want float64 '<f8', int64 '<i8', int32 '<i4' or bool '|b1')"},
		{"UTF-8 descr", npyVersion(3, "{'descr': '\u00e9', 'fortran_order': False, 'shape': (2, 3), }", nil), "npy: dtype 'é' is not supported (want float64 '<f8', int64 '<i8', int32 '<i4' or bool '|b1')"},
		{"Latin-1 offset", h("{'\xe9\xe9' 1}"), `npy: bad header at byte 6: want ':' after dict key 'éé', found "1}"`},
		{"UTF-8 offset", npyVersion(3, "{'\u00e9\u00e9' 1}", nil), `npy: bad header at byte 8: want ':' after dict key 'éé', found "1}"`},
		{"bad UTF-8", npyVersion(3, "{'descr': '\xe9', 'fortran_order': False, 'shape': (2, 3), }", nil), "npy: version 3.0 header is not valid UTF-8"},
		{"fortran_order 1", h("{'descr': '<f8', 'fortran_order': 1, 'shape': (2, 3), }"), "npy: fortran_order is 1, want True or False"},
		{"shape a list", h("{'descr': '<f8', 'fortran_order': False, 'shape': [2, 3], }"), "npy: shape is [2, 3], want a tuple of ints"},
		{"shape an int", h("{'descr': '<f8', 'fortran_order': False, 'shape': (6), }"), "npy: shape is (6), want a tuple of ints"},
		{"shape of strings", h("{'descr': '<f8', 'fortran_order': False, 'shape': ('2',), }"), "npy: shape is ('2',), want a tuple of ints"},
		{"shape of bools", h("{'descr': '<f8', 'fortran_order': False, 'shape': (True,), }"), "npy: shape is (True,), want a tuple of ints"},
		{"negative dimension", h("{'descr': '<f8', 'fortran_order': False, 'shape': (2, -3), }"), "npy: shape (2, -3) has a negative dimension"},
		{"too large", h("{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296), }"), "npy: shape (4294967296, 4294967296) is too large"},
		{"too large with zero", h("{'descr': '<f8', 'fortran_order': False, 'shape': (0, 4294967296, 4294967296), }"), "npy: shape (0, 4294967296, 4294967296) is too large"},
		{"too many dimensions", h("{'descr': '<f8', 'fortran_order': False, 'shape': (" + strings.Repeat("1, ", 65) + "), }"), "npy: shape has 65 dimensions, more than 64"},
		{"header over numpy's limit", h("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }" + strings.Repeat(" ", 10000)), "npy: header is 10059 bytes, more than numpy reads (10000 characters)"},
	}
	for _, tt := range tests {
		_, err := ReadNPY(bytes.NewReader(tt.file))
		if err == nil {
			t.Errorf("%s: no error, want %s", tt.name, tt.want)
			continue
		}
		if err.Error() != tt.want {
			t.Errorf("%s: error\n%s\nwant\n%s", tt.name, err, tt.want)
		}
	}
}

// TestReadNPYIntegers reads numpy's int64 file (np.arange(6).reshape(2, 3))
// and int32, bool and big-endian int64 arrays, and writes an Int array as
// numpy writes an int64 one.
func TestReadNPYIntegers(t *testing.T) {
	a, err := ReadNPYFile(filepath.Join("testdata", "int64.npy"))
	if err != nil || !a.Int || fmt.Sprint(a.Shape, a.Data) != "[2 3] [0 1 2 3 4 5]" {
		t.Fatalf("int64.npy: %v %v %v, int %v; want [2 3] [0 1 2 3 4 5], int", err, a.Shape, a.Data, a.Int)
	}
	h := func(descr string, data []byte) []byte {
		return npyWithHeader("{'descr': '"+descr+"', 'fortran_order': False, 'shape': (3,), }", data)
	}
	for _, c := range []struct {
		descr string
		data  []byte
	}{
		{"<i4", []byte{1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0}},
		{">i8", []byte{0, 0, 0, 0, 0, 0, 0, 1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0}},
		{"|b1", []byte{1, 0, 0}},
	} {
		a, err := ReadNPY(bytes.NewReader(h(c.descr, c.data)))
		want := "[1 -1 0]"
		if c.descr == "|b1" {
			want = "[1 0 0]"
		}
		if err != nil || !a.Int || fmt.Sprint(a.Data) != want {
			t.Errorf("%s: %v %v, int %v; want %s", c.descr, err, a.Data, a.Int, want)
		}
	}
	if _, err := ReadNPY(bytes.NewReader(h("<i8", make([]byte, 0, 24)))); err == nil {
		t.Errorf("a truncated int64 array: no error")
	}
	big := []byte{0, 0, 0, 0, 0, 0, 0x30, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}
	if _, err := ReadNPY(bytes.NewReader(h("<i8", big))); err == nil || !strings.Contains(err.Error(), "too large") {
		t.Errorf("int64 2^53+: error %v, want too large", err)
	}
	var buf bytes.Buffer
	if err := WriteNPY(&buf, Array{Shape: []int{2, 3}, Data: []float64{0, 1, 2, 3, 4, 5}, Int: true}); err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("testdata", "int64.npy"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("WriteNPY of an Int array:\n%q\nwant numpy's\n%q", buf.Bytes(), want)
	}
	if err := WriteNPY(&buf, Array{Shape: []int{1}, Data: []float64{0.5}, Int: true}); err == nil {
		t.Errorf("WriteNPY of 0.5 as an int: no error")
	}
}

// TestReadNPYUnsupportedFixtures reads the files numpy wrote with other
// dtypes.
func TestReadNPYUnsupportedFixtures(t *testing.T) {
	for file, dtype := range map[string]string{
		"float32.npy":    "'<f4'",
		"object.npy":     "'|O'",
		"complex128.npy": "'<c16'",
		"structured.npy": "[('x', '<f8'), ('y', '<i4')]",
	} {
		path := filepath.Join("testdata", file)
		_, err := ReadNPYFile(path)
		want := fmt.Sprintf("npy: %s: dtype %s is not supported (want float64 '<f8', int64 '<i8', int32 '<i4' or bool '|b1')", path, dtype)
		if err == nil || err.Error() != want {
			t.Errorf("ReadNPYFile(%s): error %v, want %s", file, err, want)
		}
	}
}

// TestReadNPYTruncated reads every prefix of every fixture: each must give
// an error, not a panic.
func TestReadNPYTruncated(t *testing.T) {
	files, err := filepath.Glob("testdata/*.npy")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for n := range len(b) {
			if _, err := ReadNPY(bytes.NewReader(b[:n])); err == nil {
				t.Errorf("ReadNPY(%s[:%d]) succeeded, want an error", file, n)
			}
		}
	}
}

// TestReadNPYFlipped flips each bit of each byte of a fixture in turn: the
// result must be an error or an array, never a panic, and a flipped data
// byte must change exactly one value.
func TestReadNPYFlipped(t *testing.T) {
	b, err := os.ReadFile("testdata/fortran3d.npy")
	if err != nil {
		t.Fatal(err)
	}
	orig, err := ReadNPY(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	for i := range b {
		for bit := range 8 {
			c := bytes.Clone(b)
			c[i] ^= 1 << bit
			a, err := ReadNPY(bytes.NewReader(c))
			if i < 128 || err != nil {
				continue
			}
			changed := 0
			for j := range a.Data {
				if math.Float64bits(a.Data[j]) != math.Float64bits(orig.Data[j]) {
					changed++
				}
			}
			if changed != 1 {
				t.Errorf("flipping bit %d of byte %d changed %d values, want 1", bit, i, changed)
			}
		}
	}
}

// TestReadNPYFileTrailing checks that ReadNPYFile, unlike ReadNPY,
// rejects bytes after the data.
func TestReadNPYFileTrailing(t *testing.T) {
	b, err := os.ReadFile("testdata/vector.npy")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "x.npy")
	if err := os.WriteFile(path, append(b, "junk"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadNPY(bytes.NewReader(append(b, "junk"...))); err != nil {
		t.Errorf("ReadNPY with trailing bytes: %v", err)
	}
	_, err = ReadNPYFile(path)
	if want := "npy: " + path + ": 4 bytes after the array data"; err == nil || err.Error() != want {
		t.Errorf("ReadNPYFile: error %v, want %s", err, want)
	}
	_, err = ReadNPYFile(filepath.Join(t.TempDir(), "missing.npy"))
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("ReadNPYFile(missing): error %v, want one wrapping os.ErrNotExist", err)
	}
}

// errReader fails after n bytes.
type errReader struct {
	r io.Reader
	n int
}

var errBroken = errors.New("broken reader")

func (e *errReader) Read(p []byte) (int, error) {
	if e.n <= 0 {
		return 0, errBroken
	}
	if len(p) > e.n {
		p = p[:e.n]
	}
	n, err := e.r.Read(p)
	e.n -= n
	return n, err
}

// TestReadNPYReaderError checks that an I/O error is passed on as itself,
// not reported as truncation.
func TestReadNPYReaderError(t *testing.T) {
	b, err := os.ReadFile("testdata/theta1.npy")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{0, 9, 50, 200} {
		_, err := ReadNPY(&errReader{bytes.NewReader(b), n})
		if !errors.Is(err, errBroken) || strings.Contains(err.Error(), "truncated") {
			t.Errorf("ReadNPY failing after %d bytes: error %v, want one wrapping %v", n, err, errBroken)
		}
	}
}

func TestWriteNPYErrors(t *testing.T) {
	tests := []struct {
		a    Array
		want string
	}{
		{Array{}, "npy: shape [] needs 1 values, Data has 0"},
		{Array{Shape: []int{2, 3}, Data: make([]float64, 5)}, "npy: shape [2 3] needs 6 values, Data has 5"},
		{Array{Shape: []int{2, -3}, Data: make([]float64, 6)}, "npy: shape [2 -3] has a negative dimension"},
		{Array{Shape: []int{1 << 40, 1 << 40}}, "npy: shape [1099511627776 1099511627776] is too large"},
		{Array{Shape: make([]int, 65)}, "npy: shape [0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0] has 65 dimensions, more than 64"},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		err := WriteNPY(&buf, tt.a)
		if err == nil || err.Error() != tt.want {
			t.Errorf("WriteNPY(%v): error %v, want %s", tt.a.Shape, err, tt.want)
		}
		if buf.Len() != 0 {
			t.Errorf("WriteNPY(%v) wrote %d bytes before failing", tt.a.Shape, buf.Len())
		}
	}
}

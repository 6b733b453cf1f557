package npy

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ann-go/ann/internal/golden"
)

func TestReadNPZFixtures(t *testing.T) {
	expected := loadExpected(t)
	for _, file := range []string{"savez.npz", "savez_compressed.npz"} {
		got, err := ReadNPZFile(filepath.Join("testdata", file))
		if err != nil {
			t.Errorf("ReadNPZFile: %v", err)
			continue
		}
		want := expected[file]
		if len(got) != len(want) {
			t.Errorf("ReadNPZFile(%s) read %d arrays, want %d", file, len(got), len(want))
			continue
		}
		for i := range got {
			if d := diff(got[i], want[i].want(t)); d != "" {
				t.Errorf("ReadNPZFile(%s) array %d: %s", file, i, d)
			}
		}
	}
}

// TestNPZEntriesLikeNumpy checks that each entry numpy.savez wrote is
// byte for byte what WriteNPY writes for the same array.
func TestNPZEntriesLikeNumpy(t *testing.T) {
	zr, err := zip.OpenReader("testdata/savez.npz")
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		want, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		a, err := ReadNPY(bytes.NewReader(want))
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		var buf bytes.Buffer
		if err := WriteNPY(&buf, a); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(buf.Bytes(), want) {
			t.Errorf("WriteNPY(%s) =\n%q\nwant\n%q", f.Name, buf.Bytes(), want)
		}
	}
}

func TestNPZRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 100 {
		arrays := make([]Array, r.IntN(5))
		for i := range arrays {
			arrays[i] = randomArray(r, 4)
			arrays[i].Name = string(rune('a'+i)) + "_" + strings.Repeat("x", r.IntN(3))
		}
		var buf bytes.Buffer
		if err := WriteNPZ(&buf, arrays); err != nil {
			t.Fatal(err)
		}
		got, err := ReadNPZ(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(arrays) {
			t.Fatalf("ReadNPZ(WriteNPZ(%d arrays)) read %d arrays", len(arrays), len(got))
		}
		for i := range got {
			if d := diff(got[i], arrays[i]); d != "" {
				t.Fatalf("ReadNPZ(WriteNPZ) array %d: %s", i, d)
			}
		}
	}
}

// TestWriteNPZDeterministic checks that the output depends only on the
// arrays, so model files can be compared byte for byte.
func TestWriteNPZDeterministic(t *testing.T) {
	arrays := []Array{{Name: "Theta1", Shape: []int{1, 2}, Data: []float64{1, 2}}}
	var a, b bytes.Buffer
	if err := WriteNPZ(&a, arrays); err != nil {
		t.Fatal(err)
	}
	if err := WriteNPZ(&b, arrays); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("WriteNPZ wrote different bytes for the same arrays")
	}
	zr, err := zip.NewReader(bytes.NewReader(a.Bytes()), int64(a.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if f := zr.File[0]; f.Name != "Theta1.npy" || f.Method != zip.Store {
		t.Errorf("entry %q method %d, want Theta1.npy method %d (stored)", f.Name, f.Method, zip.Store)
	}
}

// goWritten lists the arrays TestGoWritten writes to testdata/go_written.npz,
// by the fixture each is read from. docs/numpy/gen_npy.py's GO_WRITTEN
// lists the same arrays.
var goWritten = []struct{ name, fixture string }{
	{"Theta1", "savez.npz"},
	{"Theta2", "savez.npz"},
	{"fortran3d", "fortran3d.npy"},
	{"bigendian", "bigendian.npy"},
	{"vector", "vector.npy"},
	{"scalar", "scalar.npy"},
	{"empty", "empty.npy"},
}

// TestGoWritten checks testdata/go_written.npz, a file Go wrote for numpy
// to read. With -update it rewrites the file from the numpy fixtures;
// then
//
//	/usr/bin/python3 docs/numpy/gen_npy.py check
//
// loads it with numpy.load and checks it. The last run printed
//
//	numpy 1.24.2: go_written.npz: 7 arrays Theta1, Theta2, fortran3d,
//	bigendian, vector, scalar, empty load with numpy.load, equal bit for
//	bit to numpy's, each entry byte for byte what np.save writes
//
// Without -update the test checks that the file holds those arrays and that
// each entry is what WriteNPY writes now. (The zip container's bytes are
// not compared: they are archive/zip's to change.)
func TestGoWritten(t *testing.T) {
	npz, err := ReadNPZFile("testdata/savez.npz")
	if err != nil {
		t.Fatal(err)
	}
	var arrays []Array
	for _, w := range goWritten {
		var a Array
		if w.fixture == "savez.npz" {
			i := slices.IndexFunc(npz, func(a Array) bool { return a.Name == w.name })
			a = npz[i]
		} else if a, err = ReadNPYFile(filepath.Join("testdata", w.fixture)); err != nil {
			t.Fatal(err)
		}
		a.Name = w.name
		arrays = append(arrays, a)
	}
	const path = "testdata/go_written.npz"
	if golden.Update() {
		if err := WriteNPZFile(path, arrays); err != nil {
			t.Fatal(err)
		}
	}
	got, err := ReadNPZFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(arrays) {
		t.Fatalf("%s has %d arrays, want %d", path, len(got), len(arrays))
	}
	for i := range got {
		if d := diff(got[i], arrays[i]); d != "" {
			t.Errorf("%s array %d: %s", path, i, d)
		}
	}
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for i, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		if err := WriteNPY(&want, arrays[i]); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b, want.Bytes()) {
			t.Errorf("%s entry %s differs from what WriteNPY writes", path, f.Name)
		}
	}
}

// zipEntry is one entry for makeZip.
type zipEntry struct {
	name   string
	data   []byte
	method uint16 // zip.Store or zip.Deflate; anything else is written raw
	flags  uint16
}

// makeZip returns a zip archive of the given entries.
func makeZip(t *testing.T, entries ...zipEntry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		var w io.Writer
		var err error
		if e.method == zip.Store || e.method == zip.Deflate {
			w, err = zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: e.method, Flags: e.flags})
		} else {
			w, err = zw.CreateRaw(&zip.FileHeader{
				Name: e.name, Method: e.method, Flags: e.flags, CRC32: crc32.ChecksumIEEE(e.data),
				CompressedSize64: uint64(len(e.data)), UncompressedSize64: uint64(len(e.data)),
			})
		}
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(e.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadNPZErrors(t *testing.T) {
	npy := func(a Array) []byte {
		var buf bytes.Buffer
		if err := WriteNPY(&buf, a); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	theta2 := npy(Array{Shape: []int{2, 6}, Data: make([]float64, 12)})
	float32s, err := os.ReadFile("testdata/float32.npy")
	if err != nil {
		t.Fatal(err)
	}
	// A stored archive with one entry, whose data's last byte is changed
	// after the CRC-32 was computed.
	badCRC := makeZip(t, zipEntry{name: "a.npy", data: npy(Array{Shape: []int{1}, Data: []float64{1}})})
	i := bytes.Index(badCRC, []byte("\x00\x00\x00\x00\x00\x00\xf0\x3f")) // 1.0
	badCRC[i+7] ^= 1

	// Archives whose central directory gives a wrong offset for the entry's
	// local header: past the end, and not at a header.
	withOffset := func(off uint32) []byte {
		b := makeZip(t, zipEntry{name: "a.npy", data: theta2})
		i := bytes.LastIndex(b, []byte("PK\x01\x02")) // the central directory entry
		binary.LittleEndian.PutUint32(b[i+42:], off)
		return b
	}

	tests := []struct {
		name string
		file []byte
		want string
	}{
		{"empty", nil, "npz: not a valid zip archive: zip: not a valid zip file"},
		{"offset past the end", withOffset(1 << 30), `npz: entry "a.npy": corrupt zip entry: EOF`},
		{"offset not at a header", withOffset(1), `npz: entry "a.npy": corrupt zip entry: zip: not a valid zip file`},
		{"a .npy file", theta2, "npz: not a valid zip archive: zip: not a valid zip file"},
		{"entry not .npy", makeZip(t, zipEntry{name: "Theta1.txt", data: theta2}), `npz: entry "Theta1.txt": name does not end in .npy`},
		{"directory", makeZip(t, zipEntry{name: "Theta1/", data: nil}), `npz: entry "Theta1/": name does not end in .npy`},
		{"empty name", makeZip(t, zipEntry{name: ".npy", data: theta2}), `npz: entry ".npy": array name is empty`},
		{"bad UTF-8 name", makeZip(t, zipEntry{name: "\xff.npy", data: theta2}), `npz: entry "\xff.npy": name is not valid UTF-8`},
		{"duplicate", makeZip(t, zipEntry{name: "a.npy", data: theta2}, zipEntry{name: "a.npy", data: theta2}), `npz: entry "a.npy" appears twice`},
		{"unsupported dtype", makeZip(t, zipEntry{name: "Theta1.npy", data: float32s}), `npz: entry "Theta1.npy": dtype '<f4' is not supported (want float64 '<f8', int64 '<i8', int32 '<i4' or bool '|b1')`},
		{"truncated entry", makeZip(t, zipEntry{name: "Theta1.npy", data: theta2}, zipEntry{name: "Theta2.npy", data: theta2[:128+64]}),
			`npz: entry "Theta2.npy": truncated: want 96 bytes of data, have 64`},
		{"truncated compressed entry", makeZip(t, zipEntry{name: "Theta2.npy", data: theta2[:128+64], method: zip.Deflate}),
			`npz: entry "Theta2.npy": truncated: want 96 bytes of data, have 64`},
		{"trailing bytes", makeZip(t, zipEntry{name: "Theta2.npy", data: append(bytes.Clone(theta2), "junk"...)}), `npz: entry "Theta2.npy": 4 bytes after the array data`},
		{"bad CRC", badCRC, `npz: entry "a.npy": after the array data: zip: checksum error`},
		{"bzip2", makeZip(t, zipEntry{name: "Theta2.npy", data: theta2, method: 12}), `npz: entry "Theta2.npy": compression method 12 is not supported (want 0, stored, or 8, deflated)`},
		{"encrypted", makeZip(t, zipEntry{name: "Theta2.npy", data: theta2, flags: 1}), `npz: entry "Theta2.npy": entry is encrypted`},
	}
	for _, tt := range tests {
		_, err := ReadNPZ(bytes.NewReader(tt.file), int64(len(tt.file)))
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s: error\n%v\nwant\n%s", tt.name, err, tt.want)
		}
	}
}

// TestReadNPZTruncated reads every prefix of the numpy fixtures: each must
// give an error, not a panic.
func TestReadNPZTruncated(t *testing.T) {
	for _, file := range []string{"savez.npz", "savez_compressed.npz"} {
		b, err := os.ReadFile(filepath.Join("testdata", file))
		if err != nil {
			t.Fatal(err)
		}
		for n := range len(b) {
			if _, err := ReadNPZ(bytes.NewReader(b[:n]), int64(n)); err == nil {
				t.Errorf("ReadNPZ(%s[:%d]) succeeded, want an error", file, n)
			}
		}
	}
}

// TestReadNPZFlipped flips each byte of the numpy fixtures in turn: the
// result must be an error or arrays, never a panic. A changed byte of
// array data must be an error, since the CRC-32 no longer matches.
func TestReadNPZFlipped(t *testing.T) {
	for _, file := range []string{"savez.npz", "savez_compressed.npz"} {
		b, err := os.ReadFile(filepath.Join("testdata", file))
		if err != nil {
			t.Fatal(err)
		}
		orig, err := ReadNPZ(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatal(err)
		}
		for i := range b {
			c := bytes.Clone(b)
			c[i] ^= 0x55
			arrays, err := ReadNPZ(bytes.NewReader(c), int64(len(c)))
			if err != nil {
				continue
			}
			// Only the zip's metadata can change undetected, such as an
			// entry's name or time: not the shapes or data.
			if len(arrays) != len(orig) {
				t.Errorf("%s: changing byte %d: read %d arrays, want %d", file, i, len(arrays), len(orig))
				continue
			}
			for j := range arrays {
				arrays[j].Name = orig[j].Name
				if d := diff(arrays[j], orig[j]); d != "" {
					t.Errorf("%s: changing byte %d changed array %d undetected: %s", file, i, j, d)
				}
			}
		}
	}
}

func TestWriteNPZErrors(t *testing.T) {
	ok := Array{Name: "a", Shape: []int{1}, Data: []float64{1}}
	tests := []struct {
		arrays []Array
		want   string
	}{
		{[]Array{ok, {Shape: []int{1}, Data: []float64{1}}}, "npz: array 1 has no name"},
		{[]Array{ok, ok}, `npz: name "a" is used twice`},
		{[]Array{{Name: "\xff", Shape: []int{}, Data: []float64{1}}}, `npz: array 0: name "\xff" is not valid UTF-8`},
		{[]Array{ok, {Name: "b", Shape: []int{2}, Data: []float64{1}}}, `npz: array "b": shape [2] needs 2 values, Data has 1`},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		err := WriteNPZ(&buf, tt.arrays)
		if err == nil || err.Error() != tt.want {
			t.Errorf("WriteNPZ: error %v, want %s", err, tt.want)
		}
		if buf.Len() != 0 {
			t.Errorf("WriteNPZ wrote %d bytes before failing", buf.Len())
		}
	}
}

// dirNames returns the names of the files in dir.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestWriteNPZFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "m.npz")
	arrays := []Array{
		{Name: "Theta1", Shape: []int{2, 2}, Data: []float64{1, 2, 3, 4}},
		{Name: "Theta2", Shape: []int{1, 3}, Data: []float64{5, 6, 7}},
	}

	// Writing into a directory creates the file and nothing else.
	if err := WriteNPZFile(path, arrays); err != nil {
		t.Fatal(err)
	}
	if got := dirNames(t, dir); !slices.Equal(got, []string{"m.npz"}) {
		t.Errorf("directory holds %q, want [m.npz]", got)
	}
	got, err := ReadNPZFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := range arrays {
		if d := diff(got[i], arrays[i]); d != "" {
			t.Errorf("array %d: %s", i, d)
		}
	}
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	// Writing over it works.
	if err := WriteNPZFile(path, arrays[:1]); err != nil {
		t.Fatal(err)
	}
	if got, err := ReadNPZFile(path); err != nil || len(got) != 1 {
		t.Errorf("after rewriting: %d arrays, error %v; want 1 array", len(got), err)
	}
	if err := WriteNPZFile(path, arrays); err != nil {
		t.Fatal(err)
	}

	// Bad arrays leave the file as it was.
	bad := append(slices.Clone(arrays), Array{Name: "Theta3", Shape: []int{2}})
	err = WriteNPZFile(path, bad)
	if want := `npz: array "Theta3": shape [2] needs 2 values, Data has 0`; err == nil || err.Error() != want {
		t.Errorf("WriteNPZFile(bad arrays): error %v, want %s", err, want)
	}
	if after, err := os.ReadFile(path); err != nil || !bytes.Equal(after, before) {
		t.Errorf("WriteNPZFile(bad arrays) changed the file (error %v)", err)
	}
	if got := dirNames(t, dir); !slices.Equal(got, []string{"m.npz"}) {
		t.Errorf("after failing: directory holds %q, want [m.npz]", got)
	}

	// A path in a directory that does not exist is an error, and leaves
	// nothing behind.
	missing := filepath.Join(dir, "no", "m.npz")
	err = WriteNPZFile(missing, arrays)
	if !errors.Is(err, os.ErrNotExist) || !strings.Contains(err.Error(), missing) {
		t.Errorf("WriteNPZFile(%s): error %v, want one naming the path and wrapping os.ErrNotExist", missing, err)
	}
	if got := dirNames(t, dir); !slices.Equal(got, []string{"m.npz"}) {
		t.Errorf("after failing: directory holds %q, want [m.npz]", got)
	}

	// A path that is a directory is an error when renaming, and the
	// temporary file is removed.
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := WriteNPZFile(sub, arrays); err == nil {
		t.Errorf("WriteNPZFile(a directory) succeeded")
	}
	if got := dirNames(t, dir); !slices.Equal(got, []string{"m.npz", "sub"}) {
		t.Errorf("after failing: directory holds %q, want [m.npz sub]", got)
	}
	if got := dirNames(t, sub); len(got) != 0 {
		t.Errorf("after failing: %s holds %q, want nothing", sub, got)
	}
}

func TestReadNPZFileErrors(t *testing.T) {
	path := filepath.Join("testdata", "theta1.npy")
	_, err := ReadNPZFile(path)
	if want := "npz: " + path + ": not a valid zip archive: zip: not a valid zip file"; err == nil || err.Error() != want {
		t.Errorf("ReadNPZFile(a .npy file): error %v, want %s", err, want)
	}
	_, err = ReadNPZFile(filepath.Join(t.TempDir(), "missing.npz"))
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("ReadNPZFile(missing): error %v, want one wrapping os.ErrNotExist", err)
	}
}

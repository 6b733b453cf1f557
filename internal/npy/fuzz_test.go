package npy

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// addFixtures seeds f with the fixtures matching pattern and with bad,
// changed and truncated copies of them.
func addFixtures(f *testing.F, pattern string) {
	files, err := filepath.Glob(filepath.Join("testdata", pattern))
	if err != nil || len(files) == 0 {
		f.Fatalf("no fixtures %s: %v", pattern, err)
	}
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
		f.Add(b[:len(b)/2])
		f.Add(b[:len(b)-1])
	}
}

// FuzzReadNPY checks that ReadNPY never panics, and that whatever it reads
// WriteNPY writes and ReadNPY reads back unchanged.
func FuzzReadNPY(f *testing.F) {
	addFixtures(f, "*.npy")
	f.Add([]byte(nil))
	f.Add([]byte(magic))
	f.Add(npyWithHeader("{'descr': '<f8', 'fortran_order': True, 'shape': (2, 1, 1), }", f8(1, 2)))
	f.Add(npyWithHeader("{'descr': '>f8', 'fortran_order': False, 'shape': (1L,), }", f8(1)))
	f.Add(npyWithHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000000,), }", f8(1)))
	f.Add(npyWithHeader("{'descr': [('x', '<f8')], 'fortran_order': False, 'shape': (), }", f8(1)))
	f.Add(npyVersion(3, "{'descr': '<f8', 'fortran_order': False, 'shape': (0, 5), }", nil))
	f.Fuzz(func(t *testing.T, b []byte) {
		a, err := ReadNPY(bytes.NewReader(b))
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := WriteNPY(&buf, a); err != nil {
			t.Fatalf("WriteNPY(ReadNPY(input)): %v", err)
		}
		a2, err := ReadNPY(&buf)
		if err != nil {
			t.Fatalf("ReadNPY(WriteNPY(ReadNPY(input))): %v", err)
		}
		if d := diff(a2, a); d != "" {
			t.Fatalf("ReadNPY(WriteNPY(a)) != a: %s", d)
		}
	})
}

// FuzzReadNPZ checks that ReadNPZ never panics, and that whatever it reads
// WriteNPZ writes and ReadNPZ reads back unchanged.
func FuzzReadNPZ(f *testing.F) {
	addFixtures(f, "*.npz")
	f.Add([]byte(nil))
	f.Add([]byte("PK\x05\x06\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"))
	var buf bytes.Buffer
	if err := WriteNPZ(&buf, []Array{
		{Name: "a", Shape: []int{}, Data: []float64{1}},
		{Name: "b/c", Shape: []int{0}, Data: []float64{}},
	}); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, b []byte) {
		arrays, err := ReadNPZ(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := WriteNPZ(&buf, arrays); err != nil {
			t.Fatalf("WriteNPZ(ReadNPZ(input)): %v", err)
		}
		arrays2, err := ReadNPZ(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		if err != nil {
			t.Fatalf("ReadNPZ(WriteNPZ(ReadNPZ(input))): %v", err)
		}
		if len(arrays2) != len(arrays) {
			t.Fatalf("ReadNPZ(WriteNPZ(arrays)) read %d arrays, want %d", len(arrays2), len(arrays))
		}
		for i := range arrays {
			if d := diff(arrays2[i], arrays[i]); d != "" {
				t.Fatalf("array %d: ReadNPZ(WriteNPZ(a)) != a: %s", i, d)
			}
		}
	})
}

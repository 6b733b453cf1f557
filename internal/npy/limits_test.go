package npy

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// zipBomb returns an .npz whose one entry is the .npy header for shape
// followed by zeros bytes of zeros, deflated (a few kB per MB).
func zipBomb(t *testing.T, shape []int, zeros int64) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestSpeed)
	})
	w, err := zw.Create("Theta1.npy")
	if err != nil {
		t.Fatal(err)
	}
	w.Write(npyHeader(descrLittle, shape))
	zero := make([]byte, 1<<20)
	for n := zeros; n > 0; n -= int64(len(zero)) {
		w.Write(zero[:min(n, int64(len(zero)))])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// heapGrowth runs f and returns how much the heap in use grew meanwhile, at
// most.
func heapGrowth(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// Archives that declare or inflate to more than MaxElements are errors found
// before the memory is spent.
func TestReadNPZLimits(t *testing.T) {
	huge := 8 * int64(MaxElements) // bytes of the largest array accepted
	tests := []struct {
		name string
		npz  []byte
		want string
	}{
		// 64 MB of zeros (64 kB compressed) under a header declaring 2^31
		// elements, 16 GiB: refused at the header.
		{"shape beyond the cap", zipBomb(t, []int{1 << 31}, 64<<20), "more than the 134217728 this reader accepts"},
		// A small array followed by 64 MB of zeros: only 1 MiB is inflated.
		{"zeros after the data", zipBomb(t, []int{2}, 64<<20), "bytes or more after the array data"},
		{"declared size beyond the cap", rawEntry(t, uint64(huge)+1<<20), "declares"},
	}
	for _, tt := range tests {
		var err error
		grew := heapGrowth(func() { _, err = ReadNPZ(bytes.NewReader(tt.npz), int64(len(tt.npz))) })
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s (%d bytes): error %v, want one containing %q", tt.name, len(tt.npz), err, tt.want)
		}
		if grew > 16<<20 {
			t.Errorf("%s: reading allocated %d bytes, want under 16 MiB", tt.name, grew)
		}
	}
}

// rawEntry returns an .npz whose one stored entry claims size bytes
// uncompressed and holds a small array.
func rawEntry(t *testing.T, size uint64) []byte {
	t.Helper()
	data := npyHeader(descrLittle, []int{1})
	data = append(data, make([]byte, 8)...)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "Theta1.npy", Method: zip.Store,
		CRC32: crc32.ChecksumIEEE(data), CompressedSize64: uint64(len(data)), UncompressedSize64: size})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(data)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Files that are not regular, or are huge and sparse, are errors, quickly.
func TestReadFileLimits(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err == nil {
		for _, read := range []func(string) error{
			func(p string) error { _, err := ReadNPZFile(p); return err },
			func(p string) error { _, err := ReadNPYFile(p); return err },
		} {
			if err := read("/dev/zero"); err == nil || !strings.Contains(err.Error(), "not a regular file") {
				t.Errorf("reading /dev/zero: error %v, want \"not a regular file\"", err)
			}
		}
	}
	sparse := filepath.Join(t.TempDir(), "sparse.npz")
	f, err := os.Create(sparse)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(6 << 30); err != nil {
		t.Skipf("cannot make a sparse 6 GB file: %v", err)
	}
	f.Close()
	var rerr error
	grew := heapGrowth(func() { _, rerr = ReadNPZFile(sparse) })
	if rerr == nil || !strings.Contains(rerr.Error(), "6442450944 bytes, more than a file of at most") {
		t.Errorf("a sparse 6 GB file: error %v, want its size refused before reading", rerr)
	}
	if grew > 16<<20 {
		t.Errorf("a sparse 6 GB file: reading allocated %d bytes, want under 16 MiB", grew)
	}
}

// An array whose size the input declares (a file's size, an .npz entry's
// uncompressed size) is read into one allocation of its size, so reading
// 64 MiB takes 64 MiB, not the 2 or 3 times as much that growing it by
// append would; a header declaring more than the file holds is refused
// before anything is allocated.
func TestReadAllocatesOnce(t *testing.T) {
	const n = 8 << 20 // elements: 64 MiB
	npz := zipBomb(t, []int{n}, 8*n)
	var err error
	grew := heapGrowth(func() { _, err = ReadNPZ(bytes.NewReader(npz), int64(len(npz))) })
	if err != nil {
		t.Fatal(err)
	}
	if grew > 8*n+4<<20 {
		t.Errorf("reading a 64 MiB array from an .npz allocated %d bytes, want under 68 MiB", grew)
	}
	path := filepath.Join(t.TempDir(), "short.npy")
	if err := os.WriteFile(path, append(npyHeader(descrLittle, []int{n}), make([]byte, 80)...), 0o644); err != nil {
		t.Fatal(err)
	}
	grew = heapGrowth(func() { _, err = ReadNPYFile(path) })
	if err == nil || !strings.Contains(err.Error(), "truncated: want 67108864 bytes of data, have 80") {
		t.Errorf("a .npy file declaring 64 MiB and holding 80 bytes: error %v, want it truncated", err)
	}
	if grew > 1<<20 {
		t.Errorf("the short .npy file: reading allocated %d bytes, want under 1 MiB", grew)
	}
}

package dataset

import (
	"bytes"
	"compress/gzip"
	"errors"
	"runtime"
	"strings"
	"testing"
)

// gzipBomb returns a .csv.gz file that decompresses to members copies of
// text: gzip files may hold several members, which a reader reads as one
// stream, so the file is small however many copies it holds.
func gzipBomb(t testing.TB, text string, members int) []byte {
	t.Helper()
	var one bytes.Buffer
	w, err := gzip.NewWriterLevel(&one, gzip.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte(text)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return bytes.Repeat(one.Bytes(), members)
}

// The two bombs: 500 MB of short rows, and one line of 500 MB, in files of
// about 1.2 MB and 0.5 MB.
func rowsBomb(t testing.TB) []byte {
	return gzipBomb(t, strings.Repeat("1,2,3,4,5,6,7,8,9,0\n", 50000), 500) // 20 bytes x 50000 = 1 MB a member
}

func lineBomb(t testing.TB) []byte {
	return gzipBomb(t, strings.Repeat("1,", 500000), 500)
}

// allocated returns how many bytes f allocated.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestGzipBomb reads small .csv.gz files that decompress to hundreds of
// megabytes, and checks that the caps stop each early, with their error, and
// that the bytes the Reader allocated in all (runtime.MemStats.TotalAlloc,
// which bounds what it held at any time) stay within what the caps allow.
func TestGzipBomb(t *testing.T) {
	if testing.Short() {
		t.Skip("reads tens of megabytes")
	}
	const maxValues = 1 << 20
	for _, tt := range []struct {
		name  string
		file  []byte
		setup func(r *Reader)
		want  string
		bound uint64 // on the bytes allocated
	}{
		{"rows, value cap", rowsBomb(t), func(r *Reader) { r.MaxValues = maxValues },
			"dataset: bomb.csv.gz:104858: more than 1048576 numbers: the data set is too large", 32 * maxValues},
		{"rows, default caps", rowsBomb(t), func(*Reader) {},
			"dataset: bomb.csv.gz:3355444: more than 33554432 numbers: the data set is too large", 32 * DefaultMaxValues},
		{"one line, default caps", lineBomb(t), func(*Reader) {},
			"dataset: bomb.csv.gz:1: line longer than 1048576 bytes", 4 * DefaultMaxLineBytes},
		{"blank lines, byte cap", gzipBomb(t, strings.Repeat(strings.Repeat(" ", 999)+"\n", 1000), 500),
			func(r *Reader) { r.MaxBytes = 50 << 20 },
			"dataset: bomb.csv.gz:52429: more than 52428800 bytes of text: the data set is too large", 2 * DefaultMaxLineBytes},
	} {
		var err error
		n := allocated(func() {
			r := NewReader(bytes.NewReader(tt.file), "bomb.csv.gz")
			tt.setup(r)
			_, err = r.Read()
		})
		t.Logf("%s: a %d-byte file: %v; %.1f MB allocated", tt.name, len(tt.file), err, float64(n)/1e6)
		if err == nil || err.Error() != tt.want || !errors.Is(err, ErrTooLarge) {
			t.Errorf("%s: error %v, want %s", tt.name, err, tt.want)
		}
		if !(n <= tt.bound) {
			t.Errorf("%s: %d bytes allocated, want at most %d", tt.name, n, tt.bound)
		}
	}
}

// TestWideLine reads the widest line the default caps allow, all empty
// fields: encoding/csv's bookkeeping of its million fields is the most the
// line cap lets a Reader hold for one line.
func TestWideLine(t *testing.T) {
	if testing.Short() {
		t.Skip("allocates 150 MB")
	}
	var err error
	n := allocated(func() {
		_, err = NewReader(strings.NewReader(strings.Repeat(",", DefaultMaxLineBytes)+"\n"), "wide.csv").Read()
	})
	t.Logf("a line of %d commas: %v; %.1f MB allocated", DefaultMaxLineBytes, err, float64(n)/1e6)
	if want := "dataset: wide.csv:1:1: empty field, want a number"; err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
	if !(n <= 200*DefaultMaxLineBytes) {
		t.Errorf("%d bytes allocated, want at most %d", n, 200*DefaultMaxLineBytes)
	}
}

// TestLargeFile reads a plain CSV of a million rows of two features with the
// default caps.
func TestLargeFile(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 13 MB")
	}
	var b strings.Builder
	for i := range 1000000 {
		b.WriteString([]string{"0.25,-1.5,0\n", "1e-3,2.75,1\n"}[i%2])
	}
	d, err := NewReader(strings.NewReader(b.String()), "big.csv").Read()
	if err != nil {
		t.Fatal(err)
	}
	if d.X.Rows != 1000000 || d.X.Cols != 2 || d.K != 2 || d.X.At(999999, 1) != 2.75 || d.Y[999998] != 0 {
		t.Errorf("read %dx%d, K %d; want 1000000x2, K 2", d.X.Rows, d.X.Cols, d.K)
	}
}

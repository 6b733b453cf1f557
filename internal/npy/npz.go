package npy

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ann-go/ann/internal/safefile"
)

// zipTime is the modification time written for every .npz entry: the
// earliest a zip file can record, so that the same arrays always make the
// same bytes. (numpy writes the current time.)
var zipTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// checkNPZ reports whether arrays can be written as an .npz: each is well
// formed and has a non-empty UTF-8 name used by no other.
func checkNPZ(arrays []Array) error {
	seen := make(map[string]bool, len(arrays))
	for i, a := range arrays {
		switch {
		case a.Name == "":
			return fmt.Errorf("array %d has no name", i)
		case !utf8.ValidString(a.Name):
			return fmt.Errorf("array %d: name %q is not valid UTF-8", i, a.Name)
		case seen[a.Name]:
			return fmt.Errorf("name %q is used twice", a.Name)
		}
		seen[a.Name] = true
		if err := a.check(); err != nil {
			return fmt.Errorf("array %q: %w", a.Name, err)
		}
	}
	return nil
}

// WriteNPZ writes arrays to w as an .npz archive, as numpy.savez does: a
// zip archive of uncompressed entries NAME.npy, in the order given, each
// written by [WriteNPY]. Each array's Name must be non-empty and unique.
// The archive records the same modification time, 1980-01-01, for every
// entry, so the output depends only on the arrays.
func WriteNPZ(w io.Writer, arrays []Array) error {
	if err := checkNPZ(arrays); err != nil {
		return fmt.Errorf("npz: %w", err)
	}
	if err := writeNPZ(w, arrays); err != nil {
		return fmt.Errorf("npz: %w", err)
	}
	return nil
}

// writeNPZ writes arrays, which checkNPZ accepted, to w.
func writeNPZ(w io.Writer, arrays []Array) error {
	zw := zip.NewWriter(w)
	for _, a := range arrays {
		fh := &zip.FileHeader{Name: a.Name + ".npy", Method: zip.Store, Modified: zipTime}
		fh.SetMode(0o644)
		ew, err := zw.CreateHeader(fh)
		if err != nil {
			return fmt.Errorf("entry %q: %w", fh.Name, err)
		}
		if err := writeNPY(ew, a); err != nil {
			return fmt.Errorf("entry %q: %w", fh.Name, err)
		}
	}
	return zw.Close()
}

// ReadNPZ reads the arrays of the .npz archive in r, which is size bytes
// long, in archive order; each Array's Name is its entry's name without
// ".npy". It reads archives written by numpy.savez (stored) and
// numpy.savez_compressed (deflated).
//
// Each entry must be a .npy file that [ReadNPY] accepts, with nothing after
// its data; its CRC-32 is checked. It is an error if an entry's name does
// not end in ".npy", if two entries have the same name, or if the archive
// is corrupt or truncated. Errors name the entry, as in
//
//	npz: entry "Theta2.npy": truncated: want 96 bytes of data, have 64
func ReadNPZ(r io.ReaderAt, size int64) ([]Array, error) {
	arrays, err := readNPZ(r, size)
	if err != nil {
		return nil, fmt.Errorf("npz: %w", err)
	}
	return arrays, nil
}

// readNPZ is ReadNPZ without the "npz: " prefix on errors.
func readNPZ(r io.ReaderAt, size int64) ([]Array, error) {
	zr, err := zip.NewReader(r, size)
	// ErrInsecurePath warns about names like "../x" that would be unsafe
	// to extract; nothing is extracted here, so such names are harmless.
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, fmt.Errorf("not a valid zip archive: %w", err)
	}
	arrays := make([]Array, 0, min(len(zr.File), 64))
	seen := make(map[string]bool, min(len(zr.File), 64))
	left := MaxElements // elements the arrays still to read may hold
	for _, f := range zr.File {
		if seen[f.Name] {
			return nil, fmt.Errorf("entry %q appears twice", f.Name)
		}
		seen[f.Name] = true
		a, err := readEntry(f, left)
		if err != nil {
			return nil, fmt.Errorf("entry %q: %w", f.Name, err)
		}
		left -= len(a.Data)
		arrays = append(arrays, a)
	}
	return arrays, nil
}

// maxEntryOverhead is the most an .npy entry may hold beyond its data: the
// magic string, version, header length and the longest header.
const maxEntryOverhead = 16 + maxHeaderLen*utf8.UTFMax

// maxTrailing is how many bytes after an entry's array data readEntry
// inflates to report them.
const maxTrailing = 1 << 20

// readEntry reads the array in one .npz entry, of at most limit elements.
// The entry's declared size is checked before it is decompressed, and the
// data is read only as far as the .npy header says, so neither a lying
// directory nor a zip bomb makes it allocate or inflate more than that.
func readEntry(f *zip.File, limit int) (Array, error) {
	name, ok := strings.CutSuffix(f.Name, ".npy")
	switch {
	case !ok:
		return Array{}, errors.New("name does not end in .npy")
	case name == "":
		return Array{}, errors.New("array name is empty")
	case !utf8.ValidString(name):
		return Array{}, errors.New("name is not valid UTF-8")
	case f.Flags&0x1 != 0:
		return Array{}, errors.New("entry is encrypted")
	case f.Method != zip.Store && f.Method != zip.Deflate:
		return Array{}, fmt.Errorf("compression method %d is not supported (want 0, stored, or 8, deflated)", f.Method)
	}
	if f.UncompressedSize64 > 8*uint64(limit)+maxEntryOverhead {
		return Array{}, fmt.Errorf("declares %d bytes uncompressed, more than an array of at most %d elements needs", f.UncompressedSize64, limit)
	}
	rc, err := f.Open()
	if err != nil {
		return Array{}, fmt.Errorf("corrupt zip entry: %w", err)
	}
	defer rc.Close()
	a, err := readNPYLimit(rc, limit, int64(f.UncompressedSize64))
	if err != nil {
		return Array{}, err
	}
	// Read to the end of the entry, which must come now: that is when
	// archive/zip checks the size and CRC-32.
	// (At most maxTrailing bytes are inflated to count them.)
	n, err := io.Copy(io.Discard, io.LimitReader(rc, maxTrailing))
	if err != nil {
		return Array{}, fmt.Errorf("after the array data: %w", err)
	}
	if n >= maxTrailing {
		return Array{}, fmt.Errorf("%d bytes or more after the array data", n)
	}
	if n > 0 {
		return Array{}, fmt.Errorf("%d bytes after the array data", n)
	}
	a.Name = name
	return a, nil
}

// ReadNPZFile reads the .npz file at path, as [ReadNPZ] does, through the
// file's offsets rather than whole into memory; anything but a regular file
// is refused. Errors
// name the file and the entry:
//
//	npz: m.npz: entry "Theta1.npy": dtype '<f4' is not supported (want float64 '<f8', int64 '<i8', int32 '<i4' or bool '|b1')
func ReadNPZFile(path string) ([]Array, error) {
	f, size, err := openRegular(path)
	if err != nil {
		return nil, fmt.Errorf("npz: %w", err)
	}
	defer f.Close()
	arrays, err := readNPZ(f, size)
	if err != nil {
		return nil, fmt.Errorf("npz: %s: %w", path, err)
	}
	return arrays, nil
}

// WriteNPZFile writes arrays to the file at path, as [WriteNPZ] does,
// whole or not at all: it writes to a temporary file in the same
// directory, syncs it to disk and renames it to path. On any error the
// temporary file is removed and no file at path is created or changed.
// The file's permissions are 0644.
func WriteNPZFile(path string, arrays []Array) error {
	if err := checkNPZ(arrays); err != nil {
		return fmt.Errorf("npz: %w", err)
	}
	if err := safefile.Write(path, func(w io.Writer) error { return writeNPZ(w, arrays) }); err != nil {
		return fmt.Errorf("npz: %w", err)
	}
	return nil
}

// Package npy reads and writes numpy's .npy and .npz files of float64
// arrays, so that a network trained with numpy and saved with
//
//	np.savez('m.npz', Theta1=Theta1, Theta2=Theta2)
//
// loads in Go with [ReadNPZFile], and a file written by [WriteNPZFile] loads
// with numpy.load.
//
// A .npy file holds one array (numpy/lib/format.py):
//
//	"\x93NUMPY" major minor   magic string and format version (1.0, 2.0 or 3.0)
//	HEADER_LEN                little-endian uint16 (1.0) or uint32 (2.0, 3.0)
//	HEADER                    a Python dict literal, padded with spaces and a
//	                          final '\n' so the data starts at a multiple of 64
//	                          bytes, e.g. {'descr': '<f8', 'fortran_order': False, 'shape': (5, 3), }
//	DATA                      the elements, 8 bytes each
//
// An .npz file is a zip archive of .npy files, one per array, named after
// the array: Theta1.npy, Theta2.npy. numpy.savez stores them uncompressed;
// numpy.savez_compressed deflates them.
//
// Arrays are float64: reading one of int64, int32 or bool (numpy's dtype for
// labels and counts) gives their values as float64s, with Array.Int set, and
// an Array with Int set is written as int64. Any other dtype is an error that
// names it. The reader accepts what any numpy version writes:
// format versions 1.0 to 3.0, either byte order, C or Fortran order, any
// number of dimensions up to 64, and zero-size arrays. The writer writes
// what numpy 1.24 writes for a C-ordered little-endian float64 array, byte
// for byte.
//
// Errors from reading say what is wrong and where: a file's path, an .npz
// entry's name, the byte offset in a header. A header that declares more
// data than the input holds is an error found by reading the input, not by
// allocating the declared size first.
package npy

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ann-go/ann/internal/safefile"
)

// Array is an n-dimensional float64 array in C (row-major) order: for
// Shape [m n], element {i, j} is Data[i*n + j].
type Array struct {
	Name  string    // the name inside an .npz (without ".npy"); empty for a lone .npy
	Shape []int     // e.g. [5 3]; [] for a 0-d scalar
	Data  []float64 // len = product of Shape, C order
	// Int says the array is of integers: read from an int64, int32 or bool
	// array (bools as 0 and 1), or to be written as int64 ('<i8'), as
	// numpy holds labels and counts.
	Int bool
}

const (
	magic = "\x93NUMPY"

	// align is numpy's ARRAY_ALIGN: the header is padded so that the data
	// starts at a multiple of align bytes.
	align = 64

	// growthDigits is numpy's GROWTH_AXIS_MAX_DIGITS: numpy 1.24 pads the
	// header with spaces so the first dimension could grow to 21 digits
	// in place.
	growthDigits = 21

	// maxHeaderLen is numpy's _MAX_HEADER_SIZE: numpy.load refuses a
	// header of more characters unless told to trust the file.
	maxHeaderLen = 10000
)

// nativeBigEndian reports whether this machine is big-endian, the byte
// order numpy gives to '=f8' and '|f8' data.
var nativeBigEndian = binary.NativeEndian.Uint16([]byte{0, 1}) == 1

// numElements returns the number of elements in an array of the given
// shape. It reports false if a dimension is negative or the array would not
// fit in memory even with its zero dimensions taken as 1, the check numpy
// makes before it allocates.
func numElements(shape []int) (int, bool) {
	n, zero := 1, false
	for _, d := range shape {
		switch {
		case d < 0:
			return 0, false
		case d == 0:
			zero = true
		case n > math.MaxInt/8/d:
			return 0, false
		default:
			n *= d
		}
	}
	if zero {
		return 0, true
	}
	return n, true
}

// check reports whether a is well formed: Data holds exactly the elements
// Shape describes.
func (a Array) check() error {
	if len(a.Shape) > maxDims {
		return fmt.Errorf("shape %v has %d dimensions, more than %d", a.Shape, len(a.Shape), maxDims)
	}
	n, ok := numElements(a.Shape)
	if !ok {
		for _, d := range a.Shape {
			if d < 0 {
				return fmt.Errorf("shape %v has a negative dimension", a.Shape)
			}
		}
		return fmt.Errorf("shape %v is too large", a.Shape)
	}
	if len(a.Data) != n {
		return fmt.Errorf("shape %v needs %d values, Data has %d", a.Shape, n, len(a.Data))
	}
	if a.Int {
		for i, v := range a.Data {
			if v != math.Trunc(v) || math.Abs(v) > maxExactInt {
				return fmt.Errorf("element %d, %v, is not an integer of at most 2^53 for an int64 array", i, v)
			}
		}
	}
	return nil
}

// maxExactInt is 2^53: every integer up to it in size is a float64 exactly.
const maxExactInt = 1 << 53

// npyHeader returns the magic string, version, header length and header
// numpy 1.24 writes for a C-ordered little-endian array of the given dtype
// descriptor and shape.
func npyHeader(descr string, shape []int) []byte {
	var dims []string
	for _, d := range shape {
		dims = append(dims, strconv.Itoa(d))
	}
	// Python's repr of a tuple: (), (5,), (5, 3).
	shapeRepr := "(" + strings.Join(dims, ", ") + ")"
	if len(shape) == 1 {
		shapeRepr = "(" + dims[0] + ",)"
	}
	h := "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shapeRepr + ", }"
	if len(shape) > 0 {
		h += strings.Repeat(" ", max(0, growthDigits-len(dims[0])))
	}
	// numpy pads with 64 - (prefix+header+1) % 64 spaces, which is 64, not
	// 0, when the header already ends on a boundary; then a newline.
	const prefixLen = len(magic) + 2 + 2
	pad := align - (prefixLen+len(h)+1)%align
	hlen := len(h) + pad + 1
	b := make([]byte, 0, prefixLen+hlen)
	b = append(b, magic...)
	b = append(b, 1, 0)
	b = binary.LittleEndian.AppendUint16(b, uint16(hlen))
	b = append(b, h...)
	for range pad {
		b = append(b, ' ')
	}
	return append(b, '\n')
}

// WriteNPY writes a to w in .npy format version 1.0, with dtype '<f8' and
// fortran_order False, the header padded so the data starts at a multiple
// of 64 bytes, exactly as numpy.save writes a float64 array. a.Name is
// not written. It is an error if len(a.Data) is not the product of a.Shape.
func WriteNPY(w io.Writer, a Array) error {
	if err := a.check(); err != nil {
		return fmt.Errorf("npy: %w", err)
	}
	if err := writeNPY(w, a); err != nil {
		return fmt.Errorf("npy: %w", err)
	}
	return nil
}

// writeNPY writes a, which must be well formed, to w.
func writeNPY(w io.Writer, a Array) error {
	// Write in pieces of about 64 KiB, so that a large array is not
	// copied whole into a buffer first.
	const piece = 1 << 16
	descr := descrLittle
	if a.Int {
		descr = "<i8"
	}
	buf := npyHeader(descr, a.Shape)
	for i, x := range a.Data {
		if a.Int {
			buf = binary.LittleEndian.AppendUint64(buf, uint64(int64(x)))
		} else {
			buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(x))
		}
		if len(buf) >= piece && i < len(a.Data)-1 {
			if _, err := w.Write(buf); err != nil {
				return err
			}
			buf = buf[:0]
		}
	}
	_, err := w.Write(buf)
	return err
}

// ReadNPY reads one array in .npy format from r. It reads exactly the
// header and the data the header declares and nothing after them, so
// arrays written one after another to one stream, as repeated numpy.save
// calls on one open file do, can be read with repeated calls. The returned
// Array's Name is empty, and its Shape and Data are never nil.
//
// Big-endian data is converted and Fortran-ordered data transposed, so
// Data is always in C order. It is an error if the dtype is not float64,
// if the header is malformed, or if r ends before the data does.
func ReadNPY(r io.Reader) (Array, error) {
	a, err := readNPY(r)
	if err != nil {
		return Array{}, fmt.Errorf("npy: %w", err)
	}
	return a, nil
}

// MaxElements bounds the arrays the readers accept: an array, or all the
// arrays of an .npz together, of more elements (8 bytes each, 1 GiB in
// all) is an error, found from the header before anything is allocated.
const MaxElements = 1 << 27

// readNPY is ReadNPY without the "npy: " prefix on errors.
func readNPY(r io.Reader) (Array, error) {
	return readNPYLimit(r, MaxElements, -1)
}

// readNPYLimit is readNPY for an array of at most limit elements, from an
// input of size bytes in all (the magic string on), or of unknown size if
// size < 0. With the size known, the header's data must fit in what is left
// of it, and the data is then read into one allocation of exactly its size;
// with it unknown, the data grows as it arrives.
func readNPYLimit(r io.Reader, limit int, size int64) (Array, error) {
	var pre [len(magic) + 2]byte
	if n, err := io.ReadFull(r, pre[:]); err != nil {
		return Array{}, readError(err, "magic string", len(pre), n)
	}
	if string(pre[:len(magic)]) != magic {
		return Array{}, fmt.Errorf("not a .npy file: starts with %q, want %q", pre[:len(magic)], magic)
	}
	major, minor := pre[len(magic)], pre[len(magic)+1]
	var lenSize int
	switch {
	case major == 1 && minor == 0:
		lenSize = 2
	case (major == 2 || major == 3) && minor == 0:
		lenSize = 4
	default:
		return Array{}, fmt.Errorf("format version %d.%d is not supported (want 1.0, 2.0 or 3.0)", major, minor)
	}

	var lenBuf [4]byte
	if n, err := io.ReadFull(r, lenBuf[:lenSize]); err != nil {
		return Array{}, readError(err, "header length", lenSize, n)
	}
	hlen := int64(binary.LittleEndian.Uint32(lenBuf[:]))
	// Version 3.0 headers are UTF-8, up to 4 bytes a character.
	maxBytes := int64(maxHeaderLen)
	if major == 3 {
		maxBytes *= utf8.UTFMax
	}
	if hlen > maxBytes {
		return Array{}, fmt.Errorf("header is %d bytes, more than numpy reads (%d characters)", hlen, maxHeaderLen)
	}
	raw := make([]byte, hlen)
	if n, err := io.ReadFull(r, raw); err != nil {
		return Array{}, readError(err, "header", len(raw), n)
	}

	h, err := decodeHeader(raw, major)
	if err != nil {
		return Array{}, err
	}

	n, _ := numElements(h.shape) // decodeHeader checked it
	if n > limit {
		return Array{}, fmt.Errorf("shape %v holds %d elements, more than the %d this reader accepts", h.shape, n, limit)
	}
	var order binary.ByteOrder = binary.LittleEndian
	if h.bigEndian {
		order = binary.BigEndian
	}
	known := false
	if size >= 0 {
		left := size - int64(len(pre)+lenSize) - hlen
		if int64(n) > left/int64(h.size) {
			return Array{}, fmt.Errorf("truncated: want %d bytes of data, have %d", int64(h.size)*int64(n), max(left, 0))
		}
		known = true
	}
	data, err := readData(r, n, order, h.kind, h.size, known)
	if err != nil {
		return Array{}, err
	}
	if h.fortran {
		data = fortranToC(data, h.shape)
	}
	return Array{Shape: h.shape, Data: data, Int: h.kind != 'f'}, nil
}

// readError describes err, from reading want bytes of what and getting
// have, as truncation if the input ended, and otherwise as itself.
func readError(err error, what string, want, have int) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		if have == 0 && what == "magic string" {
			return errors.New("truncated: input is empty")
		}
		return fmt.Errorf("truncated: want %d bytes of %s, have %d", want, what, have)
	}
	return fmt.Errorf("reading %s: %w", what, err)
}

// readData reads n elements of the given kind and size in the given byte
// order from r, as float64s. If known, r is known to hold them and the
// result is allocated once, at its size. Otherwise it reads in pieces and
// grows the result as the data arrives, never beyond n, so a header that
// declares more data than r holds fails when r ends rather than by
// allocating the declared size up front, and the memory it takes is at most
// twice the result's. An int64 of more than 2^53 in size, which no float64
// holds exactly, is an error.
func readData(r io.Reader, n int, order binary.ByteOrder, kind byte, size int, known bool) ([]float64, error) {
	const chunk = 1 << 16 // bytes read at a time
	data := make([]float64, 0, min(n, chunk/size))
	if known {
		data = make([]float64, 0, n)
	}
	buf := make([]byte, min(size*n, chunk))
	for len(data) < n {
		want := min(size*(n-len(data)), len(buf))
		got, err := io.ReadFull(r, buf[:want])
		if len(data)+got/size > cap(data) {
			// Double the capacity, but not past n, as append would.
			grown := make([]float64, len(data), min(2*cap(data), n))
			copy(grown, data)
			data = grown
		}
		for i := 0; i+size <= got; i += size {
			var v float64
			switch {
			case kind == 'f':
				v = math.Float64frombits(order.Uint64(buf[i:]))
			case kind == 'b':
				if buf[i] != 0 {
					v = 1
				}
			case size == 4:
				v = float64(int32(order.Uint32(buf[i:])))
			default:
				x := int64(order.Uint64(buf[i:]))
				if x > maxExactInt || x < -maxExactInt {
					return nil, fmt.Errorf("element %d, %d, is too large to hold as a float64 exactly", len(data), x)
				}
				v = float64(x)
			}
			data = append(data, v)
		}
		if err != nil {
			have := size*len(data) + got%size
			if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
				return nil, fmt.Errorf("truncated: want %d bytes of data, have %d", size*n, have)
			}
			return nil, fmt.Errorf("reading data: %w", err)
		}
	}
	return data, nil
}

// fortranToC returns the C-order copy of f, an array of the given shape in
// Fortran (column-major) order, in which element {i0, i1, ..., ik} is
//
//	f[i0 + d0*(i1 + d1*(i2 + ... + d(k-1)*ik))]
//
// for shape [d0 d1 ... dk].
func fortranToC(f []float64, shape []int) []float64 {
	c := make([]float64, len(f))
	if len(f) == 0 {
		return c
	}
	stride := make([]int, len(shape)) // Fortran strides, in elements
	s := 1
	for k, d := range shape {
		stride[k] = s
		s *= d
	}
	idx := make([]int, len(shape))
	off := 0 // offset in f of element idx
	for i := range c {
		c[i] = f[off]
		// Step idx in C order, the last index fastest.
		for k := len(shape) - 1; k >= 0; k-- {
			idx[k]++
			off += stride[k]
			if idx[k] < shape[k] {
				break
			}
			off -= stride[k] * shape[k]
			idx[k] = 0
		}
	}
	return c
}

// ReadNPYFile reads the .npy file at path. Unlike [ReadNPY] on a stream,
// it is an error for the file to hold anything after the array's data.
func ReadNPYFile(path string) (Array, error) {
	f, size, err := openRegular(path)
	if err != nil {
		return Array{}, fmt.Errorf("npy: %w", err)
	}
	defer f.Close()
	a, err := readNPYLimit(f, MaxElements, size)
	if err != nil {
		return Array{}, fmt.Errorf("npy: %s: %w", path, err)
	}
	// The file is regular: what is left is its size less the offset.
	off, err := f.Seek(0, io.SeekCurrent)
	if err != nil {
		return Array{}, fmt.Errorf("npy: %s: reading after the data: %w", path, err)
	}
	if n := size - off; n > 0 {
		return Array{}, fmt.Errorf("npy: %s: %d bytes after the array data", path, n)
	}
	return a, nil
}

// openRegular opens path for reading and returns it with its size, refusing
// anything but a regular file: a device such as /dev/zero never ends, and a
// FIFO cannot be read at offsets.
func openRegular(path string) (*os.File, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, err
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, 0, fmt.Errorf("%s: not a regular file", path)
	}
	if fi.Size() > MaxFileBytes {
		f.Close()
		return nil, 0, fmt.Errorf("%s: %d bytes, more than a file of at most %d numbers can be (%d bytes)", path, fi.Size(), MaxElements, int64(MaxFileBytes))
	}
	return f, fi.Size(), nil
}

// MaxFileBytes bounds the size of a file the readers open: twice the bytes of
// MaxElements float64s, room for the arrays and an archive's overhead.
const MaxFileBytes = 16 * MaxElements

// WriteNPYFile writes a to the file at path in .npy format, as [WriteNPY]
// does. Like [WriteNPZFile], it writes the file whole or not at all.
func WriteNPYFile(path string, a Array) error {
	if err := a.check(); err != nil {
		return fmt.Errorf("npy: %w", err)
	}
	if err := safefile.Write(path, func(w io.Writer) error { return writeNPY(w, a) }); err != nil {
		return fmt.Errorf("npy: %w", err)
	}
	return nil
}

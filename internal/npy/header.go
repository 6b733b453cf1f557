package npy

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The header of a .npy file is the repr of a Python dict, for example
//
//	{'descr': '<f8', 'fortran_order': False, 'shape': (5, 3), }
//
// numpy reads it back with ast.literal_eval. parseHeader reads the subset of
// Python's literal syntax that numpy writes, and nothing more:
//
//	dict    { 'key': value, ... }   string keys, optional trailing comma
//	string  '...' or "..."          escapes \\ \' \" \n \r \t \xhh
//	int     0, 5, -3                no leading zeros, no underscores;
//	                                an L suffix (5L) in versions 1.0 and 2.0,
//	                                as Python 2 wrote it and numpy still reads
//	bool    True, False
//	tuple   (), (5,), (5, 3)        (5) is the int 5, as in Python
//	list    [], [('x', '<f8')]      how numpy writes a structured dtype
//
// with spaces, tabs and newlines allowed between tokens. Lists and nested
// tuples are parsed only so that a structured dtype is reported as an
// unsupported dtype rather than as a syntax error.

// pyKind is the Python type of a pyValue.
type pyKind int

const (
	pyStr pyKind = iota
	pyInt
	pyBool
	pyTuple
	pyList
)

// pyValue is one Python literal from a header.
type pyValue struct {
	kind    pyKind
	str     string    // pyStr
	num     int64     // pyInt
	boolean bool      // pyBool
	elems   []pyValue // pyTuple, pyList
	src     string    // the literal as written, for error messages
}

// pyEntry is one key: value pair of the header dict, in the order written.
type pyEntry struct {
	key string
	val pyValue
}

// maxNesting bounds the depth of nested tuples and lists in a header, so
// that a hostile header cannot exhaust the stack.
const maxNesting = 32

// A headerParser parses one header dict literal.
type headerParser struct {
	s       string
	pos     int
	latin1  bool // a version 1.0 or 2.0 header; see parseHeader
	nesting int
}

// parseHeader parses s, the text of a .npy header, as a Python dict literal
// and returns its entries in the order written. latin1 says s was decoded
// from a version 1.0 or 2.0 header, which is Latin-1, one byte a character:
// error messages then count characters to give the byte offset in the file,
// and an integer may have Python 2's L suffix, which numpy strips from
// those versions' headers.
func parseHeader(s string, latin1 bool) ([]pyEntry, error) {
	p := &headerParser{s: s, latin1: latin1}
	p.skipSpace()
	if !p.consume('{') {
		return nil, p.errorf("header is not a Python dict: want '{', found %s", p.found())
	}
	var entries []pyEntry
	for {
		p.skipSpace()
		if p.consume('}') {
			break
		}
		if len(entries) > 0 {
			if !p.consume(',') {
				return nil, p.errorf("want ',' or '}' after dict entry, found %s", p.found())
			}
			p.skipSpace()
			if p.consume('}') {
				break
			}
		}
		if p.peek() != '\'' && p.peek() != '"' {
			return nil, p.errorf("want a string as dict key, found %s", p.found())
		}
		key, err := p.parseValue()
		if err != nil {
			return nil, err
		}
		p.skipSpace()
		if !p.consume(':') {
			return nil, p.errorf("want ':' after dict key %s, found %s", key.src, p.found())
		}
		p.skipSpace()
		val, err := p.parseValue()
		if err != nil {
			return nil, err
		}
		entries = append(entries, pyEntry{key.str, val})
	}
	p.skipSpace()
	if p.pos < len(p.s) {
		return nil, p.errorf("want end of header after '}', found %s", p.found())
	}
	return entries, nil
}

// parseValue parses the literal that starts at p.pos.
func (p *headerParser) parseValue() (pyValue, error) {
	start := p.pos
	c := p.peek()
	switch {
	case c == '\'' || c == '"':
		s, err := p.parseString()
		if err != nil {
			return pyValue{}, err
		}
		return pyValue{kind: pyStr, str: s, src: p.s[start:p.pos]}, nil
	case c == '-' || isDigit(c):
		n, err := p.parseInt()
		if err != nil {
			return pyValue{}, err
		}
		return pyValue{kind: pyInt, num: n, src: p.s[start:p.pos]}, nil
	case c == '(' || c == '[':
		return p.parseSequence()
	case isLetter(c):
		for p.pos < len(p.s) && (isLetter(p.s[p.pos]) || isDigit(p.s[p.pos])) {
			p.pos++
		}
		switch name := p.s[start:p.pos]; name {
		case "True", "False":
			return pyValue{kind: pyBool, boolean: name == "True", src: name}, nil
		default:
			p.pos = start
			return pyValue{}, p.errorf("want a literal value, found name %s", quoteShort(name))
		}
	}
	return pyValue{}, p.errorf("want a literal value, found %s", p.found())
}

// parseSequence parses a tuple, a list, or a parenthesized value, which
// Python does not count as a tuple: (5) is 5, (5,) is a tuple.
func (p *headerParser) parseSequence() (pyValue, error) {
	start := p.pos
	open := p.s[p.pos]
	kind, closer := pyTuple, byte(')')
	if open == '[' {
		kind, closer = pyList, ']'
	}
	p.nesting++
	if p.nesting > maxNesting {
		return pyValue{}, p.errorf("tuples and lists nested more than %d deep", maxNesting)
	}
	defer func() { p.nesting-- }()
	p.pos++
	var elems []pyValue
	trailingComma := false
	for {
		p.skipSpace()
		if p.consume(closer) {
			break
		}
		if len(elems) > 0 {
			if !p.consume(',') {
				return pyValue{}, p.errorf("want ',' or '%c', found %s", closer, p.found())
			}
			trailingComma = true
			p.skipSpace()
			if p.consume(closer) {
				break
			}
		}
		v, err := p.parseValue()
		if err != nil {
			return pyValue{}, err
		}
		elems = append(elems, v)
		trailingComma = false
	}
	if kind == pyTuple && len(elems) == 1 && !trailingComma {
		// A parenthesized value, not a tuple.
		v := elems[0]
		v.src = p.s[start:p.pos]
		return v, nil
	}
	return pyValue{kind: kind, elems: elems, src: p.s[start:p.pos]}, nil
}

// parseString parses a quoted string with Python's simple escapes.
func (p *headerParser) parseString() (string, error) {
	start := p.pos
	quote := p.s[p.pos]
	p.pos++
	var b strings.Builder
	for {
		if p.pos >= len(p.s) || p.s[p.pos] == '\n' {
			p.pos = start
			return "", p.errorf("string is not terminated")
		}
		c := p.s[p.pos]
		p.pos++
		if c == quote {
			return b.String(), nil
		}
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		if p.pos >= len(p.s) {
			p.pos = start
			return "", p.errorf("string is not terminated")
		}
		e := p.s[p.pos]
		p.pos++
		switch e {
		case '\\', '\'', '"':
			b.WriteByte(e)
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'x':
			if p.pos+2 > len(p.s) {
				p.pos -= 2
				return "", p.errorf("truncated \\x escape in string")
			}
			n, err := strconv.ParseUint(p.s[p.pos:p.pos+2], 16, 8)
			if err != nil {
				p.pos -= 2
				return "", p.errorf("bad \\x escape in string")
			}
			b.WriteRune(rune(n)) // \xhh is the code point U+00hh
			p.pos += 2
		default:
			p.pos -= 2
			r, _ := utf8.DecodeRuneInString(p.s[p.pos+1:])
			return "", p.errorf("unsupported escape in string: backslash before %q", r)
		}
	}
}

// parseInt parses a decimal integer with an optional minus sign.
func (p *headerParser) parseInt() (int64, error) {
	start := p.pos
	neg := p.consume('-')
	if neg {
		p.skipSpace()
	}
	digits := p.pos
	for p.pos < len(p.s) && isDigit(p.s[p.pos]) {
		p.pos++
	}
	d := p.s[digits:p.pos]
	if d == "" {
		return 0, p.errorf("want digits after '-', found %s", p.found())
	}
	if len(d) > 1 && d[0] == '0' {
		p.pos = start
		return 0, p.errorf("integer %s has a leading zero", d)
	}
	if p.latin1 && p.peek() == 'L' {
		p.pos++
	}
	n, err := strconv.ParseInt(d, 10, 64)
	if err != nil {
		p.pos = start
		return 0, p.errorf("integer %s is too large", d)
	}
	if neg {
		n = -n
	}
	return n, nil
}

// skipSpace skips the whitespace allowed between tokens.
func (p *headerParser) skipSpace() {
	for p.pos < len(p.s) {
		switch p.s[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

// peek returns the byte at p.pos, or 0 at the end.
func (p *headerParser) peek() byte {
	if p.pos < len(p.s) {
		return p.s[p.pos]
	}
	return 0
}

// consume advances past c if it is the next byte.
func (p *headerParser) consume(c byte) bool {
	if p.peek() == c {
		p.pos++
		return true
	}
	return false
}

// found describes the text at p.pos for an error message.
func (p *headerParser) found() string {
	if p.pos >= len(p.s) {
		return "end of header"
	}
	return quoteShort(p.s[p.pos:])
}

// quoteShort quotes s, or its first 10 characters followed by "..." if
// it is longer.
func quoteShort(s string) string {
	r := []rune(s)
	if len(r) > 10 {
		return strconv.Quote(string(r[:10])) + "..."
	}
	return strconv.Quote(s)
}

// errorf returns a syntax error at p.pos.
func (p *headerParser) errorf(format string, args ...any) error {
	off := p.pos
	if p.latin1 {
		off = utf8.RuneCountInString(p.s[:p.pos])
	}
	return fmt.Errorf("bad header at byte %d: %s", off, fmt.Sprintf(format, args...))
}

func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' }

// shortSrc returns the source text of v for an error message, cut short if long.
func shortSrc(v pyValue) string {
	const max = 60
	if len(v.src) > max {
		return v.src[:max] + "..."
	}
	return v.src
}

// header is the meaning of a .npy header.
type header struct {
	bigEndian bool // data is big-endian ('>f8'); otherwise little-endian
	kind      byte // 'f' float64, 'i' signed integer, 'b' bool
	size      int  // bytes per element: 8, or 4 for int32, 1 for bool
	fortran   bool // data is in Fortran (column-major) order
	shape     []int
}

// Accepted dtype descriptors. numpy writes '<f8' or '>f8', the byte order
// of the array in memory; it reads '=f8' and '|f8' in the reading machine's
// own byte order, and so does this package.
const (
	descrLittle = "<f8"
	descrBig    = ">f8"
)

// parseDescr returns the kind ('f', 'i' or 'b'; 0 if not supported), the
// element size and the byte order of the dtype descriptor d: float64 ('<f8'),
// int64 ('<i8'), int32 ('<i4', numpy's default int on Windows before numpy 2)
// or bool ('|b1'), in either byte order or '=' and '|' for the machine's own.
func parseDescr(d string) (kind byte, size int, bigEndian bool) {
	if d == "|b1" {
		return 'b', 1, false
	}
	if len(d) != 3 {
		return 0, 0, false
	}
	switch d[0] {
	case '<':
	case '>':
		bigEndian = true
	case '=', '|':
		bigEndian = nativeBigEndian
	default:
		return 0, 0, false
	}
	switch d[1:] {
	case "f8":
		return 'f', 8, bigEndian
	case "i8":
		return 'i', 8, bigEndian
	case "i4":
		return 'i', 4, bigEndian
	}
	return 0, 0, false
}

// maxDims is the most dimensions a shape may have: NPY_MAXDIMS in numpy 2.
// numpy 1.x arrays have at most 32.
const maxDims = 64

// decodeHeader parses the header of a .npy file of the given major format
// version and checks that it describes a float64 array this package can
// read.
func decodeHeader(raw []byte, major byte) (header, error) {
	// Versions 1.0 and 2.0 are Latin-1, in which each byte is the code
	// point of the same value; 3.0 is UTF-8.
	latin1 := major < 3
	var text string
	if latin1 {
		runes := make([]rune, len(raw))
		for i, c := range raw {
			runes[i] = rune(c)
		}
		text = string(runes)
	} else {
		if !utf8.Valid(raw) {
			return header{}, fmt.Errorf("version %d.0 header is not valid UTF-8", major)
		}
		text = string(raw)
		if n := utf8.RuneCountInString(text); n > maxHeaderLen {
			return header{}, fmt.Errorf("header is %d characters, more than numpy reads (%d)", n, maxHeaderLen)
		}
	}
	entries, err := parseHeader(text, latin1)
	if err != nil {
		return header{}, err
	}
	var descr, fortran, shape *pyValue
	for i := range entries {
		e := &entries[i]
		var slot **pyValue
		switch e.key {
		case "descr":
			slot = &descr
		case "fortran_order":
			slot = &fortran
		case "shape":
			slot = &shape
		default:
			return header{}, fmt.Errorf("header has unknown key %q (want only 'descr', 'fortran_order' and 'shape')", e.key)
		}
		if *slot != nil {
			return header{}, fmt.Errorf("header has key %q twice", e.key)
		}
		*slot = &e.val
	}
	for _, k := range []struct {
		name string
		v    *pyValue
	}{{"descr", descr}, {"fortran_order", fortran}, {"shape", shape}} {
		if k.v == nil {
			return header{}, fmt.Errorf("header has no %q key", k.name)
		}
	}

	var h header
	if descr.kind == pyStr {
		h.kind, h.size, h.bigEndian = parseDescr(descr.str)
	}
	if h.kind == 0 {
		return header{}, fmt.Errorf("dtype %s is not supported (want float64 '<f8', int64 '<i8', int32 '<i4' or bool '|b1')", shortSrc(*descr))
	}

	if fortran.kind != pyBool {
		return header{}, fmt.Errorf("fortran_order is %s, want True or False", shortSrc(*fortran))
	}
	h.fortran = fortran.boolean

	if shape.kind != pyTuple {
		return header{}, fmt.Errorf("shape is %s, want a tuple of ints", shortSrc(*shape))
	}
	if len(shape.elems) > maxDims {
		return header{}, fmt.Errorf("shape has %d dimensions, more than %d", len(shape.elems), maxDims)
	}
	h.shape = make([]int, len(shape.elems))
	for i, d := range shape.elems {
		switch {
		case d.kind != pyInt:
			return header{}, fmt.Errorf("shape is %s, want a tuple of ints", shortSrc(*shape))
		case d.num < 0:
			return header{}, fmt.Errorf("shape %s has a negative dimension", shortSrc(*shape))
		case d.num > math.MaxInt:
			return header{}, fmt.Errorf("shape %s is too large", shortSrc(*shape))
		}
		h.shape[i] = int(d.num)
	}
	if _, ok := numElements(h.shape); !ok {
		return header{}, fmt.Errorf("shape %s is too large", shortSrc(*shape))
	}
	return h, nil
}

package svgplot

import (
	"bytes"
	"encoding/xml"
	"io"
	"strconv"
	"strings"
)

// SVG writes SVG elements to an io.Writer, one element per line.
//
// Coordinates are SVG pixels, y pointing down, printed with two decimals, so
// the same calls always give the same bytes. Every style argument is a CSS
// declaration list such as "fill:red;stroke:none", written as the element's
// style attribute; the empty string writes no style attribute.
//
// SVG keeps the first write error: after a write has failed, every later call
// does nothing, and End returns that error.
type SVG struct {
	w     io.Writer
	err   error
	buf   []byte // the element being built
	clips int    // clip paths defined so far, for unique ids
}

// New starts an SVG document of the given size in pixels on w: it writes
// the <svg> start tag with the xmlns, width, height and viewBox attributes.
func New(w io.Writer, width, height int) *SVG {
	s := &SVG{w: w}
	wh := strconv.Itoa(width) + `" height="` + strconv.Itoa(height)
	s.buf = append(s.buf, `<svg xmlns="http://www.w3.org/2000/svg" width="`...)
	s.buf = append(s.buf, wh...)
	s.buf = append(s.buf, `" viewBox="0 0 `...)
	s.buf = append(s.buf, strconv.Itoa(width)+" "+strconv.Itoa(height)...)
	s.buf = append(s.buf, "\">\n"...)
	s.flush()
	return s
}

// Err returns the first write error, or nil.
func (s *SVG) Err() error { return s.err }

// End writes the </svg> end tag and returns the first write error, or nil.
func (s *SVG) End() error {
	s.raw("</svg>\n")
	return s.err
}

// Rect draws the rectangle with top-left corner (x, y), width w and height h.
func (s *SVG) Rect(x, y, w, h float64, style string) {
	s.element("rect", "x y width height", style, x, y, w, h)
}

// Circle draws the circle with center (cx, cy) and radius r.
func (s *SVG) Circle(cx, cy, r float64, style string) {
	s.element("circle", "cx cy r", style, cx, cy, r)
}

// Line draws the line segment from (x1, y1) to (x2, y2).
func (s *SVG) Line(x1, y1, x2, y2 float64, style string) {
	s.element("line", "x1 y1 x2 y2", style, x1, y1, x2, y2)
}

// Polyline draws the open polygonal line through the points (xs[i], ys[i]).
// It panics if len(xs) != len(ys).
func (s *SVG) Polyline(xs, ys []float64, style string) {
	if len(xs) != len(ys) {
		panic("svgplot: Polyline: len(xs) != len(ys)")
	}
	if s.err != nil {
		return
	}
	s.open("polyline")
	s.buf = append(s.buf, ` points="`...)
	for i := range xs {
		if i > 0 {
			s.buf = append(s.buf, ' ')
		}
		s.buf = appendNum(s.buf, xs[i])
		s.buf = append(s.buf, ',')
		s.buf = appendNum(s.buf, ys[i])
	}
	s.buf = append(s.buf, '"')
	s.close(style)
}

// Path draws the path with the given path data d (the d attribute, written
// escaped but otherwise as given).
func (s *SVG) Path(d string, style string) {
	s.open("path")
	s.str("d", d)
	s.close(style)
}

// Text draws text with its anchor point at (x, y); the text is XML-escaped.
func (s *SVG) Text(x, y float64, text string, style string) {
	s.TextRotated(x, y, 0, text, style)
}

// TextRotated draws text like Text, rotated by angle degrees clockwise
// about its anchor point (x, y); -90 reads bottom to top.
func (s *SVG) TextRotated(x, y, angle float64, text string, style string) {
	s.open("text")
	s.num("x", x)
	s.num("y", y)
	if angle != 0 {
		s.buf = append(s.buf, ` transform="rotate(`...)
		s.buf = appendNum(s.buf, angle)
		s.buf = append(s.buf, ' ')
		s.buf = appendNum(s.buf, x)
		s.buf = append(s.buf, ' ')
		s.buf = appendNum(s.buf, y)
		s.buf = append(s.buf, `)"`...)
	}
	s.style(style)
	s.buf = append(s.buf, '>')
	s.buf = appendEscaped(s.buf, text)
	s.buf = append(s.buf, "</text>\n"...)
	s.flush()
}

// Group starts a group, <g>, whose style its elements inherit; end it with
// EndGroup. A style "clip-path:url(#ID)" clips the group to the clip path
// that ClipRect returned as ID.
func (s *SVG) Group(style string) {
	s.open("g")
	s.style(style)
	s.buf = append(s.buf, ">\n"...)
	s.flush()
}

// EndGroup ends the innermost group started by Group.
func (s *SVG) EndGroup() { s.raw("</g>\n") }

// ClipRect defines a clip path that is the rectangle with top-left corner
// (x, y), width w and height h, and returns its id, unique in this document.
func (s *SVG) ClipRect(x, y, w, h float64) string {
	s.clips++
	id := "clip" + strconv.Itoa(s.clips)
	s.raw(`<defs><clipPath id="` + id + `">` + "\n")
	s.Rect(x, y, w, h, "")
	s.raw("</clipPath></defs>\n")
	return id
}

// raw writes text as given.
func (s *SVG) raw(text string) {
	if s.err != nil {
		return
	}
	s.buf = append(s.buf[:0], text...)
	s.flush()
}

// element writes the empty element name with the attributes named in
// attrs, separated by spaces, set to vals, and the style.
func (s *SVG) element(name, attrs, style string, vals ...float64) {
	if s.err != nil {
		return
	}
	s.open(name)
	for i, a := range strings.Fields(attrs) {
		s.num(a, vals[i])
	}
	s.close(style)
}

// open begins an element: "<name".
func (s *SVG) open(name string) {
	s.buf = append(s.buf[:0], '<')
	s.buf = append(s.buf, name...)
}

// num appends the attribute name="v" with v printed with two decimals.
func (s *SVG) num(name string, v float64) {
	s.buf = append(s.buf, ' ')
	s.buf = append(s.buf, name...)
	s.buf = append(s.buf, `="`...)
	s.buf = appendNum(s.buf, v)
	s.buf = append(s.buf, '"')
}

// str appends the attribute name="v", v escaped.
func (s *SVG) str(name, v string) {
	s.buf = append(s.buf, ' ')
	s.buf = append(s.buf, name...)
	s.buf = append(s.buf, `="`...)
	s.buf = appendEscaped(s.buf, v)
	s.buf = append(s.buf, '"')
}

// style appends the style attribute unless style is empty.
func (s *SVG) style(style string) {
	if style != "" {
		s.str("style", style)
	}
}

// close ends an empty element with its style and writes it.
func (s *SVG) close(style string) {
	s.style(style)
	s.buf = append(s.buf, "/>\n"...)
	s.flush()
}

// flush writes the element built in s.buf, unless an error occurred before.
func (s *SVG) flush() {
	if s.err != nil {
		return
	}
	_, s.err = s.w.Write(s.buf)
}

// appendNum appends v with two decimals; it never prints "-0.00".
func appendNum(b []byte, v float64) []byte {
	n := len(b)
	b = strconv.AppendFloat(b, v, 'f', 2, 64)
	if string(b[n:]) == "-0.00" {
		b = append(b[:n], "0.00"...)
	}
	return b
}

// appendEscaped appends text escaped for XML character data and attribute
// values (xml.EscapeText escapes the quotes too).
func appendEscaped(b []byte, text string) []byte {
	var e bytes.Buffer
	xml.EscapeText(&e, []byte(text)) // writes to a bytes.Buffer never fail
	return append(b, e.Bytes()...)
}

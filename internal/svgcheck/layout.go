package svgcheck

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// CharWidth is the width of a character as a fraction of the font size that
// Layout assumes: svgplot's own estimate, which sans-serif fonts stay under
// for text without runs of capitals.
const CharWidth = 0.6

// LegendStyle is the style with which svgplot draws a legend's box.
const LegendStyle = "fill:#fff;fill-opacity:0.85;stroke:#999;stroke-width:0.8"

// Layout returns the layout faults of an SVG that svgplot drew, one line
// each: a text whose estimated extent (CharWidth per character, from its
// anchor and font size, 0.8 of the size above the baseline and 0.25 below,
// rotated by ±90° where the text is) leaves the canvas; and a legend box (a
// rect of LegendStyle) that overlaps the mark of a data point (a circle
// Points counts) left visible by its clip path. It returns an error if the
// document is not well-formed XML or lacks its size.
func Layout(doc []byte) ([]string, error) {
	d := xml.NewDecoder(bytes.NewReader(doc))
	type frame struct {
		style string
		clip  *rect // the clip rectangle in force, nil for none
	}
	var (
		stack         []frame
		width, height float64
		legends       []rect
		marks         []circle
		faults        []string
		clips         = map[string]rect{}
		inClip        string // the id of the clipPath being read
		text          *textEl
	)
	inherited := func(prop string) string {
		for i := len(stack) - 1; i >= 0; i-- {
			if v, ok := styleProp(stack[i].style, prop); ok {
				return v
			}
		}
		return ""
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch e := tok.(type) {
		case xml.StartElement:
			attr := map[string]string{}
			for _, a := range e.Attr {
				attr[a.Name.Local] = a.Value
			}
			f := frame{style: attr["style"]}
			if len(stack) > 0 {
				f.clip = stack[len(stack)-1].clip
			}
			if v, ok := styleProp(f.style, "clip-path"); ok {
				id := strings.TrimSuffix(strings.TrimPrefix(v, "url(#"), ")")
				if r, ok := clips[id]; ok {
					f.clip = &r
				}
			}
			num := func(name string) float64 {
				v, _ := strconv.ParseFloat(attr[name], 64)
				return v
			}
			switch e.Name.Local {
			case "svg":
				width, height = num("width"), num("height")
			case "clipPath":
				inClip = attr["id"]
			case "rect":
				r := rect{num("x"), num("y"), num("width"), num("height")}
				if inClip != "" {
					clips[inClip] = r
				} else if f.style == LegendStyle {
					legends = append(legends, r)
				}
			case "circle":
				if f.style == "" && len(stack) > 0 && isPointGroup(stack[len(stack)-1].style) {
					c := circle{num("cx"), num("cy"), num("r")}
					if f.clip == nil || f.clip.contains(c.x, c.y) {
						marks = append(marks, c)
					}
				}
			case "text":
				stack = append(stack, f)
				size, _ := strconv.ParseFloat(strings.TrimSuffix(inherited("font-size"), "px"), 64)
				text = &textEl{x: num("x"), y: num("y"), size: size, anchor: inherited("text-anchor"),
					rotated: strings.Contains(attr["transform"], "rotate(")}
				continue
			}
			stack = append(stack, f)
		case xml.CharData:
			if text != nil {
				text.s += string(e)
			}
		case xml.EndElement:
			if e.Name.Local == "clipPath" {
				inClip = ""
			}
			if e.Name.Local == "text" && text != nil {
				if r := text.extent(); r.x < -0.5 || r.y < -0.5 || r.x+r.w > width+0.5 || r.y+r.h > height+0.5 {
					faults = append(faults, fmt.Sprintf("text %q at (%.1f, %.1f) spans x %.1f to %.1f, y %.1f to %.1f: outside the %gx%g canvas",
						text.s, text.x, text.y, r.x, r.x+r.w, r.y, r.y+r.h, width, height))
				}
				text = nil
			}
			stack = stack[:len(stack)-1]
		}
	}
	if width <= 0 || height <= 0 {
		return nil, fmt.Errorf("svgcheck: the document has no width and height")
	}
	for _, l := range legends {
		for _, c := range marks {
			// the nearest point of the box to the circle's center
			nx, ny := math.Max(l.x, math.Min(l.x+l.w, c.x)), math.Max(l.y, math.Min(l.y+l.h, c.y))
			if math.Hypot(c.x-nx, c.y-ny) < c.r {
				faults = append(faults, fmt.Sprintf("the legend box at (%.1f, %.1f), %.1fx%.1f, covers the data point at (%.1f, %.1f)",
					l.x, l.y, l.w, l.h, c.x, c.y))
			}
		}
	}
	return faults, nil
}

type rect struct{ x, y, w, h float64 }

func (r rect) contains(x, y float64) bool {
	return x >= r.x && x <= r.x+r.w && y >= r.y && y <= r.y+r.h
}

type circle struct{ x, y, r float64 }

// textEl is a text element: its anchor point, font size, text-anchor, and
// whether it is rotated (svgplot rotates only by -90°, about the anchor).
type textEl struct {
	x, y, size float64
	anchor     string
	rotated    bool
	s          string
}

// extent returns the estimated rectangle the text covers.
func (t *textEl) extent() rect {
	w := float64(utf8.RuneCountInString(t.s)) * t.size * CharWidth
	start := 0.0 // where the text starts, along its direction, from the anchor
	switch t.anchor {
	case "middle":
		start = -w / 2
	case "end":
		start = -w
	}
	up, down := 0.8*t.size, 0.25*t.size
	if t.rotated { // reading bottom to top: along -y, "up" is -x
		return rect{t.x - up, t.y - start - w, up + down, w}
	}
	return rect{t.x + start, t.y - up, w, up + down}
}

// isPointGroup reports whether a group's style is one svgplot draws data
// points in (see Points).
func isPointGroup(style string) bool {
	return strings.HasPrefix(style, "fill:none;stroke:") ||
		(strings.HasPrefix(style, "fill:") && strings.Contains(style, ";stroke:#333;"))
}

// styleProp returns the value of the property prop in a CSS declaration
// list.
func styleProp(style, prop string) (string, bool) {
	for _, decl := range strings.Split(style, ";") {
		if k, v, ok := strings.Cut(decl, ":"); ok && strings.TrimSpace(k) == prop {
			return strings.TrimSpace(v), true
		}
	}
	return "", false
}

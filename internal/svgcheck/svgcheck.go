// Package svgcheck reads back what svgplot draws, for the tests of the
// packages that draw figures: how many data points a figure shows filled
// (rows a network trained on) and hollow (rows it did not), and whether its
// layout has faults: text that leaves the canvas, a legend over the data.
package svgcheck

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
)

// Points returns the filled and the hollow data points of an SVG that
// svgplot drew: the circles without a style of their own inside a group
// styled "fill:none;stroke:..." (hollow) or "fill:COLOR;stroke:#333;..."
// (filled, the dark outline of svgplot's dots). It returns an error if the
// document is not well-formed XML.
func Points(doc []byte) (filled, hollow int, err error) {
	d := xml.NewDecoder(bytes.NewReader(doc))
	var styles []string // the style of each open element
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return filled, hollow, nil
		}
		if err != nil {
			return 0, 0, err
		}
		switch e := tok.(type) {
		case xml.StartElement:
			style := ""
			for _, a := range e.Attr {
				if a.Name.Local == "style" {
					style = a.Value
				}
			}
			if e.Name.Local == "circle" && style == "" && len(styles) > 0 {
				switch g := styles[len(styles)-1]; {
				case strings.HasPrefix(g, "fill:none;stroke:"):
					hollow++
				case strings.HasPrefix(g, "fill:") && strings.Contains(g, ";stroke:#333;"):
					filled++
				}
			}
			styles = append(styles, style)
		case xml.EndElement:
			styles = styles[:len(styles)-1]
		}
	}
}

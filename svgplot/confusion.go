package svgplot

import (
	"fmt"
	"io"
	"strconv"
)

// Confusion draws a K x K confusion matrix: counts[i*K+j] examples of true
// class i were predicted as class j. Rows are the true classes, top to
// bottom, columns the predicted ones, left to right; each cell shows its
// count and is shaded by its share of its row (the row's examples), so the
// diagonal is dark where a class is recognized and an off-diagonal cell
// stands out where one class is taken for another. opt.ClassNames names the
// classes (by default their labels 0..K-1); opt.Width and Height, if 0, fit the cells (at least 36 pixels).
//
// It returns an error if K < 1, counts does not hold K*K counts or a count
// is negative, and the first error writing to w. It writes nothing unless
// the input is good.
func Confusion(w io.Writer, K int, counts []int, opt Options) error {
	if K < 1 || len(counts) != K*K {
		return fmt.Errorf("svgplot: Confusion: %d counts for %d classes, want %d", len(counts), K, K*K)
	}
	for i, v := range counts {
		if v < 0 {
			return fmt.Errorf("svgplot: Confusion: count %d (true %d, predicted %d) is %d, want >= 0", i, i/K, i%K, v)
		}
	}
	name := func(k int) string { // the class's name, or its label
		if k < len(opt.ClassNames) && opt.ClassNames[k] != "" {
			return opt.ClassNames[k]
		}
		return strconv.Itoa(k)
	}
	label := 0.0
	for k := range K {
		label = max(label, textWidth(name(k), tickSize))
	}
	cell := max(36.0, textWidth(strconv.Itoa(maxInt(counts)), tickSize)+10, label+8) // column labels fit
	head := max(textWidth(opt.Title, titleSize+1), textWidth(opt.Subtitle, subtitleSize)) + 40
	left, top := 40+label+12, 60.0
	if opt.Subtitle != "" {
		top += subtitleSize + 6
	}
	width, height := opt.size(int(max(head, left+float64(K)*cell+30)), int(top+float64(K)*cell+60))
	cell = min((float64(width)-left-30)/float64(K), (float64(height)-top-60)/float64(K))
	left = max(left, (float64(width)-float64(K)*cell)/2) // centered under a wider title
	return figure(w, width, height, func(s *SVG) {
		drawHeader(s, float64(width), opt.Title, opt.Subtitle)
		for i := range K {
			row := 0
			for j := range K {
				row += counts[i*K+j]
			}
			for j := range K {
				v := counts[i*K+j]
				share := 0.0
				if row > 0 {
					share = float64(v) / float64(row)
				}
				x, y := left+float64(j)*cell, top+float64(i)*cell
				s.Rect(x, y, cell, cell, fmt.Sprintf("fill:#1f77b4;fill-opacity:%.3f;stroke:#bbb;stroke-width:0.5", 0.05+0.9*share))
				fill := "#000"
				if share > 0.5 {
					fill = "#fff"
				}
				s.Text(x+cell/2, y+cell/2+tickSize*0.35, strconv.Itoa(v), "font-size:"+strconv.Itoa(tickSize)+"px;text-anchor:middle;fill:"+fill)
			}
		}
		s.Group("font-size:" + strconv.Itoa(tickSize) + "px;fill:#222")
		for k := range K {
			c := float64(k)*cell + cell/2
			s.Text(left-6, top+c+tickSize*0.35, name(k), "text-anchor:end")
			s.Text(left+c, top+float64(K)*cell+tickSize+6, name(k), "text-anchor:middle")
		}
		s.EndGroup()
		s.Group("font-size:" + strconv.Itoa(labelSize) + "px;text-anchor:middle;fill:#000")
		s.Text(left+float64(K)*cell/2, top+float64(K)*cell+tickSize+12+labelSize, "predicted class", "")
		s.TextRotated(left-label-18, top+float64(K)*cell/2, -90, "true class", "")
		s.EndGroup()
	})
}

func maxInt(v []int) int {
	m := 0
	for _, x := range v {
		m = max(m, x)
	}
	return m
}

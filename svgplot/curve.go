package svgplot

import (
	"fmt"
	"io"
	"math"
)

// ValidationCurve draws scores against the values of a setting, as
// scikit-learn's validation_curve plots them: values[i] (any labels: λ
// values, layer sizes) at x = i+1, evenly spaced, and for each, the mean
// training score train[i] and the mean validation score val[i], the latter
// with a bar of ± valStd[i]. best, if in 0..len(values)-1, is the value
// marked as chosen. The y axis, opt.YLabel or "accuracy", spans the scores.
//
// It returns an error if the slices are empty or of different lengths, or a
// number is not finite, and the first error writing to w.
func ValidationCurve(w io.Writer, values []string, train, val, valStd []float64, best int, opt Options) error {
	n := len(values)
	if n == 0 || len(train) != n || len(val) != n || len(valStd) != n {
		return fmt.Errorf("svgplot: ValidationCurve: %d values, %d training, %d validation scores and %d deviations", n, len(train), len(val), len(valStd))
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for i := range n {
		for _, v := range []float64{train[i], val[i], valStd[i]} {
			if bad := badNumber(v); bad != "" {
				return fmt.Errorf("svgplot: ValidationCurve: value %s has a score of %s", values[i], bad)
			}
		}
		lo = min(lo, train[i], val[i]-valStd[i])
		hi = max(hi, train[i], val[i]+valStd[i])
	}
	if hi <= lo {
		lo, hi = lo-0.5, hi+0.5
	}
	lo, hi = widen(lo, hi, 0.08)
	width, height := opt.size(640, 420)
	xlabel, ylabel := opt.labels("", "accuracy")
	return figure(w, width, height, func(s *SVG) {
		a := layoutSub(box{0, 0, float64(width), float64(height)}, extent{0.5, float64(n) + 0.5, 1}, extent{lo, hi, 0}, opt.Title, opt.Subtitle, xlabel, ylabel)
		a.xticks = a.xticks[:0]
		for i, v := range values {
			a.xticks = append(a.xticks, tick{float64(i + 1), v})
		}
		c := a.sc
		if best >= 0 && best < n {
			x := c.px(float64(best + 1))
			s.Line(x, c.top, x, c.top+c.height, "stroke:#444;stroke-width:1;stroke-dasharray:4,3")
			s.Text(x+4, c.top+tickSize+4, "best", "font-size:"+fmt.Sprint(tickSize)+"px;fill:#222")
		}
		var all []point
		for k, ser := range [][]float64{train, val} {
			col := color(seriesColors, k)
			xs, ys := make([]float64, n), make([]float64, n)
			for i, v := range ser {
				p := c.pt(float64(i+1), v)
				xs[i], ys[i] = p.X, p.Y
				all = append(all, p)
				s.Circle(p.X, p.Y, 3, "fill:"+col)
				if k == 1 {
					s.Line(p.X, c.py(v-valStd[i]), p.X, c.py(v+valStd[i]), "stroke-width:1.5;stroke:"+col)
				}
			}
			s.Polyline(xs, ys, "fill:none;stroke-width:1.5;stroke:"+col)
		}
		drawFrame(s, a)
		drawLegend(s, c, []legendEntry{{name: "training score", line: color(seriesColors, 0)}, {name: "validation score (± std)", line: color(seriesColors, 1)}}, all)
	})
}

package svgplot

import "math"

// point is a position in the plane: in grid units (X counts along the x
// index i, Y along the y index j) as contour returns it, or in pixels once
// mapped.
type point struct{ X, Y float64 }

// pad is the value of the ring of points just outside the grid: negative,
// so that no region reaches past the grid and every contour closes.
const pad = -1

// contour traces the boundary of the region f > 0 of the nx×ny grid whose
// value at grid point (i, j) is f[j*nx+i], by marching squares at level 0.
// It returns closed polygons in grid units; the last vertex connects back to
// the first. Outer boundaries run counterclockwise (the region on the left,
// y up), holes clockwise.
//
// The grid is padded with a ring of points at i = -1, i = nx, j = -1, j = ny
// with value pad, so a region touching the grid's edge is closed just outside
// it; callers clip the drawing to the grid's rectangle. A NaN counts as
// outside, so NaNs leave gaps but cannot break a loop.
func contour(f []float64, nx, ny int) [][]point {
	w := nx + 2 // width of the padded grid, whose index I is i+1 and J is j+1
	at := func(I, J int) float64 {
		if I < 1 || I > nx || J < 1 || J > ny {
			return pad
		}
		return f[(J-1)*nx+I-1]
	}

	// An edge of the padded grid is numbered 2*(J*w+I) if it runs from
	// (I, J) to (I+1, J), and 2*(J*w+I)+1 if it runs from (I, J) to (I, J+1).
	// Each segment goes from the edge where the boundary enters a cell to the
	// edge where it leaves; next maps the first to the second.
	next := make(map[int]int)
	var starts []int // the keys of next in the order they were made
	for J := 0; J <= ny; J++ {
		for I := 0; I <= nx; I++ {
			// Corners counterclockwise from bottom left; edge c runs from
			// corner c to corner c+1.
			v := [4]float64{at(I, J), at(I+1, J), at(I+1, J+1), at(I, J+1)}
			n := 0
			for _, x := range v {
				if x > 0 {
					n++
				}
			}
			if n == 0 || n == 4 {
				continue
			}
			edge := [4]int{2 * (J*w + I), 2*(J*w+I+1) + 1, 2 * ((J+1)*w + I), 2*(J*w+I) + 1}
			// With the region on the left, the boundary enters the cell by
			// an edge that runs from an inside to an outside corner and leaves
			// by one that runs from outside to inside. A cell has one of each,
			// except a saddle (inside corners opposite), which has two of each,
			// alternating: if the cell's center, the average of the corners,
			// is inside, the region joins the two inside corners and each
			// boundary leaves by the next edge counterclockwise, cutting off an
			// outside corner; otherwise by the previous edge, cutting off an
			// inside corner.
			turn := 1
			if n == 2 && v[0] > 0 == (v[2] > 0) && !(v[0]+v[1]+v[2]+v[3] > 0) {
				turn = 3
			}
			for c := range 4 {
				if !(v[c] > 0) || v[(c+1)%4] > 0 {
					continue // the boundary does not enter by edge c
				}
				out := (c + turn) % 4
				for v[out] > 0 || !(v[(out+1)%4] > 0) {
					out = (out + 1) % 4 // not a saddle: the one edge it leaves by
				}
				next[edge[c]] = edge[out]
				starts = append(starts, edge[c])
			}
		}
	}

	// vertex is where the boundary crosses edge e, by linear interpolation
	// between the edge's inside end a and outside end b: a + t*(b-a) with
	// t = f(a) / (f(a) - f(b)), in (0, 1] since f(a) > 0 >= f(b).
	vertex := func(e int) point {
		k := e / 2
		I, J := k%w, k/w
		I2, J2 := I+1, J
		if e%2 == 1 {
			I2, J2 = I, J+1
		}
		fa, fb := at(I, J), at(I2, J2)
		if !(fa > 0) {
			I, J, I2, J2, fa, fb = I2, J2, I, J, fb, fa
		}
		t := fa / (fa - fb)
		if !(t >= 0 && t <= 1) { // NaN or ±Inf scores
			t = 0.5
		}
		// float64(...) keeps the product from fusing with the sum (see scale).
		return point{float64(I-1) + float64(t*float64(I2-I)), float64(J-1) + float64(t*float64(J2-J))}
	}

	var polys [][]point
	for _, s := range starts {
		var p []point
		// Follow the segments until the loop is back at s, whose entry is
		// gone by then; each step deletes one entry, so this ends.
		for e, ok := s, true; ok; {
			var to int
			if to, ok = next[e]; ok {
				delete(next, e)
				p = append(p, vertex(e))
				e = to
			}
		}
		if len(p) >= 3 {
			polys = append(polys, p)
		}
	}
	return polys
}

// simplify drops the vertices of a polyline, or of a polygon if closed, that
// lie within tol of the line joining the vertices kept around them
// (Douglas-Peucker). The first vertex is always kept, and for a polyline the
// last.
func simplify(p []point, tol float64, closed bool) []point {
	n := len(p)
	if n < 3 {
		return p
	}
	// Index n stands for p[0] again when closed, so a polygon is simplified
	// as the polyline that returns to its start.
	at := func(i int) point { return p[i%n] }
	last := n - 1
	if closed {
		last = n
	}
	keep := make([]bool, last+1)
	keep[0], keep[last] = true, true
	stack := [][2]int{{0, last}}
	for len(stack) > 0 {
		lo, hi := stack[len(stack)-1][0], stack[len(stack)-1][1]
		stack = stack[:len(stack)-1]
		far, dmax := -1, tol
		for i := lo + 1; i < hi; i++ {
			if d := segmentDistance(at(i), at(lo), at(hi)); d > dmax {
				far, dmax = i, d
			}
		}
		if far >= 0 {
			keep[far] = true
			stack = append(stack, [2]int{far, hi}, [2]int{lo, far})
		}
	}
	var q []point
	for i := 0; i < n; i++ {
		if keep[i] {
			q = append(q, p[i])
		}
	}
	return q
}

// segmentDistance returns the distance from p to the segment from a to b.
func segmentDistance(p, a, b point) float64 {
	dx, dy := b.X-a.X, b.Y-a.Y
	t := 0.0
	if l2 := dx*dx + dy*dy; l2 > 0 {
		t = max(0, min(1, ((p.X-a.X)*dx+(p.Y-a.Y)*dy)/l2))
	}
	return math.Hypot(p.X-a.X-t*dx, p.Y-a.Y-t*dy)
}

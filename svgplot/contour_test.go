package svgplot

import (
	"math"
	"math/rand/v2"
	"testing"
)

// sample returns f(x_i, y_j) on the n×n grid over [-1, 1]², indexed j*n+i,
// and the grid spacing h.
func sample(n int, f func(x, y float64) float64) (vs []float64, h float64) {
	h = 2 / float64(n-1)
	vs = make([]float64, n*n)
	for j := range n {
		for i := range n {
			vs[j*n+i] = f(-1+float64(i)*h, -1+float64(j)*h)
		}
	}
	return vs, h
}

// area returns the signed area of the polygon (shoelace formula), positive
// if it runs counterclockwise with y up.
func area(p []point) float64 {
	a := 0.0
	for v := range p {
		q, r := p[v], p[(v+1)%len(p)]
		a += q.X*r.Y - r.X*q.Y
	}
	return a / 2
}

func TestContourCircle(t *testing.T) {
	const n, r0 = 101, 0.6
	f, h := sample(n, func(x, y float64) float64 { return r0*r0 - (x*x + y*y) })
	polys := contour(f, n, n)
	if len(polys) != 1 {
		t.Fatalf("contour(circle) gave %d polygons, want 1", len(polys))
	}
	p := polys[0]
	for _, q := range p {
		x, y := -1+q.X*h, -1+q.Y*h // grid units to data
		if r := math.Hypot(x, y); !(math.Abs(r-r0) <= h*h) {
			t.Fatalf("vertex (%g, %g) at radius %g, want %g within %g", x, y, r, r0, h*h)
		}
	}
	got, want := area(p)*h*h, math.Pi*r0*r0
	if !(math.Abs(got-want) <= 0.002*want) {
		t.Errorf("area of circle contour = %g, want %g (pi r0^2) within 0.2%%", got, want)
	}
}

func TestContourHalfPlane(t *testing.T) {
	const n, c = 21, 0.23
	f, h := sample(n, func(x, y float64) float64 { return x - c })
	polys := contour(f, n, n)
	if len(polys) != 1 {
		t.Fatalf("contour(x - c) gave %d polygons, want 1", len(polys))
	}
	inner := 0
	for _, q := range polys[0] {
		if q.X < 0 || q.X > n-1 || q.Y < 0 || q.Y > n-1 {
			continue // on the padding ring, outside the plotted rectangle
		}
		inner++
		if x := -1 + q.X*h; !(math.Abs(x-c) <= 1e-12) {
			t.Errorf("boundary vertex at x = %g, want %g", x, c)
		}
	}
	if inner != n {
		t.Errorf("%d boundary vertices inside the grid, want one per row, %d", inner, n)
	}
	// The region x > c closed by the padding: its area in grid units lies
	// between the part inside the grid and that part grown by a cell.
	inside := ((n - 1) - (c+1)/h) * (n - 1)
	if a := area(polys[0]); a < inside || a > inside+4*n {
		t.Errorf("area = %g, want between %g and %g", a, inside, inside+4*n)
	}
}

func TestContourSaddle(t *testing.T) {
	// Inside corners (0, 0) and (1, 1): the center, the average of the four
	// corners, decides whether they are joined.
	for _, tc := range []struct {
		f     []float64
		polys int
	}{
		{[]float64{1, -1, -1, 1}, 2},    // center 0, outside: separated
		{[]float64{2, -1, -1, 2}, 1},    // center 0.5, inside: joined
		{[]float64{-1, 1, 1, -1}, 2},    // the other diagonal, separated
		{[]float64{-1, 2, 2, -1}, 1},    // the other diagonal, joined
		{[]float64{1, -3, -3, 1}, 2},    // center negative
		{[]float64{0, 0, 0, 0}, 0},      // zero is not inside
		{[]float64{1e-300, 0, 0, 1}, 1}, // zeros outside, center 0.25 inside
	} {
		polys := contour(tc.f, 2, 2)
		if len(polys) != tc.polys {
			t.Errorf("contour(%v) gave %d polygons, want %d", tc.f, len(polys), tc.polys)
		}
		checkEdgesUsedOnce(t, tc.f, 2, 2, polys)
	}
}

func TestContourAllOrNothing(t *testing.T) {
	const n = 5
	neg, _ := sample(n, func(x, y float64) float64 { return -1 - x*x })
	if polys := contour(neg, n, n); len(polys) != 0 {
		t.Errorf("contour(all negative) gave %d polygons, want 0", len(polys))
	}
	pos, _ := sample(n, func(x, y float64) float64 { return 1 })
	polys := contour(pos, n, n)
	if len(polys) != 1 {
		t.Fatalf("contour(all positive) gave %d polygons, want 1", len(polys))
	}
	// f = 1 inside and -1 on the padding: the boundary is half a cell out.
	for _, q := range polys[0] {
		if d := min(q.X, q.Y, n-1-q.X, n-1-q.Y); !(d <= -0.5+1e-12) {
			t.Errorf("vertex %v of all-positive grid is inside the grid, want half a cell outside", q)
		}
	}
	if got, want := area(polys[0]), float64(n*n); !(math.Abs(got-want) <= 1) {
		t.Errorf("area = %g, want about %g", got, want)
	}
}

func TestContourRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{2, 3, 7, 30} {
		f := make([]float64, n*n)
		for q := range f {
			f[q] = r.NormFloat64()
			if q%11 == 5 {
				f[q] = math.NaN()
			}
			if q%13 == 7 {
				f[q] = math.Inf(1)
			}
		}
		polys := contour(f, n, n)
		checkEdgesUsedOnce(t, f, n, n, polys)
		for _, p := range polys {
			for _, q := range p {
				if math.IsNaN(q.X) || math.IsNaN(q.Y) || math.IsInf(q.X, 0) || math.IsInf(q.Y, 0) {
					t.Fatalf("vertex %v is not finite", q)
				}
			}
		}
	}
}

// checkEdgesUsedOnce checks that the polygons have one vertex for each edge
// of the padded grid whose ends differ in being inside (f > 0): every
// crossing is used, once.
func checkEdgesUsedOnce(t *testing.T, f []float64, nx, ny int, polys [][]point) {
	t.Helper()
	in := func(i, j int) bool {
		return i >= 0 && i < nx && j >= 0 && j < ny && f[j*nx+i] > 0
	}
	want := 0
	for j := -1; j <= ny; j++ {
		for i := -1; i <= nx; i++ {
			if in(i, j) != in(i+1, j) {
				want++
			}
			if in(i, j) != in(i, j+1) {
				want++
			}
		}
	}
	got := 0
	for _, p := range polys {
		got += len(p)
	}
	if got != want {
		t.Errorf("polygons have %d vertices, want %d, one per crossed edge", got, want)
	}
}

func TestSimplify(t *testing.T) {
	var line []point
	for i := range 11 {
		line = append(line, point{float64(i), 2 * float64(i)})
	}
	if got := simplify(line, 0.01, false); len(got) != 2 || got[0] != line[0] || got[1] != line[10] {
		t.Errorf("simplify(straight line) = %v, want its two ends", got)
	}
	// A square traced with 4 points per side keeps its corners only.
	var square []point
	for _, side := range [][4]float64{{0, 0, 1, 0}, {4, 0, 0, 1}, {4, 4, -1, 0}, {0, 4, 0, -1}} {
		for k := range 4 {
			square = append(square, point{side[0] + float64(k)*side[2], side[1] + float64(k)*side[3]})
		}
	}
	got := simplify(square, 0.01, true)
	want := []point{{0, 0}, {4, 0}, {4, 4}, {0, 4}}
	if len(got) != len(want) {
		t.Fatalf("simplify(square) = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("simplify(square) = %v, want %v", got, want)
			break
		}
	}
	// A bump larger than the tolerance stays; the points 0.24 off the
	// lines to its top go.
	bump := []point{{0, 0}, {1, 0}, {2, 0.5}, {3, 0}, {4, 0}}
	if got := simplify(bump, 0.3, false); len(got) != 3 || got[1] != bump[2] {
		t.Errorf("simplify(bump, 0.3) = %v, want the ends and the top", got)
	}
	if got := simplify(bump, 0.2, false); len(got) != 5 {
		t.Errorf("simplify(bump, 0.2) = %v, want all 5 vertices", got)
	}
}

package svgcheck

import "testing"

func TestPoints(t *testing.T) {
	doc := `<svg><g style="fill:#1f77b4;stroke:#333;stroke-width:0.4"><circle cx="1" cy="1" r="3"/><circle cx="2" cy="1" r="3"/></g>` +
		`<g style="fill:none;stroke:#1f77b4;stroke-width:1.3"><circle cx="3" cy="1" r="3"/></g>` +
		`<g style="fill:#cfe8f3"><circle cx="4" cy="1" r="3" style="fill:red"/><circle cx="5" cy="1" r="3"/></g></svg>`
	filled, hollow, err := Points([]byte(doc))
	if err != nil || filled != 2 || hollow != 1 {
		t.Errorf("Points() = %d filled, %d hollow, %v; want 2, 1, nil (a legend's swatch and an unoutlined dot do not count)", filled, hollow, err)
	}
	if _, _, err := Points([]byte(`<svg><g>`)); err == nil {
		t.Error("Points(unclosed) = nil error, want an XML error")
	}
}

package main

// ann serve: a weight typed by hand, set between two iterations by the
// training goroutine.

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/ann-go/ann/internal/finite"
)

// weightEdit is one weight the page sets: Θ^(l)_{row,col}, row counting
// from unit 1 of layer l+1, col from the bias unit 0 of layer l (the
// tutorial's indices, as /api/step gives them).
type weightEdit struct {
	l, row, col int
	value       float64
	reply       chan error // the goroutine's answer; buffered
}

// edit answers POST /api/edit?id=...&l=...&row=...&col=...&value=...: the
// training goroutine sets the weight between two iterations (paused or
// playing), or before the first iteration in the weights training starts
// from, and publishes a frame with it, and training continues from it. A
// stopped run refuses (409) until it is reset.
func (p *playground) edit(w http.ResponseWriter, r *http.Request) {
	run := p.lookup(w, r)
	if run == nil {
		return
	}
	sizes := run.setup.untrained.Net.Sizes()
	L := len(sizes)
	e := weightEdit{reply: make(chan error, 1)}
	l, err := strconv.Atoi(r.FormValue("l"))
	if err != nil || l < 1 || l > L-1 {
		badRequest(w, fmt.Sprintf("l %q: want a layer from 1 to %d", r.FormValue("l"), L-1))
		return
	}
	e.l = l
	row, err := strconv.Atoi(r.FormValue("row"))
	if err != nil || row < 1 || row > sizes[e.l] {
		badRequest(w, fmt.Sprintf("row %q: want a unit of layer %d, from 1 to %d", r.FormValue("row"), e.l+1, sizes[e.l]))
		return
	}
	col, err := strconv.Atoi(r.FormValue("col"))
	if err != nil || col < 0 || col > sizes[e.l-1] {
		badRequest(w, fmt.Sprintf("col %q: want a unit of layer %d, from 0 (the bias) to %d", r.FormValue("col"), e.l, sizes[e.l-1]))
		return
	}
	e.row, e.col = row, col
	e.value, err = strconv.ParseFloat(r.FormValue("value"), 64)
	if err != nil || !finite.Is(e.value) {
		badRequest(w, fmt.Sprintf("value %q: want a finite number", r.FormValue("value")))
		return
	}
	select {
	case run.ctl <- playSignal{op: "edit", edit: &e}:
	default:
		http.Error(w, "the run is busy: try again", http.StatusServiceUnavailable)
		return
	}
	t := time.NewTimer(10 * time.Second)
	defer t.Stop()
	select {
	case err = <-e.reply:
	case <-run.done:
		err = fmt.Errorf("the run has ended")
	case <-r.Context().Done():
		return
	case <-t.C:
		http.Error(w, "the run is busy: try again", http.StatusServiceUnavailable)
		return
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusConflict)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

package main

// ann serve: the handlers of /api/: a new run, its event stream, its
// controls, a trace of one example, and the run's files.

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network/trace"
)

func (p *playground) newRun(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, p.lim.upload+64<<10)
	var file multipart.File
	var fileName string
	var form map[string][]string
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		if err := r.ParseMultipartForm(p.lim.upload + 64<<10); err != nil {
			badRequest(w, uploadError(err, p.lim.upload))
			return
		}
		defer r.MultipartForm.RemoveAll()
		form = r.MultipartForm.Value
		if fhs := r.MultipartForm.File["file"]; len(fhs) > 0 {
			if fhs[0].Size > p.lim.upload {
				badRequest(w, fmt.Sprintf("%s: %d bytes: want at most %d KB in the playground", fhs[0].Filename, fhs[0].Size, p.lim.upload>>10))
				return
			}
			f, err := fhs[0].Open()
			if err != nil {
				badRequest(w, "the upload: "+err.Error())
				return
			}
			defer f.Close()
			file, fileName = f, fhs[0].Filename
		}
		if len(r.MultipartForm.File) > 1 || len(r.MultipartForm.File["file"]) > 1 {
			badRequest(w, "upload one file, as the field file")
			return
		}
	} else {
		if err := r.ParseForm(); err != nil {
			badRequest(w, uploadError(err, p.lim.upload))
			return
		}
		form = r.PostForm
	}
	var s *playSetup
	var err error
	if file != nil {
		s, err = p.lim.setup(form, file, fileName)
	} else {
		s, err = p.lim.setup(form, nil, "")
	}
	if err != nil {
		badRequest(w, err.Error())
		return
	}
	run := &playRun{id: newID(), client: clientOf(r), setup: s, ctl: make(chan playSignal, 16), wake: make(chan struct{}, 1), done: make(chan struct{})}
	run.pub = published{state: "ready", net: s.nf.network()}
	p.mu.Lock()
	mine := 0
	for _, other := range p.runs {
		if other.client == run.client {
			mine++
		}
	}
	switch {
	case len(p.runs) >= p.lim.runs:
		p.mu.Unlock()
		w.Header().Set("Retry-After", "30")
		http.Error(w, fmt.Sprintf("the playground is running %d runs, its most: close a page, or try again later", p.lim.runs), http.StatusServiceUnavailable)
		return
	case mine >= p.lim.client:
		p.mu.Unlock()
		w.Header().Set("Retry-After", "10")
		http.Error(w, fmt.Sprintf("this client has %d runs open, the most one client may have while others wait their turn: close a page of the playground, then start again", mine), http.StatusTooManyRequests)
		return
	}
	p.runs[run.id] = run
	// The run's goroutine starts now, by this POST; the page's stream only
	// watches it, and the run ends when that stream closes, or if no page
	// opens one within claimTimeout.
	ctx, cancel := context.WithCancel(p.ctx)
	run.cancel = cancel
	go func() {
		defer close(run.done)
		run.loop(ctx)
	}()
	run.timer = time.AfterFunc(claimTimeout, func() {
		run.mu.Lock()
		claimed := run.claimed
		run.claimed, run.dropped = true, !claimed
		run.mu.Unlock()
		if !claimed {
			p.end(run)
		}
	})
	p.mu.Unlock()
	serveJSON(w, s.describe(run.id))
}

// clientOf names the client of r for the share of runs: its IP address.
func clientOf(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// uploadError words a form that could not be read.
func uploadError(err error, limit int64) string {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return fmt.Sprintf("the upload is larger than %d KB, the playground's most", limit>>10)
	}
	return "the settings: " + err.Error()
}

func newID() string {
	var b [12]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// end stops the run's goroutine, waits for it, and forgets the run.
func (p *playground) end(run *playRun) {
	run.cancel()
	<-run.done
	p.mu.Lock()
	delete(p.runs, run.id)
	p.mu.Unlock()
}

// lookup returns the run the request's id names, or answers 404.
func (p *playground) lookup(w http.ResponseWriter, r *http.Request) *playRun {
	p.mu.Lock()
	run := p.runs[r.FormValue("id")]
	p.mu.Unlock()
	if run == nil {
		http.Error(w, "no such run: a run ends when its page closes; reload the page", http.StatusNotFound)
	}
	return run
}

func serveJSON(w http.ResponseWriter, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, "ann serve: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(b)
}

// playSignal is one thing the page asks of its run.
type playSignal struct {
	op   string      // play, pause, step, reset or edit
	rate float64     // for play: iterations per second, 0 for as fast as it goes
	edit *weightEdit // for edit
}

// control signals the run's training goroutine: play (with an optional rate,
// iterations per second), pause, step or reset; or changes how its frames
// are drawn: view with confidence=true or false.
func (p *playground) control(w http.ResponseWriter, r *http.Request) {
	sig := playSignal{op: r.FormValue("op")}
	switch sig.op {
	case "play", "pause", "step", "reset":
	case "view":
		arg := r.FormValue("confidence")
		confidence, err := strconv.ParseBool(arg)
		if err != nil {
			badRequest(w, fmt.Sprintf("confidence %q: want true or false", arg))
			return
		}
		run := p.lookup(w, r)
		if run == nil {
			return
		}
		run.setView(confidence)
		w.WriteHeader(http.StatusNoContent)
		return
	default:
		badRequest(w, fmt.Sprintf("op %q: want play, pause, step, reset or view", sig.op))
		return
	}
	if v := r.FormValue("rate"); v != "" {
		rate, err := strconv.ParseFloat(v, 64)
		if err != nil || !(rate == 0 || rate >= 0.1 && rate <= 1e6) {
			badRequest(w, fmt.Sprintf("rate %q: want iterations per second, from 0.1 to 1000000 (0: as fast as it goes)", v))
			return
		}
		sig.rate = rate
	}
	run := p.lookup(w, r)
	if run == nil {
		return
	}
	select {
	case run.ctl <- sig:
		w.WriteHeader(http.StatusNoContent)
	default:
		http.Error(w, "the run is busy: try again", http.StatusServiceUnavailable)
	}
}

// events streams the run's frames: it only watches the run, which POST
// /api/run started and POST /api/control drives. The run ends when the
// stream closes: the page went away.
func (p *playground) events(w http.ResponseWriter, r *http.Request) {
	run := p.lookup(w, r)
	if run == nil {
		return
	}
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "ann serve: streaming is not supported", http.StatusInternalServerError)
		return
	}
	// The stream lasts as long as the page: no read or write deadline.
	rc := http.NewResponseController(w)
	rc.SetReadDeadline(time.Time{})
	rc.SetWriteDeadline(time.Time{})
	run.mu.Lock()
	claimed, dropped := run.claimed, run.dropped
	run.claimed = true
	run.mu.Unlock()
	if dropped {
		http.Error(w, "no such run: its page did not open it in time; reload the page", http.StatusNotFound)
		return
	}
	if claimed {
		http.Error(w, "this run already has a page: a run is trained for one page", http.StatusConflict)
		return
	}
	run.timer.Stop()
	defer p.end(run)
	ctx := r.Context()
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	flusher.Flush()
	tick := time.NewTicker(frameInterval)
	defer tick.Stop()
	var last uint64
	first := true
	var sent time.Time        // when the last frame was sent
	var drawing time.Duration // how long it took to make
	for {
		select {
		case <-ctx.Done():
			return
		case <-run.done:
			return
		case <-run.wake:
		case <-tick.C:
			// Drawing takes time from training: while it trains, spend at
			// most a third of the time on frames.
			if time.Since(sent) < 3*drawing {
				continue
			}
		}
		v := run.view()
		if !first && v.gen == last {
			continue
		}
		first, last = false, v.gen
		start := time.Now()
		b, err := json.Marshal(run.frame(v))
		if err != nil {
			return
		}
		sent, drawing = time.Now(), time.Since(start)
		if _, err := fmt.Fprintf(w, "event: frame\ndata: %s\n\n", b); err != nil {
			return
		}
		flusher.Flush()
	}
}

// lookupExample finds the request's run and its example=i, 0 <= i < m,
// answering 400 (and ok false) when either is missing or out of range.
func (p *playground) lookupExample(w http.ResponseWriter, r *http.Request) (run *playRun, i int, ok bool) {
	run = p.lookup(w, r)
	if run == nil {
		return nil, 0, false
	}
	m := run.setup.ds.X.Rows
	arg := r.FormValue("example")
	i, err := strconv.Atoi(arg)
	if err != nil || i < 0 || i >= m {
		badRequest(w, fmt.Sprintf("-example %q: want an example of the data set, 0..%d", arg, m-1))
		return nil, 0, false
	}
	return run, i, true
}

// trace writes ann trace's output for one example with the current weights.
func (p *playground) trace(w http.ResponseWriter, r *http.Request) {
	run, i, ok := p.lookupExample(w, r)
	if !ok {
		return
	}
	s := run.setup
	v := run.view()
	var buf bytes.Buffer
	weights := "the initial weights"
	if v.iter > 0 {
		weights = fmt.Sprintf("the weights after iteration %d", v.iter)
	}
	if v.state == "diverged" {
		weights += ", the last before training diverged: expect huge or infinite numbers"
	}
	fmt.Fprintf(&buf, "ann trace: example %d of the %d in %s (counting from 0), with %s\n\n", i, s.ds.X.Rows, s.ds.name, weights)
	X, err := s.modelOf(v.net, nil).Standardize(matrix.FromRows([][]float64{s.ds.X.Row(i)})) // the features, if any
	if err == nil && s.nf.features != nil {
		fmt.Fprintf(&buf, "The inputs are -features %v of the data's row (x1, x2), so x below is those features.\n\n", s.nf.features)
	}
	if err == nil {
		err = trace.WriteExamples(&buf, v.net, X, s.ds.y[i:i+1], trace.Options{Lambda: s.nf.lambda, Alpha: s.nf.alpha, First: i})
	}
	if err != nil {
		fmt.Fprintf(&buf, "\nann trace: %v\n", err)
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write(buf.Bytes())
}

// download hands out one of the files ann train -out writes, for the
// iteration the run has reached (model.npz from iteration 0, the starting
// weights), or edited.npz, the weights right after the last edit, which the
// command line gives to ann train -start.
func (p *playground) download(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	kinds := map[string]string{"costs.csv": "text/csv", "run.json": "application/json", "model.npz": "application/zip",
		"cost.svg": "image/svg+xml", "boundary.svg": "image/svg+xml", editedFile: "application/zip"}
	kind, ok := kinds[name]
	if !ok {
		http.Error(w, fmt.Sprintf("no file %q: want costs.csv, run.json, model.npz, cost.svg, boundary.svg or %s", name, editedFile), http.StatusNotFound)
		return
	}
	run := p.lookup(w, r)
	if run == nil {
		return
	}
	v := run.view()
	s := run.setup
	var tr *trainRun
	var err error
	switch {
	case name == editedFile && !v.edited:
		http.Error(w, "no weight edited by hand since the run began: "+editedFile+" holds the weights right after an edit", http.StatusConflict)
		return
	case name == editedFile || name == "model.npz" && v.iter == 0:
	case v.iter == 0:
		http.Error(w, "no iteration yet: play or step first", http.StatusConflict)
		return
	default:
		tr, err = s.trainRun(v)
	}
	write := func(io.Writer) error { return err }
	switch {
	case name == editedFile:
		write = s.modelOf(v.editedNet, v.edits).Write
	case name == "model.npz" && v.iter == 0:
		write = s.modelOf(v.net, v.edits).Write
	case err != nil:
	case name == "costs.csv":
		write = tr.writeCosts
	case name == "run.json":
		write = func(w io.Writer) error { return tr.writeJSON(w, &s.df, s.testFraction, s.splitSeed) }
	case name == "model.npz":
		write = tr.model.Write
	case name == "cost.svg":
		write = tr.costSVG(&s.df)
	case name == "boundary.svg":
		write = tr.boundarySVG(&s.df, false)
	}
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		// A diverged run's numbers are not finite: what ann train would
		// refuse to write is the run's condition, not the server's fault.
		if v.state == "diverged" {
			http.Error(w, fmt.Sprintf("%s: the run diverged (%s), so there is no %s to write: reset, and try a smaller alpha", name, v.msg, name), http.StatusConflict)
			return
		}
		http.Error(w, "ann serve: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", kind)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Write(buf.Bytes())
}

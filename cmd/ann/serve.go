package main

// ann serve: the playground, the tutorial's network trained live in a browser.
//
// One page, one run. The page posts its settings, named and written as the
// flags of ann train, to /api/run; the server checks them with the command
// line's own checks (plus the playground's bounds), makes the data, and
// answers with the run's id and its points. The page then opens
// /api/events, a stream of Server-Sent Events: the run trains in a goroutine
// bound to that request, so it ends when the page goes away. Each event is
// one frame: the iteration reached, the costs, the figures drawn by svgplot,
// and the ann train command line that reproduces the run up to that
// iteration. /api/control plays, pauses, steps and resets; /api/trace traces
// one example with the current weights; /api/download/ hands out the run's
// files, written by the same code as ann train's.

import (
	"bytes"
	"context"
	"crypto/rand"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"math"
	"mime/multipart"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network"
	"github.com/ann-go/ann/network/fast"
	"github.com/ann-go/ann/network/model"
	"github.com/ann-go/ann/network/trace"
	"github.com/ann-go/ann/svgplot"
	"github.com/ann-go/ann/trainer"
	"github.com/ann-go/ann/trainer/dataset"
)

//go:embed playground
var playgroundFiles embed.FS

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("serve", "[-addr 127.0.0.1:8080]", stdout)
	addr := fs.String("addr", "127.0.0.1:8080", "listen on `host:port` (the default takes connections from this machine only)")
	if err := parse(fs, args); err != nil {
		return err
	}
	return serve(ctx, *addr, stdout) // ctx is done on Ctrl-C (see run)
}

// serve serves the playground on addr until ctx is done, then shuts down:
// every run ends and every stream closes.
func serve(ctx context.Context, addr string, stdout io.Writer) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return usagef("-addr %s: %v", addr, unwrapOpError(err))
	}
	base, cancel := context.WithCancel(context.Background())
	defer cancel()
	srv := &http.Server{
		Handler:           newPlayground(playLimits),
		BaseContext:       func(net.Listener) context.Context { return base },
		ReadHeaderTimeout: 10 * time.Second,
	}
	srv.RegisterOnShutdown(cancel) // the event streams never go idle by themselves
	fmt.Fprintf(stdout, "ann serve: the playground is at http://%s/ (Ctrl-C stops it)\n", ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, scancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer scancel()
	err = srv.Shutdown(sctx)
	<-errc
	fmt.Fprintln(stdout, "ann serve: stopped")
	return err
}

func unwrapOpError(err error) error {
	var oe *net.OpError
	if errors.As(err, &oe) {
		return oe.Err
	}
	return err
}

// limits bound what one page can ask of the server.
type limits struct {
	rows   int   // examples, generated or uploaded
	units  int   // units per hidden layer
	hidden int   // hidden layers
	iters  int   // iterations per run
	runs   int   // runs at once
	upload int64 // bytes of an uploaded CSV file
}

var playLimits = limits{rows: 5000, units: 32, hidden: 6, iters: 1_000_000, runs: 8, upload: 1 << 20}

// Frames while training come at most this often; a frame's decision boundary
// is drawn on a coarse grid of liveSteps x liveSteps points while training
// and on a finer one when the run stops.
const (
	frameInterval = 200 * time.Millisecond
	liveSteps     = 120
)

// claimTimeout is how long a run waits for its page to open its event stream.
const claimTimeout = 30 * time.Second

// playground is the server: the page, its files, and the runs.
type playground struct {
	lim  limits
	mux  *http.ServeMux
	page *template.Template

	mu   sync.Mutex
	runs map[string]*playRun
}

func newPlayground(lim limits) *playground {
	p := &playground{lim: lim, mux: http.NewServeMux(), runs: map[string]*playRun{}}
	static, err := fs.Sub(playgroundFiles, "playground")
	if err != nil {
		panic(err)
	}
	p.page = template.Must(template.ParseFS(static, "index.html"))
	p.mux.HandleFunc("GET /{$}", p.index)
	for _, name := range []string{"play.js", "play.css"} {
		p.mux.HandleFunc("GET /"+name, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Cache-Control", "no-cache")
			http.ServeFileFS(w, r, static, name)
		})
	}
	p.mux.HandleFunc("POST /api/run", p.newRun)
	p.mux.HandleFunc("GET /api/events", p.events)
	p.mux.HandleFunc("POST /api/control", p.control)
	p.mux.HandleFunc("GET /api/trace", p.trace)
	p.mux.HandleFunc("GET /api/download/{name}", p.download)
	return p
}

func (p *playground) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	p.mux.ServeHTTP(w, r)
}

func (p *playground) index(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	var buf bytes.Buffer
	if err := p.page.Execute(&buf, p.lim.page()); err != nil {
		http.Error(w, "ann serve: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Write(buf.Bytes())
}

// page returns the bounds the page shows in its inputs.
func (l limits) page() map[string]any {
	return map[string]any{"Rows": l.rows, "Units": l.units, "Hidden": l.hidden, "Iters": l.iters, "UploadKB": l.upload >> 10}
}

// badRequest answers 400 with msg, in the command line's words.
func badRequest(w http.ResponseWriter, msg string) {
	http.Error(w, msg, http.StatusBadRequest)
}

// --- Settings: the flags of ann train ---

// playFlags are the ann train flags a page may set, in the order the command
// line shows them. -iters is where the run stops; the command line shows the
// iteration the run reached instead.
var playFlags = []string{"data", "n", "noise", "data-seed", "factor", "first",
	"layers", "activation", "init", "seed",
	"alpha", "lambda", "batch", "momentum", "shuffle-seed",
	"test-fraction", "split-seed", "iters"}

// playSetup is a checked run: its data, its rows, its network and training.
type playSetup struct {
	ds                *dataSet
	trainIdx, testIdx []int
	held              []bool    // per row: not trained on (held out, or past -first), drawn hollow
	x1, x2            []float64 // the data's two features, as the figures take them
	df                dataFlags
	nf                netFlags
	testFraction      float64
	splitSeed         uint32
	args              []string // the flags given, without -iters
}

// setup checks the settings form (ann train's flags by name, one value each)
// and the uploaded file, if any, and makes the run's data. Errors are usage
// errors in the command line's words.
func (l limits) setup(form map[string][]string, file io.Reader, fileName string) (*playSetup, error) {
	known := map[string]bool{}
	for _, f := range playFlags {
		known[f] = true
	}
	for name, vs := range form {
		if !known[name] {
			return nil, usagef("unknown setting %q: the playground takes the ann train flags %s", name, strings.Join(playFlags, ", "))
		}
		if len(vs) != 1 {
			return nil, usagef("-%s is given %d times: give it once", name, len(vs))
		}
	}
	var args []string
	for _, f := range playFlags {
		if vs, ok := form[f]; ok {
			args = append(args, "-"+f+"="+vs[0])
		}
	}
	// The flags of ann train (runTrain), on a flag set of their own.
	fs := flag.NewFlagSet("ann train", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	s := &playSetup{}
	s.df.register(fs)
	s.nf.register(fs)
	s.nf.registerTraining(fs)
	var sf splitFlags
	sf.register(fs)
	if err := fs.Parse(args); err != nil {
		return nil, usagef("%v", err)
	}
	s.testFraction, s.splitSeed = sf.fraction, uint32(sf.seed)
	fs.Visit(func(f *flag.Flag) {
		if f.Name != "iters" {
			s.args = append(s.args, "-"+f.Name, f.Value.String())
		}
	})
	s.args = canonicalOrder(s.args)

	// The playground's bounds, before anything is made.
	sizes := s.nf.sizes
	if h := len(sizes) - 2; h > l.hidden {
		return nil, usagef("-layers %v: want at most %d hidden layers in the playground", &s.nf.sizes, l.hidden)
	}
	for _, u := range sizes[1 : len(sizes)-1] {
		if u > l.units {
			return nil, usagef("-layers %v: want at most %d units per hidden layer in the playground", &s.nf.sizes, l.units)
		}
	}
	if s.nf.iters > l.iters {
		return nil, usagef("-iters %d: want from 1 to %d iterations in the playground", s.nf.iters, l.iters)
	}
	if !s.df.isFile() && s.df.n > l.rows {
		return nil, usagef("-n %d: want from 1 to %d examples in the playground", s.df.n, l.rows)
	}
	if err := s.nf.check(); err != nil {
		return nil, err
	}
	if s.df.first < 0 { // as df.load words it, which an upload does not go through
		return nil, usagef("-first %d: want 0 (all rows) or a positive count", s.df.first)
	}

	// The data: generated, or the uploaded file, read as ann train reads one.
	var err error
	switch {
	case !s.df.isFile() && file != nil:
		return nil, usagef("a file was uploaded but -data is %s: set -data to the file's name", s.df.source)
	case !s.df.isFile():
		s.ds, err = s.df.load()
	default:
		s.ds, err = l.readUpload(&s.df, file, fileName)
	}
	if err != nil {
		return nil, err
	}
	if err := s.nf.fit(s.ds); err != nil {
		return nil, err
	}
	for _, v := range s.ds.X.Data {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, usagef("-noise %v: the data has features that are not finite numbers: want a smaller noise", s.df.noise)
		}
	}
	if s.ds.X.Cols != 2 {
		return nil, usagef("%s: the playground draws two features, x1 and x2, but the data has %d", s.ds.name, s.ds.X.Cols)
	}

	// The held-out rows, as ann train chooses them.
	m := s.ds.X.Rows
	if s.trainIdx, s.testIdx, err = sf.rows(&s.df, m); err != nil {
		return nil, err
	}
	s.held = make([]bool, m)
	for i := range s.held {
		s.held[i] = true
	}
	for _, i := range s.trainIdx {
		s.held[i] = false
	}
	if len(s.trainIdx) == m {
		s.held = nil // no hollow points, and no legend for them
	}
	s.x1, s.x2 = svgplot.Column(s.ds.X, 0), svgplot.Column(s.ds.X, 1)
	return s, nil
}

// canonicalOrder sorts flag/value pairs into the order of playFlags.
func canonicalOrder(args []string) []string {
	var out []string
	for _, f := range playFlags {
		for i := 0; i+1 < len(args); i += 2 {
			if args[i] == "-"+f {
				out = append(out, args[i], args[i+1])
			}
		}
	}
	return out
}

// readUpload reads the uploaded CSV file that -data names, with the command
// line's checks (dataset.ParseCSV) and its error messages.
func (l limits) readUpload(df *dataFlags, file io.Reader, fileName string) (*dataSet, error) {
	if err := df.checkFile(); err != nil {
		return nil, err
	}
	if file == nil {
		return nil, usagef("-data %s: upload the file (the playground reads no file on the server's disk)", df.source)
	}
	if fileName != df.source {
		return nil, usagef("-data %s: but the file uploaded is %s", df.source, fileName)
	}
	data, err := dataset.NewReader(file, df.source).Read()
	if err != nil {
		return nil, usagef("%v", err)
	}
	if data.X.Rows > l.rows {
		return nil, usagef("%s: %d rows: want at most %d examples in the playground", df.source, data.X.Rows, l.rows)
	}
	return &dataSet{X: data.X, y: data.Y, name: df.source}, nil
}

// command returns the ann train command line that reproduces the run up to
// iteration iter, as arguments.
func (s *playSetup) command(iter int) []string {
	return append(append([]string{}, s.args...), "-iters", strconv.Itoa(iter))
}

// shellQuote quotes an argument for a POSIX shell if it needs it.
func shellQuote(a string) string {
	if a != "" && strings.Trim(a, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.,/+=:") == "" {
		return a
	}
	return "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
}

// --- Runs ---

// playRun is one page's run. Its training goroutine (loop) owns the control
// state; everything else reads the published state under mu.
type playRun struct {
	id    string
	setup *playSetup
	ctl   chan playSignal // play, pause, step, reset
	wake  chan struct{}   // a state worth a frame now: paused, stopped, reset
	timer *time.Timer     // removes the run if its page never opens the stream

	mu      sync.Mutex
	claimed bool // a page opened the stream, or the run was dropped
	dropped bool // no page opened the stream in time
	pub     published
}

// published is the state a frame or a download reads.
type published struct {
	gen              uint64 // counts publications
	iter             int    // iterations done
	state            string // ready, playing, paused, done, diverged
	msg              string // why it stopped, for done and diverged
	costs, testCosts []float64
	net              *network.Network // Θ after iteration iter, copied in place
	confidence       bool             // the page asks for the boundary shaded by confidence
}

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
	run := &playRun{id: newID(), setup: s, ctl: make(chan playSignal, 16), wake: make(chan struct{}, 1)}
	run.pub = published{state: "ready", net: s.nf.network()}
	p.mu.Lock()
	if len(p.runs) >= p.lim.runs {
		p.mu.Unlock()
		http.Error(w, fmt.Sprintf("the playground is running %d runs, its most: close a page, or try again later", p.lim.runs), http.StatusServiceUnavailable)
		return
	}
	p.runs[run.id] = run
	run.timer = time.AfterFunc(claimTimeout, func() {
		run.mu.Lock()
		claimed := run.claimed
		run.claimed, run.dropped = true, !claimed
		run.mu.Unlock()
		if !claimed {
			p.remove(run)
		}
	})
	p.mu.Unlock()
	serveJSON(w, s.describe(run.id))
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

func (p *playground) remove(run *playRun) {
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

// runInfo is the answer to /api/run: what the page needs to draw and click.
type runInfo struct {
	ID        string       `json:"id"`
	Name      string       `json:"name"`
	Rows      int          `json:"rows"`
	TrainRows int          `json:"trainRows"`
	TestRows  int          `json:"testRows"`
	Classes   int          `json:"classes"`
	Stop      int          `json:"stop"`
	Points    [][4]float64 `json:"points"` // x1, x2, label, role: 0 train, 1 held out, 2 unused
	Extent    [4]float64   `json:"extent"` // the boundary's xmin, xmax, ymin, ymax
	Args      []string     `json:"args"`   // ann train's flags, without -iters
}

func (s *playSetup) describe(id string) runInfo {
	ds := s.ds
	info := runInfo{ID: id, Name: ds.name, Rows: ds.X.Rows, TrainRows: len(s.trainIdx), TestRows: len(s.testIdx),
		Classes: ds.classes(), Stop: s.nf.iters, Args: s.args}
	role := make([]float64, ds.X.Rows)
	for i := range role {
		role[i] = 2
	}
	for _, i := range s.trainIdx {
		role[i] = 0
	}
	for _, i := range s.testIdx {
		role[i] = 1
	}
	info.Points = make([][4]float64, ds.X.Rows)
	for i := range info.Points {
		info.Points[i] = [4]float64{ds.X.At(i, 0), ds.X.At(i, 1), float64(ds.y[i]), role[i]}
	}
	// The rectangle boundaryGrid plots: the data's range widened by 1.
	x, y := svgplot.Column(ds.X, 0), svgplot.Column(ds.X, 1)
	xmin, xmax, ymin, ymax := slices.Min(x), slices.Max(x), slices.Min(y), slices.Max(y)
	info.Extent = [4]float64{xmin - 1, xmax + 1, ymin - 1, ymax + 1}
	return info
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
	op   string  // play, pause, step or reset
	rate float64 // for play: iterations per second, 0 for as fast as it goes
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

// events streams the run's frames, and trains it while the page listens.
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
	ctx, cancel := context.WithCancel(r.Context())
	done := make(chan struct{})
	go func() {
		defer close(done)
		run.loop(ctx)
	}()
	defer func() {
		cancel()
		<-done
		p.remove(run)
	}()
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

// setView sets how the frames are drawn, and asks for a frame drawn so.
func (run *playRun) setView(confidence bool) {
	run.mu.Lock()
	run.pub.confidence = confidence
	run.pub.gen++
	run.mu.Unlock()
	select {
	case run.wake <- struct{}{}:
	default:
	}
}

// view returns a copy of the published state, with its own weights.
func (run *playRun) view() published {
	run.mu.Lock()
	defer run.mu.Unlock()
	v := run.pub
	v.net = v.net.Copy()
	return v
}

// publish makes iteration iter of res (nil before the first) the state that
// frames and downloads see.
func (run *playRun) publish(iter int, res *trainer.Result, state, msg string, wake bool) {
	run.mu.Lock()
	pub := &run.pub
	pub.gen++
	pub.iter, pub.state, pub.msg = iter, state, msg
	if res == nil {
		pub.costs, pub.testCosts = nil, nil
		pub.net = run.setup.nf.network()
	} else {
		pub.costs = res.Costs[:iter:iter]
		if res.TestCosts != nil {
			pub.testCosts = res.TestCosts[:iter:iter]
		}
		for l, t := range res.Net.Theta {
			if t != nil {
				copy(pub.net.Theta[l].Data, t.Data)
			}
		}
	}
	run.mu.Unlock()
	if wake {
		select {
		case run.wake <- struct{}{}:
		default:
		}
	}
}

// control is the training goroutine's state: what the page asked for.
type control struct {
	playing bool
	rate    float64   // iterations per second while playing; 0: no limit
	next    time.Time // when the next iteration may start, with a rate
	steps   int       // iterations to make before pausing
	reset   bool
}

// apply takes one signal from the page.
func (c *control) apply(sig playSignal) {
	switch sig.op {
	case "play":
		c.playing, c.rate = true, sig.rate
	case "pause":
		c.playing, c.steps = false, 0
	case "step":
		c.playing = false
		c.steps = min(c.steps+1, 1000)
	case "reset":
		c.reset = true
	}
}

// proceed returns whether to make another iteration, pausing as the page
// asked: it returns false when the run is reset or ctx is done. pausing is
// called before it blocks.
func (run *playRun) proceed(ctx context.Context, c *control, pausing func()) bool {
	for {
		select {
		case sig := <-run.ctl:
			c.apply(sig)
			continue
		default:
		}
		switch {
		case c.reset || ctx.Err() != nil:
			return false
		case c.playing && c.rate > 0:
			now := time.Now()
			if wait := c.next.Sub(now); wait > 0 {
				t := time.NewTimer(wait)
				select {
				case sig := <-run.ctl:
					c.apply(sig)
				case <-ctx.Done():
				case <-t.C:
				}
				t.Stop()
				continue
			}
			if c.next.Before(now.Add(-frameInterval)) { // after a pause: no catching up
				c.next = now
			}
			c.next = c.next.Add(time.Duration(float64(time.Second) / c.rate))
			return true
		case c.playing:
			return true
		case c.steps > 0:
			c.steps--
			return true
		}
		pausing()
		select {
		case sig := <-run.ctl:
			c.apply(sig)
		case <-ctx.Done():
			return false
		}
	}
}

// loop trains the run until ctx is done, starting over on reset.
func (run *playRun) loop(ctx context.Context) {
	s := run.setup
	Xtrain, ytrain := dataset.Rows(s.ds.X, s.ds.y, s.trainIdx)
	for {
		var c control
		run.publish(0, nil, "ready", "", true)
		if !run.proceed(ctx, &c, func() {}) {
			if ctx.Err() != nil {
				return
			}
			continue
		}
		tctx, cancel := context.WithCancel(ctx)
		res, err := trainOnce(tctx, s, Xtrain, ytrain, func(iter int, res *trainer.Result) {
			state := "playing"
			if !c.playing {
				state = "paused"
			}
			run.publish(iter, res, state, "", false)
			if iter == s.nf.iters {
				return // the last iteration: Train returns next
			}
			if !run.proceed(tctx, &c, func() { run.publish(iter, res, "paused", "", true) }) {
				cancel()
			}
		})
		cancel()
		switch {
		case ctx.Err() != nil:
			return
		case c.reset:
			continue
		case err != nil:
			run.publish(len(res.Costs), res, "diverged", err.Error(), true)
		default:
			run.publish(s.nf.iters, res, "done", fmt.Sprintf("stopped at -iters %d", s.nf.iters), true)
		}
		c = control{}
		for !c.reset {
			select {
			case sig := <-run.ctl:
				c.apply(sig)
			case <-ctx.Done():
				return
			}
		}
	}
}

// --- The adapter: every call into the library's training, figures and trace ---

// trainOnce trains the run's network as ann train does (train in train.go),
// calling observe after each iteration.
func trainOnce(ctx context.Context, s *playSetup, Xtrain *matrix.Dense, ytrain []int, observe func(int, *trainer.Result)) (*trainer.Result, error) {
	c := s.nf.config()
	if s.testIdx != nil {
		c.TestX, c.TestY = dataset.Rows(s.ds.X, s.ds.y, s.testIdx)
	}
	c.Observe = observe
	return trainer.Train(ctx, s.nf.network(), Xtrain, ytrain, c)
}

// trainRun returns the published state as ann train's trainRun, for the
// files ann train writes.
func (s *playSetup) trainRun(v published) *trainRun {
	nf := s.nf
	nf.iters = v.iter
	mdl := &model.Model{Net: v.net}
	r := &trainRun{ds: s.ds, trainIdx: s.trainIdx, testIdx: s.testIdx, nf: &nf, model: mdl,
		res: &trainer.Result{Net: v.net, Costs: v.costs, TestCosts: v.testCosts}}
	Xtrain, ytrain := dataset.Rows(s.ds.X, s.ds.y, s.trainIdx)
	ws := fast.NewWorkspace(v.net, Xtrain, ytrain, nf.lambda) // as trainer.Result.FinalCost is computed
	r.finalCost = ws.Cost()
	ws.Close()
	r.accTrain = playAccuracy(mdl, Xtrain, ytrain)
	r.accAll = playAccuracy(mdl, s.ds.X, s.ds.y)
	if s.testIdx != nil {
		Xtest, ytest := dataset.Rows(s.ds.X, s.ds.y, s.testIdx)
		r.accTest = playAccuracy(mdl, Xtest, ytest)
	}
	return r
}

// frame is one event of the stream.
type frame struct {
	Iter     int      `json:"iter"`
	Stop     int      `json:"stop"`
	State    string   `json:"state"`
	Message  string   `json:"message,omitempty"`
	Cost     *float64 `json:"cost,omitempty"`     // J at the last iteration
	TestCost *float64 `json:"testCost,omitempty"` // the held-out cost at the last iteration
	AccTrain float64  `json:"accTrain"`           // with the current weights
	AccTest  *float64 `json:"accTest,omitempty"`
	Args     []string `json:"args,omitempty"`    // ann train's flags reproducing the run, once it has an iteration
	Command  string   `json:"command,omitempty"` // the same, for a shell
	Boundary string   `json:"boundary"`          // SVG
	CostFig  string   `json:"costFig,omitempty"` // SVG
	Diagram  string   `json:"diagram,omitempty"` // SVG; none when the weights give no finite output
}

func (run *playRun) frame(v published) frame {
	s := run.setup
	f := frame{Iter: v.iter, Stop: s.nf.iters, State: v.state, Message: v.msg}
	mdl := &model.Model{Net: v.net}
	Xtrain, ytrain := dataset.Rows(s.ds.X, s.ds.y, s.trainIdx)
	f.AccTrain = playAccuracy(mdl, Xtrain, ytrain)
	if s.testIdx != nil {
		Xtest, ytest := dataset.Rows(s.ds.X, s.ds.y, s.testIdx)
		acc := playAccuracy(mdl, Xtest, ytest)
		f.AccTest = &acc
	}
	if v.iter > 0 {
		f.Cost = finiteOrNil(v.costs[v.iter-1])
		if v.testCosts != nil {
			f.TestCost = finiteOrNil(v.testCosts[v.iter-1])
		}
		f.Args = s.command(v.iter)
		quoted := make([]string, len(f.Args))
		for i, a := range f.Args {
			quoted[i] = shellQuote(a)
		}
		f.Command = "ann train " + strings.Join(quoted, " ") + " -out run"
		var b strings.Builder
		if err := svgplot.Costs(&b, trainRunSeries(v), svgplot.Options{Title: "Cost per iteration", Width: 520, Height: 300}); err == nil {
			f.CostFig = inlineIDs(b.String(), "cost-")
		}
	}
	steps := liveSteps
	if v.state != "playing" {
		steps = fineSteps(v.net)
	}
	var b strings.Builder
	if err := drawPlayBoundary(&b, s, mdl, steps, v.confidence); err != nil {
		f.Message = err.Error()
	}
	f.Boundary = inlineIDs(b.String(), "boundary-")
	b.Reset()
	if err := drawNeurons(&b, s, v.net); err == nil {
		f.Diagram = inlineIDs(b.String(), "units-")
	}
	return f
}

// inlineIDs returns the SVG document svg with the ids svgplot gives its clip
// paths (clip1, clip2, ..., unique within one document) and the references
// to them prefixed, so that the figures of a frame, put into one HTML page,
// keep their ids apart: a page resolves url(#clip1) to the first element of
// that id.
func inlineIDs(svg, prefix string) string {
	return strings.NewReplacer(`id="clip`, `id="`+prefix+`clip`, `url(#clip`, `url(#`+prefix+`clip`).Replace(svg)
}

// finiteOrNil returns &x, or nil if x is NaN or infinite (which JSON cannot hold).
func finiteOrNil(x float64) *float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return &x
}

// trainRunSeries returns the cost curves of the published state.
func trainRunSeries(v published) []svgplot.Series {
	s := []svgplot.Series{{Name: "training cost", Y: v.costs}}
	if v.testCosts != nil {
		s = append(s, svgplot.Series{Name: "held-out cost", Y: v.testCosts})
	}
	return s
}

// fineSteps is the grid of a paused run's boundary: the tutorial's 1000
// steps for small networks, fewer for large ones, so that a frame costs
// about as much as 4e7 weight multiplications.
func fineSteps(net *network.Network) int {
	w := 0
	for _, t := range net.Theta {
		if t != nil {
			w += len(t.Data)
		}
	}
	return max(liveSteps, min(svgplot.DefaultSteps, int(math.Sqrt(4e7/float64(w)))))
}

// drawPlayBoundary draws the decision boundary of model over the run's data:
// the training rows filled, every other row (held out, or past -first) hollow,
// and with confidence the regions shaded by the winning output.
func drawPlayBoundary(w io.Writer, s *playSetup, m *model.Model, steps int, confidence bool) error {
	g, err := svgplot.BoundaryGrid(s.ds.X, m.GridProbabilities, steps)
	if err != nil {
		return err
	}
	return svgplot.Boundary(w, g, s.x1, s.x2, s.ds.y,
		svgplot.Options{Title: "Decision boundary", Width: 520, Height: 420, Held: s.held, Confidence: confidence})
}

// drawNeurons draws the network unit by unit, each unit a map of its output
// over the data's plane (svgplot.Neurons).
func drawNeurons(w io.Writer, s *playSetup, net *network.Network) error {
	return svgplot.Neurons(w, svgplot.NeuronNet{
		Theta:   net.Theta,
		Forward: func(X *matrix.Dense) []*matrix.Dense { return network.Forward(net, X).A },
		X:       s.ds.X,
	}, svgplot.Options{Subtitle: "each unit's output a over the plane x1 × x2; edges Θ: blue > 0, orange < 0"})
}

// trace writes ann trace's output for one example with the current weights.
func (p *playground) trace(w http.ResponseWriter, r *http.Request) {
	run := p.lookup(w, r)
	if run == nil {
		return
	}
	s := run.setup
	m := s.ds.X.Rows
	arg := r.FormValue("example")
	i, err := strconv.Atoi(arg)
	if err != nil || i < 0 || i >= m {
		badRequest(w, fmt.Sprintf("-example %q: want an example of the data set, 0..%d", arg, m-1))
		return
	}
	v := run.view()
	var buf bytes.Buffer
	weights := "the initial weights"
	if v.iter > 0 {
		weights = fmt.Sprintf("the weights after iteration %d", v.iter)
	}
	if v.state == "diverged" {
		weights += ", the last before training diverged: expect huge or infinite numbers"
	}
	fmt.Fprintf(&buf, "ann trace: example %d of the %d in %s (counting from 0), with %s\n\n", i, m, s.ds.name, weights)
	if err := trace.WriteExamples(&buf, v.net, matrix.FromRows([][]float64{s.ds.X.Row(i)}), s.ds.y[i:i+1], trace.Options{Lambda: s.nf.lambda, Alpha: s.nf.alpha, First: i}); err != nil {
		fmt.Fprintf(&buf, "\nann trace: %v\n", err)
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write(buf.Bytes())
}

// download hands out one of the files ann train -out writes, for the
// iteration the run has reached.
func (p *playground) download(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	kinds := map[string]string{"costs.csv": "text/csv", "run.json": "application/json", "model.npz": "application/zip",
		"cost.svg": "image/svg+xml", "boundary.svg": "image/svg+xml"}
	kind, ok := kinds[name]
	if !ok {
		http.Error(w, fmt.Sprintf("no file %q: want costs.csv, run.json, model.npz, cost.svg or boundary.svg", name), http.StatusNotFound)
		return
	}
	run := p.lookup(w, r)
	if run == nil {
		return
	}
	v := run.view()
	if v.iter == 0 {
		http.Error(w, "no iteration yet: play or step first", http.StatusConflict)
		return
	}
	s := run.setup
	tr := s.trainRun(v)
	var write func(io.Writer) error
	switch name {
	case "costs.csv":
		write = tr.writeCosts
	case "run.json":
		write = func(w io.Writer) error { return tr.writeJSON(w, &s.df, s.testFraction, s.splitSeed) }
	case "model.npz":
		write = tr.model.Write
	case "cost.svg":
		write = tr.costSVG(&s.df)
	case "boundary.svg":
		write = tr.boundarySVG(&s.df, false)
	}
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		http.Error(w, "ann serve: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", kind)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Write(buf.Bytes())
}

// playAccuracy is m.Accuracy for a frame: 0 where the weights give no
// prediction (a run that diverged), which the frame's state explains.
func playAccuracy(m *model.Model, X *matrix.Dense, y []int) float64 {
	acc, err := m.Accuracy(X, y)
	if err != nil {
		return 0
	}
	return acc
}

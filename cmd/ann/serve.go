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
//
// The files: serve.go the server and its limits; serve_setup.go the settings
// and the run they make; serve_api.go the handlers; serve_run.go the
// training goroutine; serve_frame.go the frames and their figures.

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net"
	"net/http"
	"sync"
	"time"
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

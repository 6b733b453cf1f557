package main

// ann serve: the playground, the tutorial's network trained live in a browser.
//
// One page, one run. The page posts its settings, named and written as the
// flags of ann train, to /api/run; the server checks them with the command
// line's own checks (plus the playground's bounds), makes the data, and
// answers with the run's id and its points; the run's goroutine starts
// then, idle until played. The page then opens /api/events, a stream of
// Server-Sent Events that only watches: the run ends when that stream
// closes, so when the page goes away (or if no page opens it within
// claimTimeout). State changes only by POST. Each event is
// one frame: the iteration reached, the costs, the figures drawn by svgplot,
// and the ann train command line that reproduces the run up to that
// iteration. /api/control plays, pauses, steps and resets; /api/trace traces
// one example with the current weights; /api/edit sets one weight typed by
// hand; /api/download/ hands out the run's
// files, written by the same code as ann train's.
//
// The files: serve.go the server and its limits; serve_setup.go the settings
// and the run they make; serve_api.go the handlers; serve_run.go the
// training goroutine; serve_edit.go a weight typed by hand; serve_frame.go the frames and their figures.
//
// What the server trusts (docs/playground.md): only Host values that name
// it (allowHosts), only same-origin requests that change state
// (http.CrossOriginProtection), a share of the run slots per client, and
// timeouts on every request but the event stream.

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
	"strconv"
	"strings"
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
	p := newPlayground(playLimits)
	defer p.close()
	p.allowHosts(addr, ln.Addr())
	srv := newHTTPServer(p, serveTimeouts)
	srv.RegisterOnShutdown(p.close) // the event streams never go idle by themselves
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

// timeouts are the http.Server's: reading a request's header, and all of it
// with its body (so a body sent a byte a second is cut off), writing the
// answer (the event stream is exempt: events clears its deadlines), and
// keeping an idle connection open.
type timeouts struct {
	readHeader, read, write, idle time.Duration
}

var serveTimeouts = timeouts{readHeader: 10 * time.Second, read: 30 * time.Second, write: 60 * time.Second, idle: 2 * time.Minute}

// newHTTPServer returns the server of the playground p with the timeouts t;
// its requests' contexts end when p closes.
func newHTTPServer(p *playground, t timeouts) *http.Server {
	return &http.Server{
		Handler:           p,
		BaseContext:       func(net.Listener) context.Context { return p.ctx },
		ReadHeaderTimeout: t.readHeader,
		ReadTimeout:       t.read,
		WriteTimeout:      t.write,
		IdleTimeout:       t.idle,
		MaxHeaderBytes:    64 << 10,
	}
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
	client int   // runs at once from one client (one remote address)
	upload int64 // bytes of an uploaded CSV file
}

var playLimits = limits{rows: 5000, units: 32, hidden: 6, iters: 1_000_000, runs: 8, client: 4, upload: 1 << 20}

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

	// ctx is the runs' context, and the requests' under newHTTPServer:
	// close ends it.
	ctx   context.Context
	close context.CancelFunc
	// hosts are the Host values the server answers (allowHosts); nil, as
	// in tests through httptest, for any.
	hosts map[string]bool
	anyIP bool   // listening on all addresses: any IP address with port
	port  string // the port listened on
	// cop refuses cross-origin requests that change state.
	cop *http.CrossOriginProtection

	mu   sync.Mutex
	runs map[string]*playRun
}

func newPlayground(lim limits) *playground {
	p := &playground{lim: lim, mux: http.NewServeMux(), runs: map[string]*playRun{}, cop: http.NewCrossOriginProtection()}
	p.ctx, p.close = context.WithCancel(context.Background())
	p.cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "ann serve: a cross-origin request that would change a run is refused: use the playground's own page", http.StatusForbidden)
	}))
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
	p.mux.HandleFunc("GET /api/step", p.step)
	p.mux.HandleFunc("GET /api/map", p.unitMapOf)
	p.mux.HandleFunc("POST /api/edit", p.edit)
	p.mux.HandleFunc("GET /api/download/{name}", p.download)
	return p
}

// ServeHTTP answers only requests whose Host names the server (a page of
// another site that points a name of its own at 127.0.0.1, DNS rebinding,
// sends that name), and of those refuses a cross-origin one that changes
// state (a POST from another site's page: Sec-Fetch-Site or Origin);
// docs/playground.md says why.
func (p *playground) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if !p.hostAllowed(r.Host) {
		http.Error(w, fmt.Sprintf("ann serve: Host %q is not this server's name: open the address ann serve printed", r.Host), http.StatusMisdirectedRequest)
		return
	}
	p.cop.Handler(p.mux).ServeHTTP(w, r)
}

// hostAllowed reports whether the Host value host names the server.
func (p *playground) hostAllowed(host string) bool {
	if p.hosts == nil {
		return true
	}
	host = strings.ToLower(host)
	if p.hosts[host] {
		return true
	}
	h, port, err := net.SplitHostPort(host)
	return err == nil && p.anyIP && port == p.port && net.ParseIP(h) != nil
}

// allowHosts makes the server answer only Host values that name it: the
// address it listens on (ln), the host of -addr as given (addr), and, for a
// loopback address or all addresses, localhost; each with the port, and without it where the
// port is 80. Listening on all addresses (0.0.0.0, ::), it answers any IP
// address with the port, since an address names no other site.
func (p *playground) allowHosts(addr string, ln net.Addr) {
	p.hosts = map[string]bool{}
	tcp, ok := ln.(*net.TCPAddr)
	if !ok {
		return
	}
	port := strconv.Itoa(tcp.Port)
	add := func(host string) {
		host = strings.ToLower(host)
		p.hosts[net.JoinHostPort(host, port)] = true
		if port == "80" {
			p.hosts[host] = true
			if strings.Contains(host, ":") {
				p.hosts["["+host+"]"] = true
			}
		}
	}
	add(tcp.IP.String())
	if tcp.IP.IsLoopback() || tcp.IP.IsUnspecified() {
		add("localhost") // a name no other site can point anywhere
	}
	if h, _, err := net.SplitHostPort(addr); err == nil && h != "" {
		add(h)
	}
	p.anyIP = tcp.IP.IsUnspecified()
	p.port = port
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

//go:build long

package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"sync"
	"testing"
)

// Twenty pages train at once and are abandoned, their requests cancelled:
// no errors, and the goroutines and memory return to what they were.
func TestServeAbandonedPages(t *testing.T) {
	lim := playLimits
	lim.runs, lim.client = 20, 20
	p := newPlayground(lim)
	srv := httptest.NewServer(p)
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	defer client.CloseIdleConnections()
	form := url.Values{"n": {"1000"}, "test-fraction": {"0.5"}, "layers": {"2,16,16,2"}, "iters": {"1000000"}}
	// abandon opens pages that all train at once, then closes them; it
	// returns how many goroutines were running while they trained.
	abandon := func(pages int) (during int) {
		var wg, training sync.WaitGroup
		release := make(chan struct{})
		errs := make(chan error, pages)
		training.Add(pages)
		for range pages {
			wg.Go(func() {
				s := func() *stream {
					defer training.Done()
					pg, err := tryOpenPage(t, srv, form)
					if err != nil {
						errs <- err
						return nil
					}
					s, err := pg.events(context.Background(), client)
					if err != nil {
						errs <- err
						return nil
					}
					if err := pg.signal("play"); err != nil {
						errs <- err
					}
					for range 3 {
						f, err := s.next()
						if err != nil {
							errs <- err
							break
						}
						if f.State == "diverged" || f.Message != "" {
							errs <- fmt.Errorf("frame %d: %s %s", f.Iter, f.State, f.Message)
						}
					}
					return s
				}()
				<-release
				if s != nil {
					s.close() // the page goes away mid-training
				}
			})
		}
		training.Wait()
		p.mu.Lock()
		if n := len(p.runs); n != pages {
			t.Errorf("%d runs while %d pages train", n, pages)
		}
		p.mu.Unlock()
		during = runtime.NumGoroutine()
		close(release)
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		return during
	}
	settle := func() (goroutines int, heap uint64) {
		srv.Client().CloseIdleConnections()
		waitFor(t, "every run to end", func() bool {
			p.mu.Lock()
			defer p.mu.Unlock()
			return len(p.runs) == 0
		})
		var ms runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&ms)
		return runtime.NumGoroutine(), ms.HeapAlloc
	}
	abandon(1) // warm up: the page template, the first buffers
	g0, h0 := settle()
	during := abandon(20)
	waitFor(t, fmt.Sprintf("the goroutines to return to %d", g0), func() bool {
		srv.Client().CloseIdleConnections()
		return runtime.NumGoroutine() <= g0
	})
	_, h1 := settle()
	t.Logf("goroutines: %d before, %d while 20 pages trained, %d after; heap: %d bytes before, %d after", g0, during, runtime.NumGoroutine(), h0, h1)
	// Twenty runs hold 20 x 1000 rows, 1e6-iteration cost histories (8 MB
	// each, two per run) and frames: 300 MB were they kept. What is left
	// after them must be noise, not a run.
	if h1 > h0+4<<20 {
		t.Errorf("the heap holds %d bytes after the runs, %d before: the runs were kept", h1, h0)
	}
}

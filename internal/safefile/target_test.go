package safefile

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

func writeString(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

// noTemp fails the test if dir holds anything but the names given.
func noTemp(t *testing.T, dir string, want ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("%s holds %q, want %q", dir, got, want)
	}
}

// A FIFO is written in place, not replaced by a regular file.
func TestWriteFIFO(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skipf("cannot make a FIFO: %v", err)
	}
	got := make(chan string)
	go func() {
		f, err := os.Open(path)
		if err != nil {
			got <- err.Error()
			return
		}
		b, _ := io.ReadAll(f)
		f.Close()
		got <- string(b)
	}()
	if err := Write(path, writeString("through the pipe\n")); err != nil {
		t.Fatal(err)
	}
	if s := <-got; s != "through the pipe\n" {
		t.Errorf("the reader got %q, want the content", s)
	}
	fi, err := os.Lstat(path)
	if err != nil || fi.Mode().Type() != os.ModeNamedPipe {
		t.Errorf("after Write, %s is %v (%v), want still a FIFO", path, fi.Mode(), err)
	}
	noTemp(t, dir, "fifo")
}

// /dev/null stays a character device.
func TestWriteDevNull(t *testing.T) {
	f, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Skipf("%s is not writable: %v", os.DevNull, err)
	}
	f.Close()
	if err := Write(os.DevNull, writeString("nothing\n")); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Lstat(os.DevNull)
	if err != nil || fi.Mode().Type() != os.ModeDevice|os.ModeCharDevice {
		t.Errorf("after Write, %s is %v (%v), want a character device", os.DevNull, fi.Mode(), err)
	}
}

func TestWriteDirectoryRefused(t *testing.T) {
	dir := t.TempDir()
	err := Write(dir, writeString("x"))
	if err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("Write to a directory: error %v, want one saying it is a directory", err)
	}
}

func TestWriteModes(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, "secret")
	if err := os.WriteFile(old, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(old, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Write(old, writeString("new")); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(old); fi.Mode().Perm() != 0o600 {
		t.Errorf("an existing 0600 file has mode %v after Write, want 0600", fi.Mode().Perm())
	}
	fresh := filepath.Join(dir, "fresh")
	if err := Write(fresh, writeString("new")); err != nil {
		t.Fatal(err)
	}
	mask := syscall.Umask(0)
	syscall.Umask(mask)
	if fi, _ := os.Stat(fresh); fi.Mode().Perm() != 0o666&^os.FileMode(mask) {
		t.Errorf("a new file has mode %v, want 0666 &^ umask %03o", fi.Mode().Perm(), mask)
	}
}

// A panic in the writer removes the temporary file and is re-raised.
func TestWritePanic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out")
	func() {
		defer func() {
			if r := recover(); r != "boom" {
				t.Errorf("recovered %v, want the writer's panic", r)
			}
		}()
		Write(path, func(w io.Writer) error { io.WriteString(w, "half"); panic("boom") })
	}()
	noTemp(t, dir)
}

// A full disk leaves the old file and no temporary file. It needs a small
// tmpfs, which only root can mount.
func TestWriteDiskFull(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=64k"); err != nil {
		t.Skipf("cannot mount a small tmpfs (needs root): %v", err)
	}
	defer syscall.Unmount(dir, 0)
	path := filepath.Join(dir, "out")
	if err := Write(path, writeString("old")); err != nil {
		t.Fatal(err)
	}
	big := strings.Repeat("x", 1<<20)
	err := Write(path, writeString(big))
	if err == nil || !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("Write of 1 MiB into 64 kB: error %v, want ENOSPC", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("after a full disk the file holds %d bytes, want the old content", len(b))
	}
	noTemp(t, dir, "out")

	// The same for a set: the directory keeps its old files.
	set := filepath.Join(dir, "set")
	if err := WriteSet(context.Background(), set, []File{{"a", writeString("old a")}}); err != nil {
		t.Fatal(err)
	}
	err = WriteSet(context.Background(), set, []File{{"a", writeString("new a")}, {"b", writeString(big)}})
	if !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("WriteSet of 1 MiB into 64 kB: error %v, want ENOSPC", err)
	}
	if b, _ := os.ReadFile(filepath.Join(set, "a")); string(b) != "old a" {
		t.Errorf("after a full disk, set/a holds %q, want the old content", b)
	}
	noTemp(t, dir, "out", "set")
}

// WriteSet writes all files or changes nothing, whichever file fails; a
// later set replaces an earlier one whole, stale files included, but never
// removes files it did not write.
func TestWriteSet(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "run")
	ctx := context.Background()
	first := []File{{"a.csv", writeString("a1")}, {"b.svg", writeString("b1")}, {"c.json", writeString("c1")}}
	if err := WriteSet(ctx, dir, first); err != nil {
		t.Fatal(err)
	}
	noTemp(t, dir, "a.csv", "b.svg", "c.json", Manifest)
	boom := errors.New("boom")
	for fail := range first {
		files := slices.Clone(first)
		for i := range files {
			files[i].Write = writeString("new")
		}
		files[fail].Write = func(w io.Writer) error { io.WriteString(w, "half"); return boom }
		if err := WriteSet(ctx, dir, files); !errors.Is(err, boom) {
			t.Errorf("failing at file %d: error %v, want boom", fail, err)
		}
		for _, f := range first {
			if b, _ := os.ReadFile(filepath.Join(dir, f.Name)); string(b) != f.Name[:1]+"1" {
				t.Errorf("failing at file %d: %s holds %q, want the old content", fail, f.Name, b)
			}
		}
		noTemp(t, parent, "run")
	}

	// A cancelled context changes nothing either.
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if err := WriteSet(cancelled, dir, first[:1]); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: error %v, want context.Canceled", err)
	}
	noTemp(t, dir, "a.csv", "b.svg", "c.json", Manifest)
	noTemp(t, parent, "run")

	// A smaller set replaces the earlier one: b.svg and c.json are stale.
	if err := WriteSet(ctx, dir, []File{{"a.csv", writeString("a2")}}); err != nil {
		t.Fatal(err)
	}
	noTemp(t, dir, "a.csv", Manifest)

	// A file ann did not write is kept; ann's stale files still go.
	if err := WriteSet(ctx, dir, first); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteSet(ctx, dir, []File{{"a.csv", writeString("a3")}}); err != nil {
		t.Fatal(err)
	}
	noTemp(t, dir, "a.csv", "notes.txt", Manifest)
	if b, _ := os.ReadFile(filepath.Join(dir, "a.csv")); string(b) != "a3" {
		t.Errorf("a.csv holds %q, want a3", b)
	}
	noTemp(t, parent, "run")
}

// Abandon removes the temporary file of a write under way, and the write
// then fails rather than renaming it into place.
func TestAbandon(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out")
	started, release := make(chan struct{}), make(chan struct{})
	errc := make(chan error)
	go func() {
		errc <- Write(path, func(w io.Writer) error {
			io.WriteString(w, "half")
			close(started)
			<-release
			return nil
		})
	}()
	<-started
	Abandon()
	defer func() { mu.Lock(); abandoned = false; mu.Unlock() }()
	noTemp(t, dir)
	close(release)
	if err := <-errc; err == nil {
		t.Error("a write ending after Abandon succeeded, want an error")
	}
	noTemp(t, dir)
	if err := WriteSet(context.Background(), filepath.Join(dir, "set"), nil); err == nil {
		t.Error("WriteSet after Abandon succeeded, want an error")
	}
	noTemp(t, dir)
}

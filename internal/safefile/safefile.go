// Package safefile writes files whole or not at all: the content goes to a
// temporary file in the destination's directory, which is synced and then
// renamed over the destination. A failed write leaves no partial file behind.
//
// What Write does depends on what is at the path already:
//
//	nothing          a new file, with mode 0666 &^ umask (as os.Create)
//	a regular file   replaced by rename; its mode is kept
//	a device, FIFO   written in place (opened O_WRONLY|O_TRUNC, never
//	or socket        renamed over), so /dev/null and pipes stay what they are
//	a directory      refused with an error
//
// The temporary file is removed on every way out of Write: an error from the
// writer or the file system, and a panic (which is then re-raised). A process
// that catches SIGINT and SIGTERM (signal.NotifyContext) therefore never
// leaves one behind; one killed by an uncatchable signal may.
package safefile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// umask is the process's file mode creation mask, read once at start.
var umask = func() os.FileMode {
	m := syscall.Umask(0)
	syscall.Umask(m)
	return os.FileMode(m)
}()

// NewFileMode is the mode Write gives a file it creates: 0666 &^ umask.
func NewFileMode() os.FileMode { return 0o666 &^ umask }

// Write creates or replaces the file at path with what write produces. If
// write or any file operation fails, the temporary file is removed, path is
// left as it was, and the error is returned, naming path. See the package
// documentation for what happens when path is not a regular file.
func Write(path string, write func(w io.Writer) error) (err error) {
	mode := NewFileMode()
	fi, statErr := os.Stat(path)
	switch {
	case statErr == nil && fi.IsDir():
		return fmt.Errorf("cannot write %s: it is a directory", path)
	case statErr == nil && !fi.Mode().IsRegular():
		return writeInPlace(path, write)
	case statErr == nil:
		mode = fi.Mode().Perm()
	case !errors.Is(statErr, fs.ErrNotExist):
		return fmt.Errorf("cannot write %s: %w", path, unwrapPath(statErr))
	}
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, unwrapPath(err))
	}
	done := false
	defer func() {
		if !done {
			f.Close()
			os.Remove(f.Name())
		}
		untrack(f.Name())
	}()
	if !track(f.Name()) {
		return fmt.Errorf("writing %s: %w", path, abandonError{})
	}
	bw := bufio.NewWriter(f)
	if err := write(bw); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing %s: %w", path, unwrapPath(err))
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("writing %s: %w", path, unwrapPath(err))
	}
	if err := f.Chmod(mode); err != nil {
		return fmt.Errorf("writing %s: %w", path, unwrapPath(err))
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, unwrapPath(err))
	}
	mu.Lock()
	defer mu.Unlock()
	if abandoned {
		return fmt.Errorf("writing %s: %w", path, abandonError{})
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("writing %s: %w", path, unwrapPath(err))
	}
	done = true
	return nil
}

// writeInPlace writes to a path that is not a regular file (a device, a
// FIFO) by opening it for writing, as a shell's > does.
func writeInPlace(path string, write func(w io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, unwrapPath(err))
	}
	defer f.Close()
	bw := bufio.NewWriter(f)
	if err := write(bw); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing %s: %w", path, unwrapPath(err))
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, unwrapPath(err))
	}
	return nil
}

// unwrapPath drops the temporary file's name from an *os.PathError, so that
// the message names the file the user asked for.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

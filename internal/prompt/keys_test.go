package prompt

import (
	"context"
	"errors"
	"os"
	"testing"
)

func pipe(t *testing.T) (*os.File, *os.File) {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close(); w.Close() })
	return r, w
}

// reads collects n reads with a large buffer, as a bufio.Reader makes them.
func reads(t *testing.T, k *keyReader, n int) []string {
	t.Helper()
	var out []string
	buf := make([]byte, 4096)
	for range n {
		m, err := k.Read(buf)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(buf[:m]))
	}
	return out
}

func TestKeyReaderHandsOutOneKeyAtATime(t *testing.T) {
	r, w := pipe(t)
	k := newKeyReader(context.Background(), r)
	w.Write([]byte("ab\x1b[B\x1b[3~\x1bOA\r"))
	got := reads(t, k, 6)
	want := []string{"a", "b", "\x1b[B", "\x1b[3~", "\x1bOA", "\r"}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("reads %q, want %q", got, want)
		}
	}
}

func TestKeyReaderAnswersCursorQueriesFirst(t *testing.T) {
	r, w := pipe(t)
	k := newKeyReader(context.Background(), r)
	k.expectCursorReports(1) // what cprWriter does when survey asks
	// Keys typed ahead arrive before the terminal's answer.
	w.Write([]byte("xy"))
	w.Write([]byte("\x1b[12;40R"))
	if got := reads(t, k, 3); got[0] != "\x1b[12;40R" || got[1] != "x" || got[2] != "y" {
		t.Fatalf("reads %q: want the cursor report first, then the keys typed ahead", got)
	}
}

func TestCPRWriterCountsRequests(t *testing.T) {
	r, w := pipe(t)
	k := newKeyReader(context.Background(), r)
	out := cprWriter{File: w, keys: k}
	out.Write([]byte("\x1b7\x1b[999;999f\x1b[6n\x1b8"))
	if k.cpr != 1 {
		t.Errorf("cpr = %d, want 1", k.cpr)
	}
	buf := make([]byte, 64)
	r.Read(buf) // drain what was "drawn"
}

func TestKeyReaderEndsWithItsContext(t *testing.T) {
	r, w := pipe(t)
	ctx, cancel := context.WithCancel(context.Background())
	k := newKeyReader(ctx, r)
	done := make(chan error)
	go func() {
		_, err := k.Read(make([]byte, 10))
		done <- err
	}()
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	// What the read under way gets later is not handed out any more.
	w.Write([]byte("z"))
	if _, err := k.Read(make([]byte, 10)); !errors.Is(err, context.Canceled) {
		t.Fatalf("after the end: %v", err)
	}
}

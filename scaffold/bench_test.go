package scaffold_test

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/jsforge/jsforge/scaffold"
)

// BenchmarkGenerateExpress measures what `jsforge new --no-install` does for
// the default Express project: plan, render, atomic write and the git commit.
func BenchmarkGenerateExpress(b *testing.B) {
	b.Setenv("GIT_AUTHOR_NAME", "Bench")
	b.Setenv("GIT_AUTHOR_EMAIL", "bench@example.com")
	engine, err := scaffold.New("bench")
	if err != nil {
		b.Fatal(err)
	}
	base := b.TempDir()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		req := scaffold.Request{Dir: filepath.Join(base, "app"+strconv.Itoa(i)), Preset: "express", Git: true}
		if _, err := engine.Generate(context.Background(), req); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderExpress measures rendering alone, in memory.
func BenchmarkRenderExpress(b *testing.B) {
	engine, err := scaffold.New("bench")
	if err != nil {
		b.Fatal(err)
	}
	plan, err := engine.Plan(scaffold.Request{Dir: filepath.Join(b.TempDir(), "app"), Preset: "express"})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := engine.Render(plan); err != nil {
			b.Fatal(err)
		}
	}
}

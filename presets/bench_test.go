package presets

import "testing"

// BenchmarkOpenExpress is what a `jsforge new --preset express` reads of the
// presets: the catalog, the versions and one manifest.
func BenchmarkOpenExpress(b *testing.B) {
	for b.Loop() {
		r, err := Open()
		if err != nil {
			b.Fatal(err)
		}
		if _, err := r.preset("express"); err != nil {
			b.Fatal(err)
		}
	}
}

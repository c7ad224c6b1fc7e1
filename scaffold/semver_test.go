package scaffold

import (
	"testing"

	"github.com/Masterminds/semver/v3"
)

// TestSemverCompareMatchesMasterminds holds Semver.Compare (which decides
// whether a project is newer than this jsforge) to the semver library sprig
// uses, on every pair of a list that has each rule of precedence in it.
func TestSemverCompareMatchesMasterminds(t *testing.T) {
	versions := []string{"0.1.0", "v0.1.0", "0.1.0-dev", "v0.1.0-dev+abc123", "0.1.0-dev.2", "0.1.0-dev.10",
		"0.1.0-alpha", "0.1.0-alpha.1", "0.1.0-alpha.beta", "0.1.0-1", "0.1.0-rc.1+x", "0.1.1", "0.2", "1", "1.0.0+b", "10.0.0"}
	for _, a := range versions {
		for _, b := range versions {
			va, err := parseSemver(a)
			if err != nil {
				t.Fatal(err)
			}
			vb, _ := parseSemver(b)
			want := semver.MustParse(a).Compare(semver.MustParse(b))
			if got := va.Compare(vb); got != want {
				t.Errorf("%s compared with %s: %d, want %d", a, b, got, want)
			}
		}
	}
}

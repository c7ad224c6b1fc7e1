//go:build e2e

package e2e

import (
	"io/fs"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jsforge/jsforge/presets"
)

// checkFootprint holds the default project's install (npm) to the preset's budget: packages as
// `npm ls --all --parseable` lists them, and node_modules on disk as `du -sm`
// counts it. scripts/footprint.sh prints the same two figures.
func checkFootprint(t *testing.T, dir string, env []string, project presets.Project) {
	t.Helper()
	packages := strings.Count(run(t, dir, env, time.Minute, "npm", "ls", "--all", "--parseable"), "\n")
	megabytes, err := diskUsageMiB(filepath.Join(dir, "node_modules"))
	if err != nil {
		t.Fatalf("measuring node_modules: %v", err)
	}
	t.Logf("footprint: %d packages (budget %d), %d MB on disk (budget %d)",
		packages, project.MaxPackages, megabytes, project.MaxMegabytes)
	if project.MaxPackages > 0 && packages > project.MaxPackages {
		t.Errorf("%d packages installed, over the preset's budget of %d (project.maxPackages)", packages, project.MaxPackages)
	}
	if project.MaxMegabytes > 0 && megabytes > project.MaxMegabytes {
		t.Errorf("node_modules takes %d MB, over the preset's budget of %d (project.maxMegabytes)", megabytes, project.MaxMegabytes)
	}
}

// diskUsageMiB is what `du -sm` prints: allocated blocks of every file and
// directory under root, each inode counted once, rounded up to MiB.
func diskUsageMiB(root string) (int, error) {
	seen := map[uint64]bool{}
	var bytes int64
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		st, ok := info.Sys().(*syscall.Stat_t)
		if !ok || seen[st.Ino] {
			return nil
		}
		seen[st.Ino] = true
		bytes += st.Blocks * 512
		return nil
	})
	const mib = 1 << 20
	return int((bytes + mib - 1) / mib), err
}

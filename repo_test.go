package main

import (
	"os"
	"os/exec"
	"path"
	"regexp"
	"strings"
	"testing"
)

// TestRepositoryNamesOnlyItsOwnDocuments: every Markdown file a tracked file
// mentions (a design note, the contract in docs/…) is in the repository, so
// nothing points a reader at notes that only exist on some machine.
func TestRepositoryNamesOnlyItsOwnDocuments(t *testing.T) {
	out, err := exec.Command("git", "ls-files", "--cached", "--others", "--exclude-standard").Output()
	if err != nil {
		t.Skip("not in a git checkout:", err)
	}
	files := strings.Fields(string(out))
	have := map[string]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, ".md") {
			have[path.Base(f)] = true
		}
	}
	// A name after a backslash is an escape in a string ("\nREADME.md"), not a mention.
	mention := regexp.MustCompile(`(?:^|[^\\A-Za-z0-9_-])([A-Za-z0-9_-]+\.md)\b`)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			continue // deleted in the work tree
		}
		for _, sub := range mention.FindAllStringSubmatch(string(data), -1) {
			if m := sub[1]; !have[m] {
				t.Errorf("%s mentions %s, which is not in the repository", f, m)
			}
		}
	}
}

package cmd

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// version is set by release builds:
// -ldflags "-X github.com/jsforge/jsforge/cmd.version=v1.2.3" (.goreleaser.yaml).
var version string

// Release is the version this source tree will be released as. A build that
// knows nothing better (`go run`, a build in a git worktree, -buildvcs=false)
// reports it as a development build of that release, so that .jsforge.yaml
// always records a version that `jsforge update` can compare ("dev" could not
// be). Raise it when a release is tagged.
const Release = "v0.1.0"

// Version is jsforge's version: the one a release build set; else the module
// version Go recorded in the binary (`go install …@v1.2.3`, or for a build in
// a git checkout a pseudo-version of its commit); else Release as a
// development build of the commit Go recorded (v0.1.0-dev+0123456789ab);
// Release-dev only when Go recorded nothing (`go run`).
func Version() string {
	if version != "" {
		return version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return Release + "-dev"
	}
	return versionFrom(info)
}

func versionFrom(info *debug.BuildInfo) string {
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var revision, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			revision = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if revision == "" {
		return Release + "-dev"
	}
	v := Release + "-dev+" + revision[:min(12, len(revision))]
	if modified == "true" {
		v += ".dirty"
	}
	return v
}

// NewCmdVersion builds `jsforge version`.
func NewCmdVersion(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print jsforge's version",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			_, err := fmt.Fprintf(f.Out, "jsforge %s\n", f.Version)
			return err
		},
	}
}

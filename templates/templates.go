// Package templates embeds the template layers: one folder per preset plus the
// shared layers whose names start with an underscore (see docs/presets.md).
package templates

import "embed"

// FS holds every layer. The all: prefix keeps dotfiles such as .gitignore and
// the underscore layers and partials.
//
//go:embed all:*
var FS embed.FS

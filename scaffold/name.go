package scaffold

import (
	"regexp"
	"strings"

	"github.com/jsforge/jsforge/internal/usererr"
)

// npm's rules for a package name (validate-npm-package-name): lower case,
// URL-safe, not starting with a dot or an underscore, at most 214 characters,
// optionally scoped.
var npmName = regexp.MustCompile(`^(?:@[a-z0-9~-][a-z0-9._~-]*/)?[a-z0-9~-][a-z0-9._~-]*$`)

// ValidateName rejects a project name that is not a valid npm package name.
// jsforge does not rename silently: the error suggests a valid name to pass
// with --name (documented in the README).
func ValidateName(name string) error {
	if npmName.MatchString(name) && len(name) <= 214 && name != "node_modules" && name != "favicon.ico" {
		return nil
	}
	hint := ""
	if s := SuggestName(name); s != "" && s != name {
		hint = "; try --name " + s
	}
	return usererr.New("invalid project name %q: npm package names are lower case and may contain only letters, digits, '-', '.', '_' and '~', not starting with '.' or '_'%s", name, hint)
}

// SuggestName turns an arbitrary directory name into a valid npm package name, or "".
func SuggestName(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-', r == '.', r == '_', r == '~':
			b.WriteRune(r)
		default:
			b.WriteRune('-')
		}
	}
	s := strings.Trim(b.String(), "-._")
	for strings.Contains(s, "--") {
		s = strings.ReplaceAll(s, "--", "-")
	}
	if len(s) > 214 {
		s = s[:214]
	}
	return s
}

func usageError(format string, args ...any) error { return usererr.New(format, args...) }

package cmd

import (
	"sort"
	"strings"
)

// tree draws sorted slash-separated paths as an indented tree under root.
func tree(root string, paths []string) string {
	type node struct {
		children map[string]*node
	}
	top := &node{children: map[string]*node{}}
	for _, p := range paths {
		n := top
		for _, seg := range strings.Split(p, "/") {
			child, ok := n.children[seg]
			if !ok {
				child = &node{children: map[string]*node{}}
				n.children[seg] = child
			}
			n = child
		}
	}
	var b strings.Builder
	b.WriteString(root + "/\n")
	var walk func(n *node, indent string)
	walk = func(n *node, indent string) {
		names := make([]string, 0, len(n.children))
		for name := range n.children {
			names = append(names, name)
		}
		sort.Strings(names)
		for i, name := range names {
			child := n.children[name]
			branch, next := "├── ", "│   "
			if i == len(names)-1 {
				branch, next = "└── ", "    "
			}
			if len(child.children) > 0 {
				name += "/"
			}
			b.WriteString(indent + branch + name + "\n")
			walk(child, indent+next)
		}
	}
	walk(top, "")
	return b.String()
}

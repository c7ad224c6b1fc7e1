package templatecache

import (
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"strings"
	"text/template/parse"
)

// The stored form of a parse, in preorder: each node is a tag byte and its
// fields, numbers as varints, strings as a length and bytes. Text is not
// stored but located in the template's own text (an offset and a length),
// which the lookup has at hand. Positions and line numbers are not stored
// either: they only serve error messages, and an error makes the renderer
// parse the text itself (see Trees).
//
// The tags are this package's own, not parse.NodeType's values, which belong
// to the Go release that built the generator.
const (
	tagNil byte = iota
	tagList
	tagText
	tagAction
	tagPipe
	tagCommand
	tagIdentifier
	tagVariable
	tagField
	tagChain
	tagDot
	tagNilValue
	tagBool
	tagNumber
	tagString
	tagIf
	tagRange
	tagWith
	tagTemplate
	tagBreak
	tagContinue
	tagComment
)

// encoder writes the stored form of the trees of one template.
type encoder struct {
	buf []byte
	src string // the template's text, where its text nodes are found
}

func (e *encoder) uint(n uint64)   { e.buf = binary.AppendUvarint(e.buf, n) }
func (e *encoder) int(n int64)     { e.buf = binary.AppendVarint(e.buf, n) }
func (e *encoder) byte(b byte)     { e.buf = append(e.buf, b) }
func (e *encoder) string(s string) { e.uint(uint64(len(s))); e.buf = append(e.buf, s...) }

func (e *encoder) bool(b bool) {
	if b {
		e.byte(1)
	} else {
		e.byte(0)
	}
}

func (e *encoder) strings(list []string) {
	e.uint(uint64(len(list)))
	for _, s := range list {
		e.string(s)
	}
}

// trees stores every tree of one parse, by name.
func (e *encoder) trees(trees map[string]*parse.Tree) error {
	names := make([]string, 0, len(trees))
	for name := range trees {
		names = append(names, name)
	}
	slices.Sort(names)
	e.uint(uint64(len(names)))
	for _, name := range names {
		e.string(name)
		if err := e.node(trees[name].Root); err != nil {
			return fmt.Errorf("template %q: %w", name, err)
		}
	}
	return nil
}

func (e *encoder) node(n parse.Node) error {
	switch n := n.(type) {
	case nil:
		e.byte(tagNil)
	case *parse.ListNode:
		if n == nil {
			e.byte(tagNil)
			return nil
		}
		e.byte(tagList)
		return e.nodes(n.Nodes)
	case *parse.TextNode:
		e.byte(tagText)
		// The lexer hands out text as a slice of the template: find it
		// where it starts, or anywhere, or store it.
		text := string(n.Text)
		at := int(n.Pos)
		if at < 0 || at > len(e.src) || !strings.HasPrefix(e.src[at:], text) {
			at = strings.Index(e.src, text)
		}
		if at < 0 {
			e.uint(0)
			e.string(text)
			return nil
		}
		e.uint(uint64(at) + 1)
		e.uint(uint64(len(text)))
	case *parse.ActionNode:
		e.byte(tagAction)
		return e.node(n.Pipe)
	case *parse.PipeNode:
		if n == nil {
			e.byte(tagNil)
			return nil
		}
		e.byte(tagPipe)
		e.bool(n.IsAssign)
		e.uint(uint64(len(n.Decl)))
		for _, v := range n.Decl {
			if err := e.node(v); err != nil {
				return err
			}
		}
		e.uint(uint64(len(n.Cmds)))
		for _, c := range n.Cmds {
			if err := e.node(c); err != nil {
				return err
			}
		}
	case *parse.CommandNode:
		e.byte(tagCommand)
		return e.nodes(n.Args)
	case *parse.IdentifierNode:
		e.byte(tagIdentifier)
		e.string(n.Ident)
	case *parse.VariableNode:
		e.byte(tagVariable)
		e.strings(n.Ident)
	case *parse.FieldNode:
		e.byte(tagField)
		e.strings(n.Ident)
	case *parse.ChainNode:
		e.byte(tagChain)
		if err := e.node(n.Node); err != nil {
			return err
		}
		e.strings(n.Field)
	case *parse.DotNode:
		e.byte(tagDot)
	case *parse.NilNode:
		e.byte(tagNilValue)
	case *parse.BoolNode:
		e.byte(tagBool)
		e.bool(n.True)
	case *parse.NumberNode:
		e.byte(tagNumber)
		e.bool(n.IsInt)
		e.bool(n.IsUint)
		e.bool(n.IsFloat)
		e.bool(n.IsComplex)
		e.int(n.Int64)
		e.uint(n.Uint64)
		e.uint(math.Float64bits(n.Float64))
		e.uint(math.Float64bits(real(n.Complex128)))
		e.uint(math.Float64bits(imag(n.Complex128)))
		e.string(n.Text)
	case *parse.StringNode:
		e.byte(tagString)
		e.string(n.Quoted)
		e.string(n.Text)
	case *parse.IfNode:
		e.byte(tagIf)
		return e.branch(&n.BranchNode)
	case *parse.RangeNode:
		e.byte(tagRange)
		return e.branch(&n.BranchNode)
	case *parse.WithNode:
		e.byte(tagWith)
		return e.branch(&n.BranchNode)
	case *parse.TemplateNode:
		e.byte(tagTemplate)
		e.string(n.Name)
		return e.node(n.Pipe)
	case *parse.BreakNode:
		e.byte(tagBreak)
	case *parse.ContinueNode:
		e.byte(tagContinue)
	case *parse.CommentNode:
		e.byte(tagComment)
		e.string(n.Text)
	default:
		return fmt.Errorf("a %T node, which this package cannot store yet: teach it in codec.go", n)
	}
	return nil
}

func (e *encoder) nodes(list []parse.Node) error {
	e.uint(uint64(len(list)))
	for _, n := range list {
		if err := e.node(n); err != nil {
			return err
		}
	}
	return nil
}

func (e *encoder) branch(b *parse.BranchNode) error {
	for _, n := range []parse.Node{b.Pipe, b.List, b.ElseList} {
		if err := e.node(n); err != nil {
			return err
		}
	}
	return nil
}

// decoder rebuilds the trees of one template from their stored form.
type decoder struct {
	data string // the stored form, read from the start
	src  string // the template's text
	text []byte // a copy of src that text nodes share, made on the first
	bad  bool   // the stored form ended early or holds an unknown tag
}

// uint reads what binary.AppendUvarint wrote.
func (d *decoder) uint() uint64 {
	var n uint64
	for shift := 0; shift < 64 && len(d.data) > 0; shift += 7 {
		b := d.data[0]
		d.data = d.data[1:]
		n |= uint64(b&0x7f) << shift
		if b < 0x80 {
			return n
		}
	}
	d.fail()
	return 0
}

// int reads what binary.AppendVarint wrote (zig-zag).
func (d *decoder) int() int64 {
	u := d.uint()
	n := int64(u >> 1)
	if u&1 != 0 {
		n = ^n
	}
	return n
}

func (d *decoder) byte() byte {
	if len(d.data) == 0 {
		d.fail()
		return 0
	}
	b := d.data[0]
	d.data = d.data[1:]
	return b
}

func (d *decoder) bool() bool { return d.byte() == 1 }

// string returns a string of the stored form itself: no copy.
func (d *decoder) string() string {
	n := d.uint()
	if n > uint64(len(d.data)) {
		d.fail()
		return ""
	}
	s := d.data[:n]
	d.data = d.data[n:]
	return s
}

func (d *decoder) strings() []string {
	n := d.uint()
	if n > uint64(len(d.data)) {
		d.fail()
		return nil
	}
	list := make([]string, n)
	for i := range list {
		list[i] = d.string()
	}
	return list
}

func (d *decoder) fail() {
	d.bad = true
	d.data = ""
}

// trees rebuilds what parse.Parse(name, src, "", "") returns.
func (d *decoder) trees(name string) map[string]*parse.Tree {
	n := d.uint()
	trees := make(map[string]*parse.Tree, n)
	for range n {
		if d.bad {
			return nil
		}
		tree := &parse.Tree{Name: d.string(), ParseName: name}
		tree.Root, _ = d.node().(*parse.ListNode)
		trees[tree.Name] = tree
	}
	if d.bad {
		return nil
	}
	return trees
}

func (d *decoder) node() parse.Node {
	switch tag := d.byte(); tag {
	case tagNil:
		return nil
	case tagList:
		n := d.uint()
		if n > uint64(len(d.data)) {
			d.fail()
			return nil
		}
		list := &parse.ListNode{NodeType: parse.NodeList, Nodes: make([]parse.Node, n)}
		for i := range list.Nodes {
			list.Nodes[i] = d.node()
		}
		return list
	case tagText:
		var text []byte
		if at := d.uint(); at == 0 {
			text = []byte(d.string())
		} else {
			end := at - 1 + d.uint()
			if end > uint64(len(d.src)) {
				d.fail()
				return nil
			}
			if d.text == nil {
				d.text = []byte(d.src)
			}
			text = d.text[at-1 : end : end]
		}
		return &parse.TextNode{NodeType: parse.NodeText, Text: text}
	case tagAction:
		pipe, _ := d.node().(*parse.PipeNode)
		return &parse.ActionNode{NodeType: parse.NodeAction, Pipe: pipe}
	case tagPipe:
		pipe := &parse.PipeNode{NodeType: parse.NodePipe, IsAssign: d.bool()}
		if n := d.uint(); n > 0 && n <= uint64(len(d.data)) {
			pipe.Decl = make([]*parse.VariableNode, n)
			for i := range pipe.Decl {
				pipe.Decl[i], _ = d.node().(*parse.VariableNode)
			}
		}
		if n := d.uint(); n > 0 && n <= uint64(len(d.data)) {
			pipe.Cmds = make([]*parse.CommandNode, n)
			for i := range pipe.Cmds {
				pipe.Cmds[i], _ = d.node().(*parse.CommandNode)
			}
		}
		return pipe
	case tagCommand:
		cmd := &parse.CommandNode{NodeType: parse.NodeCommand}
		if n := d.uint(); n > 0 && n <= uint64(len(d.data)) {
			cmd.Args = make([]parse.Node, n)
			for i := range cmd.Args {
				cmd.Args[i] = d.node()
			}
		}
		return cmd
	case tagIdentifier:
		return &parse.IdentifierNode{NodeType: parse.NodeIdentifier, Ident: d.string()}
	case tagVariable:
		return &parse.VariableNode{NodeType: parse.NodeVariable, Ident: d.strings()}
	case tagField:
		return &parse.FieldNode{NodeType: parse.NodeField, Ident: d.strings()}
	case tagChain:
		node := d.node()
		return &parse.ChainNode{NodeType: parse.NodeChain, Node: node, Field: d.strings()}
	case tagDot:
		return &parse.DotNode{NodeType: parse.NodeDot}
	case tagNilValue:
		return &parse.NilNode{NodeType: parse.NodeNil}
	case tagBool:
		return &parse.BoolNode{NodeType: parse.NodeBool, True: d.bool()}
	case tagNumber:
		n := &parse.NumberNode{NodeType: parse.NodeNumber, IsInt: d.bool(), IsUint: d.bool(), IsFloat: d.bool(), IsComplex: d.bool()}
		n.Int64 = d.int()
		n.Uint64 = d.uint()
		n.Float64 = math.Float64frombits(d.uint())
		re := math.Float64frombits(d.uint())
		n.Complex128 = complex(re, math.Float64frombits(d.uint()))
		n.Text = d.string()
		return n
	case tagString:
		quoted := d.string()
		return &parse.StringNode{NodeType: parse.NodeString, Quoted: quoted, Text: d.string()}
	case tagIf:
		return &parse.IfNode{BranchNode: d.branch(parse.NodeIf)}
	case tagRange:
		return &parse.RangeNode{BranchNode: d.branch(parse.NodeRange)}
	case tagWith:
		return &parse.WithNode{BranchNode: d.branch(parse.NodeWith)}
	case tagTemplate:
		name := d.string()
		pipe, _ := d.node().(*parse.PipeNode)
		return &parse.TemplateNode{NodeType: parse.NodeTemplate, Name: name, Pipe: pipe}
	case tagBreak:
		return &parse.BreakNode{NodeType: parse.NodeBreak}
	case tagContinue:
		return &parse.ContinueNode{NodeType: parse.NodeContinue}
	case tagComment:
		return &parse.CommentNode{NodeType: parse.NodeComment, Text: d.string()}
	default:
		d.fail()
		return nil
	}
}

func (d *decoder) branch(t parse.NodeType) parse.BranchNode {
	b := parse.BranchNode{NodeType: t}
	b.Pipe, _ = d.node().(*parse.PipeNode)
	b.List, _ = d.node().(*parse.ListNode)
	b.ElseList, _ = d.node().(*parse.ListNode)
	return b
}

package templatecache

import (
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"strings"
	"text/template/parse"
	"unsafe"
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
	tagCount // not a tag: the number of them
)

// The slices a template's nodes hold, counted like the tags for one
// allocation each.
const (
	slotNodes     = iota // ListNode.Nodes and CommandNode.Args
	slotCommands         // PipeNode.Cmds
	slotVariables        // PipeNode.Decl
	slotStrings          // FieldNode, VariableNode and ChainNode identifiers
	slotCount
)

// encoder writes the stored form of the trees of one template.
type encoder struct {
	buf   []byte
	src   string // the template's text, where its text nodes are found
	tags  [tagCount]uint64
	slots [slotCount]uint64
}

// tag starts a node.
func (e *encoder) tag(t byte) {
	e.tags[t]++
	e.byte(t)
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
	e.slots[slotStrings] += uint64(len(list))
	e.uint(uint64(len(list)))
	for _, s := range list {
		e.string(s)
	}
}

// trees stores every tree of one parse, by name, after the number of nodes
// of each kind (and of the slices they hold), for the decoder to allocate.
func (e *encoder) trees(trees map[string]*parse.Tree) error {
	names := make([]string, 0, len(trees))
	for name := range trees {
		names = append(names, name)
	}
	slices.Sort(names)
	body := encoder{src: e.src}
	body.uint(uint64(len(names)))
	for _, name := range names {
		body.string(name)
		if err := body.node(trees[name].Root); err != nil {
			return fmt.Errorf("template %q: %w", name, err)
		}
	}
	for _, n := range body.tags[tagList:] {
		e.uint(n)
	}
	for _, n := range body.slots {
		e.uint(n)
	}
	e.buf = append(e.buf, body.buf...)
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
		e.tag(tagList)
		e.slots[slotNodes] += uint64(len(n.Nodes))
		return e.nodes(n.Nodes)
	case *parse.TextNode:
		e.tag(tagText)
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
		e.tag(tagAction)
		return e.node(n.Pipe)
	case *parse.PipeNode:
		if n == nil {
			e.byte(tagNil)
			return nil
		}
		e.tag(tagPipe)
		e.bool(n.IsAssign)
		e.slots[slotVariables] += uint64(len(n.Decl))
		e.uint(uint64(len(n.Decl)))
		for _, v := range n.Decl {
			if err := e.node(v); err != nil {
				return err
			}
		}
		e.slots[slotCommands] += uint64(len(n.Cmds))
		e.uint(uint64(len(n.Cmds)))
		for _, c := range n.Cmds {
			if err := e.node(c); err != nil {
				return err
			}
		}
	case *parse.CommandNode:
		e.tag(tagCommand)
		e.slots[slotNodes] += uint64(len(n.Args))
		return e.nodes(n.Args)
	case *parse.IdentifierNode:
		e.tag(tagIdentifier)
		e.string(n.Ident)
	case *parse.VariableNode:
		e.tag(tagVariable)
		e.strings(n.Ident)
	case *parse.FieldNode:
		e.tag(tagField)
		e.strings(n.Ident)
	case *parse.ChainNode:
		e.tag(tagChain)
		if err := e.node(n.Node); err != nil {
			return err
		}
		e.strings(n.Field)
	case *parse.DotNode:
		e.tag(tagDot)
	case *parse.NilNode:
		e.tag(tagNilValue)
	case *parse.BoolNode:
		e.tag(tagBool)
		e.bool(n.True)
	case *parse.NumberNode:
		e.tag(tagNumber)
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
		e.tag(tagString)
		e.string(n.Quoted)
		e.string(n.Text)
	case *parse.IfNode:
		e.tag(tagIf)
		return e.branch(&n.BranchNode)
	case *parse.RangeNode:
		e.tag(tagRange)
		return e.branch(&n.BranchNode)
	case *parse.WithNode:
		e.tag(tagWith)
		return e.branch(&n.BranchNode)
	case *parse.TemplateNode:
		e.tag(tagTemplate)
		e.string(n.Name)
		return e.node(n.Pipe)
	case *parse.BreakNode:
		e.tag(tagBreak)
	case *parse.ContinueNode:
		e.tag(tagContinue)
	case *parse.CommentNode:
		e.tag(tagComment)
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
	src  string // the template's text, which text nodes share
	bad  bool   // the stored form ended early or holds an unknown tag

	// Nodes and their slices come from one allocation per kind: a template's
	// hundreds of nodes cost a few dozen allocations, not one each.
	lists     slab[parse.ListNode]
	texts     slab[parse.TextNode]
	actions   slab[parse.ActionNode]
	pipes     slab[parse.PipeNode]
	commands  slab[parse.CommandNode]
	idents    slab[parse.IdentifierNode]
	variables slab[parse.VariableNode]
	fields    slab[parse.FieldNode]
	chains    slab[parse.ChainNode]
	dots      slab[parse.DotNode]
	nils      slab[parse.NilNode]
	bools     slab[parse.BoolNode]
	numbers   slab[parse.NumberNode]
	strs      slab[parse.StringNode]
	ifs       slab[parse.IfNode]
	ranges    slab[parse.RangeNode]
	withs     slab[parse.WithNode]
	templates slab[parse.TemplateNode]
	breaks    slab[parse.BreakNode]
	continues slab[parse.ContinueNode]
	comments  slab[parse.CommentNode]

	nodeSlots     slab[parse.Node]
	commandSlots  slab[*parse.CommandNode]
	variableSlots slab[*parse.VariableNode]
	stringSlots   slab[string]
}

// slab hands out the elements of one allocation. Should the stored counts
// fall short (they never do for what Build wrote), it allocates more.
type slab[T any] []T

func (s *slab[T]) next() *T { return &s.take(1)[0] }

func (s *slab[T]) take(n uint64) []T {
	if n > uint64(len(*s)) {
		*s = make([]T, n)
	}
	out := (*s)[:n:n]
	*s = (*s)[n:]
	return out
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

// count reads a number of elements to come, each at least a byte long.
func (d *decoder) count() uint64 {
	n := d.uint()
	if n > uint64(len(d.data)) {
		d.fail()
		return 0
	}
	return n
}

func (d *decoder) strings() []string {
	list := d.stringSlots.take(d.count())
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
	var tags [tagCount]uint64
	for t := tagList; t < tagCount; t++ {
		tags[t] = d.count()
	}
	var slots [slotCount]uint64
	for i := range slots {
		slots[i] = d.count()
	}
	d.lists = make(slab[parse.ListNode], tags[tagList])
	d.texts = make(slab[parse.TextNode], tags[tagText])
	d.actions = make(slab[parse.ActionNode], tags[tagAction])
	d.pipes = make(slab[parse.PipeNode], tags[tagPipe])
	d.commands = make(slab[parse.CommandNode], tags[tagCommand])
	d.idents = make(slab[parse.IdentifierNode], tags[tagIdentifier])
	d.variables = make(slab[parse.VariableNode], tags[tagVariable])
	d.fields = make(slab[parse.FieldNode], tags[tagField])
	d.chains = make(slab[parse.ChainNode], tags[tagChain])
	d.dots = make(slab[parse.DotNode], tags[tagDot])
	d.nils = make(slab[parse.NilNode], tags[tagNilValue])
	d.bools = make(slab[parse.BoolNode], tags[tagBool])
	d.numbers = make(slab[parse.NumberNode], tags[tagNumber])
	d.strs = make(slab[parse.StringNode], tags[tagString])
	d.ifs = make(slab[parse.IfNode], tags[tagIf])
	d.ranges = make(slab[parse.RangeNode], tags[tagRange])
	d.withs = make(slab[parse.WithNode], tags[tagWith])
	d.templates = make(slab[parse.TemplateNode], tags[tagTemplate])
	d.breaks = make(slab[parse.BreakNode], tags[tagBreak])
	d.continues = make(slab[parse.ContinueNode], tags[tagContinue])
	d.comments = make(slab[parse.CommentNode], tags[tagComment])
	d.nodeSlots = make(slab[parse.Node], slots[slotNodes])
	d.commandSlots = make(slab[*parse.CommandNode], slots[slotCommands])
	d.variableSlots = make(slab[*parse.VariableNode], slots[slotVariables])
	d.stringSlots = make(slab[string], slots[slotStrings])

	n := d.count()
	trees := make(map[string]*parse.Tree, n)
	for range n {
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
		list := d.lists.next()
		*list = parse.ListNode{NodeType: parse.NodeList, Nodes: d.nodeSlots.take(d.count())}
		for i := range list.Nodes {
			list.Nodes[i] = d.node()
		}
		return list
	case tagText:
		text := d.texts.next()
		*text = parse.TextNode{NodeType: parse.NodeText, Text: d.text()}
		return text
	case tagAction:
		action := d.actions.next()
		*action = parse.ActionNode{NodeType: parse.NodeAction}
		action.Pipe, _ = d.node().(*parse.PipeNode)
		return action
	case tagPipe:
		pipe := d.pipes.next()
		*pipe = parse.PipeNode{NodeType: parse.NodePipe, IsAssign: d.bool()}
		if decl := d.variableSlots.take(d.count()); len(decl) > 0 {
			for i := range decl {
				decl[i], _ = d.node().(*parse.VariableNode)
			}
			pipe.Decl = decl
		}
		if cmds := d.commandSlots.take(d.count()); len(cmds) > 0 {
			for i := range cmds {
				cmds[i], _ = d.node().(*parse.CommandNode)
			}
			pipe.Cmds = cmds
		}
		return pipe
	case tagCommand:
		cmd := d.commands.next()
		*cmd = parse.CommandNode{NodeType: parse.NodeCommand}
		if args := d.nodeSlots.take(d.count()); len(args) > 0 {
			for i := range args {
				args[i] = d.node()
			}
			cmd.Args = args
		}
		return cmd
	case tagIdentifier:
		n := d.idents.next()
		*n = parse.IdentifierNode{NodeType: parse.NodeIdentifier, Ident: d.string()}
		return n
	case tagVariable:
		n := d.variables.next()
		*n = parse.VariableNode{NodeType: parse.NodeVariable, Ident: d.strings()}
		return n
	case tagField:
		n := d.fields.next()
		*n = parse.FieldNode{NodeType: parse.NodeField, Ident: d.strings()}
		return n
	case tagChain:
		n := d.chains.next()
		*n = parse.ChainNode{NodeType: parse.NodeChain}
		n.Node = d.node()
		n.Field = d.strings()
		return n
	case tagDot:
		n := d.dots.next()
		*n = parse.DotNode{NodeType: parse.NodeDot}
		return n
	case tagNilValue:
		n := d.nils.next()
		*n = parse.NilNode{NodeType: parse.NodeNil}
		return n
	case tagBool:
		n := d.bools.next()
		*n = parse.BoolNode{NodeType: parse.NodeBool, True: d.bool()}
		return n
	case tagNumber:
		n := d.numbers.next()
		*n = parse.NumberNode{NodeType: parse.NodeNumber, IsInt: d.bool(), IsUint: d.bool(), IsFloat: d.bool(), IsComplex: d.bool()}
		n.Int64 = d.int()
		n.Uint64 = d.uint()
		n.Float64 = math.Float64frombits(d.uint())
		re := math.Float64frombits(d.uint())
		n.Complex128 = complex(re, math.Float64frombits(d.uint()))
		n.Text = d.string()
		return n
	case tagString:
		n := d.strs.next()
		*n = parse.StringNode{NodeType: parse.NodeString, Quoted: d.string()}
		n.Text = d.string()
		return n
	case tagIf:
		n := d.ifs.next()
		n.BranchNode = d.branch(parse.NodeIf)
		return n
	case tagRange:
		n := d.ranges.next()
		n.BranchNode = d.branch(parse.NodeRange)
		return n
	case tagWith:
		n := d.withs.next()
		n.BranchNode = d.branch(parse.NodeWith)
		return n
	case tagTemplate:
		n := d.templates.next()
		*n = parse.TemplateNode{NodeType: parse.NodeTemplate, Name: d.string()}
		n.Pipe, _ = d.node().(*parse.PipeNode)
		return n
	case tagBreak:
		n := d.breaks.next()
		*n = parse.BreakNode{NodeType: parse.NodeBreak}
		return n
	case tagContinue:
		n := d.continues.next()
		*n = parse.ContinueNode{NodeType: parse.NodeContinue}
		return n
	case tagComment:
		n := d.comments.next()
		*n = parse.CommentNode{NodeType: parse.NodeComment, Text: d.string()}
		return n
	default:
		d.fail()
		return nil
	}
}

// text reads a text node's text: a slice of the template's own text, or one
// stored whole.
//
// The slice shares src's bytes, which may be read-only memory (an embedded
// template): text/template only ever reads a text node, and writing to one
// would fault at once rather than change a template.
func (d *decoder) text() []byte {
	at := d.uint()
	if at == 0 {
		return []byte(d.string())
	}
	end := at - 1 + d.uint()
	if end > uint64(len(d.src)) || at-1 > end {
		d.fail()
		return nil
	}
	return bytesOf(d.src[at-1 : end])
}

func (d *decoder) branch(t parse.NodeType) parse.BranchNode {
	b := parse.BranchNode{NodeType: t}
	b.Pipe, _ = d.node().(*parse.PipeNode)
	b.List, _ = d.node().(*parse.ListNode)
	b.ElseList, _ = d.node().(*parse.ListNode)
	return b
}

// bytesOf is s as a byte slice over the same memory, for reading only.
func bytesOf(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }

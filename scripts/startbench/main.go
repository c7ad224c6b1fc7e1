// Command startbench times whole processes side by side: it runs each command
// once per round, in a random order, for a number of rounds, so that a slow spell of a
// loaded machine hits every command alike, and prints each command's median
// and minimum wall-clock time and its median ratio to the first command (the
// baseline), taken round by round; then the same for the CPU time the process
// used (user + system), which waiting for a busy CPU does not inflate; and
// the median number of page faults, where the system supports counting them
// (on a virtual machine, each first touch of a fresh page can cost
// microseconds, so they explain much of a short process's time).
// scripts/bench-start.sh drives it.
//
//	startbench -rounds 41 -dir /tmp/x 'hello=/tmp/hello' 'version=/tmp/jsforge --version' ...
//
// In a command, {n} is replaced by the round number (for commands that must
// write somewhere new each time). Arguments are split on spaces.
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"time"
)

func main() {
	rounds := flag.Int("rounds", 31, "rounds; each runs every command once")
	warmup := flag.Int("warmup", 3, "untimed rounds first")
	dir := flag.String("dir", ".", "working directory of the commands")
	flag.Parse()
	if flag.NArg() < 2 {
		fmt.Fprintln(os.Stderr, "usage: startbench [-rounds N] [-dir DIR] NAME=COMMAND... (the first is the baseline)")
		os.Exit(2)
	}
	type command struct {
		name       string
		argv       []string
		times, cpu []time.Duration
		faults     []int64
	}
	var cmds []*command
	for _, spec := range flag.Args() {
		name, line, ok := strings.Cut(spec, "=")
		if !ok {
			fmt.Fprintf(os.Stderr, "startbench: %q is not NAME=COMMAND\n", spec)
			os.Exit(2)
		}
		cmds = append(cmds, &command{name: name, argv: strings.Fields(line)})
	}
	devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		fmt.Fprintln(os.Stderr, "startbench:", err)
		os.Exit(1)
	}
	run := func(c *command, round string) (time.Duration, time.Duration, int64) {
		argv := make([]string, len(c.argv))
		for i, a := range c.argv {
			argv[i] = strings.ReplaceAll(a, "{n}", round)
		}
		cmd := exec.Command(argv[0], argv[1:]...)
		cmd.Dir = *dir
		cmd.Stdout, cmd.Stderr = devnull, devnull
		start := time.Now()
		err := cmd.Run()
		elapsed := time.Since(start)
		if err != nil {
			fmt.Fprintf(os.Stderr, "startbench: %s: %v\n", strings.Join(argv, " "), err)
			os.Exit(1)
		}
		return elapsed, cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime(), pageFaults(cmd.ProcessState)
	}
	for r := 0; r < *warmup; r++ {
		for _, c := range cmds {
			run(c, "w"+strconv.Itoa(r))
		}
	}
	shuffle := rand.New(rand.NewPCG(1, 2)) // the same orders every run
	ratios := make([][]float64, len(cmds))
	cpuRatios := make([][]float64, len(cmds))
	for r := 0; r < *rounds; r++ {
		// A new order each round: a command runs slower right after a
		// command that touched a lot of memory, so neither a fixed order
		// nor a rotation (which keeps each command's predecessor) is fair.
		for _, i := range shuffle.Perm(len(cmds)) {
			c := cmds[i]
			wall, cpu, faults := run(c, strconv.Itoa(r))
			c.times, c.cpu, c.faults = append(c.times, wall), append(c.cpu, cpu), append(c.faults, faults)
		}
		for i, c := range cmds {
			ratios[i] = append(ratios[i], float64(c.times[r])/float64(cmds[0].times[r]))
			cpuRatios[i] = append(cpuRatios[i], float64(c.cpu[r])/float64(max(cmds[0].cpu[r], time.Microsecond)))
		}
	}
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	median := func(v []time.Duration) (time.Duration, time.Duration) {
		s := slices.Clone(v)
		slices.Sort(s)
		return s[len(s)/2], s[0]
	}
	fmt.Printf("%d rounds, every command once per round (%d untimed rounds first)\n", *rounds, *warmup)
	fmt.Printf("%-12s %12s %9s %13s   %12s %9s %13s   %7s\n", "command", "wall median", "min", "x "+cmds[0].name, "CPU median", "min", "x "+cmds[0].name, "faults")
	for i, c := range cmds {
		wm, wmin := median(c.times)
		cm, cmin := median(c.cpu)
		slices.Sort(ratios[i])
		slices.Sort(cpuRatios[i])
		faults := slices.Clone(c.faults)
		slices.Sort(faults)
		fmt.Printf("%-12s %10.1fms %7.1fms %12.2fx   %10.1fms %7.1fms %12.2fx   %7d\n", c.name,
			ms(wm), ms(wmin), ratios[i][len(ratios[i])/2], ms(cm), ms(cmin), cpuRatios[i][len(cpuRatios[i])/2], faults[len(faults)/2])
	}
	fmt.Println("(x: the median of the round-by-round ratios to the first command; faults: the median of the page faults, 0 where not counted)")
}

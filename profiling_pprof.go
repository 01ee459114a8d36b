//go:build pprof

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"syscall"
	"time"
)

// startProfiling, in a provider built with -tags pprof and run with APPAUTH_PPROF_DIR set, writes
// for each provider process a CPU profile, an allocation profile, a heap profile taken at the
// highest heap seen, and a summary of its memory and CPU use. Terraform starts several provider
// processes per command, so every file is named by the process id. `make bench` uses it with
// BENCH_PPROF=1.
func startProfiling() (stop func()) {
	dir := os.Getenv("APPAUTH_PPROF_DIR")
	if dir == "" {
		return func() {}
	}
	name := func(kind, ext string) string {
		return filepath.Join(dir, fmt.Sprintf("%s-%d.%s", kind, os.Getpid(), ext))
	}
	cpu, err := os.Create(name("cpu", "pprof"))
	if err != nil {
		fmt.Fprintf(os.Stderr, "pprof: %v\n", err)
		return func() {}
	}
	if err := pprof.StartCPUProfile(cpu); err != nil {
		fmt.Fprintf(os.Stderr, "pprof: %v\n", err)
	}

	done := make(chan struct{})
	sampled := make(chan uint64)
	go func() {
		var peak uint64
		ticker := time.NewTicker(50 * time.Millisecond)
		defer ticker.Stop()
		for {
			select {
			case <-done:
				sampled <- peak
				return
			case <-ticker.C:
				var m runtime.MemStats
				runtime.ReadMemStats(&m)
				// A new high (by 4 MiB or more) replaces the heap profile, so the last one shows the
				// live objects of the busiest moment.
				if m.HeapInuse >= peak+4<<20 {
					writeProfile("heap", name("peakheap", "pprof"))
				}
				peak = max(peak, m.HeapInuse)
			}
		}
	}()

	return func() {
		close(done)
		peak := <-sampled
		pprof.StopCPUProfile()
		_ = cpu.Close()
		writeProfile("allocs", name("allocs", "pprof"))

		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		var ru syscall.Rusage
		_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		cpuSeconds := time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
		status, _ := os.ReadFile("/proc/self/status")
		summary := fmt.Sprintf("cpu_seconds=%.2f peak_heap_inuse_mib=%d gc_cycles=%d total_alloc_mib=%d gc_cpu_fraction=%.3f\n%s",
			cpuSeconds, peak>>20, m.NumGC, m.TotalAlloc>>20, m.GCCPUFraction, status)
		_ = os.WriteFile(name("summary", "txt"), []byte(summary), 0o644)
	}
}

func writeProfile(kind, path string) {
	f, err := os.Create(path)
	if err != nil {
		return
	}
	_ = pprof.Lookup(kind).WriteTo(f, 0)
	_ = f.Close()
}

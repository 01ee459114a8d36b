//go:build !pprof

package main

// startProfiling is a no-op unless the provider is built with -tags pprof (see profiling_pprof.go).
func startProfiling() (stop func()) { return func() {} }

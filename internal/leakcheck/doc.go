// Package leakcheck holds an end-to-end test that drives every resource, data source and ephemeral
// resource through the real terraform binary with TRACE logging, then looks for every secret used in
// the log, the state, the plan and the emulator's request log.
package leakcheck

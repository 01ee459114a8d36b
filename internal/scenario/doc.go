// Package scenario generates large mixed Terraform configurations for the
// appauth provider and checks what the emulator holds against what Terraform
// recorded. scripts/chaos.sh and scripts/bench.sh drive it through
// cmd/appauth-scenario.
//
// A configuration is a Mix: how many resources of each family. Every family
// knows how to write HCL for its i-th unit (a unit is the smallest group of
// resources that makes sense on its own, e.g. an AppFabric bundle with its
// authorizations and their connection) and how many emulator objects that unit
// must leave behind.
//
// Every generated object that carries tags is tagged with its Terraform
// address (tag "scenario"), so that an emulator object nobody in Terraform's
// state claims can be told apart: a duplicate (its address is also claimed by
// another object) or an orphan (it is not).
package scenario

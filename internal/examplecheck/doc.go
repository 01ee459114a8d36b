// Package examplecheck holds a test that runs terraform validate over every example directory, since
// the examples are the documentation's source.
package examplecheck

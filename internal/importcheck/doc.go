// Package importcheck holds tests that import every importable resource with an import block and
// -generate-config-out, then check that the generated configuration plans a clean import.
package importcheck

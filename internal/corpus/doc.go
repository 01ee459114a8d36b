// Package corpus holds the provider's bad-input corpus: table-driven acceptance tests that feed
// invalid configurations and import ids for every resource, data source, ephemeral resource and the
// provider block, and check that each is refused at validate or plan time with a message naming the
// attribute and what it allows, before any API call; and wrong-credential tests that check each family
// fails on its first request with an error naming the family and the setting, without retrying.
package corpus

package acctest

import (
	"context"
	"regexp"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/appauth/terraform-provider-appauth/internal/provider"
)

// Types are the type names the provider registers, each list sorted. Tests that keep a list of types
// by hand check it against these, so that a new type they do not cover fails them.
type Types struct {
	Resources, DataSources, EphemeralResources []string
	// Importable are the resources that implement import.
	Importable []string
}

// RegisteredTypes asks the provider for its types and their Metadata type names.
func RegisteredTypes() Types {
	ctx := context.Background()
	p := provider.New("test")()
	var meta fwprovider.MetadataResponse
	p.Metadata(ctx, fwprovider.MetadataRequest{}, &meta)
	var out Types
	for _, f := range p.Resources(ctx) {
		r := f()
		var resp resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: meta.TypeName}, &resp)
		out.Resources = append(out.Resources, resp.TypeName)
		if _, ok := r.(resource.ResourceWithImportState); ok {
			out.Importable = append(out.Importable, resp.TypeName)
		}
	}
	for _, f := range p.DataSources(ctx) {
		var resp datasource.MetadataResponse
		f().Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: meta.TypeName}, &resp)
		out.DataSources = append(out.DataSources, resp.TypeName)
	}
	if pe, ok := p.(fwprovider.ProviderWithEphemeralResources); ok {
		for _, f := range pe.EphemeralResources(ctx) {
			var resp ephemeral.MetadataResponse
			f().Metadata(ctx, ephemeral.MetadataRequest{ProviderTypeName: meta.TypeName}, &resp)
			out.EphemeralResources = append(out.EphemeralResources, resp.TypeName)
		}
	}
	for _, l := range []*[]string{&out.Resources, &out.DataSources, &out.EphemeralResources, &out.Importable} {
		slices.Sort(*l)
	}
	return out
}

// Qualified names every registered type as a configuration block would: "resource.<type>",
// "data.<type>" or "ephemeral.<type>".
func (t Types) Qualified() []string {
	var out []string
	for kind, names := range map[string][]string{"resource": t.Resources, "data": t.DataSources, "ephemeral": t.EphemeralResources} {
		for _, n := range names {
			out = append(out, kind+"."+n)
		}
	}
	slices.Sort(out)
	return out
}

// Uncovered compares covered, qualified names as Qualified writes them, with the registered types:
// missing are registered but not covered, unknown are covered but not registered.
func (t Types) Uncovered(covered map[string]bool) (missing, unknown []string) {
	registered := t.Qualified()
	for _, q := range registered {
		if !covered[q] {
			missing = append(missing, q)
		}
	}
	for q := range covered {
		if !slices.Contains(registered, q) {
			unknown = append(unknown, q)
		}
	}
	slices.Sort(unknown)
	return missing, unknown
}

var declaration = regexp.MustCompile(`(?m)^\s*(resource|data|ephemeral)\s+"(appauth_\w+)"`)

// Declared returns the provider's types that the configurations declare blocks of, qualified as
// Qualified writes them.
func Declared(configs ...string) map[string]bool {
	out := map[string]bool{}
	for _, c := range configs {
		for _, m := range declaration.FindAllStringSubmatch(c, -1) {
			out[m[1]+"."+m[2]] = true
		}
	}
	return out
}

package core

// ProviderBlockContributor is implemented by a family that the provider configures with a block of
// its own: ProviderBlock returns that block, pointing at this server with the credentials it
// accepts, for the provider's acceptance tests. It is the configuration counterpart of Env.
type ProviderBlockContributor interface {
	ProviderBlock() string
}

// ProviderBlocks returns the blocks the families contribute through ProviderBlockContributor, in
// registration order. URLs in them are empty before Start.
func (s *Server) ProviderBlocks() []string {
	var out []string
	for _, fe := range s.families {
		if pc, ok := fe.fam.(ProviderBlockContributor); ok {
			out = append(out, pc.ProviderBlock())
		}
	}
	return out
}

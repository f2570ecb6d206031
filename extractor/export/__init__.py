"""Every output format: the writer registry, RDF, GraphML/GEXF, Neo4j, the viewer, the Oxigraph
store and SHACL validation."""

"""`oncokg build` and `validate`: assemble the graph, reason with HermiT, validate, write the build."""

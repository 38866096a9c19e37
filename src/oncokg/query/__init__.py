"""The query layer: the catalogue of canned queries, the name resolver, binding and output formats."""

"""What curators edit (sources, facts, mappings, the ontology), read and checked without a store."""

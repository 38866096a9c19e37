"""OncoKG: an oncology knowledge graph with provenance, a query layer and a pathway reasoner.

Not medical advice: the graph restates what its source documents say, with their dates.
"""

__version__ = "0.1.0"

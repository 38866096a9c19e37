"""The external view: every entity replaced by its exact match in chosen vocabularies, so the facts merge into them.

Only confident exact matches count (the build asserts ``skos:exactMatch`` only for rows at or above
the mapping threshold). The target prefixes are tried in order; an entity with no exact match in
any of them keeps its OncoKG IRI. Each replaced entity keeps a ``skos:exactMatch`` back to its
OncoKG IRI, and mapping triples that the replacement makes reflexive are dropped.

In the RDF files of the view (`annotation_layer`), another vocabulary's term gets OncoKG's facts
about it but none of OncoKG's annotations of it: its label, definition and `owl:NamedIndividual`
stay on the OncoKG IRI (linked by that ``skos:exactMatch``), and OncoKG's label reaches the term
only as a ``skos:altLabel``. Merged into MONDO, HPO, NCIt or ChEBI, a term then keeps its one
label and one definition (ROBOT's multiple_labels and multiple_definitions), and is not declared
an individual; its OncoKG class memberships and facts are the punning the view is made for.
"""

from rdflib import Dataset, Graph
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from oncokg.errors import OncoKGError
from oncokg.export.built import Built
from oncokg.vocab.obo import DEFINITION, SYNONYMS
from oncokg.vocab.rdf import MAPPINGS_GRAPH, bind_prefixes

DEFAULT_TARGETS = ("MONDO", "CHEBI", "HGNC", "HP", "NCIT")


def resolve_targets(built: Built, targets: list[str] | tuple[str, ...]) -> list[str]:
    """The curie_map prefixes named by `targets` (case-insensitive), in order; unknown ones are an error."""
    known = {p.casefold(): p for mapping_set in built.mapping_sets for p in mapping_set.metadata.get("curie_map") or {}}
    resolved = []
    for target in targets:
        prefix = known.get(target.strip().casefold())
        if prefix is None:
            raise OncoKGError(
                f"unknown target vocabulary {target!r}; the mapping sets use: {', '.join(sorted(known.values()))}"
            )
        resolved.append(prefix)
    if not resolved:
        raise OncoKGError("give at least one target vocabulary")
    return resolved


def substitutions(built: Built, targets: list[str]) -> dict[Node, Node]:
    """Entity IRI -> the IRI of its exact match in the first target vocabulary that has one."""
    mappings = built.dataset.graph(MAPPINGS_GRAPH)
    chosen: dict[Node, Node] = {}
    for entity in sorted(built.individuals):
        by_prefix: dict[str, list[Node]] = {}
        for match in mappings.objects(entity, SKOS.exactMatch):
            by_prefix.setdefault(built.curie(match).partition(":")[0], []).append(match)
        for prefix in targets:
            matches = sorted(by_prefix.get(prefix, []), key=str)
            if len(matches) > 1:
                raise OncoKGError(
                    f"{built.curie(entity)} has {len(matches)} exact matches in {prefix} "
                    f"({', '.join(built.curie(m) for m in matches)}); the external view needs one"
                )
            if matches:
                chosen[entity] = matches[0]
                break
    merged: dict[Node, Node] = {}
    for original, match in chosen.items():
        if match in merged:
            raise OncoKGError(
                f"{built.curie(merged[match])} and {built.curie(original)} both match {built.curie(match)} exactly; "
                "the external view would merge them"
            )
        merged[match] = original
    return chosen


def external_view(built: Built, targets: list[str] | tuple[str, ...] = DEFAULT_TARGETS) -> Built:
    """A copy of the build with entities replaced by their exact matches in the target vocabularies."""
    subs = substitutions(built, resolve_targets(built, targets))
    dataset = Dataset()
    bind_prefixes(dataset)
    for named in built.named_graphs():
        graph = dataset.graph(named.identifier)
        replaced = Graph()
        for s, p, o in named:
            replaced.add((subs.get(s, s), p, subs.get(o, o)))
        if named.identifier == MAPPINGS_GRAPH:
            replaced = _without_reflexive_mappings(replaced)
            for entity, match in subs.items():
                replaced.add((match, SKOS.exactMatch, entity))
        graph += replaced
    return Built(dataset, built.mapping_sets, built.mappings_dir, subs)


def _without_reflexive_mappings(graph: Graph) -> Graph:
    """Drop ``x skos:*Match x`` and the annotated axioms about such a triple."""
    reflexive_axioms = {
        axiom
        for axiom, source in graph.subject_objects(OWL.annotatedSource)
        if (axiom, OWL.annotatedTarget, source) in graph
    }
    kept = Graph()
    for s, p, o in graph:
        if s in reflexive_axioms or (s == o and str(p).startswith(str(SKOS))):
            continue
        kept.add((s, p, o))
    return kept


# alternative labels first: the label joins them; the OBO view's definitions and synonyms are ours too
OWN_ANNOTATIONS = (SKOS.altLabel, RDFS.label, SKOS.definition, DEFINITION, *SYNONYMS)


def annotation_layer(graph: Graph, substitutions: dict[Node, Node]) -> Graph:
    """The graph with OncoKG's annotations of each replaced entity back on the OncoKG IRI (see above)."""
    for entity, term in substitutions.items():
        for prop in OWN_ANNOTATIONS:
            for value in list(graph.objects(term, prop)):
                graph.remove((term, prop, value))
                graph.add((entity, prop, value))
                if prop == RDFS.label:
                    graph.add((term, SKOS.altLabel, value))
        if (term, RDF.type, OWL.NamedIndividual) in graph:
            graph.remove((term, RDF.type, OWL.NamedIndividual))
            graph.add((entity, RDF.type, OWL.NamedIndividual))
    return graph

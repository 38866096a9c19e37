"""The pathway projection query: one SELECT that reads everything the pathway reasoner needs, and the
build's saved answer to it.

The query reads every pathway, step and transition with its properties and evidence, the treatment
statements the reasoner checks (contraindications, cautions, biomarker requirements, kinds of), the
entity types it resolves names against, and labels. It runs unchanged on any backend (embedded
store or SPARQL endpoint). `oncokg build` saves its answer beside the store (build/pathways.srj, in
SPARQL 1.1 Query Results JSON), as it saves the name index: a process that reasons over the built
store reads the answer instead of running the query again. `oncokg.pathway.projection` shapes it.
"""

from pathlib import Path

import pyoxigraph

from oncokg.errors import OncoKGError
from oncokg.project import PATHWAYS_FILE
from oncokg.store import Backend
from oncokg.store.embedded import EmbeddedBackend
from oncokg.store.results import Result, sparql_json_result
from oncokg.vocab.sparql import prefix_header

NODE_PROPERTIES = (
    "forDisease",
    "inDiseaseState",
    "stepOf",
    "stepOrder",
    "recommends",
    "givenWith",
    "hasCondition",
    "unlessCondition",
    "inSetting",
    "continuedUntil",
    "requires",
    "minimumDuration",
    "transitionOf",
    "fromStep",
    "toStep",
    "trigger",
    "aboutTreatment",
    "stance",
    "forPurpose",
    "usageFrequency",
    "coversState",
    "afterFailureOf",
    "continuesIn",
    "hasOutcome",
    "outcomeStatus",
)
STATEMENT_PROPERTIES = ("contraindicatedIn", "cautionIn", "requiresBiomarkerStatus", "treatmentDependsOn", "testedBy")
HIERARCHY_PROPERTIES = (
    "subtypeOf",
    "stateSubtypeOf",
    "escalatesDoseOf",
    "ofBiomarker",
    "impliesFinding",
    "recurrenceRiskFactor",
    "excludesFinding",
    "heldWhenPlanned",
)
TYPES = (
    "TreatmentPathway",
    "TreatmentStep",
    "Transition",
    "Cancer",
    "DiseaseState",
    "Treatment",
    "SurgicalProcedure",
    "ClinicalFeature",
    "TransitionTrigger",
    "DecisionFactor",
    "BiomarkerStatus",
    "Biomarker",
    "TreatmentStatement",
    "OutcomeStatement",
)
NODE_CLASSES = (
    "oncokg:TreatmentPathway oncokg:TreatmentStep oncokg:Transition oncokg:TreatmentStatement oncokg:OutcomeStatement"
)


def _values(names: tuple[str, ...]) -> str:
    return " ".join(f"oncokg:{name}" for name in names)


_SELECT = f"""
SELECT DISTINCT ?s ?p ?o ?source ?quote ?start ?end ?certainty ?fact ?note ?proportion ?date WHERE {{
  {{
    VALUES ?class {{ {NODE_CLASSES} }}
    VALUES ?p {{ {_values(NODE_PROPERTIES)} }}
    ?s a ?class ; ?p ?o .
  }} UNION {{
    VALUES ?class {{ {NODE_CLASSES} }}
    ?s a ?class ; oncokg:hasEvidence ?o .
    BIND(oncokg:hasEvidence AS ?p)
    ?o prov:wasDerivedFrom ?source ; oncokg:quote ?quote ; oncokg:quoteStart ?start ; oncokg:quoteEnd ?end ;
       oncokg:certainty ?certainty ; oncokg:curationId ?fact .
    OPTIONAL {{ ?o oncokg:note ?note }}
    OPTIONAL {{ ?o oncokg:proportion ?proportion }}
    OPTIONAL {{ ?o oncokg:sourceDate ?date }}
  }} UNION {{
    VALUES ?p {{ {_values(STATEMENT_PROPERTIES)} }}
    ?s ?p ?o .
    OPTIONAL {{
      ?evidence rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
        prov:wasDerivedFrom ?source ; oncokg:quote ?quote ; oncokg:quoteStart ?start ; oncokg:quoteEnd ?end ;
        oncokg:certainty ?certainty ; oncokg:curationId ?fact .
      OPTIONAL {{ ?evidence oncokg:note ?note }}
      OPTIONAL {{ ?evidence oncokg:proportion ?proportion }}
      OPTIONAL {{ ?evidence oncokg:sourceDate ?date }}
    }}
  }} UNION {{
    VALUES ?p {{ {_values(HIERARCHY_PROPERTIES)} }}
    ?s ?p ?o .
  }} UNION {{
    ?o oncokg:hasMemberClass ?members .
    ?s a ?members .
    BIND(oncokg:subtypeOf AS ?p)
  }} UNION {{
    VALUES ?o {{ {_values(TYPES)} }}
    ?s a ?o .
    BIND(rdf:type AS ?p)
  }} UNION {{
    ?s rdfs:label ?o .
    BIND(rdfs:label AS ?p)
    FILTER(STRSTARTS(STR(?s), STR(oncokg:)))
  }} UNION {{
    ?s a oncokg:SourceDocument ; dcterms:title ?o .
    BIND(dcterms:title AS ?p)
  }}
}}
"""
PROJECTION = prefix_header(_SELECT) + _SELECT  # PREFIX lines generated from vocab.PREFIXES


def projection_result(backend: Backend) -> Result:
    """The projection's rows: the answer the build saved beside its store, else the query's."""
    saved = backend.saved_projection()
    if saved is None:
        return backend.select(PROJECTION)
    try:
        return sparql_json_result(saved)
    except (KeyError, TypeError, AttributeError):
        raise OncoKGError(
            f"the build's {PATHWAYS_FILE}: not the projection's SPARQL JSON results; run `oncokg build` again"
        ) from None


def save_projection(backend: EmbeddedBackend, target: Path) -> None:
    """Write the projection's answer into a build folder, as SPARQL 1.1 Query Results JSON."""
    answer = backend.execute(PROJECTION)
    (target / PATHWAYS_FILE).write_bytes(answer.serialize(format=pyoxigraph.QueryResultsFormat.JSON) or b"")

"""The build pipeline's inputs: ontology, vocabulary, sources, facts, mappings, read and checked."""

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from .facts import FactSet, load_facts
from .ontology import Vocabulary, load_ontology
from .project import Project
from .sources import Source, load_sources


@dataclass
class Inputs:
    """Everything the build reads, after the checks that need no reasoner."""

    project: Project
    ontology: Graph
    vocab: Vocabulary
    sources: dict[str, Source]
    facts: FactSet


def load_inputs(project: Project, fact_files: list[Path] | None = None) -> Inputs:
    """Read and check the ontology, the sources and the curated facts (all, or the given files)."""
    ontology = load_ontology(project.ontology_dir)
    vocab = Vocabulary.from_graph(ontology)
    sources = load_sources(project.sources_dir)
    facts = load_facts(project.facts_dir, sources, vocab, fact_files)
    return Inputs(project, ontology, vocab, sources, facts)

"""The treatment-sequence reasoner: from a patient's state to ranked, explained next options.

tp = TreatmentPathways.open()                        # or TreatmentPathways.open(store="sparql:URL")
answer = tp.answer({"cancer": "GIST", "setting": "unresectable",
                    "history": [{"treatment": "Gleevec", "outcome": "progression"}]})
print(render_text(answer, tp.graph))
"""

from pathlib import Path
from typing import Any

from oncokg.errors import OncoKGError
from oncokg.limits import QUERY_TIMEOUT
from oncokg.pathway.answer import Answer
from oncokg.pathway.patient import Names, Patient, Reading, parse_patient, read_patient
from oncokg.pathway.projection import Pathway, PathwayGraph, project_graph
from oncokg.pathway.readings import reading_notes
from oncokg.pathway.render import answer_to_dict, render_text
from oncokg.pathway.rules import Reasoner
from oncokg.query.client import OncoKG
from oncokg.query.resolve import Resolver
from oncokg.store import Backend

__all__ = ["Answer", "PathwayGraph", "Patient", "Reading", "TreatmentPathways", "answer_to_dict", "render_text"]


class TreatmentPathways:
    """The projected pathway graph, the name index and the reasoner of one store, built once."""

    def __init__(self, backend: Backend, resolver: Resolver):
        self.graph = project_graph(backend)
        self.names = Names(resolver, self.graph)
        self.reasoner = Reasoner(self.graph)

    @classmethod
    def open(
        cls, store: str | None = None, root: Path | str | None = None, timeout: float = QUERY_TIMEOUT
    ) -> "TreatmentPathways":
        """Project the built store (default), `oxigraph:PATH` or a SPARQL endpoint `sparql:URL`."""
        kg = OncoKG.open(store, root, timeout)
        return cls(kg.backend, kg.resolver)

    def patient(self, data: Any, where: str = "patient") -> Patient:
        """A normalised patient state from a JSON-like dict (names resolved to IRIs)."""
        return parse_patient(data, self.names, where)

    def read(self, data: Any, where: str = "patient") -> tuple[Patient, tuple[Reading, ...]]:
        """A normalised patient state and how each of its names was read (for the answer to say)."""
        return read_patient(data, self.names, where)

    def answer(self, patient: Patient | dict) -> Answer:
        """Ranked options, exclusions and notes for one patient state (a Patient or a JSON-like dict)."""
        return self.reasoner.answer(patient if isinstance(patient, Patient) else self.patient(patient))

    def pathway(self, cancer: str, setting: str) -> tuple[Pathway, list[str]]:
        """The pathway the sources give for a cancer in a setting (names or CURIEs); the notes say
        how each name was read when it was not its entity's own label."""
        patient, readings = self.read({"cancer": cancer, "setting": setting})
        pathway, notes = self.reasoner.pathway_for(patient.cancer, patient.setting)
        if not pathway.iri:
            raise OncoKGError(f"{notes[0]}; there is no pathway to show")
        return pathway, [*notes, *reading_notes(readings, self.graph.label)]

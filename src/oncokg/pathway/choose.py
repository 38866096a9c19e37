"""Choosing where a patient is: the pathway for a cancer in a setting (rule 1), the steps a history
entry names, and where a pathway that has run out goes on (rule 4)."""

from oncokg.errors import OncoKGError
from oncokg.pathway.compose import diseases
from oncokg.pathway.memo import Memo
from oncokg.pathway.projection import Pathway, PathwayGraph
from oncokg.vocab.terms import ANY_CANCER, PROGRESSION, REFRACTORY


class Chooser:
    """The graph's lookups by name: an entity's broader kinds, the pathway of a cancer and setting, and
    the steps of a treatment; each worked out once (they depend on the graph, not on the patient)."""

    def __init__(self, graph: PathwayGraph):
        self.graph = graph
        self._kinds = {iri: frozenset(broad | {iri}) for iri, broad in graph.broader.items()}
        self._pathways: Memo[tuple[str, str], tuple[Pathway, tuple[str, ...]]] = Memo()
        self._steps: Memo[tuple[str, str], tuple[str, ...]] = Memo()

    def kinds(self, iri: str) -> frozenset[str]:
        """An entity and every broader entity it is a subtype of."""
        found = self._kinds.get(iri)
        if found is None:
            found = self._kinds[iri] = frozenset({iri})
        return found

    def pathway_for(self, cancer: str, setting: str) -> tuple[Pathway, list[str]]:
        """The pathway for a cancer in a setting, with a note when a broader one stands in."""
        found = self._pathways.get((cancer, setting))
        if found is None:
            found = self._pathways.keep((cancer, setting), self._find_pathway(cancer, setting))
        return found[0], list(found[1])

    def _find_pathway(self, cancer: str, setting: str) -> tuple[Pathway, tuple[str, ...]]:
        """Rule 1: the cancer's own pathway in the setting, a broader setting (nearest first) or a
        pathway that covers it, else cancer in general's; else the statements alone; else an error
        that says which pathways there are."""
        g = self.graph
        broader = sorted(g.broader.get(setting, ()), key=lambda s: (-len(g.broader.get(s, ())), s))
        for disease in diseases(cancer, g):
            for state in [setting, *broader]:
                iri = g.pathway_for.get((disease, state))
                covering = g.covered_by.get((disease, state), ()) if iri is None else ()
                if iri is None and not covering:
                    continue
                pathway = g.pathways[iri or covering[0]]
                return pathway, self._stand_in_notes(pathway, cancer, setting, disease, state, bool(covering))
        states = self.kinds(setting)
        inside = self._placing(cancer, states)
        if inside is not None:
            return inside, (
                f"{', '.join(inside.sources)} places {g.label(setting)} within its {g.label(inside.state)} "
                f"pathway: answered from there",
            )
        if any(u.states & states for d in diseases(cancer, g) for u in g.usage_for.get(d, ())):
            pathway = Pathway("", cancer, setting, (), (), ())
            return pathway, (
                f"the sources give no pathway for {g.label(cancer)} {g.label(setting)}: answered from "
                f"what each source says about treating it",
            )
        own = sorted(g.label(p.state) for p in g.pathways.values() if p.disease == cancer)
        if own:
            raise OncoKGError(
                f"the sources give no pathway for {g.label(cancer)} {g.label(setting)}; "
                f"the sources give {g.label(cancer)} pathways for: {', '.join(own)}"
            )
        raise OncoKGError(f"no source covers {g.label(cancer)} when {g.label(setting)}; {self._coverage()}")

    def _coverage(self) -> str:
        """What the sources do cover, for a patient they do not: the cancers they are about, and the
        states in which they speak of cancer of any type."""
        g = self.graph
        cancers = sorted({g.label(p.disease) for p in g.pathways.values() if p.disease != ANY_CANCER})
        general = sorted({g.label(p.state) for p in g.pathways.values() if p.disease == ANY_CANCER})
        return (
            f"the sources cover {' and '.join(cancers)}, and cancer of any type only when {' or '.join(general)}"
            if general
            else f"the sources cover {' and '.join(cancers)}"
        )

    def _placing(self, cancer: str, states: frozenset[str]) -> Pathway | None:
        """The cancer's pathway that has steps in the state past its entry (a completely resected GIST:
        the steps after surgery), if exactly one source does; the first by name otherwise."""
        g = self.graph
        for disease in diseases(cancer, g)[:-1]:
            found = sorted(
                (
                    p
                    for p in g.pathways.values()
                    if p.disease == disease
                    for s in p.steps
                    if s not in p.entries and g.steps[s].states & states
                ),
                key=lambda p: p.iri,
            )
            if found:
                return found[0]
        return None

    def _stand_in_notes(
        self, pathway: Pathway, cancer: str, setting: str, disease: str, state: str, covering: bool
    ) -> tuple[str, ...]:
        """Why a pathway found for another state or disease answers: the reader should know."""
        g = self.graph
        notes = []
        if covering:
            notes.append(
                f"{', '.join(pathway.sources)} covers {g.label(disease)} {g.label(state)} with its "
                f"{g.label(pathway.state)} pathway: this is that pathway"
            )
        elif state != setting:
            notes.append(
                f"the sources describe {g.label(setting)} under {g.label(state)}: this is their {g.label(state)} pathway"
            )
        if disease != cancer:
            notes.append(
                f"the sources give no {g.label(cancer)} pathway for {g.label(state)}: "
                f"this is their pathway for {g.label(disease)}"
            )
        return tuple(notes)

    def steps_for(self, pathway: str, treatment: str) -> tuple[str, ...]:
        """The pathway's steps recommending a treatment or a broader one it is a kind of."""
        found = self._steps.get((pathway, treatment))
        if found is None:
            found = self._steps.keep((pathway, treatment), self._find_steps(pathway, treatment))
        return found

    def _find_steps(self, pathway: str, treatment: str) -> tuple[str, ...]:
        g = self.graph
        found = g.by_treatment.get((pathway, treatment), ())
        for broad in sorted(g.broader.get(treatment, ())):
            if found:
                break
            found = g.by_treatment.get((pathway, broad), ())
        return found

    def continues_after(self, pathway: Pathway, treatment: str) -> bool:
        """Whether the pathway gives a next step when `treatment` (or a broader one) stops working."""
        return any(self.graph.fires.get((s, PROGRESSION)) for s in self.steps_for(pathway.iri, treatment))

    def fallback(self, cancer: str, pathway: Pathway) -> Pathway | None:
        """When a pathway has run out: the refractory pathway of the cancer, else of cancer in general."""
        g = self.graph
        if pathway.state == REFRACTORY:
            return None
        for disease in (cancer, ANY_CANCER):
            iri = g.pathway_for.get((disease, REFRACTORY))
            if iri is not None and iri != pathway.iri:
                return g.pathways[iri]
        return None

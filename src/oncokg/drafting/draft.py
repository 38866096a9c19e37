"""Draft facts from a text: one statement per treatment a sentence speaks of, for a curator to judge.

Each sentence is read for the graph's entities (`mentions`), its stance and certainty cues
(`cues`, the guard's ConText rules) and its scope (`scope`: the title's and section heading's cancer
and state unless the sentence names its own). A draft carries ``status: draft``, the cues that decided
its stance and certainty, a confidence (an ordering for review, not a probability) and its verbatim
quote with offsets checked against the text. Unknown drug-like names are proposed, never added.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from oncokg.curation.context_guard import RULES_FILE
from oncokg.curation.provenance import verify
from oncokg.drafting.cues import CueReader, Reading
from oncokg.drafting.mentions import Mention, NameTable, find
from oncokg.drafting.proposals import Proposal, propose
from oncokg.drafting.review import draft_file, write
from oncokg.drafting.scope import Scope
from oncokg.drafting.sentences import Sentence, split
from oncokg.errors import OncoKGError
from oncokg.limits import read_text

# Words by which a sentence speaks of using a treatment (or of not using it).
USE_WORDS = re.compile(
    r"\b(?:treat\w*|used|using|given|give|offered?|options?|recommend\w*|choices?|tried|try|"
    r"studied|testing|tested|helpful|effective|helps?|works?|considered|provided?|receiv\w*|prefer\w*|"
    r"manage\w*|address\w*|available|performed|prescribed|administered|continued)\b",
    re.IGNORECASE,
)
EFFECT_WORDS = re.compile(r"\bside[- ]effects?\b|\badverse\b|\bcomplications?\b", re.IGNORECASE)
TARGET_WORDS = re.compile(r"\b(?:targets?|targeting|attach\w*|blocks?|blocking)\b", re.IGNORECASE)
CONDITION_LEAD = re.compile(r"\b(?:if|when|unless|with|who have|whose)\b", re.IGNORECASE)
# "a targeted therapy drug called trastuzumab": the class names the category of the member it introduces.
MEMBER_LEAD = re.compile(
    r"^\W*(?:drugs?|medicines?|treatments?)?\W*(?:called|such as|like|including|named)\b", re.IGNORECASE
)
# "regorafenib ... if imatinib and sunitinib stop working", "imatinib after surgery": a treatment named in a
# condition clause or as what came before is the circumstance, not what the sentence speaks of.
CIRCUMSTANCE = re.compile(
    r"\b(?:if|when|once|unless)\b[^,;:]*|\b(?:after|before|following)\W+(?:\w+\W+)?", re.IGNORECASE
)
# "Ablation is the destruction of tumors ...": a sentence that defines its treatment says how it works.
DEFINITION = re.compile(r"^\W*(?:\w+\W+){0,3}?(?:is|are|refers? to)\s+(?:a|an|the)\b", re.IGNORECASE)
# "It ...", "This drug ...": the sentence speaks of the treatment the previous one did ("It is intended
# to ..." speaks of no treatment).
ANAPHORA = re.compile(
    r"^\W*(?:it|(?:this|these|the)\s+(?:drugs?|medicines?)|this\s+treatment)\b(?!\s+(?:is|was|'s)\s+\w+\s+(?:to|that|if)\b)",
    re.IGNORECASE,
)
# "trastuzumab is given with chemotherapy": the second treatment is the first one's companion.
COMPANION_LEAD = re.compile(r"\b(?:with|plus|alongside|in conjunction with|together with)\W*$", re.IGNORECASE)


@dataclass
class Draft:
    """One drafted fact: the data/facts entry plus what decided it."""

    id: str
    sentence: Sentence
    certainty: str
    confidence: float
    cues: list[str]
    node: dict[str, Any] | None = None
    triples: list[list[str]] = field(default_factory=list)
    qualifiers: dict[str, str] = field(default_factory=dict)
    scope_from: dict[str, str] = field(default_factory=dict)

    def as_entry(self) -> dict[str, Any]:
        """The fact as a data/facts entry, with its draft status, cues, confidence and scope origin."""
        entry: dict[str, Any] = {
            "id": self.id,
            "status": "draft",
            "confidence": round(self.confidence, 2),
            "cues": self.cues,
            "quote": self.sentence.text,
            "at": [self.sentence.start, self.sentence.end],
            "certainty": self.certainty,
        }
        if self.scope_from:
            entry["scope_from"] = dict(self.scope_from)
        if self.qualifiers:
            entry["qualifiers"] = dict(self.qualifiers)
        if self.node is not None:
            entry["node"] = self.node
        else:
            entry["triples"] = self.triples
        return entry


@dataclass
class DraftSet:
    """Every draft of a text and every proposed entity."""

    source: str
    drafts: list[Draft]
    proposals: list[Proposal]

    def as_document(self) -> dict[str, Any]:
        document: dict[str, Any] = {"source": self.source, "facts": [d.as_entry() for d in self.drafts]}
        if self.proposals:
            document["proposed_entities"] = [
                {"text": p.text, "at": [p.start, p.end], "suggested_class": p.suggested_class, "why": p.why}
                for p in self.proposals
            ]
        return document


def _spoken_of(s: Sentence, mentions: list[Mention], reading: Reading) -> list[str]:
    """The treatments a sentence speaks of: not a class that introduces its member, not a companion
    given with another, not a treatment that is part of a cue ("as part of a clinical trial")."""
    treatments = [m for m in mentions if m.group == "treatment"]
    cue_words = " ".join(t.casefold() for _, t in reading.cues)
    circumstances = [(c.start() + s.start, c.end() + s.start) for c in CIRCUMSTANCE.finditer(s.text)]
    main = [m for m in treatments if not any(a <= m.start < b for a, b in circumstances)]
    treatments = main
    kept = []
    for n, m in enumerate(treatments):
        later = treatments[n + 1] if n + 1 < len(treatments) else None
        if later is not None and MEMBER_LEAD.match(s.text[m.end - s.start : later.start - s.start]):
            continue
        if n > 0 and COMPANION_LEAD.search(s.text[treatments[n - 1].end - s.start : m.start - s.start]):
            continue
        if " ".join(m.text.split()).casefold() in cue_words:
            continue
        if m.entity not in kept:
            kept.append(m.entity)
    return kept


def _distinct(mentions: list[Mention], group: str) -> list[str]:
    seen: list[str] = []
    for m in mentions:
        if m.group == group and m.entity not in seen:
            seen.append(m.entity)
    return seen


def _confidence(reading: Reading, scope_from: dict[str, str], treatments: int) -> float:
    """Higher when the sentence names its own disease and its cues decide the stance; lower when it
    names several treatments (which one the words are about is less sure)."""
    score = 0.5 + {"sentence": 0.2, "section": 0.15, "title": 0.1}.get(scope_from.get("disease", ""), 0.0)
    score += 0.15 if reading.cues else 0.0
    return max(0.1, min(0.95, score - 0.1 * (treatments - 1)))


def _statement(
    treatment: str,
    outcomes: list[str],
    mentions: list[Mention],
    values: dict[str, list[str]],
    reading: Reading,
    s: Sentence,
) -> dict[str, Any]:
    """A TreatmentStatement (no outcomes given) or an OutcomeStatement node for one treatment of the sentence."""
    node: dict[str, Any] = {"a": "OutcomeStatement" if outcomes else "TreatmentStatement", "aboutTreatment": treatment}
    if outcomes:
        node["hasOutcome"] = outcomes[0] if len(outcomes) == 1 else outcomes
        node["outcomeStatus"] = reading.outcome_status
    else:
        node["stance"] = reading.stance
    for key, name in (("disease", "forDisease"), ("state", "inDiseaseState")):
        if values.get(key):
            node[name] = values[key][0] if len(values[key]) == 1 else values[key]
    usage = _distinct(mentions, "usage")
    if usage and not outcomes:
        node["usageFrequency"] = usage[0]
    lead = CONDITION_LEAD.search(s.text)
    conditions = [m.entity for m in mentions if m.group == "finding" and lead and m.start - s.start > lead.start()]
    if conditions:
        node["hasCondition"] = conditions[0] if len(conditions) == 1 else conditions
    return node


def _sentence_drafts(
    s: Sentence, mentions: list[Mention], scope: Scope, reader: CueReader, previous: list[str]
) -> tuple[list[Draft], list[str]]:
    """Every draft one sentence gives (ids are set by the caller), and the treatments it speaks of
    (a next sentence's "it" or "this drug")."""
    reading = reader.read(s.text)
    if _distinct(mentions, "treatment"):
        treatments = _spoken_of(s, mentions, reading)
    else:
        treatments = previous if ANAPHORA.match(s.text) else []
    if not treatments:
        return [], []
    cues = [f"{category} {text!r}" for category, text in reading.cues]
    drafts = []
    effects = _distinct([m for m in mentions if not EFFECT_WORDS.fullmatch(m.text)], "effect")
    targets = _distinct(mentions, "target")
    if effects and EFFECT_WORDS.search(s.text):
        qualifiers = {k: v[0] for k in ("frequency", "severity") if (v := _distinct(mentions, k))}
        triples = [[t, "hasAdverseEffect", e] for t in treatments for e in effects]
        drafts.append(Draft("", s, reading.certainty, 0.6, cues, triples=triples, qualifiers=qualifiers))
    if targets and TARGET_WORDS.search(s.text):
        triples = [[t, "targets", x] for t in treatments for x in targets]
        drafts.append(Draft("", s, reading.certainty, 0.6, cues, triples=triples))
    values, origin = scope.of(mentions)
    if not values.get("disease"):
        return drafts, treatments
    confidence = _confidence(reading, origin, len(treatments))
    defines = DEFINITION.match(s.text) and not _distinct(mentions, "usage")
    kinds: list[list[str]] = [[]] if (USE_WORDS.search(s.text) or reading.stance != "option") and not defines else []
    kinds += [_distinct(mentions, "outcome")] if _distinct(mentions, "outcome") else []
    for outcomes in kinds:
        for treatment in treatments:
            node = _statement(treatment, outcomes, mentions, values, reading, s)
            drafts.append(Draft("", s, reading.certainty, confidence, cues, node=node, scope_from=origin))
    return drafts, treatments


def draft_text(text: str, source_id: str, table: NameTable, reader: CueReader) -> DraftSet:
    """Draft every sentence of a text; each quote is checked at its offsets before it is kept."""
    scope = Scope()
    drafts: list[Draft] = []
    proposals: list[Proposal] = []
    previous: list[str] = []
    for sentence in split(text):
        mentions = find(table, text, sentence.start, sentence.end)
        if sentence.heading:
            scope.heading(mentions)
            previous = []
            continue
        if sentence.navigation:
            continue
        scope.opening(mentions)
        proposals += propose(text, sentence.start, sentence.end, mentions)
        found, spoken = _sentence_drafts(sentence, mentions, scope, reader, previous)
        previous = spoken or previous
        for draft in found:
            if not verify(text, sentence.text, sentence.start, sentence.end):
                raise OncoKGError(f"internal: the quote at {sentence.start} is not the text's")
            draft.id = f"{source_id}-draft-{len(drafts) + 1}"
            drafts.append(draft)
    return DraftSet(source_id, drafts, proposals)


SOURCE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def check_source_id(source_id: str) -> str:
    """A source id is kebab-case (it starts every draft's id)."""
    if not SOURCE_ID.match(source_id):
        raise OncoKGError(f"--source-id {source_id!r}: use lower-case letters, digits and hyphens")
    return source_id


def default_out(facts_dir: Path, source_id: str) -> Path:
    """Where drafts go when no --out is given: beside the facts, so the build refuses them until judged."""
    return draft_file(facts_dir, source_id)


def draft_file_text(text_file: Path, source_id: str, facts_dir: Path, index_file: Path) -> DraftSet:
    """Draft a text file, writing nothing (``oncokg curate draft ... --out -`` prints it)."""
    check_source_id(source_id)
    text = read_text(text_file, "text to draft")
    if not text.strip():
        raise OncoKGError(f"{text_file}: the text is empty")
    return draft_text(text, source_id, NameTable.load(index_file), CueReader(facts_dir.parent / RULES_FILE))


def draft_document(
    text_file: Path, source_id: str, facts_dir: Path, index_file: Path, out: Path | None = None, force: bool = False
) -> tuple[Path, DraftSet]:
    """Draft a text file into a draft file (default ``<facts>/<source-id>.draft.yaml``): the library's
    `oncokg curate draft`. Everything is checked before anything is written."""
    check_source_id(source_id)
    target = out or default_out(facts_dir, source_id)
    if target.exists() and not force:
        raise OncoKGError(f"{target}: exists; give --force to replace it")
    drafts = draft_file_text(text_file, source_id, facts_dir, index_file)
    write(target, drafts.as_document(), force=force)
    return target, drafts

"""Draft facts from a text: one statement per treatment a sentence speaks of, for a curator to judge.

Each sentence is read for the graph's entities (`mentions`), its stance and certainty cues
(`cues`, the guard's ConText rules) and its scope (`scope`: the title's and section heading's cancer
and state unless the sentence names its own). A draft carries ``status: draft``, the cues that decided
its stance and certainty, a confidence (an ordering for review, not a probability) and its verbatim
quote with offsets checked against the text. Unknown drug-like names are proposed, never added.
"""

import hashlib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from oncokg.curation.context_guard import RULES_FILE
from oncokg.curation.provenance import verify
from oncokg.drafting import metadata
from oncokg.drafting.boilerplate import Boilerplate
from oncokg.drafting.boilerplate import find as boilerplate_of
from oncokg.drafting.cues import UNCLEAR_CATEGORIES, CueReader, Reading
from oncokg.drafting.mentions import Mention, NameTable, find
from oncokg.drafting.proposals import Proposal, propose
from oncokg.drafting.relations import CAUTION_WORDS, care_team, distinct, relations
from oncokg.drafting.review import draft_file, write
from oncokg.drafting.scope import Scope
from oncokg.drafting.sentences import Sentence, contrast_clauses, split
from oncokg.drafting.subject import Context, outside_circumstances, treatments_of, without_circumstances
from oncokg.errors import OncoKGError
from oncokg.limits import read_text

# Words by which a sentence speaks of using a treatment (or of not using it): verbs, not the noun
# "treatment", which names what is used; a surgeon's verb (remove, resect) is the use of the surgery it names.
USE_WORDS = re.compile(
    r"\b(?:treat(?:s|ed|ing)?|used?|using|given|give|offer(?:s|ed|ing)?|options?|recommend\w*|choices?|giv(?:es|ing)|tried|try\w*|"
    r"studied|testing|tested|consider\w*|provided?|receiv\w*|prefer\w*|manage\w*|address\w*|available|"
    r"performed|carried out|prescribed|administered|continued|started|done|combined|advise\w*|suggest\w*|remov(?:e|es|ed|ing)|"
    r"resect(?:s|ed|ing)?)\b"
    # "may decide to carry on with it", "keep taking it": a treatment continued is used
    r"|\b(?:carr(?:y|ies|ying) on|keeps? (?:on )?(?:taking|having|using)|stays? on)\b"
    # "your doctor may mention nivolumab", "will discuss surgery with you": the care team raises it
    r"|\b(?:mentions?|discuss(?:es)?)\b"
    # "some trials look specifically for people whose cancer ...": a trial open to the patient
    r"|\blook(?:s|ing)?\s+(?:\w+ly\s+)?for\s+(?:people|patients)\b"
    # "the usual first treatment is ...", "surgery may then be possible": the treatment named as the first
    # one, or as possible
    r"|\b(?:first|main|usual|standard|initial|preferred)(?:[- ]line)?\s+(?:treatment|therapy)\s+(?:is|are|will be)\b"
    r"|\b(?:be|become|becomes|is|are)\s+(?:\w+\s+)?possible\b"
    # "surgery is needed first", "an operation might follow": the treatment is one the patient has, or next
    r"|\b(?:is|are|be)\s+(?:\w+\s+)?(?:needed|required)\b|\b(?:may|might|could|will|can)\s+(?:then\s+)?follow\b",
    re.IGNORECASE,
)
# "X is the best way to shrink the tumours": the choice of a treatment (a use), not what it is.
BEST_WAY = re.compile(r"\b(?:best|usual|main) way to\b", re.IGNORECASE)
# "may raise your dose of imatinib", "removing the lymph nodes": a treatment named by doing it is its use.
DONE_AS_VERB = re.compile(r"(?:rais|increas|upp|remov|resect|destroy|switch)\w*\b", re.IGNORECASE)
# A how-often word with the treatment noun it qualifies a few words on ("usually the first treatment").
USAGE_NOUN = re.compile(r"\W+(?:\w+\W+){0,3}?(?:treatments?|therap(?:y|ies)|options?|choices?)\b", re.IGNORECASE)
# Words that say a treatment does good: a use where the sentence names no outcome, the outcome's verb where
# it does ("Sunitinib helps some patients, usually by slowing the growth").
# "may respond to a higher dose" is a benefit too; "works by blocking", "work differently from" say how a
# treatment acts, not that it does good.
BENEFIT_WORDS = re.compile(
    r"\b(?:helpful|useful|effective|helps?|works?(?!\s+(?:differently|by|through|like)\b)|respond(?:s|ed|ing)?"
    r"|eas(?:e|es|ing)|reliev(?:e|es|ing)|(?:much|any|some) good|do(?:es)? good)\b",
    re.IGNORECASE,
)
# "X can help people live longer": the treatment helps, so it is used, as well as the outcome it gives.
HELPS = re.compile(r"\b(?:can|may|will|could|might|does|do)\s+help\b", re.IGNORECASE)
# "might not want to be treated at all", "decide not to have any more treatment": the patient chooses no
# treatment (the ontology's no_treatment) where the sentence names none.
DECLINED = re.compile(
    r"(?:\bnot\s+(?:want|wish)\w*|\b(?:want|decide|choose|opt|prefer)\w*\s+not)\s+to\s+"
    r"(?:have|be|get|receive|start)\b[^,;:]*?\btreat\w*|\b(?:declin|refus)\w*\s+(?:\w+\s+){0,2}?treatment",
    re.IGNORECASE,
)
NO_TREATMENT = "no_treatment"
# No treatment is a patient's choice ("choosing no treatment"): named where nobody chooses, it is not drafted.
CHOICE = re.compile(r"\b(?:choos|chose|decid|opt(?:s|ed|ing)?\b|prefer|want|wish|would rather)", re.IGNORECASE)
# "How helpful these drugs are is still not known": a benefit doubted where no use is stated is an outcome
# the source leaves unproven; naming none, it is the ontology's outcome "unspecified by the source".
UNSPECIFIED_OUTCOME = "improved_patient_outcomes"
# The ontology's "other targeted drugs being studied" (targeted drugs a source says are studied or tested
# without naming them): in a statement of research, the class named as more of it ("other targeted drugs",
# "further targeted therapy drugs") is that entity, not the class itself nor the named other targeted drugs.
UNNAMED_STUDIED = "unnamed_targeted_drugs_under_study"
STUDIED_CLASSES = frozenset({"targeted_therapy", "other_targeted_drugs"})
MORE_OF = re.compile(r"\b(?:other|further|more|newer|new|several)\s+(?:\w+\s+)?$", re.IGNORECASE)
# "Surgery ... to control bleeding", "an operation can relieve a blockage": a treatment given to control a
# symptom or complication is its palliative form where the ontology has one ("palliative surgery: surgery to
# control symptoms or complications, such as bleeding or obstruction, rather than to cure"); medicines named
# only as medicines are then supportive care ("care given to relieve symptoms").
PALLIATES = re.compile(
    r"\b(?:(?:control|stop|reliev|eas|prevent|manag|unblock|bypass|address)\w*|help(?:s|ing)? with|deal with)"
    r"\s+(?:\w+\W+){0,4}?$",
    re.IGNORECASE,
)
SYMPTOM_FORMS = {"drug_therapy": "supportive_care"}
# Surgery on a cancer that has come back is the ontology's "removal of recurrent tumours" ("surgery to remove
# tumours that have come back after treatment").
STATE_FORMS = {("surgery", "recurrent"): "recurrence_resection"}
# "medicines" said of no medicine in particular ("access to medicines still being developed"): a word for
# any, which no statement is about unless it is for symptoms (supportive care, above).
ANY_MEDICINE = frozenset({"drug_therapy"})
# "can affect how the heart works": the working of a part of the body, not of the treatment.
BODY_WORKING = re.compile(r"\bhow (?:the|your|a|an) \w+(?: \w+)? works?\b", re.IGNORECASE)
CONDITION_LEAD = re.compile(r"\b(?:if|when|unless|with|who have|whose)\b", re.IGNORECASE)
# "to help relieve symptoms", "in order to live longer": an outcome a use serves is its purpose.
PURPOSE_LEAD = re.compile(r"\b(?:to|in order to|aims? to|for)\s+(?:\w+\s+){0,3}$", re.IGNORECASE)
# "Ablation is the destruction of tumors ...", "Complementary methods refer to ...", "the goal of X is to":
# "Clinical trials are one way to ...", "- **Cryosurgery**, which destroys a tumor by freezing it", "the
# term chemo is used to describe ...", "trials are used to test new drugs" (research, not care): a
# sentence that defines its treatment says what it is, not how it is used; a line ending in a colon
# introduces the list that says it.
DEFINITION = re.compile(
    r"^\W*(?:\w+\W+){0,3}?(?:(?:is|are)\s+(?:\w+ly\s+)?(?:a|an|the|one)\b"
    # "Surgery is an option", "Targeted drugs are a great help": what it is to the patient, not a definition
    r"(?!\s+(?:\w+\s+)?(?:options?|choices?|help|(?:treatments?|therap(?:y|ies))\s+(?:used|given|offered|of choice))\b)"
    r"|refers? to\b|means\b)"
    r"|^\W*[-*•]?\s*\*\*[^*]+\*\*\s*(?:\([^)]*\))?\s*(?:,\s*(?:where|which|in which)\b|:)"
    r"|\bused to (?:describe|develop|determine|test|study|compare|find out)\b|\bthe term\b|\bthe (?:goal|aim|purpose|point) of\b|:\W*$"
    # "new treatments are developed through clinical trials": how treatments come about is research
    r"|\b(?:is|are)\s+(?:\w+\s+)?(?:developed|discovered|tested|studied|found)\s+(?:through|in|by)\s+(?:\w+\s+)?(?:trials?|studies|research)\b"
    # "can be considered refractory", "is called ...", not "may be considered to manage symptoms"
    r"|\b(?:be|is|are) (?:considered(?!\s+(?:for|to (?!be\b)))|called|known as)\b"
    # "Clinical trials are research studies that ...": a plural defined by its kind
    r"|^\W*(?:\w+\W+){0,3}?are\s+(?:\w+\s+){0,2}?\w+s\s+(?:that|which|who|where|in which)\b",
    re.IGNORECASE,
)
# A sentence that says how a treatment is given or done (by mouth, into a vein or the tumour, through or
# under the skin, by inserting or threading something) describes it: a curator records a description, not
# a statement of its use.
MANNER = re.compile(
    r"\b(?:by mouth|orally|intravenously|(?:injected|infused|inserted|threaded|put) (?:\w+ )?into\b|"
    r"(?:through|under) the skin|by (?:inserting|injecting|threading|placing|freezing|heating)\b|"
    # as a drip or tablets, every three weeks, twice a day: the form and schedule it is given in
    r"as (?:an? )?(?:drip|injection|infusion|tablets?|capsules?|pills?)\b|"
    r"(?:every|each) (?:\d+|two|three|four|few|other) (?:days?|weeks?|months?)\b|(?:once|twice) a (?:day|week)\b|"
    # "Immunotherapy drugs use the immune system", "help your immune system find the cancer": what the
    # treatment itself uses, or the body's defence it works through, is how it acts
    r"\b(?:drugs?|medicines?|treatments?|therap(?:y|ies))\s+uses?\b|"
    r"\b(?:helps?|boosts?|trains?|strengthens?|harness\w*)\s+(?:the\s+|your\s+)?(?:own\s+|body'?s?\s+)?immune system\b|"
    # "targeted drugs act on particular things in or around cancer cells"
    r"\b(?:acts?|acting)\s+(?:on|against|upon)\b|"
    # "Ablation destroys tumours using heat", "Radiotherapy kills cancer cells with x-rays": the treatment,
    # as the subject, and what it does to the cells, in the present
    r"^\W*(?:\w+\W+){0,2}?(?:destroys|kills|attacks|starves|freezes|burns)\b|"
    # "should be carried out by a surgeon who has experience": who does it
    r"\b(?:done|carried out|performed)\s+by\s+(?:a|an|the|your)\s+(?:\w+\s+)?"
    r"(?:surgeons?|specialists?|doctors?|teams?|oncologists?|radiologists?)\b)",
    re.IGNORECASE,
)


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
    """Every draft of a text, its boilerplate, every proposed entity and, for a text file, its source entry."""

    source: str
    drafts: list[Draft]
    proposals: list[Proposal]
    boilerplate: list[Boilerplate] = field(default_factory=list)
    source_entry: dict[str, Any] | None = None

    def as_document(self) -> dict[str, Any]:
        document: dict[str, Any] = {"source": self.source}
        if self.source_entry is not None:
            document["source_entry"] = self.source_entry
        document["facts"] = [d.as_entry() for d in self.drafts]
        if self.boilerplate:
            document["non_medical"] = [
                {
                    "id": f"{self.source}-non-medical-{n}",
                    "status": "draft",
                    "quote": b.text,
                    "at": [b.start, b.end],
                    "reason": b.reason,
                }
                for n, b in enumerate(self.boilerplate, 1)
            ]
        if self.proposals:
            document["proposed_entities"] = [
                {"text": p.text, "at": [p.start, p.end], "suggested_class": p.suggested_class, "why": p.why}
                for p in self.proposals
            ]
        return document


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
    reader: CueReader,
    status: str | None = None,
) -> dict[str, Any]:
    """A TreatmentStatement (no outcomes given) or an OutcomeStatement node for one treatment of the
    sentence, its status read where the outcome is named unless `status` gives it."""
    node: dict[str, Any] = {"a": "OutcomeStatement" if outcomes else "TreatmentStatement", "aboutTreatment": treatment}
    if outcomes:
        node["hasOutcome"] = _one_or_all(outcomes)
        if status is None:
            at = min(m.start for m in mentions if m.entity in outcomes) - s.start
            status = reader.outcome_status(reading, s.text, at)
        node["outcomeStatus"] = status
    else:
        node["stance"] = reading.stance
    for key, name in (("disease", "forDisease"), ("state", "inDiseaseState")):
        if values.get(key):
            node[name] = _one_or_all(values[key])
    usage = distinct(mentions, "usage")
    if usage and not outcomes:
        node["usageFrequency"] = usage[0]
    purposes = [m.entity for m in mentions if m.group == "outcome" and PURPOSE_LEAD.search(s.text[: m.start - s.start])]
    if purposes and not outcomes:
        node["forPurpose"] = _one_or_all(list(dict.fromkeys(purposes)))
    lead = CONDITION_LEAD.search(s.text)
    conditions = [m.entity for m in mentions if m.group == "finding" and lead and m.start - s.start > lead.start()]
    if conditions:
        node["hasCondition"] = _one_or_all(conditions)
    return node


def _one_or_all(values: list[str]) -> str | list[str]:
    return values[0] if len(values) == 1 else values


def _sentence_drafts(
    s: Sentence, mentions: list[Mention], scope: Scope, reader: CueReader, context: Context
) -> tuple[list[Draft], list[str]]:
    """Every draft one sentence gives (ids are set by the caller), and the treatments it speaks of."""
    reading = reader.read(s.text)
    treatments = treatments_of(s, mentions, reading, context)
    if not treatments and DECLINED.search(without_circumstances(s)):  # a patient's choice of no treatment
        treatments, reading = [NO_TREATMENT], replace(reading, stance="patient_choice")
    elif treatments == [NO_TREATMENT] and CHOICE.search(s.text):  # "some decide on stopping treatment"
        reading = replace(reading, stance="patient_choice")
    elif NO_TREATMENT in treatments and not CHOICE.search(s.text):  # "side effects can stop treatment": no choice
        treatments = [t for t in treatments if t != NO_TREATMENT]
    if reading.stance == "under_study":
        treatments = _unnamed_studied(s, mentions, treatments)
    values, origin = scope.of(mentions, s.text)
    cues = [f"{category} {text!r}" for category, text in reading.cues]
    drafts = [
        Draft("", s, reading.certainty, 0.6, cues, triples=r.triples, qualifiers=r.qualifiers)
        for r in relations(s.text, treatments, mentions)
    ]
    team = care_team(s.text, mentions, values.get("disease", []))
    if team is not None:
        drafts.append(Draft("", s, reading.certainty, 0.6, cues, triples=team.triples))
    # a question asks what the text then answers: it states nothing itself
    asks = s.text.rstrip(" *_)").endswith("?")
    if not treatments or not values.get("disease") or CAUTION_WORDS.search(s.text) or asks:
        return drafts, treatments
    confidence = _confidence(reading, origin, len(treatments))
    # "usually the first treatment": how often it is the treatment (not "can often shrink the tumor", nor
    # "the drugs ... that are now commonly used", where the how-often word is far from the noun)
    usage = any(m.group == "usage" and USAGE_NOUN.match(f" {m.text}{s.text[m.end - s.start :]}") for m in mentions)
    defines = (DEFINITION.search(s.text) or MANNER.search(s.text)) and not usage and not BEST_WAY.search(s.text)
    outcomes = distinct(outside_circumstances(s, mentions), "outcome")
    benefit = BENEFIT_WORDS.search(BODY_WORKING.sub("", s.text)) and (not outcomes or HELPS.search(s.text))
    stated = USE_WORDS.search(without_circumstances(s, doubts=True)) or any(
        m.group == "treatment" and DONE_AS_VERB.match(m.text) and m in outside_circumstances(s, mentions)
        for m in mentions
    )
    uses = stated or BEST_WAY.search(s.text) or benefit or usage or reading.stance != "option"
    kinds: list[list[str]] = [[]] if uses and not defines else []
    kinds += [outcomes] if outcomes else []
    status = None
    if kinds == [[]] and benefit and not (stated or usage) and reading.categories & UNCLEAR_CATEGORIES:
        # only a benefit, and doubted ("how well these work is still uncertain"): where a use is stated,
        # the doubt is that use's certainty
        kinds, status = [[UNSPECIFIED_OUTCOME]], "benefit_unproven"
    for outcomes in kinds:
        for treatment in treatments:
            node = _statement(treatment, outcomes, mentions, values, reading, s, reader, status)
            drafts.append(Draft("", s, reading.certainty, confidence, cues, node=node, scope_from=origin))
    return drafts, treatments


def _unnamed_studied(s: Sentence, mentions: list[Mention], treatments: list[str]) -> list[str]:
    """The treatments of a research statement, a class named as more of it read as the unnamed drugs
    being studied (the ontology keeps them apart from the class and from the named ones).

    The class's own name may say "other"; else a word before it does."""
    more = {
        m.entity
        for m in mentions
        if m.entity in STUDIED_CLASSES
        and (m.entity == "other_targeted_drugs" or MORE_OF.search(s.text[: m.start - s.start]))
    }
    return list(dict.fromkeys(UNNAMED_STUDIED if t in more else t for t in treatments))


POSITIVE = frozenset({"option", "benefit_shown"})


def _units(sentence: Sentence, reader: CueReader) -> list[Sentence]:
    """What is drafted as one: the sentence, or its contrasted clauses where their cues give opposite
    stances ("X is helpful, while Y is not"): each clause is then its own quote, so each treatment takes
    its own clause's stance and the guard reads the words that decided it. A concession that only
    doubts ("..., although it is not clear how well it works") stays with its clause, whose certainty
    it sets."""
    clauses = contrast_clauses(sentence)
    sides = {reader.read(c.text).stance in POSITIVE for c in clauses}
    return clauses if len(sides) > 1 else [sentence]


def draft_text(text: str, source_id: str, table: NameTable, reader: CueReader) -> DraftSet:
    """Draft every sentence of a text; each quote is checked at its offsets before it is kept."""
    scope = Scope()
    drafts: list[Draft] = []
    proposals: list[Proposal] = []
    context = Context()
    sentences = split(text)
    boilerplate = boilerplate_of(text, sentences)
    for sentence in sentences:
        if not sentence.heading and any(b.start <= sentence.start < b.end for b in boilerplate):
            continue
        mentions = find(table, text, sentence.start, sentence.end)
        if sentence.heading:
            scope.heading(mentions, (sentence.start, sentence.end))
            context = Context(distinct(mentions, "treatment"))
            continue
        if sentence.navigation:
            continue
        scope.opening(mentions, (sentence.start, sentence.end))
        proposals += propose(text, sentence.start, sentence.end, mentions, table.vocabulary)
        line = text.count("\n", 0, sentence.start)
        if line != context.line:
            context.paragraph, context.line = [], line
        for unit in _units(sentence, reader):
            inside = [m for m in mentions if unit.start <= m.start < unit.end]
            found, spoken = _sentence_drafts(unit, inside, scope, reader, context)
            context.spoke_of(unit, spoken, inside)
            for draft in found:
                _specific_form(draft, inside, table)
                if draft.node is not None and draft.node["aboutTreatment"] in ANY_MEDICINE:
                    continue
                if not verify(text, unit.text, unit.start, unit.end):
                    raise OncoKGError(f"internal: the quote at {unit.start} is not the text's")
                draft.id = f"{source_id}-draft-{len(drafts) + 1}"
                drafts.append(draft)
    return DraftSet(
        source_id, drafts, proposals, boilerplate, _source_entry(text, source_id, sentences, scope, boilerplate)
    )


def _specific_form(draft: Draft, mentions: list[Mention], table: NameTable) -> None:
    """The ontology's more specific form of a drafted treatment, where its definition says the sentence
    speaks of it: given to control a symptom or complication (a finding or effect after a verb of relief),
    its palliative form; in a state with a form of its own (`STATE_FORMS`), that form."""
    node, s = draft.node, draft.sentence
    if node is None:
        return
    treatment = node["aboutTreatment"]
    palliative = SYMPTOM_FORMS.get(treatment, f"palliative_{treatment}")
    relieves = any(m.group in ("finding", "effect") and PALLIATES.search(s.text[: m.start - s.start]) for m in mentions)
    if palliative in table.groups and relieves:
        node["aboutTreatment"] = palliative
        return
    states = node.get("inDiseaseState") or []
    states = [states] if isinstance(states, str) else states
    forms = [STATE_FORMS[treatment, state] for state in states if (treatment, state) in STATE_FORMS]
    if forms:
        node["aboutTreatment"] = forms[-1]


def _source_entry(
    text: str, source_id: str, sentences: list[Sentence], scope: Scope, boilerplate: list[Boilerplate]
) -> dict[str, Any]:
    """The draft of the text's sources.yaml entry (its file named by the caller), and where each value was read."""
    found = metadata.read(text, sentences)
    reasons = list(dict.fromkeys(b.reason for b in boilerplate))
    return {
        "status": "draft",
        "entry": metadata.entry(source_id, f"{source_id}.txt", found, scope.document_scope(text), reasons),
        "read_from": metadata.read_from(found),
    }


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
    drafts = draft_text(text, source_id, NameTable.load(index_file), CueReader(facts_dir.parent / RULES_FILE))
    if drafts.source_entry is not None:  # accepting the entry copies the text, checked unchanged, beside the others
        drafts.source_entry["entry"]["file"] = text_file.name
        drafts.source_entry["text"] = str(text_file)  # as given: accept reads it from the same place
        drafts.source_entry["sha256"] = hashlib.sha256(text_file.read_bytes()).hexdigest()
    return drafts


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

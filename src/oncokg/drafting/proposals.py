"""Words that look like a drug, a treatment, a finding or an effect the graph does not know: proposed,
never added.

A drug's international nonproprietary name ends in its class's stem (WHO INN / USAN stems:
-tinib a tyrosine kinase inhibitor, -mab a monoclonal antibody, -platin a platinum compound...).
Beyond drugs, a noun phrase is read by its head, its last word: medicine's word endings and head
nouns say what kind of thing it names (an "-ectomy" or a "surgery" is a procedure, a "-therapy" a
modality, an "-itis", "-emia", "-algia", a "pain", "rash" or "syndrome" a finding, a "scan" or a
"-scopy" a test). No English model ships with the project, so the phrase is found by rule on spaCy's
tokens: the head and the words between it and a determiner, else the modifiers just before it (an
acronym, a word shaped like an adjective, or a word of a name the graph knows). A finding is proposed as an adverse effect where the sentence speaks
of side effects, else as a clinical finding.
"""

import re
from dataclasses import dataclass

from oncokg.drafting.mentions import Mention
from oncokg.drafting.relations import EFFECT_WORDS
from oncokg.drafting.sentences import pipeline
from oncokg.query import terms

# INN stems and the class they suggest (WHO "The use of stems in the selection of INN").
STEMS = (
    ("inib", "TargetedTherapyDrug"),
    ("ciclib", "TargetedTherapyDrug"),
    ("parib", "TargetedTherapyDrug"),
    ("lisib", "TargetedTherapyDrug"),
    ("zomib", "TargetedTherapyDrug"),
    ("mab", "Drug"),
    ("platin", "ChemotherapyDrug"),
    ("taxel", "ChemotherapyDrug"),
    ("rubicin", "ChemotherapyDrug"),
    ("citabine", "ChemotherapyDrug"),
)
_STEM = re.compile(rf"\b[A-Za-z][a-z]{{3,}}(?:{'|'.join(s for s, _ in STEMS)})\b")

# Heads of a noun phrase and what they name. A pattern of a bare noun ("pain", "surgery") names the kind
# only: the phrase needs a modifier ("nerve pain"), the bare word is the graph's or says nothing new.
FINDING = "finding"  # an adverse effect or a clinical finding, by the sentence
HEADS = (
    (re.compile(r"\w+(?:ectomy|ectomies|otomy|ostomy|plasty)"), "SurgicalProcedure", "a surgical word ending"),
    (re.compile(r"surger(?:y|ies)|operations?|transplants?|transplantation"), "SurgicalProcedure", "head noun"),
    (re.compile(r"\w*therap(?:y|ies)"), "TreatmentModality", "a therapy"),
    (re.compile(r"\w+(?:itis|a?emia|algia|penia|pathy)"), FINDING, "a clinical word ending"),
    (re.compile(r"\w+(?<!diagn)(?<!progn)osis"), FINDING, "a clinical word ending"),
    (re.compile(r"syndromes?|pain|aches?|rash(?:es)?|swelling|numbness|tingling|cramps?"), FINDING, "head noun"),
    (re.compile(r"\w*scop(?:y|ies)|\w+graphy|scans?|biops(?:y|ies)"), "DiagnosticProcedure", "a test"),
)
# The plain words of the heads above: alone they name nothing new.
BARE = re.compile(
    r"surger(?:y|ies)|operations?|transplants?|transplantation|therap(?:y|ies)|syndromes?|pain|aches?|"
    r"rash(?:es)?|swelling|numbness|tingling|cramps?|scans?|biops(?:y|ies)",
    re.IGNORECASE,
)
ADJECTIVE = re.compile(r"\w{3,}(?:al|ic|ous|ive|ary|ar|ory|ent|ant|ible|able|ful|less|oid)", re.IGNORECASE)
_MODIFIERS = 2  # words before the head read as its modifiers
DETERMINERS = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "your",
        "their",
        "his",
        "her",
        "its",
        "our",
        "my",
        "any",
        "no",
        "each",
        "every",
    ]
)
VERB_LEADS = frozenset(["can", "could", "may", "might", "must", "shall", "should", "will", "would", "to"])
# Adjectives that say which or when, not what kind ("new therapies", "standard therapy", "further
# surgery"): they classify nothing, so they are no modifier of a name.
GENERIC = frozenset(
    [
        "new",
        "newer",
        "standard",
        "usual",
        "general",
        "other",
        "further",
        "subsequent",
        "current",
        "previous",
        "first",
        "second",
        "third",
        "next",
        "main",
        "more",
        "most",
        "many",
        "several",
        "different",
        "additional",
        "possible",
        "available",
        "certain",
        "same",
        "similar",
    ]
)


@dataclass(frozen=True)
class Proposal:
    """An unknown name at [start, end) of the text and the class the curator might give it."""

    start: int
    end: int
    text: str
    suggested_class: str
    why: str


def propose(
    text: str, start: int, end: int, mentions: list[Mention], vocabulary: frozenset[str] = frozenset()
) -> list[Proposal]:
    """The unknown drug-, treatment-, finding- or effect-like names in text[start:end] that no mention
    covers; `vocabulary` is the folded words of the graph's names (modifiers the graph already uses)."""

    def known(a: int, b: int) -> bool:
        return any(m.start < b and a < m.end for m in mentions)

    found = []
    for match in _STEM.finditer(text, start, end):
        if not known(match.start(), match.end()):
            stem, cls = next((s, c) for s, c in STEMS if match.group().casefold().endswith(s))
            found.append(Proposal(match.start(), match.end(), match.group(), cls, f"the name ends in the stem -{stem}"))
    effects = bool(EFFECT_WORDS.search(text, start, end))
    for a, b, cls, why in noun_phrases(text[start:end], vocabulary):
        a, b = a + start, b + start
        if not known(a, b) and not any(p.start < b and a < p.end for p in found):
            if cls == FINDING:
                cls = "AdverseEffect" if effects else "ClinicalFinding"
            found.append(Proposal(a, b, text[a:b], cls, f"its head is {why}"))
    return sorted(found, key=lambda p: p.start)


def noun_phrases(text: str, vocabulary: frozenset[str]) -> list[tuple[int, int, str, str]]:
    """Each phrase of the text whose head (a word not followed by another word of the phrase) is one of
    HEADS: its [start, end), the class the head suggests and why."""
    tokens = list(pipeline().make_doc(text))
    found = []
    for n, token in enumerate(tokens):
        head = next(((cls, why) for pattern, cls, why in HEADS if pattern.fullmatch(token.lower_)), None)
        if head is None or (n + 1 < len(tokens) and _modifies(tokens[n + 1], vocabulary, head_like=True)):
            continue
        first = _first_word(tokens, n, vocabulary)
        if first == n and BARE.fullmatch(token.text):
            continue
        found.append((tokens[first].idx, token.idx + len(token.text), *head))
    return found


def _first_word(tokens: list, n: int, vocabulary: frozenset[str]) -> int:
    """Where the phrase headed by tokens[n] starts: every word between a determiner and its head is a
    modifier ("a stem cell transplant"); with no determiner, the words before the head that look like
    modifiers, but not the word after a modal or "to", which is a verb ("can cause colitis")."""
    words = n
    while words > 0 and n - words < _MODIFIERS and tokens[words - 1].is_alpha and not tokens[words - 1].is_stop:
        words -= 1
    if words > 0 and words < n and tokens[words - 1].lower_ in DETERMINERS:
        while words < n and tokens[words].lower_ in GENERIC:
            words += 1
        return words
    first = n
    while first > 0 and n - first < _MODIFIERS and _modifies(tokens[first - 1], vocabulary):
        first -= 1
    if first > 0 and first < n and tokens[first - 1].lower_ in VERB_LEADS:
        first += 1
    return first


def _modifies(token, vocabulary: frozenset[str], head_like: bool = False) -> bool:
    """Whether a token can stand inside a noun phrase before a head: an acronym ("CT"), an adjective's
    shape ("skeletal"), a word of a known name ("bone"); a head followed by a noun ("therapy drugs")
    is no head."""
    if not token.is_alpha or token.is_stop or token.lower_ in GENERIC:
        return False
    if head_like:
        return terms.fold(token.text) in vocabulary and not ADJECTIVE.fullmatch(token.text)
    return token.text.isupper() or bool(ADJECTIVE.fullmatch(token.text)) or terms.fold(token.text) in vocabulary

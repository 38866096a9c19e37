"""Which treatments a sentence speaks of: not a circumstance, a companion, a class's introduction or a
word of a cue; "it" and "this drug" carry the treatment before, and a paragraph's treatment carries to
its outcome sentences that name none.
"""

import re
from dataclasses import dataclass, field
from itertools import pairwise

from oncokg.drafting.cues import Reading
from oncokg.drafting.mentions import Mention
from oncokg.drafting.relations import distinct
from oncokg.drafting.sentences import Sentence

# "a targeted therapy drug called trastuzumab": the class names the category of the member it introduces;
# so does a class in apposition, right before its member ("the chemo drug cisplatin").
MEMBER_LEAD = re.compile(r"^\W*(?:drugs?|medicines?|treatments?)?\W*(?:called|named)\b|^[\s\[\]()#]*$", re.IGNORECASE)
# "other targeted drugs, such as sorafenib (Nexavar), dasatinib ...": the members are the class's examples;
# the sentence speaks of the class and of each example (a curator keeps one or the other).
EXAMPLE_LEAD = re.compile(
    r"^\W*(?:drugs?|medicines?|treatments?)?\W*(?:such as|like|including|for example|e\.g\.)\W*$", re.IGNORECASE
)
# Between two examples of a list: commas, "or", "and", a brand name in brackets.
LIST_GAP = re.compile(r"^(?:\s*\([^)]*\))?\s*(?:,|\bor\b|\band\b)+\s*$", re.IGNORECASE)
# "regorafenib ... if imatinib and sunitinib stop working", "imatinib after surgery": a treatment named in a
# condition or reason clause ("since", "because") or as what came before is the circumstance, not what the
# sentence speaks of.
# "too far to be removed by surgery", "easier to remove with surgery", "harder to remove": the removal is
# what the tumour allows, not a use of surgery. The "if" of a doubt ("not clear if it helps") is what is doubted, no circumstance.
# "a nurse, who gives the chemo": a relative clause set off after a person says who they are ("people who
# take it" is no such clause); "information about
# surgery", "up to date on trials", "ask your doctor about trials" name a topic; "after your radiotherapy" is what came before, its determiner included.
CIRCUMSTANCE = re.compile(
    # a condition ends at a comma, or, unmarked, where the main clause's "you will", "doctors may" begins
    r"\b(?<!clear )(?<!certain )(?<!sure )(?<!known )(?:if|when|once|unless|since|because)\b"
    r"(?:[^,;:](?!\b(?:you|we|doctors|your (?:doctor|team|specialist))\s+(?:will|may|might|can|could|should)\b))*"
    r"|,\s*who\b[^,;:]*"
    r"|\b(?:after|before|following)\W+(?:(?:your|the|a|an|their|this|that|any)\W+)?\w"
    r"|\b(?:information|advice|leaflets?|questions?|up to date|informed|updates?)\s+(?:on|about)\b[^,;:]*"
    r"|\b(?:talk|speak|ask)\w*\s+(?:(?:to|with)\s+)?(?:\w+\s+){0,2}about\b[^,;:]*"
    r"|\bno longer (?:respond\w*|responsive) to\b[^,;:]*"
    r"|\b(?:remov\w*|resect\w*)\s+(?:\w+\s+)?(?:by|with|through)\s+\w"
    r"|\b(?:without|instead of|rather than|than(?: from)?|differ\w* from|during|mak(?:e|es|ing))\W+(?:\w+\W+)?\w"
    r"|\b(?:easier|harder|more difficult|too \w+) to (?:be )?\w+(?:\s+(?:by|with|through)\s+\w)?"
    # "an option for people who cannot take imatinib": a treatment they cannot have is not the one spoken of
    r"|\bwho\s+(?:cannot|can't|could not|couldn't|are unable to|do not|don't)\s+(?:take|tolerate|have)\b[^,;:]*",
    re.IGNORECASE,
)
# "It ...", "This drug ...": the sentence speaks of the treatment the previous one did ("It is intended
# to ..." speaks of no treatment).
# "It is used to ..." is the treatment, where "It is important to ..." is no one's; "these drugs" anywhere
# are the ones named before, and so is the "it" a use verb takes ("keep giving it").
# The words a sentence may open with before its subject ("But for now it ...", "Even so, they ...").
_OPENING = (
    r"^\W*(?:(?:but|and|so|also|however|though|still|now|instead|sometimes|often|usually|then|currently|today"
    r"|for now|at (?:the moment|present)|even so|even then)\W+)*"
)
ANAPHORA = re.compile(
    _OPENING + r"(?:it|this(?=\s+(?:can|may|might|will|could|helps?|works?)\b"
    r"|\s+(?:is|was)\s+(?:\w+ly\s+)?(?:considered|used|given|offered|recommended|suggested|tried|advised)\b)|(?:this|these|the)\s+(?:drugs?|medicines?)|this\s+treatment)\b"
    r"(?!\s+(?:is|was|'s)\s+(?!used|given|offered|taken)\w+\s+(?:to|that|if)\b)"
    r"|\b(?:this|the)\s+(?:drug|medicine)\b|\b(?:these|those)\s+(?:drugs|medicines|treatments)\b"
    r"|\b(?:giv|tak|stop|keep|continu|start|offer|receiv)\w*\s+it\b|\b(?:have|get)\s+it\b"
    r"|\b(?:carr\w*|go\w*|stay\w*)\s+on\s+(?:with\s+)?it\b"
    # "at least 3 years of it", "a higher dose of it": how much of the treatment named before
    r"|\b(?:years?|months?|weeks?|days?|courses?|doses?)\s+of\s+it\b",
    re.IGNORECASE,
)
# "are testing new drugs in clinical trials": where the drugs are studied.
SETTING_LEAD = re.compile(r"\bin\s+(?:a\s+|the\s+)?$", re.IGNORECASE)
# "trastuzumab is given with chemotherapy": the second treatment is the first one's companion.
# "in combination with other treatments such as radiation, surgery": each of those is a companion too.
COMPANION_LEAD = re.compile(
    r"\b(?:with|plus|alongside|in conjunction with|together with)"
    r"(?:\s+other\s+\w+\W+(?:such as|like|including)(?:\s+(?:a|an|the))?)?\W*$",
    re.IGNORECASE,
)


def spoken_of(s: Sentence, mentions: list[Mention], reading: Reading) -> list[str]:
    """The treatments a sentence speaks of: not a class that introduces its member, not a class's
    examples, not a companion given with another, not a treatment that is part of a cue ("as part of a
    clinical trial") or where another is studied ("testing new drugs in clinical trials"), not one named as
    a circumstance."""
    # a treatment inside a cue's words ("as part of a clinical trial"), not the word a cue's pattern starts
    # on ("immunotherapy as part of a clinical trial")
    cue_words = " ".join(t.casefold().split(None, 1)[-1] for _, t in reading.cues)
    treatments = [m for m in outside_circumstances(s, mentions) if m.group == "treatment"]
    kept: list[str] = []
    listing = companion = False
    for n, m in enumerate(treatments):
        before = s.text[treatments[n - 1].end - s.start : m.start - s.start] if n else ""
        listing = n > 0 and (bool(EXAMPLE_LEAD.match(before)) or (listing and bool(LIST_GAP.match(before))))
        later = treatments[n + 1] if n + 1 < len(treatments) else None
        if later is not None and MEMBER_LEAD.match(s.text[m.end - s.start : later.start - s.start]):
            continue
        companion = (n > 0 or _carried_before(s, m)) and (
            (bool(COMPANION_LEAD.search(before or s.text[: m.start - s.start])) and not listing)
            or (companion and bool(LIST_GAP.match(before)))
        )
        if companion:
            continue
        if " ".join(m.text.split()).casefold() in cue_words or (
            n > 0 and reading.stance == "under_study" and SETTING_LEAD.search(before)
        ):
            continue
        if m.entity not in kept:
            kept.append(m.entity)
    return kept


def _carried_before(s: Sentence, m: Mention) -> bool:
    """Does an "it" or "this drug" come before the sentence's first treatment ("It is often combined
    with chemotherapy"): then a companion word before that treatment joins it to the one carried."""
    return bool(ANAPHORA.search(s.text[: m.start - s.start]))


# "when treated with imatinib": the treatment of a circumstance clause that is the treatment itself.
_TREATED_WITH = re.compile(r"\b(?:treated|treatment) with\s+(?:\w+\s+){0,2}$", re.IGNORECASE)


# "not known whether an operation to remove them helps": what is doubted, not a use the sentence states.
DOUBTED = re.compile(r"\b(?:whether|(?<=clear )if|(?<=sure )if|(?<=known )if|(?<=certain )if)\b[^,;:]*", re.IGNORECASE)


def without_circumstances(s: Sentence, doubts: bool = False) -> str:
    """The sentence with its circumstance clauses (and with `doubts` what it doubts) blanked: a use word
    there ("when treated with ...", "if it is given after ...", "whether removing it helps") is not a use
    the sentence states."""
    text = CIRCUMSTANCE.sub(lambda c: " " * len(c.group()), s.text)
    return DOUBTED.sub(lambda c: " " * len(c.group()), text) if doubts else text


def outside_circumstances(s: Sentence, mentions: list[Mention]) -> list[Mention]:
    """The mentions outside the sentence's circumstance clauses ("If the tumor doesn't shrink enough, ...")."""
    spans = [(c.start() + s.start, c.end() + s.start) for c in CIRCUMSTANCE.finditer(s.text)]
    kept: list[Mention] = []
    previous: tuple[Mention, bool] | None = None
    for m in mentions:
        # a name that starts with a clause's lead word ("makes the tumours smaller") is no such clause
        outside = not any(a < m.start < b for a, b in spans) or bool(_TREATED_WITH.search(s.text[: m.start - s.start]))
        if previous is not None and _ALIAS.match(s.text[previous[0].end - s.start : m.start - s.start]):
            outside = previous[1] if previous[0].entity == m.entity else outside
        previous = (m, outside)
        if outside:
            kept.append(m)
    return kept


# "standard chemotherapy (chemo) drugs": a name in brackets just after another of the same entity is that
# name again, in the clause of the first.
_ALIAS = re.compile(r"^\W*\($")


# "They are not widely available", "Doctors may use them": the treatments before, where those were several
# ("nivolumab or pembrolizumab", "targeted drugs"); "they" as the subject, "them" as what is used.
PLURAL_ANAPHORA = re.compile(
    _OPENING + r"they\b"
    r"|\b(?:us(?:e|es|ed|ing)|giv\w*|offer\w*|tr(?:y|ies|ied|ying)|tak(?:e|es|ing)|have|get|prescrib\w*"
    r"|recommend\w*|suggest\w*)\s+them\b"
    # "How much they help is not yet clear": what is doubted of them
    r"|\b(?:how (?:much|well)|whether)\s+(?:good\s+)?(?:they|these|those)\b",
    re.IGNORECASE,
)


def treatments_of(s: Sentence, mentions: list[Mention], reading: Reading, context: "Context") -> list[str]:
    """What the sentence speaks of; else what "it", "this drug" (or, for several, "they") carry from
    before; else, for a sentence naming an outcome and no treatment, the treatment its paragraph speaks
    of ("Some other tumors shrink less")."""
    treatments = spoken_of(s, mentions, reading) if distinct(mentions, "treatment") else []
    carried = without_circumstances(s)
    if not treatments and context.several and (PLURAL_ANAPHORA.search(carried) or ANAPHORA.search(carried)):
        return context.previous
    if not treatments and ANAPHORA.search(carried):  # "it", "this drug": the one the sentence before spoke of
        return context.previous[:1]
    if not treatments and not distinct(mentions, "treatment") and distinct(mentions, "outcome"):
        return context.paragraph
    return treatments


# "nivolumab or pembrolizumab", "drugs such as sorafenib, nilotinib and dasatinib": treatments named as a list.
LIST_JOIN = re.compile(r"^(?:\W|\b(?:and|or|such as|like|including|drugs?|medicines?)\b)*$", re.IGNORECASE)
# "targeted drugs", "clinical trials", "immunotherapy drugs": a name in the plural, or followed by one.
PLURAL_NAME = re.compile(r"\S*[a-z]s\b|\S+\s+(?:drugs|medicines|treatments|therapies)\b", re.IGNORECASE)


@dataclass
class Context:
    """What earlier sentences leave for the next: the treatments last spoken of (a heading naming one
    sets it), and those of the current paragraph (a line of the text)."""

    previous: list[str] = field(default_factory=list)
    paragraph: list[str] = field(default_factory=list)
    line: int = -1
    several: bool = False  # the treatments last spoken of were named as several: "they" can carry them

    def spoke_of(self, s: Sentence, treatments: list[str], mentions: list[Mention]) -> None:
        """Sentence `s`, whose `mentions` these are, spoke of these treatments (none: what was carried stays)."""
        if treatments:
            named = [m for m in mentions if m.entity in treatments]
            gaps = [s.text[a.end - s.start : b.start - s.start] for a, b in pairwise(named)]
            self.previous = self.paragraph = treatments
            self.several = any(PLURAL_NAME.match(m.text + s.text[m.end - s.start :]) for m in named) or (
                len(treatments) > 1 and all(LIST_JOIN.match(gap) for gap in gaps)
            )

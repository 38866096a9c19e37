"""Facts a sentence gives as plain triples: adverse effects, targets, cautions and contraindications,
and the care team.

Each rule needs both the entities and the words that relate them: "side effects" beside an effect,
"targets" or "blocks" beside a protein, "not a good option" or "careful" beside a finding, "team" or
"doctors" beside a care-team role. A contraindication is only a firm "should not"; a hedged one is a
caution (the ontology's definition of `contraindicatedIn`).
"""

import re
from dataclasses import dataclass, field

from oncokg.drafting.mentions import Mention

EFFECT_WORDS = re.compile(r"\bside[- ]effects?\b|\badverse\b|\bcomplications?\b", re.IGNORECASE)
TARGET_WORDS = re.compile(r"\b(?:targets?|targeting|attach\w*|blocks?|blocking)\b", re.IGNORECASE)
CAUTION_WORDS = re.compile(
    r"\bnot (?:be )?(?:a )?good (?:option|choice)\b|\bcareful\w*\b|\bconcern\b|\bwith caution\b|\bnot (?:be )?suitable\b",
    re.IGNORECASE,
)
CONTRAINDICATION_WORDS = re.compile(
    r"\b(?:should|must|can)(?:not|n't| not) (?:be )?(?:used|given|have|take)\b", re.IGNORECASE
)
TEAM_WORDS = re.compile(r"\b(?:team|doctors|specialists|professionals|multidisciplinary)\b", re.IGNORECASE)
# How often or how bad a side effect is: qualifiers of the data/facts format.
QUALIFIER_GROUPS = ("frequency", "severity")


@dataclass
class Relation:
    """Triples of one sentence, with the qualifiers they share."""

    triples: list[list[str]]
    qualifiers: dict[str, str] = field(default_factory=dict)


def distinct(mentions: list[Mention], group: str) -> list[str]:
    """The entities of one group, in order of first mention."""
    seen: list[str] = []
    for m in mentions:
        if m.group == group and m.entity not in seen:
            seen.append(m.entity)
    return seen


def relations(text: str, treatments: list[str], mentions: list[Mention]) -> list[Relation]:
    """The triples a sentence about these treatments gives (its care team needs no treatment)."""
    found = []
    effects = distinct([m for m in mentions if not EFFECT_WORDS.fullmatch(m.text)], "effect")
    if treatments and effects and EFFECT_WORDS.search(text):
        qualifiers = {k: v[0] for k in QUALIFIER_GROUPS if (v := distinct(mentions, k))}
        found.append(Relation([[t, "hasAdverseEffect", e] for t in treatments for e in effects], qualifiers))
    targets = distinct(mentions, "target")
    if treatments and targets and TARGET_WORDS.search(text):
        found.append(Relation([[t, "targets", x] for t in treatments for x in targets]))
    findings = distinct(mentions, "finding")
    if treatments and findings:
        firm = CONTRAINDICATION_WORDS.search(text)
        if firm or CAUTION_WORDS.search(text):
            predicate = "contraindicatedIn" if firm else "cautionIn"
            found.append(Relation([[t, predicate, f] for t in treatments for f in findings]))
    return found


def care_team(text: str, mentions: list[Mention], diseases: list[str]) -> Relation | None:
    """A sentence naming care-team roles as members of a team: each role is a member for the disease."""
    roles = distinct(mentions, "role")
    if not roles or not diseases or not TEAM_WORDS.search(text):
        return None
    return Relation([[r, "careTeamMemberFor", d] for r in roles for d in diseases])

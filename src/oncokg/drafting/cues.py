"""What a sentence's words say of a treatment's use: the stance and certainty ConText reads.

The same reader and rules as the build's guard (`data/context/rules.yaml`), read the other way: the
guard checks that a curated stance shows its cues; the assistant proposes the stance whose cues it
reads, so a draft can never contradict the guard.
"""

from dataclasses import dataclass
from pathlib import Path

from oncokg.curation.context_guard import QuoteReader, Rules

# Which certainty a category of ConText gives: a doubt outranks a hedge.
UNCLEAR_CATEGORIES = frozenset({"UNPROVEN"})


@dataclass(frozen=True)
class Reading:
    """The cues read in a sentence, the stance they give, its certainty and outcome status."""

    cues: tuple[tuple[str, str], ...]
    stance: str
    certainty: str
    outcome_status: str

    @property
    def categories(self) -> frozenset[str]:
        return frozenset(category for category, _ in self.cues)


class CueReader:
    """ConText with the project's rules, and the readings table turned from checks into proposals."""

    def __init__(self, rules_file: Path):
        self.rules = Rules.load(rules_file)
        self.reader = QuoteReader(self.rules)

    def read(self, sentence: str) -> Reading:
        cues = self.reader.read(sentence)
        categories = frozenset(category for category, _ in cues)
        stance = next(
            (name for name, wanted in sorted(self.rules.stance.items()) if categories & wanted),
            "option",
        )
        status = next(
            (name for name, wanted in sorted(self.rules.outcome_status.items()) if categories & wanted),
            "benefit_shown",
        )
        if categories & UNCLEAR_CATEGORIES:
            certainty = "unclear"
        elif categories & (self.rules.established_excludes | self.rules.hedge):
            certainty = "hedged"
        else:
            certainty = "established"
        return Reading(cues, stance, certainty, status)

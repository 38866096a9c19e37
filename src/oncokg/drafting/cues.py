"""What a sentence's words say of a treatment's use: the stance and certainty ConText reads.

The same reader and rules as the build's guard (`data/context/rules.yaml`), read the other way: the
guard checks that a curated stance shows its cues; the assistant proposes the stance whose cues it
reads, so a draft can never contradict the guard.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from oncokg.curation.context_guard import QuoteReader, Rules

# Which certainty a category of ConText gives: a doubt outranks a hedge.
UNCLEAR_CATEGORIES = frozenset({"UNPROVEN"})
# How often or for how many: the curation rule (data/facts/README.md) reads "often", "some patients" as
# hedged, not established; the guard lets a curator keep such a fact established, so these are no
# ConText rule of the guard, only the assistant's proposal. "Most" is no hedge: it states a majority
# as a fact ("most patients are treated with ..."), where "some" leaves open which; nor is the superlative
# "most often" ("the treatment used most often" says which is commonest).
FREQUENCY_HEDGE = re.compile(
    r"\b(?<!most )(?:usually|often|typically|frequently|commonly|generally|many|some|widely)\b", re.IGNORECASE
)
# "It doesn't seem to cure these tumors": what seems so is hedged (the curated facts read it so); the
# guard's NOT_FOUND still gives the finding.
SEEMS = re.compile(r"\b(?:seems?|seemed|appears?|appeared)\s+to\b", re.IGNORECASE)

# How many words before an outcome a bare negation reaches.
NEGATION_REACH = 5


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
        """The reading of a sentence (the guard's reader makes its whitespace plain: the pages write
        no-break spaces, which ConText's phrase rules do not match)."""
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
        elif (
            categories & (self.rules.established_excludes | self.rules.hedge)
            or FREQUENCY_HEDGE.search(sentence)
            or SEEMS.search(sentence)
        ):
            certainty = "hedged"
        else:
            certainty = "established"
        return Reading(cues, stance, certainty, status)

    def outcome_status(self, reading: Reading, sentence: str, at: int) -> str:
        """The status of the outcome named at `at`: a bare negation (ConText's NEGATED_EXISTENCE: "but",
        "n't") denies the outcome only from its own clause and a few words before it ("did not help
        people live longer", not "But it can be used to relieve pain"); a doubt or a not-found
        anywhere holds, as the guard reads it."""
        status = reading.outcome_status
        if status == "benefit_shown" or reading.categories & self.rules.not_shown:
            return status
        wanted = self.rules.outcome_status.get(status, frozenset())
        near = " ".join(re.split(r"[,;:]", sentence[:at])[-1].split()[-NEGATION_REACH:]).casefold()
        return status if any(c in wanted and t.casefold() in near for c, t in reading.cues) else "benefit_shown"

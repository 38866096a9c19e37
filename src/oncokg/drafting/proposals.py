"""Words that look like a drug or a treatment the graph does not know: proposed, never added.

A drug's international nonproprietary name ends in its class's stem (WHO INN / USAN stems:
-tinib a tyrosine kinase inhibitor, -mab a monoclonal antibody, -platin a platinum compound...);
an "-ectomy" is a surgical removal. An unknown word of that shape
is proposed to the curator with its span and a suggested class.
"""

import re
from dataclasses import dataclass

from oncokg.drafting.mentions import Mention

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
    ("ectomy", "SurgicalProcedure"),
)
_STEM = re.compile(rf"\b[A-Za-z][a-z]{{3,}}(?:{'|'.join(s for s, _ in STEMS)})\b")


@dataclass(frozen=True)
class Proposal:
    """An unknown name at [start, end) of the text and the class the curator might give it."""

    start: int
    end: int
    text: str
    suggested_class: str
    why: str


def propose(text: str, start: int, end: int, mentions: list[Mention]) -> list[Proposal]:
    """The unknown drug-like or surgery-like names in text[start:end] that no mention covers."""

    def known(a: int, b: int) -> bool:
        return any(m.start < b and a < m.end for m in mentions)

    found = []
    for match in _STEM.finditer(text, start, end):
        if not known(match.start(), match.end()):
            stem, cls = next((s, c) for s, c in STEMS if match.group().casefold().endswith(s))
            found.append(Proposal(match.start(), match.end(), match.group(), cls, f"the name ends in the stem -{stem}"))
    return found

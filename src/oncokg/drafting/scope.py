"""What the statements under a heading are about: the title's and the section heading's cancer and state.

The same rule as the sources' scopes (`Source.scope_at`): a section's values replace the document's
where it gives them, and a sentence that names its own cancer or state says otherwise.
"""

import re
from dataclasses import dataclass, field
from typing import Any

from oncokg.drafting.mentions import Mention

# The broadest cancer: "cancer cells" names no cancer of its own, so it never replaces a scope's.
ANY_CANCER = "cancer_in_general"
# "useful against a few different cancers", "many other cancers", "some types of cancer": cancers other than
# (or beyond) the text's own, so cancer in general, not the scope's cancer.
OTHER_CANCERS = re.compile(
    r"\b(?:other|different|many|several|some|few|various|certain)\s+(?:\w+\s+)?cancers\b"
    r"|\b(?:types?|kinds?|forms?|sorts?) of cancers?\b",
    re.IGNORECASE,
)


@dataclass
class Scope:
    """The diseases and states in force, from the title and the current section heading."""

    title: dict[str, list[str]] = field(default_factory=dict)
    section: dict[str, list[str]] = field(default_factory=dict)
    title_span: tuple[int, int] | None = None  # the words that set the title's values

    def heading(self, mentions: list[Mention], span: tuple[int, int] | None = None) -> None:
        """A heading starts a section; the first heading is the title, the scope of the whole text."""
        values = values_of(mentions)
        if not self.title:
            self.title = values or {"disease": []}
            self.section = {}
            self.title_span = span if values else None
        else:  # "If the cancer has spread": a heading's bare "cancer" is the title's cancer
            if values.get("disease") == [ANY_CANCER] and self.title.get("disease"):
                del values["disease"]
            # a heading naming only a treatment ("Sunitinib" under "When a GIST stops responding") is a part
            # of the section it follows, whose cancer and state it keeps
            if values or not any(m.group == "treatment" for m in mentions):
                self.section = values

    def opening(self, mentions: list[Mention], span: tuple[int, int] | None = None) -> None:
        """A text that opens with a sentence, not a title, says its subject there ("... is referred to as
        recurrent stomach cancer"): the first sentence naming a disease sets the document's scope."""
        if not self.title and values_of(mentions).get("disease"):
            self.heading(mentions, span)

    def document_scope(self, text: str) -> dict[str, Any] | None:
        """The title's values as a sources.yaml `scope` (its quote and offsets), or None."""
        if self.title_span is None:
            return None
        start, end = self.title_span
        scope: dict[str, Any] = {"quote": text[start:end], "at": [start, end]}
        for key, name in (("disease", "forDisease"), ("state", "inDiseaseState")):
            values = self.title.get(key) or []
            if values:
                scope[name] = values[0] if len(values) == 1 else values
        return scope

    def of(self, mentions: list[Mention], text: str = "") -> tuple[dict[str, list[str]], dict[str, str]]:
        """The disease and states of a sentence (its `text`), and where each came from (sentence, section,
        title). A bare "cancer" is the scope's cancer, but "a few other cancers" are cancers in general."""
        own = values_of(mentions)
        scoped = self.section.get("disease") or self.title.get("disease")
        if own.get("disease") == [ANY_CANCER] and scoped and not OTHER_CANCERS.search(text):
            del own["disease"]
        values: dict[str, list[str]] = {}
        origin: dict[str, str] = {}
        for key in ("disease", "state"):
            for name, layer in (("sentence", own), ("section", self.section), ("title", self.title)):
                if layer.get(key):
                    values[key], origin[key] = layer[key], name
                    break
        if "state" in values and "disease" not in values:  # "refractory cancer": a state of cancer in general
            values["disease"], origin["disease"] = [ANY_CANCER], origin["state"]
        return values, origin


def values_of(mentions: list[Mention]) -> dict[str, list[str]]:
    """The distinct diseases and states named, in order; "cancer" beside a named cancer is that cancer."""
    values: dict[str, list[str]] = {}
    for mention in mentions:
        if mention.group in ("disease", "state") and mention.entity not in values.get(mention.group, []):
            values.setdefault(mention.group, []).append(mention.entity)
    specific = [d for d in values.get("disease", []) if d != ANY_CANCER]
    if specific:
        values["disease"] = specific
    return values

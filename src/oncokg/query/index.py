"""The tiers of the name index, and the keys a typed text is looked up by in each.

`build_tiers` turns the index rows into one dictionary per tier (folded key -> {IRI: how}); `variants`
turns a typed text into (tier, key, how) in the order the resolver tries them. Both use `query.terms`,
so a rule holds on both sides of the lookup.
"""

from collections.abc import Iterator

from oncokg.query import terms

Tier = dict[str, dict[str, str]]

# Clinicians' words for an outcome or a stage, and the words the sources use (RECIST's and the
# clinic's usage; AJCC's stage IV is advanced disease). Each reads as the graph's entity of that name.
CONVENTIONS = {
    "progression": ("relapse", "recurrence", "growth", "regrowth", "tumour growth", "disease growth", "relapsed"),
    "intolerance": ("toxicity", "severe side effects", "serious side effects", "intolerable side effects"),
    "completion": ("completed", "course completed", "completed treatment", "finished treatment"),
    "complete resection": ("r0 resection", "r0"),  # the residual-tumour classification: R0, none left
    "advanced": ("stage iv", "stage 4", "stage iva", "stage ivb", "late stage", "end stage"),
}
# Words for a malignant tumour; the first ones are carcinomas, a kind of the organ's cancer.
CARCINOMAS = terms.keys("carcinoma adenocarcinoma malignancy cancer")
MALIGNANT = CARCINOMAS | terms.keys("sarcoma lymphoma melanoma myeloma leukemia blastoma neoplasm")
# Words of a cancer's stage or state: they belong in the setting field, not the cancer's name.
STATE_WORDS = terms.keys(
    "metastatic advanced recurrent refractory relapsed unresectable resectable localized locally inoperable "
    "primary stage early late progressive malignant i ii iii iv 1 2 3 4 iva ivb"
)
_DISEASE_WORDS = terms.keys("disease cancer tumor")
# "chemo drugs", "imatinib tablets", "radiotherapy treatment": a treatment named with the word for
# what is given; the treatment is the name before it
_GIVEN_WORDS = terms.keys("drug medicine medication treatment tablet pill")


def _add(tier: Tier, key: str | None, iri: str, how: str = "") -> None:
    if key:
        tier.setdefault(key, {}).setdefault(iri, how)


def build_tiers(
    name_rows: list[dict], exact: dict[str, set[str]], vocabulary_rows: list[dict]
) -> tuple[list[tuple[str, Tier]], dict[str, str]]:
    """The index tiers in lookup order, and a written form of each folded key (for hints)."""
    tiers: dict[str, Tier] = {n: {} for n in ("exact", "folded", "unordered", "vocabulary", "convention", "broader")}
    shown: dict[str, str] = {}
    for key, iris in exact.items():
        for iri in iris:
            _add(tiers["exact"], key, iri)
            prefix, sep, local = key.partition(":")
            if sep and any(c.isalpha() for c in local) and any(c.isdigit() for c in local):
                _add(tiers["exact"], local, iri, f"the {prefix} identifier {local.upper()}")
    for row in name_rows:
        key = terms.fold(row["name"])
        _add(tiers["folded"], key, row["s"])
        _add(tiers["unordered"], terms.unordered(key), row["s"])
        if row.get("preferred") in (True, "true") or key not in shown:
            shown[key] = " ".join(row["name"].translate(terms.MARKS).split())
    for row in vocabulary_rows:
        tier = "broader" if row.get("relation") == "broader" else "vocabulary"
        _add(tiers[tier], terms.fold(row["name"]), row["s"], row["how"])
    for target, words in CONVENTIONS.items():
        for iri in tiers["folded"].get(terms.fold(target), {}):
            for word in words:
                _add(tiers["convention"], terms.fold(word), iri, "the word the sources use")
    return list(tiers.items()), shown


def variants(text: str, kind: str = "") -> Iterator[tuple[str, str, str]]:
    """(tier, key, how) to try for a typed text, in order: its own name first, the broadest last
    (a cancer's name has its own: its state, its histology, an organ no source names).

    >>> [v for v in variants("liver mets") if v[0] == "folded"]
    [('folded', 'liver met', ''), ('folded', 'liver metastasis', 'with the abbreviation written out')]
    """
    yield "exact", terms.name_key(text), ""
    folded = terms.fold(text)
    yield "folded", folded, ""
    expanded = terms.fold(terms.expand(text))
    if expanded != folded:
        yield "folded", expanded, "with the abbreviation written out"
    unordered = terms.unordered(expanded)
    if unordered:
        yield "unordered", unordered, "with its words in another order"
    turned = terms.head_last(text)
    if turned:
        yield "folded", turned, "with its site first, as the sources write it"
        if kind == "cancer":
            yield from _cancer_variants(turned.split())
    salt = terms.without_salt(expanded)
    if salt:
        yield "folded", salt, "the drug given as a salt"
    yield "vocabulary", expanded, ""
    if salt:
        yield "vocabulary", salt, ""
    yield "convention", expanded, ""
    words = expanded.split()
    if len(words) > 1 and words[-1] in _DISEASE_WORDS:
        yield "folded", " ".join(words[:-1]), ""
    yield "broader", expanded, ""
    if kind == "cancer":
        yield from _cancer_variants(expanded.split())
    if kind == "treatment" and len(words) > 1 and words[-1] in _GIVEN_WORDS:
        yield "folded", " ".join(words[:-1]), f"read without the word {text.split()[-1]!r}"
    if kind == "treatment" and expanded.endswith("ectomy") and len(expanded.split()) <= 3:
        yield "folded", terms.fold("surgery"), "a surgical removal (-ectomy), read as the surgery the sources name"


def _cancer_variants(tokens: list[str]) -> Iterator[tuple[str, str, str]]:
    """A cancer written with its state, a histology or an organ no source names: "metastatic gastric
    adenocarcinoma" as stomach cancer; "prostate cancer" as cancer in general."""
    kept = [t for t in tokens if t not in STATE_WORDS]
    if kept != tokens and kept:
        yield "folded", " ".join(kept), "its disease state belongs in the setting"
    if len(kept) < 2 or kept[-1] not in MALIGNANT:
        return
    if kept[-1] in CARCINOMAS:
        yield "folded", " ".join([*kept[:-1], terms.fold("cancer")]), "the broader cancer the sources name"
    if all(t in terms.ORGAN_KEYS for t in kept[:-1]):
        yield (
            "folded",
            terms.fold("cancer"),
            "a cancer no source names: only the documents about cancer in general cover it",
        )

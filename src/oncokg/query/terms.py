"""How a typed name is normalised before it is looked up: the rules clinicians' spelling needs.

Every name the project reads (a catalogue parameter, a patient field, a cohort line, the web form)
and every name of the index goes through the same functions, so a rule written here holds on both
sides of the lookup. The rules are general (case, diacritics, trademark signs, hyphens, spelling,
plurals, possessives, stop words, word order, abbreviations, salts); the small tables below are the
field's conventions, never the phrases of a test. Standard library only: read at run time.
"""

import re
import unicodedata

MARKS = str.maketrans("", "", "®™©℠")


def name_key(text: str) -> str:
    """The exact key: any case and spacing, trademark signs ignored (the sources write Herceptin®).

    >>> name_key("  Herceptin®  ")
    'herceptin'
    """
    return " ".join(text.translate(MARKS).split()).casefold()


# British and American spellings of the same word parts: keys use the American one.
SPELLINGS = (
    ("tumour", "tumor"),
    ("oesophag", "esophag"),
    ("diarrhoea", "diarrhea"),
    ("oedema", "edema"),
    ("anaemia", "anemia"),
    ("anaesthe", "anesthe"),
    ("haemorrhag", "hemorrhag"),
    ("haematolog", "hematolog"),
    ("haem", "hem"),
    ("leukaemia", "leukemia"),
    ("centimetre", "centimeter"),
    ("millimetre", "millimeter"),
    ("oestrogen", "estrogen"),
    ("dyspnoea", "dyspnea"),
    ("colour", "color"),
    ("behaviour", "behavior"),
    ("counsell", "counsel"),
    ("isation", "ization"),
    ("ised", "ized"),
    ("ising", "izing"),
    ("localis", "localiz"),
    ("embolis", "emboliz"),
    ("mesilate", "mesylate"),
)
_SPELLING = dict(SPELLINGS)
_SPELLING_RE = re.compile("|".join(re.escape(b) for b in sorted(_SPELLING, key=len, reverse=True)))

# Organ adjectives and the organ they name ("gastric cancer" is "stomach cancer"): anatomy's words.
ORGANS = {
    "gastric": "stomach",
    "hepatic": "liver",
    "pulmonary": "lung",
    "intestinal": "intestine",
    "bowel": "intestine",
    "colonic": "colon",
    "rectal": "rectum",
    "pancreatic": "pancreas",
    "renal": "kidney",
    "mammary": "breast",
    "esophageal": "esophagus",
    "prostatic": "prostate",
    "ovarian": "ovary",
    "cerebral": "brain",
    "cutaneous": "skin",
    "osseous": "bone",
    "peritoneal": "peritoneum",
    "duodenal": "duodenum",
    "jejunal": "jejunum",
    "ileal": "ileum",
    "abdominal": "abdomen",
    "vesical": "bladder",
    "thyroidal": "thyroid",
    "cervical": "cervix",
    "uterine": "uterus",
    "testicular": "testis",
}
# Organs with no adjective above, as nouns: what a cancer no source names may be a cancer of.
ORGAN_NOUNS = frozenset(ORGANS.values()) | {"colorectal", "head", "neck", "blood", "lymph", "node", "gallbladder"}
# Degree words, one per sense ("higher-dose imatinib" is "high dose imatinib").
DEGREES = {"higher": "high", "increased": "high", "elevated": "high", "lower": "low", "decreased": "low"}
# Words for one thing that names use either way ("pain medication", "pain medicines").
SAME_WORDS = {"medication": "medicine", **DEGREES}

# Words that carry no meaning in a name ("cancer of the stomach" is "stomach cancer"; "did not
# shrink" is "does not shrink"; "raise your dose" is "raise the dose").
STOP_WORDS = frozenset(
    {"of", "the", "a", "an", "it", "do", "does", "did", "could", "can", "will", "would", "your", "my", "their"}
)
# Irregular verb forms of the clinic's outcome words, and contractions.
_IRREGULAR_VERBS = {"grew": "grow", "grown": "grow", "shrank": "shrink", "shrunk": "shrink", "came": "come"}
_CONTRACTIONS = re.compile(r"(?:ca)?n['’]t\b|\bcannot\b")

# Abbreviations clinicians write inside a phrase: the field's conventions, one word each.
ABBREVIATIONS = {
    "mets": "metastases",
    "met": "metastasis",
    "chemo": "chemotherapy",
    "rt": "radiation therapy",
    "xrt": "radiation therapy",
    "radiotx": "radiation therapy",
    "tki": "tyrosine kinase inhibitor",
    "tkis": "tyrosine kinase inhibitors",
    "gi": "gastrointestinal",
    "pts": "patients",
    "pt": "patient",
    "tx": "treatment",
    "hx": "history",
    "dx": "diagnosis",
    "ca": "cancer",
    "ae": "adverse effect",
    "aes": "adverse effects",
    "abd": "abdominal",
    "sx": "symptoms",
    "secondaries": "metastases",
    "io": "immunotherapy",
    "bsc": "best supportive care",
}
# Abbreviations that are a whole answer only (RECIST's response words; "PD" inside "PD-L1" is no outcome).
WHOLE_ABBREVIATIONS = {
    "pd": "progressive disease",
    "sd": "stable disease",
    "pr": "partial response",
    "cr": "complete response",
    "ned": "no evidence of disease",
    "mtd": "maximum tolerated dose",
}

# Salt and ester words of a drug's name: "imatinib mesylate" is imatinib given as a salt.
SALTS = frozenset(
    [
        "mesylate",
        "mesilate",
        "malate",
        "tosylate",
        "tosilate",
        "hydrochloride",
        "hcl",
        "sodium",
        "potassium",
        "calcium",
        "citrate",
        "sulfate",
        "sulphate",
        "besylate",
        "besilate",
        "maleate",
        "tartrate",
        "phosphate",
        "acetate",
        "fumarate",
        "succinate",
        "bromide",
        "chloride",
        "hydrobromide",
        "monohydrate",
        "dihydrate",
    ]
)

# Plurals that do not end in a plain "s", and words whose final "s" is no plural.
_IRREGULAR = {"metastases": "metastasis", "diagnoses": "diagnosis", "prognoses": "prognosis", "lymph": "lymph"}
_KEEP_S = re.compile(r"(ss|us|is|ous|ics|ies|ites|as|ys|os)$")


# Combining forms written with or without a hyphen ("gastro-intestinal", "multi-modality").
PREFIXES = (
    "gastro",
    "intra",
    "extra",
    "peri",
    "retro",
    "hepato",
    "chemo",
    "radio",
    "immuno",
    "cardio",
    "multi",
    "trans",
)
# Greek letters in gene and receptor names (PDGFRα): their Latin letter.
_GREEK = {"α": "a", "β": "b", "γ": "g", "δ": "d", "κ": "k"}
_GREEK_RE = re.compile(rf"[-‐‑–]?([{''.join(_GREEK)}])\b")
_NON = re.compile(r"\bnon[-‐‑–](?=[a-z])")  # "non-small cell": one compound adjective, not a negation
_POSSESSIVE = re.compile(r"['’]s\b")
_PREFIX_RE = re.compile(rf"\b({'|'.join(PREFIXES)})[-‐‑–](?=[a-z])")
_LETTER_DIGIT = re.compile(r"(?<=[a-z])[-‐‑–](?=\d)")
_INNER = re.compile(r"(?<=[0-9a-z])[-‐‑–_/](?=[0-9a-z])")
_PUNCTUATION = re.compile(r"[^\w+\-. ]+|(?<!\d)\.|\.(?!\d)")


def singular(word: str) -> str:
    """A word's singular form by the plain English rules (only as a key: both sides agree).

    >>> [singular(w) for w in ("tumours", "metastases", "therapies", "status", "gists", "ascites")]
    ['tumour', 'metastasis', 'therapy', 'status', 'gist', 'ascites']
    """
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not _KEEP_S.search(word):
        return word[:-1]
    return word


def plain(text: str) -> str:
    """Case, diacritics, trademark signs and punctuation removed; hyphens inside a word are spaces.

    A trailing sign that carries meaning stays (`HER2+`, `HER2-`).

    >>> plain("Régorafénib™")
    'regorafenib'
    >>> plain("slow-growing  tumour")
    'slow growing tumour'
    >>> plain("the patient's HER2-")
    'the patient her2-'
    >>> plain("gastro-intestinal"), plain("HER-2"), plain("PDGFR-α"), plain("non-small cell")
    ('gastrointestinal', 'her2', 'pdgfra', 'nonsmall cell')
    """
    text = _GREEK_RE.sub(lambda m: _GREEK[m.group(1)], text.translate(MARKS))
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = _CONTRACTIONS.sub(" not", text.casefold())
    text = _POSSESSIVE.sub("", text)
    text = _PREFIX_RE.sub(r"\1", text)
    text = _NON.sub("non", text)
    text = _LETTER_DIGIT.sub("", text)
    text = _INNER.sub(" ", text)
    text = _PUNCTUATION.sub(" ", text)
    return " ".join(text.split())


def _spell(word: str) -> str:
    return _SPELLING_RE.sub(lambda m: _SPELLING[m.group()], word)


def words(text: str) -> list[str]:
    """The words a key is made of: plain text, American spelling, singular, no stop words.

    >>> words("Cancers of the Stomach"), words("gastric cancer")
    (['cancer', 'stomach'], ['stomach', 'cancer'])
    >>> words("pain medicines") == words("Pain medication")
    True
    """
    found = [_IRREGULAR_VERBS.get(w, w) for w in plain(text).split() if w not in STOP_WORDS]
    return [stem(SAME_WORDS.get(w, ORGANS.get(w, w))) for w in map(singular, map(_spell, found))]


def stem(word: str) -> str:
    """A word without its verb ending and final "e", so tenses and forms share a key (only as a
    key: both sides agree).

    >>> [stem(w) for w in ("stopped", "stopping", "stop", "relapsed", "relapse", "bleeding", "bleed", "cure")]
    ['stop', 'stop', 'stop', 'relaps', 'relaps', 'bleed', 'bleed', 'cure']
    """
    for ending, shortest in (("ing", 6), ("ed", 5)):
        if len(word) >= shortest and word.endswith(ending) and not word.endswith("eed"):
            word = word[: -len(ending)]
            if len(word) > 2 and word[-1] == word[-2] and word[-1] not in "aeiouls":
                word = word[:-1]
            break
    return word[:-1] if len(word) > 4 and word.endswith("e") else word


def keys(words_: str) -> frozenset[str]:
    """A set of words as the keys they fold to, to compare with folded text.

    >>> sorted(keys("prostate mesylate"))
    ['mesylat', 'prostat']
    """
    return frozenset(" ".join(words(w)) for w in words_.split())


def fold(text: str) -> str:
    """The folded key of a name: what two spellings of one name share.

    >>> fold("Tumours in the liver") == fold("tumor in liver")
    True
    >>> fold("Oesophageal cancer") == fold("esophageal cancers")
    True
    """
    return " ".join(words(text))


def expand(text: str) -> str:
    """The text with the clinicians' abbreviations written out (a whole-answer one only alone).

    >>> expand("liver mets")
    'liver metastases'
    >>> expand("PD")
    'progressive disease'
    >>> expand("PD-L1")
    'pd l1'
    """
    found = plain(text).split()
    if len(found) == 1 and found[0] in WHOLE_ABBREVIATIONS:
        return WHOLE_ABBREVIATIONS[found[0]]
    return " ".join(ABBREVIATIONS.get(w, w) for w in found)


_HEAD_FIRST = re.compile(r"^(?P<head>\S+(?: \S+){0,2}) (?:of|to|in|on|at|from) (?:the )?(?P<site>\S+(?: \S+)?)$")
KIND_WORDS = frozenset({"based", "containing"})  # "platinum-based chemo": a kind of chemotherapy


def head_last(text: str) -> str | None:
    """The folded key of a name written head first with its site after a preposition, turned the
    way names are kept ("metastases to the liver" is "liver metastases"), or None.

    >>> head_last("mets to liver"), head_last("Adenocarcinoma of the stomach")
    ('liver metastasis', 'stomach adenocarcinoma')
    >>> head_last("liver metastases") is None
    True
    """
    match = _HEAD_FIRST.match(expand(text))
    return fold(f"{match['site']} {match['head']}") if match else None


def unordered(key: str) -> str | None:
    """The order-free key of a two-word folded key ("metastasis liver" and "liver metastasis").

    >>> unordered("metastasis liver") == unordered("liver metastasis")
    True
    >>> unordered("liver") is None
    True
    """
    parts = key.split()
    return " ".join(sorted(parts)) if len(parts) == 2 else None


def without_salt(key: str) -> str | None:
    """A drug's folded key without its salt word ("imatinib mesylate" -> "imatinib"), or None.

    >>> without_salt(fold("imatinib mesylate"))
    'imatinib'
    >>> without_salt(fold("sodium")) is None
    True
    """
    parts = key.split()
    kept = [w for w in parts if w not in _SALT_KEYS]
    return " ".join(kept) if kept and len(kept) < len(parts) else None


SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*(cm|mm|centimeters?|millimeters?)\b")


def size_cm(text: str) -> float | None:
    """A size written in a finding, in centimetres ("tumour 6 cm", "45 mm"), or None.

    >>> size_cm("tumour 6 cm"), size_cm("a 45 mm GIST"), size_cm("tumour")
    (6.0, 4.5, None)
    """
    match = SIZE.search(_spell(plain(text)))
    if not match:
        return None
    value = float(match.group(1))
    return value / 10 if match.group(2).startswith("m") else value


_SALT_KEYS = keys(" ".join(SALTS))
ORGAN_KEYS = keys(" ".join(ORGAN_NOUNS))


def around_size(text: str) -> str:
    """The folded words of a text besides its size ("tumour 6 cm" -> "tumor").

    >>> around_size("GIST of 2.5 centimetres"), around_size("tumour")
    ('gist', 'tumor')
    """
    return fold(SIZE.sub(" ", _spell(plain(text))))

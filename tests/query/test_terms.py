"""The normalisation rules, one by one, on hand-made names: both spellings of a name share a key,
and names that differ keep different keys."""

import pytest

from oncokg.query import terms

SAME = [
    ("case and spacing", "Stomach  Cancer", "stomach cancer"),
    ("diacritics", "régorafénib", "regorafenib"),
    ("trademark signs", "Herceptin®", "herceptin"),
    ("hyphens between words", "slow-growing tumour", "slow growing tumour"),
    ("a combining form's hyphen", "gastro-intestinal", "gastrointestinal"),
    ("a letter-digit hyphen", "HER-2", "HER2"),
    ("a Greek letter", "PDGFRα", "PDGFRA"),
    ("British and American spelling", "oesophageal tumour", "esophageal tumor"),
    ("singular and plural", "tumours", "tumour"),
    ("a Greek plural", "metastases", "metastasis"),
    ("possessives", "the patient's preferences", "patient preferences"),
    ("stop words", "loss of appetite", "loss appetite"),
    ("organ adjectives", "gastric cancer", "stomach cancer"),
    ("degree words", "higher-dose imatinib", "high dose imatinib"),
]


@pytest.mark.parametrize(("rule", "one", "other"), SAME, ids=[s[0] for s in SAME])
def test_two_spellings_of_a_name_share_a_key(rule, one, other):
    assert terms.fold(one) == terms.fold(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [("HER2+", "HER2-"), ("HER2-positive", "HER2-negative"), ("status", "statu"), ("no bleeding", "bleeding")],
)
def test_names_that_differ_keep_different_keys(one, other):
    assert terms.fold(one) != terms.fold(other)


@pytest.mark.parametrize(
    ("text", "written_out"),
    [
        ("liver mets", "liver metastases"),
        ("chemo", "chemotherapy"),
        ("GI bleeding", "gastrointestinal bleeding"),
        ("stomach ca", "stomach cancer"),
        ("SD", "stable disease"),
        ("CR", "complete response"),
        ("NED", "no evidence of disease"),
    ],
)
def test_clinicians_abbreviations_are_written_out(text, written_out):
    assert terms.expand(text) == written_out


def test_a_whole_answer_abbreviation_is_not_expanded_inside_a_name():
    assert terms.expand("PD-L1") == "pd l1" and terms.expand("PD") == "progressive disease"


def test_word_order_of_two_word_names_and_salts():
    assert terms.unordered(terms.fold("metastases, liver")) == terms.unordered(terms.fold("liver metastases"))
    assert terms.unordered(terms.fold("low risk of recurrence")) is None
    assert terms.without_salt(terms.fold("sunitinib malate")) == "sunitinib"
    assert terms.without_salt(terms.fold("sunitinib")) is None


@pytest.mark.parametrize(
    ("text", "size"), [("tumour 6 cm", 6.0), ("15 mm GIST", 1.5), ("2.5 centimetres", 2.5), ("large tumour", None)]
)
def test_a_size_is_read_in_centimetres(text, size):
    assert terms.size_cm(text) == size

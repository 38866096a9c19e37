"""Quotes are checked against the source text at their offsets, whitespace-normalised."""

from oncokg.curation.provenance import locate_all, normalize, verify

TEXT = "Serious complications are\n\nuncommon, but they can happen.\nSerious complications are rare."


def test_normalize_collapses_all_whitespace_including_no_break_space():
    assert normalize("  a\u00a0 b\n\tc ") == "a b c"


def test_a_quote_may_span_a_line_break():
    [(start, end)] = locate_all(TEXT, "Serious complications are uncommon")
    assert TEXT[start:end] == "Serious complications are\n\nuncommon"
    assert verify(TEXT, "Serious complications are uncommon", start, end)


def test_a_tampered_quote_or_wrong_offsets_fail():
    [(start, end)] = locate_all(TEXT, "they can happen")
    assert not verify(TEXT, "they can not happen", start, end)
    assert not verify(TEXT, "they can happen", start + 1, end + 1)
    assert not verify(TEXT, "they can happen", -1, end)
    assert not verify(TEXT, "they can happen", start, len(TEXT) + 5)


def test_locate_all_finds_every_occurrence_and_none_when_absent():
    assert len(locate_all(TEXT, "Serious complications are")) == 2
    assert locate_all(TEXT, "never said") == []
    assert locate_all(TEXT, "   ") == []

"""Sentences and headings with offsets that are the text's own."""

from oncokg.drafting.sentences import split


def test_lines_split_into_headings_and_sentences_with_their_offsets():
    text = "A title\n\nFirst one is here. Second one, too!\n- [a link](#)\n"
    found = split(text)
    assert [(s.text, s.heading, s.navigation) for s in found] == [
        ("A title", True, False),
        ("First one is here.", False, False),
        ("Second one, too!", False, False),
        ("- [a link](#)", False, True),
    ]
    assert all(text[s.start : s.end] == s.text for s in found)


def test_a_sentence_never_runs_across_lines():
    text = "No full stop here\nand a second line that goes on for quite a few more words than a heading has, really."
    assert [s.text for s in split(text)][-1].startswith("and a second line")


def test_contrasted_clauses_have_their_own_offsets():
    from oncokg.drafting.sentences import contrast_clauses

    text = "Pills help a lot here, whereas injections do very little; drops are in between."
    (sentence,) = split(text)
    clauses = contrast_clauses(sentence)
    assert [c.text for c in clauses] == [
        "Pills help a lot here",
        "whereas injections do very little",
        "drops are in between.",
    ]
    assert all(text[c.start : c.end] == c.text for c in clauses)
    (short,) = split("It helps, but rarely.")
    assert contrast_clauses(short) == [short]


def test_a_first_line_with_no_stop_is_the_title_however_long():
    text = "Pills and drips for a rare tumour, and what happens when they stop working\n\nSurgery comes first.\n"
    title, sentence = split(text)
    assert title.heading and not sentence.heading
    (first,) = split("Surgery comes first for most people with this rare tumour, as the team will explain.\n")
    assert not first.heading  # a paragraph that opens the text is no title

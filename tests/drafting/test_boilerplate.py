"""Boilerplate lines are drafted as non-medical spans, whole lines, with their reason; content is not."""

from oncokg.drafting.boilerplate import find
from oncokg.drafting.sentences import split

PAGE = """A made-up page

Surgery is the main treatment. Chemo is rarely used.
- [Surgery for made-up cancer](#)
Casali PG, Dei Tos AP. Chapter 5. In: DeVita VT, eds. Cancer: Principles and Practice of Oncology. 2015.
Call us at 1-800-555-0100 any time.
Last Medical Review: May 17, 2017
"""


def test_navigation_references_contact_and_review_lines_are_found_whole():
    found = find(PAGE, split(PAGE))
    assert [b.reason for b in found] == [
        "navigation link",
        "reference",
        "contact notice",
        "review, author or copyright line",
    ]
    reference = found[1]
    assert reference.text.startswith("Casali PG") and reference.text.endswith("2015.")  # one span, not its pieces
    for b in found:
        assert PAGE[b.start : b.end] == b.text
    assert not any("Surgery is the main treatment" in b.text for b in found)


def test_who_the_page_is_for_what_it_covers_and_its_disclaimer_are_not_content():
    page = (
        "A made-up page\n\n"
        "This leaflet is written for anyone having surgery. It explains what happens.\n"
        "Surgery explains why the tumour shrank.\n"
        "The advice here is general and does not replace advice from your own doctor.\n"
    )
    found = find(page, split(page))
    assert [b.reason for b in found] == ["audience or contents line", "publisher notice"]
    assert found[0].text.endswith("It explains what happens.")  # the whole line

"""What a text says about itself, read with the quote it was read from; nothing it does not say."""

from datetime import date

from oncokg.drafting.metadata import entry, read
from oncokg.drafting.sentences import split

PAGE = """Living with a made-up cancer

Written By: Ann Example
Reviewed: 3 March 2024
Next review: 3 March 2027

Some people have surgery.

References: Smith J, et al. Made-up trial. Accessed at www.example.org/trial on May 2, 2024.
© 2024 Example Cancer Charity. Visit www.example-charity.org for more.
"""


def test_each_field_is_read_with_its_quote_and_offsets():
    found = read(PAGE, split(PAGE))
    assert found["title"].value == "Living with a made-up cancer"
    assert found["author"].value == "Ann Example"
    assert (found["review_date"].value, found["next_review_date"].value) == (date(2024, 3, 3), date(2027, 3, 3))
    assert found["publisher"].value == "Example Cancer Charity"
    # a reference's "Accessed at" address is the reference's, not the page's
    assert found["url"].value == "https://www.example-charity.org"
    for item in found.values():
        assert PAGE[item.start : item.end] == item.quote


def test_a_text_that_says_nothing_of_itself_gets_no_values_and_says_so():
    text = "Some people have surgery. It may help.\n"
    found = read(text, split(text))
    assert found == {}
    drafted = entry("plain", "plain.txt", found, None, [])
    assert drafted["publisher"] is None and drafted["review_date"] is None and drafted["url"] is None
    assert drafted["origin_note"] == "The text names no publisher and gives no date."
    assert drafted["title"] == "plain"  # the curator writes it: no heading opens the text

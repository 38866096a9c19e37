"""One wording for how a name was read."""

from oncokg.query.readings import reading_words, worth_saying


def test_a_name_given_as_its_label_goes_unsaid_and_any_other_reading_is_said():
    assert not worth_saying("Imatinib", "imatinib", "")
    assert worth_saying("Gleevec", "imatinib", "")
    assert worth_saying("imatinib", "imatinib", "the drug given as a salt")
    assert reading_words(" liver mets ", "liver metastases", "with the abbreviation written out") == (
        "read 'liver mets' as liver metastases, with the abbreviation written out"
    )

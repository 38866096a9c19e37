"""How a name was read, said in one sentence: the one wording for the CLI, the JSON, the API and the page."""

from oncokg.query.terms import name_key


def worth_saying(text: str, label: str, how: str) -> bool:
    """Say every reading but a name given as its entity's own label.

    >>> worth_saying("Imatinib", "imatinib", ""), worth_saying("Glivec", "imatinib", "")
    (False, True)
    """
    return bool(how) or name_key(text) != name_key(label)


def reading_words(text: str, label: str, how: str) -> str:
    """One reading as a sentence.

    >>> reading_words("gastric GIST", "GIST", "the broader cancer the sources name")
    "read 'gastric GIST' as GIST, the broader cancer the sources name"
    """
    return f"read {text.strip()!r} as {label}" + (f", {how}" if how else "")

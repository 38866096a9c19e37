"""A quote as a person reads it: the sources' Markdown residue taken out, for display only.

The graph keeps every quote verbatim, byte for byte as in the source at its offsets, because the
build checks it there (`curation.provenance`) and a reader may want to find it. Two sources are
Markdown-flavoured web pages, so a verbatim quote can read ``[Surgery](#) is ...`` or ``(called
*hand-foot syndrome*)``. Everything that shows a quote to a person (the CLI's tables, the pathway's
text, the JSON's ``prose`` beside ``quote``) passes it through `prose`, here and nowhere else.
"""

import re
from functools import lru_cache

# [text](target): the link's text stays, its target goes (the sources' targets are all "#")
_LINK = re.compile(r"\[([^\[\]]+)\]\([^()\s]*\)")
# **strong** and *emphasis* (or __ and _): paired on one line, hugging their words, not inside a word
_EMPHASIS = re.compile(r"(?<![\w*])(\*\*|__|\*|_)(?=\S)([^*_\n]+?)(?<=\S)\1(?![\w*])")


@lru_cache(maxsize=4096)  # the graph's quotes are a few hundred, shown again in every answer that cites them
def prose(quote: str) -> str:
    """The quote without link and emphasis markup; its words, order and punctuation unchanged.

    >>> prose("[Surgery](#) is the main treatment for most small tumors.")
    'Surgery is the main treatment for most small tumors.'
    >>> prose("(known as the *capsule*), or **trans-arterial embolization or TAE**")
    '(known as the capsule), or trans-arterial embolization or TAE'
    >>> prose("a 5 * 3 grid and snake_case_names stay")
    'a 5 * 3 grid and snake_case_names stay'
    """
    return _EMPHASIS.sub(r"\2", _LINK.sub(r"\1", quote))

"""Wrong or hostile names given to the resolver: refused with one line naming the file or the line; nothing wrong is accepted."""

import pytest

from oncokg.errors import OncoKGError

pytestmark = pytest.mark.hostile


def test_a_name_of_100000_characters_is_refused_with_a_short_message(built_project, built):
    from oncokg.query.client import OncoKG

    with pytest.raises(OncoKGError, match=r"\(100,000 characters\)") as caught:
        OncoKG.open(root=built_project.root).resolve("B" * 100_000)
    assert len(str(caught.value)) < 200

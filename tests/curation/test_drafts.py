"""The build's refusal of drafts: one line naming the file and the draft."""

from pathlib import Path

import pytest

from oncokg.curation.drafts import refuse_drafts
from oncokg.errors import OncoKGError


def test_a_draft_is_refused_by_file_and_id():
    raw = {"source": "s", "facts": [{"id": "ok", "certainty": "established"}, {"id": "s-draft-2", "status": "draft"}]}
    with pytest.raises(OncoKGError, match=r"^x\.yaml: fact 's-draft-2' is a draft; accept or reject it"):
        refuse_drafts(raw, Path("x.yaml"))


def test_proposed_entities_are_refused_and_a_judged_file_passes():
    with pytest.raises(OncoKGError, match="proposed entities are waiting"):
        refuse_drafts({"source": "s", "facts": [], "proposed_entities": [{"text": "x"}]}, Path("x.yaml"))
    refuse_drafts({"source": "s", "facts": [{"id": "ok"}]}, Path("x.yaml"))

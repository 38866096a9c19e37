"""`curation.sources`: the metadata checks of sources.yaml, each a one-line error naming the file and
the entry (review 2, §1 item 25: they had no direct test)."""

import pytest
import yaml

from oncokg.curation.sources import load_sources
from oncokg.errors import OncoKGError

CASES = [
    ("a required key missing", lambda e: e[1].pop("title"), r"source #2: missing \['title'\]"),
    ("an unknown key", lambda e: e[1].update(editor="x"), r"source #2: .*unknown keys \['editor'\]"),
    ("an id twice", lambda e: e[1].update(id=e[0]["id"]), "source #2: duplicate source id 'stomach-recurrent'"),
    ("a date that is not one", lambda e: e[1].update(review_date="June 2024"), "source #2: review_date must be a date"),
    ("a text file that is not there", lambda e: e[1].update(file="gone.txt"), "source #2: text file .*gone.txt not found"),
    ("an address the text does not give", lambda e: e[1].update(url="https://example.org/x"), "source #2: url 'https://example.org/x'"),
    ("an entry that is no mapping", lambda e: e.__setitem__(1, "acs-gist"), "source #2: expected a mapping"),
]  # fmt: skip


@pytest.mark.parametrize("what, change, message", CASES, ids=[c[0] for c in CASES])
def test_bad_metadata_is_one_line_naming_the_file_and_the_entry(scratch, what, change, message):
    path = scratch.sources_dir / "sources.yaml"
    meta = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert load_sources(scratch.sources_dir)  # the copy reads as it is
    change(meta["sources"])
    path.write_text(yaml.safe_dump(meta, sort_keys=False, allow_unicode=True), encoding="utf-8")
    with pytest.raises(OncoKGError, match=message) as caught:
        load_sources(scratch.sources_dir)
    assert "\n" not in str(caught.value) and str(path) in str(caught.value)


def test_no_metadata_file_and_no_list_are_one_line(scratch):
    path = scratch.sources_dir / "sources.yaml"
    path.write_text("sources: {}\n", encoding="utf-8")
    with pytest.raises(OncoKGError, match="expected a top-level 'sources:' list"):
        load_sources(scratch.sources_dir)
    path.unlink()
    with pytest.raises(OncoKGError, match="source metadata file not found"):
        load_sources(scratch.sources_dir)

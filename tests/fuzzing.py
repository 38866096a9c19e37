"""What the fuzzing tests share (hypothesis): fixed examples, and the values that break parsers.
The tests live beside the layer they fuzz (`tests/*/test_fuzz.py`, marked `fuzz`): no input a user or a
file can give ends in anything but an answer or one `OncoKGError`."""

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from oncokg.errors import OncoKGError


def fuzz(examples: int) -> settings:
    """Fixed examples (CI runs the same ones), no deadline on a shared machine, no example database."""
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


# Characters that have broken query text before: quotes, escapes, line terminators (U+2028, U+0085,
# VT, FF, FS-RS), comment and group characters, and SPARQL's own \u escapes.
TRICKY = st.sampled_from(
    [
        '"',
        "'",
        "\\",
        "\n",
        "\r",
        "\u2028",
        "\u2029",
        "\u0085",
        "\x0b",
        "\x0c",
        "\x1c",
        "#",
        "{",
        "}",
        "<",
        ">",
        "?",
        "$",
        "\\u0022",
        "\\U00000022",
        '"""',
        "'''",
        " ",
        "\t",
    ]
)


TEXT = st.lists(
    st.one_of(TRICKY, st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=8)),
    max_size=12,
).map("".join)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True) | TEXT,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(TEXT, children, max_size=4),
    max_leaves=12,
)


def only_oncokg_errors(call):
    try:
        call()
    except OncoKGError as exc:
        assert "\n" not in str(exc), f"a two-line error: {exc!r}"

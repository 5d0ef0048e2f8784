"""textsafe: the escapes every output shows, and the small text helpers messages rely on.

The escape table itself (which characters) is pinned through every output in
test_escaping.py and by the planted bugs; here the exact form of each escape
and the helpers' edges: what stays, where text is cut, how the cut is said.
"""

from __future__ import annotations

import pytest

from claimtrack.textsafe import QUOTE_LIMIT, clip, one_line, plural, safe, shorten


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\x00", "\\x00"),
        ("\x1b[2J", "\\x1b[2J"),  # an ANSI escape: only the ESC is escaped
        ("a\rb", "a\\x0db"),
        ("\x7f", "\\x7f"),
        ("\x9f", "\\x9f"),  # the last C1 control: two hex digits, as below 0x100
        ("\u061c", "\\u061c"),
        ("\u202e", "\\u202e"),
        ("\ufeff", "\\ufeff"),
        ("\ud800", "\\ud800"),  # a lone surrogate, as a file name that is not UTF-8 decodes to
    ],
)
def test_safe_shows_each_unsafe_character_as_its_escape(text, shown):
    assert safe(text) == shown


def test_safe_keeps_newline_tab_and_ordinary_text():
    text = "line one\n\tindented \u00e9 \u4e2d \u00a0 \U0001f600"
    assert safe(text) == text


def test_safe_of_nothing_is_empty():
    assert safe(None) == "" and safe("") == ""


def test_plural():
    assert [plural(n, "claim") for n in (0, 1, 2)] == ["0 claims", "1 claim", "2 claims"]


def test_one_line_folds_every_run_of_whitespace_and_escapes():
    assert one_line("  two\n\nlines\tand\x07 a bell  ") == "two lines and\\x07 a bell"
    assert one_line(None) == ""


def test_clip_keeps_a_value_up_to_the_limit():
    assert clip("x" * QUOTE_LIMIT) == "x" * QUOTE_LIMIT
    assert clip("abc", 3) == "abc"


def test_clip_cuts_past_the_limit_and_says_how_long_it_was():
    assert clip("x" * 1234, 5) == "xxxxx\u2026 (1,234 characters)"
    assert clip("abcd", 3) == "abc\u2026 (4 characters)"
    assert clip("y" * (QUOTE_LIMIT + 1)) == "y" * QUOTE_LIMIT + f"\u2026 ({QUOTE_LIMIT + 1} characters)"


def test_shorten_keeps_text_that_fits():
    assert shorten("exactly ten", 11) == "exactly ten"
    assert shorten("", 3) == ""


def test_shorten_cuts_at_a_word_boundary_in_the_second_half():
    # width 20: the first 19 characters, cut at their last space, trailing punctuation dropped.
    assert shorten("The strike, planned for months, failed", 20) == "The strike\u2026"
    assert shorten("one two, three four five", 16) == "one two, three\u2026"
    assert shorten("alpha beta: gamma delta", 13) == "alpha beta\u2026"


def test_shorten_cuts_mid_word_when_the_only_space_is_in_the_first_half():
    assert shorten("ab cdefghijklmnop", 10) == "ab cdefgh\u2026"
    # A space exactly at half the width is not enough.
    assert shorten("abcde fghijklmnop", 10) == "abcde fgh\u2026"
    assert shorten("abcdef ghijklmnop", 10) == "abcdef\u2026"


def test_shorten_strips_only_spaces_and_punctuation_from_the_cut():
    assert shorten("abcdefghiX tail", 11) == "abcdefghiX\u2026"
    assert shorten("abcdefgh, tail", 10) == "abcdefgh\u2026"


def test_shorten_never_exceeds_the_width():
    for width in range(2, 40):
        assert len(shorten("The drone strike near the airport, killed the general", width)) <= width

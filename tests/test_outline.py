"""loader.outline: where each value lies in a file's text, which edits splice into (Place's docstring).

Lines and columns are 0-based; `end` is the column just after a value on its
last line; a block scalar ends at its last line of text, not at the blank
lines after it; a block list item knows where its '-' is.
"""

from __future__ import annotations

from claimtrack.loader import Place, outline

TEXT = """\
claims:
  - id: a   # comment
    statement: |
      line one
      line two

    tags: [x, y]
  -
    id: 'b'
    note: "q"
"""


def at(place: Place) -> tuple:
    return (place.first, place.column, place.last, place.end, place.style)


def test_sections_records_and_fields():
    root = outline(TEXT)
    assert root is not None
    assert at(root) == (0, 0, 9, 13, "block") and list(root.fields) == ["claims"]
    claims = root.fields["claims"]
    assert at(claims) == (1, 2, 9, 13, "block")
    first, second = claims.items
    assert at(first) == (1, 4, 6, 16, "block") and first.dash == (1, 2)
    assert at(second) == (8, 4, 9, 13, "block") and second.dash == (7, 2)  # '-' alone on the line before


def test_scalars_by_style_and_their_keys():
    first, second = outline(TEXT).fields["claims"].items
    assert (
        at(first.fields["id"]) == (1, 8, 1, 9, "plain") and first.fields["id"].text == "a"
    )  # the comment is not in it
    statement = first.fields["statement"]
    assert at(statement) == (2, 15, 4, 14, "|") and statement.text == "line one\nline two\n"  # not the blank line
    assert at(first.fields["tags"]) == (6, 10, 6, 16, "flow")
    assert at(second.fields["id"]) == (8, 8, 8, 11, "'") and second.fields["id"].text == "b"
    assert at(second.fields["note"]) == (9, 10, 9, 13, '"')
    assert [(k, at(p)[:2], p.end) for k, p in first.keys.items()] == [
        ("id", (1, 4), 6),
        ("statement", (2, 4), 13),
        ("tags", (6, 4), 8),
    ]


def test_folded_scalars_comments_before_an_item_and_a_file_without_final_newline():
    root = outline(
        "a: >\n  folded\n  text\nb:\n  -\n    # note\n    x: 1\n  - # why\n    y: 2\n  - [1, 2]\nc: |\n  last"
    )
    assert at(root.fields["a"]) == (0, 3, 2, 6, ">")
    items = root.fields["b"].items
    assert [it.dash for it in items] == [(4, 2), (7, 2), (9, 2)]  # past a comment line; before a comment
    assert [it.dash for it in items[2].items] == [None, None]  # a flow list has no dashes
    assert at(items[2]) == (9, 4, 9, 10, "flow")
    assert at(root.fields["c"]) == (10, 3, 11, 6, "|") and root.fields["c"].text == "last"
    assert (root.last, root.end) == (11, 6)


def test_empty_invalid_and_byte_order_mark():
    assert outline("") == Place(-1, 0, -1, 0, "empty")
    assert outline("a: [") is None
    assert at(outline("\ufeffa: 1").fields["a"]) == (0, 3, 0, 4, "plain")  # columns of the text without the mark
    assert outline("a:\n").fields["a"].style == "empty"
    dup = outline("a: 1\na: 2\n")
    assert at(dup.fields["a"]) == (0, 3, 0, 4, "plain") and at(dup.keys["a"])[:2] == (0, 0)  # the first of equal keys


def test_every_item_of_a_block_list_knows_its_dash_a_scalar_too():
    assert [it.dash for it in outline("- a\n- b\n").items] == [(0, 0), (1, 0)]
    assert [it.dash for it in outline("tags:\n  - a\n  -\n    b\n").fields["tags"].items] == [(1, 2), (2, 2)]
    assert outline("-\n  id: a\n").items[0].dash == (0, 0)  # the '-' alone on the first line


def test_comments_between_a_dash_and_its_item_are_skipped_wherever_they_start():
    root = outline("a:\n  -\n# at column 0\n    x: 1\nb:\n  - # why # and why not\n    y: 2\n")
    assert root.fields["a"].items[0].dash == (1, 2)
    assert root.fields["b"].items[0].dash == (5, 2)  # the comment is cut at its first ' #'


def test_a_byte_order_mark_is_not_part_of_the_lines():
    item = outline("\ufeff- a\n").items[0]
    assert (item.first, item.column, item.dash) == (0, 2, (0, 0))


def test_no_item_of_a_flow_list_has_a_dash_whatever_the_line_before_ends_in():
    # Cut at ' #' as if it began a comment, the first line ends in '-'.
    items = outline('a: ["x -  #",\n  b]\n').fields["a"].items
    assert [it.text for it in items] == ["x -  #", "b"] and [it.dash for it in items] == [None, None]


def test_a_key_that_is_a_list_is_left_out_and_a_block_scalar_key_is_kept():
    root = outline("? [a, b]\n: c\nd: 1\n")
    assert list(root.keys) == ["d"] and list(root.fields) == ["d"]
    root = outline("? |\n  long key\n: v\n")
    assert at(root.keys["long key\n"]) == (0, 2, 1, 10, "|") and root.fields["long key\n"].text == "v"


def test_a_value_nested_too_deeply_to_take_apart_gives_no_outline():
    # Valid YAML that libyaml composes but that is too deep to walk: None, as for invalid text.
    assert outline("x-deep: " + "[" * 600 + "]" * 600 + "\n") is None
    assert outline("x-deep: " + "[" * 20 + "]" * 20 + "\n") is not None


def test_the_text_is_read_as_the_loader_reads_it():
    # libyaml takes a tab after a key's colon, as parse_text does; PyYAML's own scanner would refuse it.
    assert at(outline("a:\t1\n").fields["a"]) == (0, 3, 0, 4, "plain")

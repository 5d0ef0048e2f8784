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

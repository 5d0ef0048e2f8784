"""The schema table and the model agree: a field added to one must be added to the other."""

import dataclasses

import pytest

from claimtrack import model, schema
from claimtrack.model import Record


@pytest.mark.parametrize("rs", schema.RECORD_KINDS, ids=lambda rs: rs.kind)
def test_schema_fields_are_the_model_fields(rs):
    base = {f.name for f in dataclasses.fields(Record)}
    model_fields = [f.name for f in dataclasses.fields(rs.record) if f.name not in base]
    assert sorted(model_fields) == sorted(rs.names)


@pytest.mark.parametrize("rs", schema.RECORD_KINDS, ids=lambda rs: rs.kind)
def test_every_field_kind_is_known_and_complete(rs):
    for f in rs.fields:
        assert f.kind in schema.FIELD_KINDS
        assert (f.kind == schema.CHOICE) == bool(f.choices), f.name
        assert (f.kind in (schema.RECORD, schema.RECORDS)) == (f.nested is not None), f.name
        assert f.refers_to in (None, "speaker", "source", "claim")
        if f.refers_to:
            assert f.kind in (schema.ID, schema.IDS)


def test_required_fields_as_the_format_says():
    assert schema.CLAIM.required == ("id", "speaker", "date", "statement")
    assert schema.SPEAKER.required == ("id", "name")
    assert schema.SOURCE.required == ("id",)
    assert schema.LINK.required == ("claim", "relation")
    assert schema.VERDICT.required == ("rating",)
    assert schema.SOURCING.required == ("status",)


def test_nested_kinds_are_all_listed():
    nested = {f.nested.kind for rs in schema.RECORD_KINDS for f in rs.fields if f.nested}
    assert nested <= {rs.kind for rs in schema.RECORD_KINDS}
    assert schema.TOP_LEVEL_KEYS == ("speakers", "sources", "claims")
    assert model.PartialDate.parse("2020-04").last_day.day == 30

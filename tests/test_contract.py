"""The dataset contract: schemas accept good rows, reject bad ones with file, row and field named,
and the generated data package and dictionary stay in step with it."""

import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipeline.io import write_table
from schemas import ContractError, validate
from schemas.contract import BLOCKS, DOCUMENTS, MEASURE_YEARS, MEASURES, SCHEMA_VERSION, TABLES
from schemas.render import arrow_schema, datapackage, dictionary_markdown


def good_measure(**over):
    row = {
        "measure_id": "a1b2c3", "doc_id": "doc", "source_file": "raw/doc.pdf", "doc_type": "plan", "published": "2019-05",
        "organisation": "Region Norrbotten", "organisation_type": "region", "organisation_code": "25",
        "region": "Region Norrbotten", "region_code": "25", "body": None, "parent": "Budget i balans", "name": "Avgift för recept via 1177",
        "kind": "measure", "counted": True, "amount_sek": 108_000_000, "direction": "reduction", "period_start": 2020,
        "period_end": 2022, "status_raw": "PÅBÖRJAD", "status": "started", "deadline": "2019-Q4", "page": 3,
        "quote": "*Avgift för recept via 1177 PÅBÖRJAD",
    }
    row.update(over)
    return pd.DataFrame([row])


def test_good_measure_row_passes():
    validate(MEASURES, good_measure())


@pytest.mark.parametrize(
    "over, field, words",
    [
        ({"status": "in progress"}, "status", "not one of"),
        ({"amount_sek": -5}, "amount_sek", "below the minimum"),
        ({"name": None}, "name", "required value is missing"),
        ({"name": "  "}, "name", "required value is missing"),
        ({"kind": "sum"}, "kind", "not one of"),
        ({"counted": None}, "counted", "required value is missing"),
        ({"doc_type": "memo"}, "doc_type", "not one of"),
        ({"published": "maj 2019"}, "published", "does not match"),
        ({"deadline": "hösten 2019"}, "deadline", "does not match"),
        ({"region_code": "Norrbotten"}, "region_code", "does not match"),
        ({"organisation_code": "148"}, "organisation_code", "does not match"),
        ({"organisation_type": "landsting"}, "organisation_type", "not one of"),
        ({"period_start": 19}, "period_start", "plausible year"),
        ({"page": 0}, "page", "below the minimum"),
    ],
)
def test_bad_measure_rows_are_rejected_naming_file_row_and_field(over, field, words):
    with pytest.raises(ContractError) as e:
        validate(MEASURES, good_measure(**over))
    assert f"measures.parquet row 0 field {field}" in str(e.value)
    assert words in str(e.value)


def test_duplicate_ids_and_missing_columns_are_rejected():
    df = pd.concat([good_measure(), good_measure()], ignore_index=True)
    with pytest.raises(ContractError, match="measure_id"):
        validate(MEASURES, df)
    with pytest.raises(ContractError, match="missing columns"):
        validate(MEASURES, good_measure().drop(columns=["quote"]))


def test_write_table_records_schema_version_and_refuses_bad_rows(tmp_path):
    path = write_table(MEASURES, good_measure(), tmp_path, {"pipeline_version": "x"})
    meta = pq.read_schema(path).metadata
    assert meta[b"schema_version"] == SCHEMA_VERSION.encode()
    assert meta[b"pipeline_version"] == b"x"
    assert pq.read_table(path).schema.field("amount_sek").type == "int64"
    with pytest.raises(ContractError):
        write_table(MEASURES, good_measure(direction="down"), tmp_path / "bad")
    assert not (tmp_path / "bad" / "measures.parquet").exists()


def test_every_field_is_in_datapackage_and_dictionary():
    pkg = datapackage()
    text = dictionary_markdown()
    for table in TABLES.values():
        res = next(r for r in pkg["resources"] if r["name"] == table.name)
        assert [f["name"] for f in res["schema"]["fields"]] == [f.name for f in table.fields]
        for f in table.fields:
            assert f"`{f.name}`" in text
            assert f.description
    status = next(f for f in pkg["resources"][0]["schema"]["fields"] if f["name"] == "status")
    assert status["constraints"]["enum"] == ["planned", "started", "ongoing", "completed", "cancelled"]


def test_arrow_schemas_cover_all_tables():
    for table in (*TABLES.values(), BLOCKS):
        schema = arrow_schema(table)
        assert schema.names == [f.name for f in table.fields]
    assert arrow_schema(MEASURE_YEARS).field("year").type == "int32"
    assert arrow_schema(DOCUMENTS).field("n_measures").nullable is False


def test_readme_data_dictionary_is_up_to_date():
    """Docs do not drift from code: regenerate with `python -m schemas.render`."""
    from pathlib import Path

    from schemas.render import with_dictionary

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert readme == with_dictionary(readme)


def test_every_makefile_target_has_a_help_line():
    import re
    from pathlib import Path

    makefile = (Path(__file__).resolve().parent.parent / "Makefile").read_text()
    phony = re.search(r"^\.PHONY: (.+)$", makefile, re.M).group(1).split()
    for target in phony:
        assert re.search(rf"^{target}:.*## ", makefile, re.M), target

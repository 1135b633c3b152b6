"""The published tables, field by field. Change a column here and bump SCHEMA_VERSION."""
from __future__ import annotations

from dataclasses import dataclass

SCHEMA_VERSION = "2.0.0"

STATUSES = ("planned", "started", "ongoing", "completed", "cancelled")
DIRECTIONS = ("reduction", "increase")
KINDS = ("measure", "total")
DOC_STATUSES = ("ok", "failed", "empty", "encrypted", "needs_ocr", "unsupported", "duplicate", "not_swedish")
ORGANISATION_TYPES = ("region", "kommun", "other")
ORGANISATION_COLUMNS = ("organisation", "organisation_type", "organisation_code", "region", "region_code")
DOC_TYPES = ("plan", "budget", "budget_proposal", "slides", "report", "news", "other")
DEADLINE_PATTERN = r"^\d{4}(-Q[1-4]|-\d{2}(-\d{2})?)?$"
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"


@dataclass(frozen=True)
class Field:
    """One column: name, logical type, meaning, and the constraints a value must meet."""

    name: str
    type: str  # string | integer | year | number | boolean | list
    description: str
    required: bool = False
    enum: tuple[str, ...] | None = None
    minimum: int | None = None
    pattern: str | None = None
    unique: bool = False


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    location: str | None = None  # where it lives under data/, when not data/<name>.parquet

    @property
    def path(self) -> str:
        return self.location or f"{self.name}.parquet"

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


ORGANISATION_FIELDS = (
    Field("organisation", "string", "Official name of the organisation whose document it is: 'Region Skåne', "
          "'Simrishamns kommun', 'Göteborgs Stad', 'Alingsås och Vårgårda räddningstjänstförbund' (manifest wins over "
          "detection; see the documents' note for how it was decided)."),
    Field("organisation_type", "string", "'region', 'kommun' (a municipality), or 'other' for a joint body such as a "
          "räddningstjänstförbund.", enum=ORGANISATION_TYPES),
    Field("organisation_code", "string", "SCB code of the organisation: 2 digits for a region (county code), 4 for a "
          "municipality (kommunkod, e.g. '1489'); empty for a joint body.", pattern=r"^\d{2}(\d{2})?$"),
    Field("region", "string", "Official name of the region of the organisation's county, e.g. 'Västra Götalandsregionen' "
          "for Alingsås kommun; for a region, the region itself."),
    Field("region_code", "string", "SCB county code of that region, e.g. '14'.", pattern=r"^\d{2}$"),
)

MEASURES = Table(
    "measures",
    "One row per measure (åtgärd) or stated total per organisation and document.",
    (
        Field("measure_id", "string", "Stable id of the row: hash of document, kind, parent, name and position.", True, unique=True),
        Field("doc_id", "string", "Id of the source document (see documents).", True),
        Field("source_file", "string", "Path of the source document under raw/.", True),
        Field("doc_type", "string", "Kind of the source document (see documents): an adopted plan, a proposal and "
              "the news are different figures; sum per doc_type.", enum=DOC_TYPES),
        Field("published", "string", "Publication date of the source document: ISO date, year-month or year.", pattern=DATE_PATTERN),
        *ORGANISATION_FIELDS,
        Field("body", "string", "Responsible or proposing body, canonical name, e.g. 'Hälso- och sjukvårdsnämnden'."),
        Field("parent", "string", "Heading or group item the measure sits under, as written."),
        Field("name", "string", "The measure's name as written, without bullet, amount or status words.", True),
        Field("kind", "string", "'measure', or 'total' for a stated sum over measures.", True, enum=KINDS),
        Field("counted", "boolean", "The row counts in sums: each measure once. False for totals, for a group row "
              "whose sub-rows carry amounts (they count), and for every row linked to a fuller form of the same "
              "measure (measure_links: per-year amounts beat one figure, a plan or budget beats slides, slides "
              "beat news); a budget_proposal's rows never stand for an adopted document's, nor the reverse. A "
              "measure without an amount is counted too (it adds nothing to a sum).", True),
        Field("amount_sek", "integer", "Total amount in whole kronor, unsigned; empty when none is stated.", minimum=0),
        Field("direction", "string", "'reduction' (saving, cut, new income) or 'increase' (spending, investment); empty without amount.", enum=DIRECTIONS),
        Field("period_start", "year", "First year the amount or measure applies to."),
        Field("period_end", "year", "Last year the amount or measure applies to."),
        Field("status_raw", "string", "Status word as written (PÅGÅR, KLART, …)."),
        Field("status", "string", "Canonical status.", enum=STATUSES),
        Field("deadline", "string", "When the measure or its next step is due: YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Qn.", pattern=DEADLINE_PATTERN),
        Field("page", "integer", "1-based page of the source; empty for unpaginated text.", minimum=1),
        Field("quote", "string", "Verbatim source text the row was read from.", True),
    ),
    ("measure_id",),
)

MEASURE_YEARS = Table(
    "measure_years",
    "Per-year breakdown of a measure's amount, where a table gives one.",
    (
        Field("measure_id", "string", "The measure (see measures).", True),
        Field("year", "year", "Budget year.", True),
        Field("amount_sek", "integer", "Amount for that year in whole kronor, unsigned.", True, minimum=0),
        Field("direction", "string", "Direction of that year's amount.", enum=DIRECTIONS),
    ),
    ("measure_id", "year"),
)

DOCUMENTS = Table(
    "documents",
    "One row per input file, whatever happened to it.",
    (
        Field("doc_id", "string", "Id of the document, from its file name.", True, unique=True),
        Field("source_file", "string", "Path under raw/.", True),
        Field("sha256", "string", "SHA-256 of the file's bytes.", True, pattern=r"^[0-9a-f]{64}$"),
        Field("doc_type", "string", "Kind of document (manifest, else detected).", enum=DOC_TYPES),
        *ORGANISATION_FIELDS,
        Field("publisher", "string", "Who published the document."),
        Field("title", "string", "Title of the document."),
        Field("published", "string", "Publication date as ISO date, year-month or year.", pattern=DATE_PATTERN),
        Field("reference", "string", "The document's reference number (diarienummer) as written on its first page after "
              "'Dnr', 'Diarienr' or 'Diarienummer', e.g. '2026.084 SN'."),
        Field("url", "string", "Web address of the document, from the manifest; empty when only the local file is known.",
              pattern=r"^https?://\S+$"),
        Field("pages", "integer", "Number of pages (PDF); empty for text.", minimum=0),
        Field("n_measures", "integer", "Rows the document gave in measures.", True, minimum=0),
        Field("rows_dropped", "integer", "Rows of the document left out of measures and measure_years because they broke "
              "the contract (reasons in note); a dropped measure's measure_years rows go with it, uncounted.", True, minimum=0),
        Field("status", "string", "What happened to the file.", True, enum=DOC_STATUSES),
        Field("error", "string", "Why the document gave no rows, when it did not."),
        Field("ocr", "boolean", "The text was read from scanned pages by OCR (lower confidence).", True),
        Field("note", "string", "Other remarks: how the organisation was decided, checks that failed, rows dropped and why."),
    ),
    ("doc_id",),
)

MEASURE_LINKS = Table(
    "measure_links",
    "Links between rows of measures that are the same measure of the same region (across documents, "
    "or across forms in one document), grouped: every row of a group shares its group_id.",
    (
        Field("group_id", "string", "Id of the group of rows that are one measure (stable across runs).", True),
        Field("measure_id", "string", "One row of the link (see measures).", True),
        Field("other_id", "string", "The row it is linked to.", True),
        Field("name_similarity", "number", "Similarity of the two names, 0–100 (rapidfuzz).", True),
        Field("same_amount", "boolean", "Both rows state the same amount (empty when either states none)."),
        Field("same_period", "boolean", "Both rows state the same period (empty when either states none)."),
        Field("same_body", "boolean", "Both rows name the same body (empty when either names none)."),
        Field("score", "number", "Strength of the link, 0–1.", True),
        Field("flagged", "boolean", "The rows state different amounts: linked on a strong name match only.", True),
    ),
    ("measure_id", "other_id"),
)

TABLES = {t.name: t for t in (MEASURES, MEASURE_YEARS, DOCUMENTS, MEASURE_LINKS)}

BLOCKS = Table(
    "blocks",
    "Intermediate: the extract stage's text blocks in reading order, kept in its cache entry "
    "(data/interim/<doc_id>.extract.arrow: a line of JSON, then the blocks as an Arrow IPC stream; "
    "`pipeline.cache.load` reads it).",
    (
        Field("doc_id", "string", "Document id.", True),
        Field("page", "integer", "1-based page; empty for unpaginated text.", minimum=1),
        Field("index", "integer", "Position of the block in the document's reading order.", True, minimum=0),
        Field("kind", "string", "Block kind.", True, enum=("heading", "paragraph", "list_item", "table_row", "furniture")),
        Field("text", "string", "Text of the block, hard-wrapped lines joined; table cells joined by tabs."),
        Field("level", "integer", "Heading level (1 = largest), list indentation level or table sub-row level.", True, minimum=0),
        Field("group", "integer", "Box or column of the page, numbered in reading order.", True, minimum=0),
        Field("marker", "string", "List marker as written (•, –, -, *, 1.)."),
        Field("cells", "list", "Cells of a table row, as text."),
        Field("header", "boolean", "The table row is a header row.", True),
        Field("table", "integer", "Id of the table in the document; a table continued over pages keeps its id.", minimum=0),
        Field("bbox", "list", "x0, top, x1, bottom in PDF points."),
        Field("font_size", "number", "Dominant font size in points."),
        Field("bold", "boolean", "The block is set in a bold face.", True),
        Field("ocr", "boolean", "The text was read from a page image by OCR.", True),
        Field("confidence", "number", "OCR confidence (Tesseract, 0–100); empty for a text layer."),
    ),
    ("doc_id", "index"),
    "interim/<doc_id>.extract.arrow",
)

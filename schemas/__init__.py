"""The dataset contract: one definition of every output table, from which the pyarrow
schemas, the Frictionless data package and the data dictionary are generated."""
from schemas.contract import SCHEMA_VERSION, TABLES, Field, Table
from schemas.validate import ContractError, validate

__all__ = ["SCHEMA_VERSION", "TABLES", "Field", "Table", "ContractError", "validate"]

"""JSON-safe snapshots of rows for the audit log's before/after columns."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import inspect


def _jsonable(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value


def snapshot(row: object) -> dict[str, Any]:
    """Column values of an ORM row as plain JSON types."""
    mapper = inspect(type(row))
    return {attr.key: _jsonable(getattr(row, attr.key)) for attr in mapper.column_attrs}

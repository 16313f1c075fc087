"""Fixtures of the workbook tests."""

from tests.workbook.hostile import hostile_build  # noqa: F401 - a fixture, used by name

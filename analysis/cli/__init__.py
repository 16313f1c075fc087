"""The ``workbook`` command: ``main`` (the parser and the one place that turns errors into exit
codes), ``commands`` (one function per command), ``arguments`` (shared options), ``output``
(tables as text, CSV or JSON)."""

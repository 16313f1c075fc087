"""Reading: report files into reports and entries.

``reports`` (decoding, boilerplate, the reports and problems tables: the only module that reads
inputs), ``titles`` (country and period), ``attribution`` (outlet, date, issue and authors of a
paragraph's opening), ``segment`` (paragraphs into overview, headings and entries), ``entries``
(the entries table).
"""

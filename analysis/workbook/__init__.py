"""The notebook workbook: the batch plan (``plan``), the notebooks' setup and the batch's checks
(``setup``), papermill runs (``execute``), HTML pages (``pages``) and ``workbook run``
(``batch``)."""

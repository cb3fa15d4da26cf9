"""Evaluation of the stages against labelled sets, behind `toolkit evaluate`: languages (`language`), single
words and short texts (`words`), sentence boundaries (`sentences`) and statements (`aspects`). Each module
prints its report with ``python -m toolkit.evaluation.<name>`` and holds the floors its gate in tests/ checks.
The analysis stages never import from here."""

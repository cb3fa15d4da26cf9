"""The validation loop of content analysis: `sample` sentences → humans code the sheet → `agreement` (Krippendorff's
alpha with bootstrap intervals, machine against humans) → `adapt` (a film layer learns the researcher's codes)
→ `agreement` again.

Pure functions over tables; the commands `toolkit sample`, `toolkit agreement` and `toolkit adapt` are thin
shells over them. The pieces: `toolkit.validation.sampling` (design and HTML form), `.sheets` (reading and
checking coded sheets, the machine as a coder), `.agreement` (the coefficients) and `.adapt` (the film layer).
"""

from __future__ import annotations

from toolkit.validation.adaptation import Adaptation, adapt, layer_path
from toolkit.validation.reliability import Agreement, agreement, alpha, alpha_interval, cohen_kappa
from toolkit.validation.report import agreement_text, alpha_table, methods_paragraph
from toolkit.validation.sampling import Sample, coding_form, sample
from toolkit.validation.sheets import SheetError, machine_codes, read_sample, read_sheets, sheet_csv

__all__ = [
    "sample",
    "coding_form",
    "read_sheets",
    "sheet_csv",
    "machine_codes",
    "agreement",
    "alpha",
    "alpha_interval",
    "cohen_kappa",
    "adapt",
    "read_sample",
    "agreement_text",
    "alpha_table",
    "methods_paragraph",
    "layer_path",
    "Sample",
    "Agreement",
    "Adaptation",
    "SheetError",
]

"""The error of the office-table reader: it names the file, sheet and cell."""

from __future__ import annotations

from gendex._core import InputError


class OfficeTableError(InputError):
    """An office table gendex cannot read; ``where`` is ``file!sheet!cell``, ``reason`` says why.

    An :class:`gendex.InputError` (so also a ``ValueError``); the message is
    ``"<where>: <reason>"``.

    Examples
    --------
    >>> err = OfficeTableError("dinkes.xlsx", "Sheet1", "C7", "cannot read '1,2,3' as a number")
    >>> str(err)
    "dinkes.xlsx!Sheet1!C7: cannot read '1,2,3' as a number"
    >>> err.cell, isinstance(err, ValueError)
    ('C7', True)
    """

    # Always given here (a GendexError from the core may lack them).
    file: str
    reason: str

    def __init__(self, file: str, sheet: str, cell: str, reason: str) -> None:
        self.file, self.sheet, self.cell, self.reason = file, sheet, cell, reason
        self.where = "!".join(part for part in (file, sheet, cell) if part)
        super().__init__(f"{self.where}: {reason}")

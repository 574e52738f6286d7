"""Numbers as Indonesian offices print them: "1.234" is 1234, "12,5" is 12.5, "-" is nothing."""

from __future__ import annotations

import re
from typing import NamedTuple, Optional

from .vocabulary import DASHES

_THOUSANDS_DOTS = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")  # 1.234  1.234.567  1.234,5
_DECIMAL_COMMA = re.compile(r"^\d+(,\d+)?$")  # 12  12,5
_ENGLISH = re.compile(r"^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")  # 12.5  1,234.5 (English exports)


class Number(NamedTuple):
    """A parsed cell: its value and how many decimals were printed (for the sum tolerance)."""

    value: float
    decimals: int


def parse_number(text: str) -> Optional[Number]:
    """The number a cell text means; None for a dash or empty cell; ValueError when it is no number.

    A dot followed by groups of three digits separates thousands and a comma
    marks decimals (Indonesian); a lone dot followed by other than three
    digits is an English decimal point ("12.5"). A trailing "%" is dropped.

    Parameters
    ----------
    text : str
        The cell as written.

    Returns
    -------
    Number or None
        None when the office wrote nothing, a dash or dots.

    Raises
    ------
    ValueError
        When the text is not a number in either convention.

    Examples
    --------
    >>> parse_number("1.234"), parse_number("12,5"), parse_number("-")
    (Number(value=1234.0, decimals=0), Number(value=12.5, decimals=1), None)
    >>> parse_number("1.234.567,25").value
    1234567.25
    """
    body = text.replace("\u00a0", "").replace(" ", "").strip()
    if body == "" or body in DASHES:
        return None
    sign = -1.0 if body.startswith("-") else 1.0
    digits = body.lstrip("+-").rstrip("%")
    if _THOUSANDS_DOTS.match(digits) or _DECIMAL_COMMA.match(digits):
        whole, _, fraction = digits.replace(".", "").partition(",")
    elif _ENGLISH.match(digits):
        whole, _, fraction = digits.replace(",", "").partition(".")
    else:
        raise ValueError(f"cannot read '{text.strip()}' as a number (expected e.g. 1.234 or 12,5 or -)")
    return Number(sign * float(f"{whole}.{fraction or 0}"), len(fraction))


def stored_number(value: float) -> Number:
    """A number stored as a number (xlsx): decimals from its shortest text.

    Examples
    --------
    >>> stored_number(12.5), stored_number(1234)
    (Number(value=12.5, decimals=1), Number(value=1234.0, decimals=0))
    """
    text = repr(float(value))
    decimals = 0 if text.endswith(".0") or "e" in text else len(text.partition(".")[2])
    return Number(float(value), decimals)

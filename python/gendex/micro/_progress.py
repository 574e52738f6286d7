"""Progress bars of long runs (bootstrap replicates here, partitions in gendex.dask)."""

from __future__ import annotations

import sys
import time
from typing import Any, Optional


def interactive() -> bool:
    """A person is watching: stderr is a terminal, or this runs in a Jupyter/IPython kernel."""
    try:
        if sys.stderr is not None and sys.stderr.isatty():
            return True
    except (AttributeError, ValueError):
        pass
    shell = sys.modules.get("IPython")
    if shell is None:
        return False
    get_ipython = getattr(shell, "get_ipython", None)
    try:
        return callable(get_ipython) and get_ipython() is not None
    except Exception:  # any IPython oddity means "not interactive"
        return False


class ProgressBar:
    """A progress bar for long runs: shown only when a person is watching
    (terminal or notebook, or ``progress=True``) and only once the run has
    taken ``delay`` seconds, so short runs stay silent. tqdm draws it when it
    is installed; otherwise a one-line text bar on stderr."""

    def __init__(self, description: str, enabled: Optional[bool] = None, delay: float = 1.0) -> None:
        self.description = description
        self.enabled = interactive() if enabled is None else bool(enabled)
        self.delay = delay if enabled is None else 0.0
        self._start = time.monotonic()
        self._last = 0.0
        self._tqdm: Any = None
        self._drawn = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._start < self.delay and done < total:
            return
        if not self._drawn and done >= total and now - self._start < self.delay:
            return  # finished before it was worth showing
        if self._tqdm is None and not self._drawn:
            try:
                from tqdm.auto import tqdm  # only if already installed

                self._tqdm = tqdm(total=total, desc=self.description, leave=False)
            except ImportError:
                self._tqdm = False
        if self._tqdm:
            self._tqdm.total = total  # a run's steps (rows, then replicates) have their own totals
            self._tqdm.n = done
            self._tqdm.refresh()
            self._drawn = True
            return
        if done < total and now - self._last < 0.1:
            return
        self._last = now
        width = 30
        filled = int(width * done / total) if total else width
        elapsed = now - self._start
        sys.stderr.write(
            f"\r{self.description} [{'#' * filled}{'-' * (width - filled)}] {done}/{total} {elapsed:5.1f}s"
        )
        sys.stderr.flush()
        self._drawn = True

    def close(self) -> None:
        if self._tqdm:
            self._tqdm.close()
        elif self._drawn:
            sys.stderr.write("\n")
            sys.stderr.flush()
        self._drawn = False

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

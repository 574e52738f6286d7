"""Write the code cells of every example notebook as one Python file each, for mypy --strict (tools/lint.sh).

usage: python tools/notebook_code.py OUTPUT_FOLDER
IPython lines (``%matplotlib inline``, ``!pip ...``) are left out; a cell's last expression stays as it is.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    for notebook in sorted((REPO / "examples" / "notebooks").glob("*.ipynb")):
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        code = "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        lines = [line for line in code.splitlines() if not line.lstrip().startswith(("%", "!"))]
        (out / f"{notebook.stem}.py").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))

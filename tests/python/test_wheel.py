"""The portable wheel (issue 11): built once, it installs and computes on a machine without Boost.

`tools/build-wheel.sh` builds the wheel (`pip wheel .`, then `auditwheel repair`, which vendors
libboost_serialization into the wheel). These tests check that the extension of the installed
wheel needs nothing from the system but the C and C++ runtime, and that the wheel installed into a
fresh virtual environment computes UNDP's published GDI from the bundled HDR 2025 file.

Marked ``wheel``: building takes minutes, so `make test` runs them in a stage of their own
(`make test-wheel`) and the `test-python` stage leaves them out.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
HDR25 = REPO / "data" / "undp" / "HDR25_Composite_indices_complete_time_series.csv"

pytestmark = pytest.mark.wheel

# The C and C++ runtime: what a manylinux policy lets an extension take from the system.
RUNTIME = re.compile(
    r"^(linux-vdso\.so|ld-linux[-\w.]*\.so|libc\.so|libm\.so|libstdc\+\+\.so|libgcc_s\.so"
    r"|libpthread\.so|libdl\.so|librt\.so)"
)


def run(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None) -> str:
    """Run a command, fail the test with its output when it fails, return its stdout."""
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL, check=False
    )
    assert done.returncode == 0, f"{' '.join(map(str, args))} exited {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel tools/build-wheel.sh builds (the one build of this module)."""
    out = tmp_path_factory.mktemp("wheelhouse")
    # The interpreter running the tests builds it (it has scikit-build-core, pybind11, auditwheel).
    env = {**os.environ, "PYTHON": sys.executable}
    printed = run("bash", REPO / "tools" / "build-wheel.sh", out, cwd=REPO, env=env)
    path = Path(printed.strip().splitlines()[-1])
    assert path.is_file(), printed
    return path


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A fresh virtual environment with the wheel installed: (its python, its site-packages)."""
    root = tmp_path_factory.mktemp("venv")
    run(sys.executable, "-m", "venv", root)
    python = root / "bin" / "python"
    # Only the wheel's own dependencies (numpy, pandas, ...) come from the package index.
    run(python, "-m", "pip", "install", "-q", "--disable-pip-version-check", wheel)
    site = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").strip())
    return python, site


def test_wheel_is_tagged_with_a_manylinux_policy(wheel: Path) -> None:
    assert re.search(r"-manylinux_2_\d+_x86_64\.whl$", wheel.name), wheel.name
    shown = " ".join(run(sys.executable, "-m", "auditwheel", "show", wheel).split())
    assert re.search(r'is consistent with the following platform tag: "manylinux_2_\d+_x86_64"', shown), shown
    # The system libraries it names are the C and C++ runtime's only; Boost is inside the wheel.
    assert "libboost" not in shown, shown


def needed(path: Path) -> list[str]:
    """The DT_NEEDED entries of an ELF file."""
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", run("readelf", "-d", path))


def resolved(path: Path) -> dict[str, str]:
    """ldd's answer for an ELF file: soname → the path it resolves to ('not found' if none)."""
    out = run("ldd", path)
    libs: dict[str, str] = {}
    for line in out.splitlines():
        m = re.match(r"\s*(\S+)\s+=>\s+(not found|\S+)", line)
        if m:
            libs[m.group(1)] = m.group(2)
        elif m := re.match(r"\s*(\S+)\s+\(0x", line):
            libs[Path(m.group(1)).name] = m.group(1)
    return libs


def test_extension_needs_only_the_c_and_cxx_runtime_from_the_system(venv: tuple[Path, Path]) -> None:
    _, site = venv
    (core,) = (site / "gendex").glob("_core*.so")
    boost = [lib for lib in needed(core) if "boost" in lib]
    assert boost, f"{core.name} needs no Boost library at all: {needed(core)}"
    # Every library the extension loads, and every library those load, either lies inside the
    # installed package (the vendored Boost.Serialization) or is part of the C and C++ runtime.
    libs = resolved(core)
    assert "not found" not in libs.values(), libs
    for soname, where in libs.items():
        inside = Path(where).resolve().is_relative_to(site.resolve())
        assert inside or RUNTIME.match(soname), f"{core.name} takes {soname} from the system: {where}"
        if "boost" in soname:
            assert inside, f"{soname} comes from {where}, not from the installed package"
    vendored = [Path(libs[name]).resolve() for name in boost]
    assert all(p.parent == (site / "gendex.libs").resolve() for p in vendored), vendored
    for lib in vendored:
        for soname, where in resolved(lib).items():
            assert RUNTIME.match(soname) or Path(where).resolve().is_relative_to(site.resolve()), (lib, soname, where)


# Runs in the fresh environment, from a directory outside the repository.
GDI_SCRIPT = """
import csv, json, sys
from pathlib import Path
import gendex

hdr, site = Path(sys.argv[1]), Path(sys.argv[2])
assert Path(gendex.__file__).resolve().is_relative_to(site.resolve()), gendex.__file__
result = gendex.gdi(gendex.read_hdr(hdr), edition="hdr2025")
# One row per region-period: today's wide frame, or the .wide() of issue 11's index result.
wide = result.wide() if hasattr(result, "wide") else result
with hdr.open(newline="", encoding="latin-1") as f:
    published = {row["iso3"]: row["gdi_2023"] for row in csv.DictReader(f)}
out = {}
for iso3 in ("NOR", "IDN", "SWE", "IND"):
    row = wide[(wide["region"] == iso3) & (wide["period"] == 2023)]
    out[iso3] = [float(row["gdi"].iloc[0]), published[iso3]]
print(json.dumps(out))
"""


def test_installed_wheel_computes_the_published_gdi(venv: tuple[Path, Path], tmp_path: Path) -> None:
    python, site = venv
    values = json.loads(run(python, "-c", GDI_SCRIPT, HDR25, site, cwd=tmp_path))
    for iso3, (computed, published) in values.items():
        # The HDR prints three decimals; the recomputation rounds to the printed value.
        assert abs(computed - float(published)) <= 0.0005 + 1e-12, (iso3, computed, published)

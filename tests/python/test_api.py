"""The public API: what ``dir(gendex)`` shows, and the module path pickles store."""

from __future__ import annotations

import importlib
import pickle

import pandas as pd
import pytest

import gendex

# Public submodules, besides the names of gendex.__all__ (dask needs the optional extra; gendex.report
# is the function, its package is reached as gendex.report.__module__).
SUBMODULES = {"cli", "frames", "indices", "micro", "office", "plot", "dask"}


def _import_submodules() -> set[str]:
    imported = set()
    for name in sorted(SUBMODULES):
        try:
            importlib.import_module(f"gendex.{name}")
        except ImportError:
            assert name == "dask", name
            continue
        imported.add(name)
    return imported


def test_dir_shows_the_public_api_only():
    submodules = _import_submodules()
    assert {n for n in dir(gendex) if not n.startswith("_")} == set(gendex.__all__) | submodules
    assert len(gendex.__all__) == len(set(gendex.__all__))
    for name in gendex.__all__:
        assert hasattr(gendex, name), name


def test_public_classes_pickle_by_their_public_path(small):
    for name in gendex.__all__:
        obj = getattr(gendex, name)
        if isinstance(obj, type):
            assert getattr(importlib.import_module(obj.__module__), obj.__qualname__) is obj, name
    data = pickle.dumps(small, protocol=2)  # protocol 2 names classes as text: c<module>\n<name>\n
    assert b"cgendex\nDataset\n" in data
    assert pickle.loads(data) == small


def test_micro_shows_its_public_api_only():
    from gendex import micro

    assert {n for n in dir(micro) if not n.startswith("_")} == set(micro.__all__)
    for name in ("Accumulator", "Design", "IndexInputAccumulator", "IndexUncertainty"):
        assert getattr(micro, name).__module__ == "gendex.micro", name


def test_index_input_keywords_are_one_spec():
    from gendex import micro

    df = pd.DataFrame({"weight": [1.0, 2.0], "region": ["A", "A"], "sex": ["F", "M"], "age": [30.0, 40.0]})
    d = micro.Design(df, weight="weight")
    with pytest.raises(TypeError, match=r"accumulate_index_inputs\(\) got an unexpected keyword argument 'agee'"):
        micro.accumulate_index_inputs(d, agee="age")
    assert micro.accumulate_index_inputs(d, age="age").indicators == ["population"]
    gdask = pytest.importorskip("gendex.dask")
    dd = pytest.importorskip("dask.dataframe")
    with pytest.raises(TypeError, match=r"accumulate_index_inputs\(\) got an unexpected keyword argument 'agee'"):
        gdask.accumulate_index_inputs(gdask.Design(dd.from_pandas(df, npartitions=1), weight="weight"), agee="age")


def test_submodules_are_attributes_after_a_plain_import():
    """A notebook writes gendex.micro.mean(...) after `import gendex`; the user trial of this session got
    AttributeError."""
    import subprocess
    import sys

    code = "import gendex, sys; assert 'gendex.micro' not in sys.modules; print(gendex.micro.mean.__name__)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "mean"
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        gendex.nope  # noqa: B018

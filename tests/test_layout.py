"""The layout promise: ``platform/`` is a source folder and never shadows the standard library."""

import subprocess
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_platform_folder_is_not_a_package() -> None:
    assert (ROOT / "platform" / "campus" / "__init__.py").exists()
    assert not (ROOT / "platform" / "__init__.py").exists()
    assert not (ROOT / "platform.py").exists()


def test_platform_resolves_to_the_standard_library_from_the_repo_root() -> None:
    code = "import platform, uuid; print(platform.__file__); print(platform.system())"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    module_file, system = result.stdout.split()
    assert Path(module_file).parent == Path(sysconfig.get_paths()["stdlib"])
    assert system == "Linux"


def test_campus_is_importable_from_the_source_folder() -> None:
    import campus

    assert Path(campus.__file__).parent == ROOT / "platform" / "campus"

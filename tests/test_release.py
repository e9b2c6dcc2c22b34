"""The release: `python -m build` makes an sdist and a wheel that `twine check` accepts, and the
wheel, installed into a fresh virtual environment, builds the sample handbook on its own.

Speed without lying about the wheel: the fresh environment takes its dependencies (MkDocs,
Material, plotly...) from this test environment through a folder of links to its packages,
leaving out everything of mkdocs-postmortem itself (the editable install's files and
metadata). So the plugin, its templates, data files, assets and entry points can only come
from the wheel; the test checks that the module it imported lives in the fresh environment.
"""

from __future__ import annotations

import email
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, _environment

pytestmark = pytest.mark.slow

DISTRIBUTION = "mkdocs_postmortem"


def run(*command: str | Path, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [str(part) for part in command], cwd=cwd, capture_output=True, text=True, timeout=600, env=env, check=False
    )
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    """sdist and wheel of a copy of the checkout's tracked files (as a clean clone has them)."""
    work = tmp_path_factory.mktemp("release")
    source = work / "source"
    tracked = run("git", "ls-files", "-z", cwd=ROOT).stdout.split("\0")
    for name in filter(None, tracked):
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    out = work / "dist"
    # --no-isolation: setuptools comes from the test extra instead of a download per run.
    # The wheel is built from the unpacked sdist, so the sdist is proved complete too.
    run(sys.executable, "-m", "build", "--no-isolation", "--outdir", out, source)
    return out


def only(folder: Path, pattern: str) -> Path:
    (found,) = folder.glob(pattern)
    return found


def test_twine_accepts_the_sdist_and_the_wheel(dist):
    result = run(sys.executable, "-m", "twine", "check", "--strict", *sorted(dist.iterdir()))
    assert result.stdout.count("PASSED") == 2, result.stdout


def test_the_wheel_holds_the_package_data_licences_entry_points_and_metadata(dist):
    # One place holds the version: the package's __version__, read into the metadata by the build.
    assert 'dynamic = ["version"]' in (ROOT / "pyproject.toml").read_text("utf-8")
    from mkdocs_postmortem import __version__

    wheel = only(dist, f"{DISTRIBUTION}-{__version__}-py3-none-any.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    package = ROOT / DISTRIBUTION
    for folder in ("templates", "data", "assets"):
        shipped = {
            path.relative_to(ROOT).as_posix() for path in (package / folder).rglob("*")
            if path.is_file() and "__pycache__" not in path.parts
        }
        assert shipped and shipped <= names, sorted(shipped - names)
    assert f"{DISTRIBUTION}/assets/plotly/plotly-basic.min.js" in names
    assert f"{DISTRIBUTION}/assets/plotly/LICENSE" in names
    info = f"{DISTRIBUTION}-{__version__}.dist-info"
    assert f"{info}/licenses/LICENSE" in names

    archive = zipfile.ZipFile(wheel)
    entry_points = archive.read(f"{info}/entry_points.txt").decode()
    for group in ("[mkdocs.plugins]", "[properdocs.plugins]"):
        section = entry_points.split(group, 1)[1].split("[", 1)[0]
        assert "postmortem = mkdocs_postmortem.engines.mkdocs.plugin:PostmortemPlugin" in section, group
    assert "mkdocs-postmortem = mkdocs_postmortem.cli:main" in entry_points

    metadata = email.message_from_bytes(archive.read(f"{info}/METADATA"))
    assert metadata["Version"] == __version__
    assert metadata["License-Expression"] == "MIT"
    assert "Framework :: MkDocs" in metadata.get_all("Classifier")
    urls = dict(value.split(", ", 1) for value in metadata.get_all("Project-URL"))
    assert {"Homepage", "Documentation", "Source", "Issues", "Changelog"} <= set(urls)
    from mkdocs_postmortem.about import DOCUMENTATION_URL

    assert urls["Documentation"] == DOCUMENTATION_URL


def test_the_sdist_holds_the_licence_changelog_and_package_data(dist):
    from mkdocs_postmortem import __version__

    sdist = only(dist, f"{DISTRIBUTION}-{__version__}.tar.gz")
    import tarfile

    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {"LICENSE", "README.md", "CHANGELOG.md", "pyproject.toml"} <= names
    assert f"{DISTRIBUTION}/assets/plotly/plotly-basic.min.js" in names


def _dependencies_without_the_plugin(target: Path) -> Path:
    """A folder of links to this environment's installed packages, mkdocs-postmortem's own left out."""
    site_packages = Path(sysconfig.get_paths()["purelib"])
    target.mkdir()
    for entry in site_packages.iterdir():
        name = entry.name.lower()
        if name.startswith(("mkdocs_postmortem", "__editable__", "_mkdocs_postmortem")) or name.endswith(".pth"):
            continue
        (target / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
    return target


def test_the_wheel_installed_in_a_fresh_environment_builds_the_sample_handbook(dist, tmp_path):
    from mkdocs_postmortem import __version__

    wheel = only(dist, "*.whl")
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    purelib = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip()
    deps = _dependencies_without_the_plugin(tmp_path / "deps")
    # After the environment's own site-packages: what the wheel installs there comes first.
    Path(purelib, "test-dependencies.pth").write_text(f"{deps}\n", encoding="utf-8")
    run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", "--quiet", wheel)

    handbook = tmp_path / "handbook"
    shutil.copytree(ROOT / "docs", handbook / "docs")
    shutil.copytree(ROOT / "overrides", handbook / "overrides")
    shutil.copy2(ROOT / "mkdocs.yml", handbook / "mkdocs.yml")
    env = {key: value for key, value in _environment(None).items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}

    where = run(
        python, "-c",
        "import mkdocs_postmortem, importlib.metadata as m; print(mkdocs_postmortem.__file__); "
        "print([e.value for e in m.entry_points(group='mkdocs.plugins') if e.name == 'postmortem']); "
        "print([e.value for e in m.entry_points(group='properdocs.plugins') if e.name == 'postmortem']); "
        "print(m.distribution('mkdocs-postmortem').locate_file(''))",
        cwd=handbook, env=env,
    ).stdout.splitlines()
    assert Path(where[0]).is_relative_to(Path(purelib)), where[0]
    assert where[1] == where[2] == "['mkdocs_postmortem.engines.mkdocs.plugin:PostmortemPlugin']"
    assert Path(where[3]) == Path(purelib)

    version = run(venv / "bin" / "mkdocs-postmortem", "--version", cwd=handbook, env=env)
    assert version.stdout.strip() == f"mkdocs-postmortem {__version__}"

    run(python, "-m", "mkdocs", "build", "-d", tmp_path / "site", cwd=handbook, env=env)
    site = tmp_path / "site"
    overview = (site / "postmortems" / "index.html").read_text(encoding="utf-8")
    assert 'data-postmortem-page="overview"' in overview  # a template of the wheel rendered it
    tracker = (site / "postmortems" / "actions" / "index.html").read_text(encoding="utf-8")
    assert 'data-postmortem-table="tracker"' in tracker
    assets = list((site / "assets").rglob("plotly-basic.min.js"))
    assert assets and os.path.getsize(assets[0]) > 100_000  # the bundle came with the wheel
    assert (site / "postmortems.json").is_file()

# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Checks on the repository's files that catch what a reviewer would reject."""

import ast
import re
import subprocess
import sys
import zipfile

import pytest
from docutils.core import publish_doctree
from lxml import etree

from odoo.modules.module import get_module_path

from .common import ADDONS, BASE, ROOT, addon_files, manifest

LICENSES = {"AGPL-3", "LGPL-3"}
DATA_DIRS = ("security", "data", "views", "report", "wizards")


@pytest.mark.parametrize("addon", ADDONS)
def test_manifest_has_oca_metadata(addon):
    info = manifest(addon)
    assert re.fullmatch(r"18\.0\.\d+\.\d+\.\d+", info["version"]), info["version"]
    assert info["license"] in LICENSES
    assert info["category"] == "Sales/CRM"
    assert info["author"] and info["website"].startswith("https://")
    assert info.get("installable", True)


@pytest.mark.parametrize("addon", ADDONS)
def test_readme_rst_is_built_from_the_fragments_and_valid(addon):
    """OCA ships README.rst from readme/*.md; a stale one misleads on PyPI."""
    check = subprocess.run(
        [sys.executable, str(ROOT / "bin" / "gen-readme"), "--check", addon],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stdout
    text = (ROOT / addon / "README.rst").read_text(encoding="utf-8")
    publish_doctree(text, settings_overrides={"halt_level": 2, "report_level": 2})


def test_addons_build_as_wheels_that_pip_installs(tmp_path):
    """Each addon is packaged the OCA way (pyproject.toml with whool): the
    wheel holds the addon under odoo/addons and depends on what it needs."""
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", tmp_path]
        + [str(ROOT / addon) for addon in ADDONS],
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode == 0, build.stderr[-2000:]
    for addon in ADDONS:
        (wheel,) = tmp_path.glob(
            f"odoo_addon_{addon}-{manifest(addon)['version']}*.whl"
        )
        with zipfile.ZipFile(wheel) as archive:
            names = archive.namelist()
            assert f"odoo/addons/{addon}/__manifest__.py" in names
            (metadata,) = (n for n in names if n.endswith(".dist-info/METADATA"))
            requires = re.findall(
                r"^Requires-Dist: (.*)$", archive.read(metadata).decode(), re.M
            )
        assert "odoo==18.0.*" in requires
        if addon != BASE:
            assert f"odoo-addon-{BASE}==18.0.*" in requires


@pytest.mark.parametrize("addon", ADDONS)
def test_manifest_depends_on_community_modules_that_exist(addon):
    for dep in manifest(addon)["depends"]:
        if dep in ADDONS:
            continue
        path = get_module_path(dep, display_warning=False)
        assert path, f"{addon} depends on {dep}, which Odoo 18.0 does not have"
        with open(f"{path}/__manifest__.py") as file:
            dep_license = ast.literal_eval(file.read())["license"]
        assert not dep_license.startswith("OEEL"), f"{dep} is Enterprise-only"


def test_dependency_graph_has_the_base_below_two_independent_addons():
    depends = {addon: set(manifest(addon)["depends"]) & set(ADDONS) for addon in ADDONS}
    assert depends[BASE] == set()
    for addon in set(ADDONS) - {BASE}:
        assert depends[addon] == {BASE}, f"{addon} must depend on the base only"


@pytest.mark.parametrize("addon", ADDONS)
def test_manifest_lists_existing_files_and_every_data_file(addon):
    info = manifest(addon)
    listed = info.get("data", []) + info.get("demo", [])
    for name in listed:
        assert (ROOT / addon / name).is_file(), f"{addon}: {name} does not exist"
    on_disk = {
        str(p.relative_to(ROOT / addon))
        for d in (*DATA_DIRS, "demo")
        for p in (ROOT / addon / d).glob("*")
        if p.suffix in (".xml", ".csv")
    }
    assert on_disk <= set(listed), f"{addon}: never loaded: {on_disk - set(listed)}"
    for pattern in info.get("assets", {}).get("web.assets_tests", []):
        assert list(ROOT.glob(pattern)), f"{addon}: no file matches {pattern}"


@pytest.mark.parametrize("addon", ADDONS)
def test_addon_has_readme_icon_and_translations(addon):
    folder = ROOT / addon
    for name in ("DESCRIPTION.md", "USAGE.md", "CONFIGURE.md", "CONTRIBUTORS.md"):
        assert (folder / "readme" / name).read_text().strip(), f"{addon}/readme/{name}"
    icon = (folder / "static/description/icon.png").read_bytes()
    assert icon.startswith(b"\x89PNG\r\n\x1a\n"), f"{addon}: icon.png is no PNG"
    for name in (f"{addon}.pot", "zh_TW.po", "zh_CN.po"):
        assert (folder / "i18n" / name).is_file(), f"{addon}/i18n/{name}"


@pytest.mark.parametrize("addon", ADDONS)
def test_tests_package_imports_every_test_module(addon):
    init = (ROOT / addon / "tests" / "__init__.py").read_text()
    for path in (ROOT / addon / "tests").glob("test_*.py"):
        assert (
            f"from . import {path.stem}\n" in init
        ), f"{addon}: {path.name} never runs"


XML_FILES = [p for addon in ADDONS for p in addon_files(addon, ".xml")]


@pytest.mark.parametrize("path", XML_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_xml_parses_and_uses_odoo_18_view_syntax(path):
    tree = etree.parse(str(path))
    assert not tree.xpath("//tree"), "use <list>, not <tree>"
    assert not tree.xpath("//*[@attrs]"), "use invisible=/readonly=, not attrs="
    assert not tree.xpath("//*[@states]"), "use invisible= expressions, not states="
    assert not tree.xpath("//div[contains(@class, 'oe_chatter')]"), "use <chatter/>"


@pytest.mark.parametrize(
    "path",
    [
        p
        for addon in ADDONS
        for p in addon_files(addon, ".py")
        if "tests" not in p.parts
    ],
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_python_terms_can_be_extracted_for_translation(path):
    """Odoo exports code terms with Babel's extractor, which evaluates the
    strings inside a _() call: an f-string there makes it drop the whole file
    from the .pot, silently untranslatable."""
    from babel.messages import extract

    with path.open("rb") as source:
        list(
            extract.extract(
                "python", source, keywords={"_": None}, options={"encoding": "UTF-8"}
            )
        )


def _engine_private_methods():
    tree = ast.parse((ROOT / BASE / "models" / "sales_measure.py").read_text())
    return {
        node.name
        for cls in tree.body
        if isinstance(cls, ast.ClassDef)
        for node in cls.body
        if isinstance(node, ast.FunctionDef) and node.name.startswith("_")
    }


@pytest.mark.parametrize("addon", [a for a in ADDONS if a != BASE])
def test_no_addon_calls_a_private_method_of_the_engine(addon):
    """Other addons use the engine's public API (compute, drill_down,
    definitions, won_domain...), never its private helpers."""
    private = _engine_private_methods()
    assert "_stage_exits" in private  # the check reads the engine
    calls = []
    for path in addon_files(addon, ".py"):
        tree = ast.parse(path.read_text())
        own = {
            node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)
        }
        calls += [
            f"{path.relative_to(ROOT)}:{node.lineno} {node.func.attr}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in private - own
        ]
    assert not calls, calls

"""The build command: data errors change nothing, the output folder is replaced only whole,
the staging folder reproduces the site, the configuration and the writer refuse what they must."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.commands.build import SITE_MARKER, BuildOptions, build
from generator.engines.html_compact import tidy_output
from generator.errors import BuildError, EngineFailed
from generator.engines.site_config import ConfigError, load_site_config
from generator.render.web.mkdocs_config import staged_config
from generator.write.staging import StagingWriter, WriteError, sync_tree
from tests.sitebuild import sample_site, staged_yaml
from tests.support import AS_OF, CONFIG, CONTENT, MINI, cli, edit

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def tree(folder: Path) -> dict[str, str]:
    """Relative path -> SHA-256 of every file below ``folder``."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def old_site(folder: Path) -> Path:
    """A stand-in for a previous build: the marker and a page."""
    folder.mkdir(parents=True)
    (folder / SITE_MARKER).write_bytes(b"")
    (folder / "index.html").write_text("上一版网站", encoding="utf-8")
    (folder / "compounds").mkdir()
    (folder / "compounds" / "old.html").write_text("旧页面", encoding="utf-8")
    return folder


def test_data_error_exits_1_and_leaves_the_output_untouched(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    compound = next(data.glob("compounds/*/compound.yaml"))
    edit(compound, "households:", "households: 很多 #")
    out = old_site(tmp_path / "site")
    before = tree(out)
    result = cli("build", "--data", data, "--out", out, "--as-of", AS_OF.isoformat())
    assert result.exit_code == 1, result.stderr
    assert f"{compound.relative_to(data).as_posix()}" in result.stdout
    assert "households" in result.stdout
    assert tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "site"]  # no temporary folders left


def test_a_new_build_replaces_the_old_site_whole(tmp_path: Path) -> None:
    out = old_site(tmp_path / "site")
    result = build(BuildOptions(data=MINI, out=out, as_of=AS_OF, content=CONTENT, config=CONFIG))
    assert result.ok
    assert not (out / "compounds" / "old.html").exists()
    assert (out / "index.html").read_text(encoding="utf-8") != "上一版网站"
    assert (out / SITE_MARKER).is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_relative_folders_as_make_site_uses_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(MINI, tmp_path / "data")
    shutil.copytree(CONTENT, tmp_path / "content")
    shutil.copyfile(CONFIG, tmp_path / "mkdocs.yml")
    monkeypatch.chdir(tmp_path)
    result = cli("build", "--data", "data", "--out", "site", "--as-of", AS_OF.isoformat())
    assert result.exit_code == 0, result.stderr
    compound = next(MINI.glob("compounds/*")).name
    assert (tmp_path / "site" / "index.html").is_file()
    assert (tmp_path / "site" / "compounds" / compound / "fee-schedule" / "index.html").is_file()
    assert (tmp_path / "site" / "pdf" / f"{compound}.pdf").is_file()


def test_a_failed_mkdocs_build_keeps_the_old_site(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    (content / "about.md").write_text("# 关于\n\n[不存在的页面](nowhere.md)\n", encoding="utf-8")
    out = old_site(tmp_path / "site")
    before = tree(out)
    with pytest.raises(EngineFailed, match="MkDocs"):
        build(BuildOptions(data=MINI, out=out, as_of=AS_OF, content=content, config=CONFIG, strict=True))
    assert tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "site"]


def test_refuses_to_replace_a_folder_it_did_not_build(tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.docx").write_text("重要文件", encoding="utf-8")
    result = cli("build", "--data", MINI, "--out", out, "--as-of", AS_OF.isoformat())
    assert result.exit_code == 2
    assert "不是本工具生成的网站" in result.stderr
    assert (out / "thesis.docx").read_text(encoding="utf-8") == "重要文件"


def test_refuses_an_output_folder_inside_the_data(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    with pytest.raises(BuildError, match="重叠"):
        build(BuildOptions(data=data, out=data / "site", as_of=AS_OF, config=CONFIG))


def test_the_staging_folder_reproduces_the_site(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> None:
    built = sample_site(tmp_path_factory)
    again = tmp_path / "again"
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0", "NO_MKDOCS_2_WARNING": "1"}  # the engines run without a date
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(built.stage / "mkdocs.yml"),
                             "-d", str(again)], capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    tidy_output(again)  # what the build does to the engine's output
    site = tree(built.site)
    site.pop(SITE_MARKER)
    site = {k: v for k, v in site.items() if not k.startswith(("pdf/", "v/"))}  # made without MkDocs
    assert tree(again) == site


def test_site_config_refuses_hooks_plugins_and_generated_keys(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nhooks: [hooks.py]\nplugins: [search, social]\nnav: [index.md]\n"
                      "theme: {name: material, font: {text: Roboto}}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_site_config(config)
    message = str(err.value)
    for expected in ("hooks", "social", "nav 由生成器设置", "theme.font"):
        assert expected in message
    config.write_text("site_name: [unclosed\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="不是合法的 YAML"):
        load_site_config(config)
    assert load_site_config(CONFIG)["theme"]["name"] == "material"


@pytest.mark.parametrize("extra, named", [
    ("INHERIT: /etc/mkdocs.yml\n", "INHERIT"),
    ("watch: [/etc]\n", "watch"),
    ("markdown_extensions:\n  - pymdownx.snippets: {base_path: /, check_paths: false}\n", "pymdownx.snippets"),
    ("theme: {name: material, font: false, icon: {logo: ../../../../etc/passwd}}\n", "theme.icon.logo"),
    ("extra:\n  social:\n    - {icon: ../x, link: 'https://example.org/'}\n", "extra.social[1].icon"),
])
def test_site_config_refuses_what_reads_files_from_elsewhere(tmp_path: Path, extra: str, named: str) -> None:
    """Nothing outside the data folder and content/ is read: a config key, a Markdown
    extension or an icon name that would make the engine read another file is refused."""
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: 示例\n" + extra, encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(named)):
        load_site_config(config)


def test_staged_config_keeps_staff_settings_and_adds_the_generated_ones(tmp_path: Path) -> None:

    import generator
    from generator.findings import Findings
    from generator.load.dataset import load

    city = load(MINI, Findings()).city.model
    staff = {"copyright": "示例", "theme": {"palette": {"primary": "teal"}, "logo": "assets/logo.png"},
             "extra": {"social": [{"icon": "material/phone", "link": "tel:12345"}]}, "extra_css": ["assets/own.css"],
             "markdown_extensions": [{"toc": {"permalink": True}}]}
    pages = ["index.md", "compounds/index.md", "compounds/a/index.md", "compounds/a/fee-schedule.md", "about.md"]
    config = staged_yaml(staged_config(staff, city, pages, "assets/site.css"))
    assert config["site_name"] == city.site_title
    assert config["theme"]["palette"] == {"primary": "teal"} and config["theme"]["logo"] == "assets/logo.png"
    assert config["extra"] == staff["extra"]
    # the staff's line, then the generator and its version (the footer of every page)
    assert config["copyright"] == f"示例<br>本站由物业信息公开生成器 wuye-gongkai {generator.__version__} 生成"
    assert config["extra_css"] == ["assets/own.css", "assets/site.css"]
    # staff's toc settings kept; anchors in the heading's words (#有事找谁) added
    assert config["markdown_extensions"][0] == {"toc": {"permalink": True,
                                                        "slugify": "markdown.extensions.toc.slugify_unicode"}}
    assert config["theme"]["custom_dir"] == "theme"  # the generator's own override (render/web/theme.py)
    assert "tables" in config["markdown_extensions"]
    assert config["nav"] == [{"首页": "index.md"}, {"小区": "compounds/index.md"}, {"关于": [{"关于本站": "about.md"}]}]
    assert config["not_in_nav"] == "/compounds/*/\n"


def test_writer_refuses_paths_outside_the_folder_and_double_writes(tmp_path: Path) -> None:
    writer = StagingWriter(tmp_path / "stage")
    writer.write_text("docs/a/index.md", "# A")
    for bad in ("../escape.md", "/etc/passwd", "docs/../../x.md", "docs\\x.md", ""):
        with pytest.raises(WriteError):
            writer.write_text(bad, "x")
    with pytest.raises(WriteError, match="twice"):
        writer.write_text("docs/a/index.md", "# again")
    with pytest.raises(WriteError, match="twice"):
        writer.write_text("docs/A/INDEX.md", "# same file on a case-insensitive disk")
    assert not (tmp_path / "escape.md").exists()
    assert (tmp_path / "stage" / "docs" / "a" / "index.md").read_text(encoding="utf-8") == "# A"
    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / "stage" / "link").symlink_to(outside)
    with pytest.raises(WriteError):
        writer.write_text("link/x.md", "x")
    (tmp_path / "stage" / "docs" / "a" / "file.md").symlink_to(outside / "x.md")
    with pytest.raises(WriteError):
        writer.write_text("docs/a/file.md", "x")
    assert list(outside.iterdir()) == []


def test_sync_tree_copies_changes_and_removes_leftovers(tmp_path: Path) -> None:
    src, dst = tmp_path / "src", tmp_path / "dst"
    (src / "a").mkdir(parents=True)
    (src / "a" / "x.md").write_text("new", encoding="utf-8")
    (src / "same.md").write_text("same", encoding="utf-8")
    (dst / "old").mkdir(parents=True)
    (dst / "old" / "gone.md").write_text("gone", encoding="utf-8")
    (dst / "same.md").write_text("same", encoding="utf-8")
    assert sync_tree(src, dst) == 2
    assert tree(dst) == tree(src)
    assert not (dst / "old").exists()
    assert sync_tree(src, dst) == 0


def test_deploy_publishes_a_built_site_to_gh_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(git + ["init", "-q", "-b", "main"], check=True)
    subprocess.run(git + ["commit", "-q", "--allow-empty", "-m", "init"], check=True)
    site = old_site(repo / "site")
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    monkeypatch.chdir(repo)
    done = cli("deploy", "--out", "site", "--no-push", env=env)
    assert done.exit_code == 0, done.stderr
    files = subprocess.run(git + ["ls-tree", "-r", "--name-only", "gh-pages"], capture_output=True, text=True,
                           check=True).stdout.split()
    assert {"index.html", "compounds/old.html", ".nojekyll"} <= set(files)
    (site / SITE_MARKER).unlink()
    refused = cli("deploy", "--out", "site", "--no-push", env=env)
    assert refused.exit_code == 2 and "不是已生成的网站" in refused.stderr


def test_compacted_html_keeps_pre_scripts_and_every_visible_space() -> None:
    from generator.engines.html_compact import compact_html

    page = ("<div>\n    <p>\n      物业费\n\n      <b>1.2</b> 元  </p>\n  \t\n</div>\n"
            "<pre>  a\n\n    b</pre>\n   <script>\n  var x = `\n  y`;\n</script>\n  <textarea>\n t</textarea>")
    assert compact_html(page) == ("<div>\n<p>\n物业费\n<b>1.2</b> 元  </p>\n</div>\n"
                                  "<pre>  a\n\n    b</pre>\n<script>\n  var x = `\n  y`;\n</script>\n<textarea>\n t</textarea>")
    assert compact_html(compact_html(page)) == compact_html(page)

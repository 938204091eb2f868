"""``newsletter.yaml``: the site's name, description and address; every problem named by file and line."""

from __future__ import annotations

import pytest

from bilingual.cli import app
from bilingual.errors import InputError
from bilingual.render.siteconfig import find_config, load_config
from conftest import SAMPLE_ISSUE


def test_the_sample_config_names_the_newsletter_in_three_languages():
    config = load_config(SAMPLE_ISSUE.parent / "newsletter.yaml")
    assert config.name_in("en") == "Akira's Machine Learning News" and config.name_in("ja") == "Akira の機械学習ニュース"
    assert config.description_in("zh").startswith("每周一期") and config.url == ""


def test_one_string_serves_every_language_and_the_url_ends_with_a_slash(tmp_path):
    path = tmp_path / "newsletter.yaml"
    path.write_text("name: Weekly\nurl: https://example.org/news\n", encoding="utf-8")
    config = load_config(path)
    assert (config.name_in("zh"), config.description_in("ja"), config.url) == ("Weekly", "", "https://example.org/news/")


def test_without_a_config_the_defaults_hold(tmp_path):
    assert find_config([tmp_path]) is None and load_config(None).name_in("en") == "Newsletter"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("name: Weekly\ntitle: x\n", 2, "unknown key 'title'"),
        ("description: x\n", 1, "has no name"),
        ("name:\n  en: Weekly\n  zh: ''\n", 3, "name.zh must be a non-empty string"),
        ("name: [a, b]\n", 1, "name must be a string or one string per language"),
        ("name: Weekly\nurl: ftp://example.org\n", 2, "is not an http(s) address"),
        ("name: Weekly\n  bad: indent\n", 2, "is not valid YAML"),
    ],
)
def test_a_bad_config_is_one_error_with_file_and_line(tmp_path, text, line, message):
    path = tmp_path / "newsletter.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_config(path)
    assert str(caught.value).startswith(f"{path}:{line}: ") and message in str(caught.value)


def test_publish_refuses_a_bad_config_and_writes_nothing(runner, tmp_path):
    from test_publish import make_issues

    issues = make_issues(tmp_path)
    (issues / "newsletter.yaml").write_text("name: Weekly\ncolour: red\n", encoding="utf-8")
    out = tmp_path / "site"
    result = runner.invoke(app, ["publish", str(issues), "--out", str(out), "--no-glossary"])
    assert result.exit_code == 2 and f"{issues / 'newsletter.yaml'}:2: unknown key 'colour'" in result.output
    assert not out.exists()

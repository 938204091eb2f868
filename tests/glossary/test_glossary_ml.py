"""The project's ML newsletter glossary, glossary/ml.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilingual.glossary import lint, load_glossary

PATH = Path(__file__).resolve().parents[2] / "glossary" / "ml.yaml"
ML = load_glossary([PATH])


def test_lints_clean() -> None:
    assert lint([PATH]) == []


def test_has_at_least_80_terms_each_with_zh_and_ja_or_kept() -> None:
    assert len(ML) >= 80
    incomplete = [t.en for t in ML if not (t.keep or (t.targets.get("zh") and t.targets.get("ja")))]
    assert incomplete == []


@pytest.mark.parametrize(
    ("en", "lang", "forbidden"),
    [
        ("paper", "zh", "报纸"),
        ("paper", "ja", "新聞"),
        ("Hydra", "zh", "九头蛇"),
        ("Hydra", "ja", "ヒドラ"),
        ("PyTorch", "zh", "Pytorch"),
        ("PyTorch Lightning", "zh", "PyTorch 闪电"),
        ("PyTorch Lightning", "ja", "PyTorch 稲妻"),
        ("Lightning", "zh", "闪电"),
        ("Lightning", "ja", "稲妻"),
        ("deepfake", "zh", "Deep Fake"),
        ("self-supervised learning", "zh", "自我监督学习"),
        ("object detection", "zh", "对象检测"),
        ("noisy labels", "zh", "噪音标签"),
        ("adversarial attack", "zh", "敌对攻击"),
        ("annotation", "zh", "注记"),
    ],
)
def test_seed_failures_are_forbidden(en: str, lang: str, forbidden: str) -> None:
    term = ML.get(en)
    assert term is not None and forbidden in term.forbidden_in(lang)


@pytest.mark.parametrize(
    ("en", "zh", "ja"),
    [
        ("paper", "论文", "論文"),
        ("self-supervised learning", "自监督学习", "自己教師あり学習"),
        ("contrastive learning", "对比学习", "対照学習"),
        ("crowd counting", "人群计数", "群衆カウント"),
        ("uncertainty estimation", "不确定性估计", "不確実性推定"),
        ("neural architecture search", "神经架构搜索", "ニューラルアーキテクチャ探索"),
        ("synthetic data", "合成数据", "合成データ"),
        ("domain adaptation", "领域自适应", "ドメイン適応"),
        ("fine-tuning", "微调", "ファインチューニング"),
        ("object detection", "目标检测", "物体検出"),
        ("action recognition", "动作识别", "行動認識"),
        ("representation learning", "表示学习", "表現学習"),
        ("facial expression recognition", "面部表情识别", "表情認識"),
        ("ensemble", "集成", "アンサンブル"),
        ("reinforcement learning", "强化学习", "強化学習"),
        ("generative model", "生成模型", "生成モデル"),
        ("label noise", "标签噪声", "ラベルノイズ"),
        ("data leakage", "数据泄露", "データリーク"),
        ("deepfake", "深度伪造", "ディープフェイク"),
        ("AI", "人工智能", "AI"),
    ],
)
def test_preferred_renderings(en: str, zh: str, ja: str) -> None:
    term = ML.get(en)
    assert term is not None and (term.target("zh"), term.target("ja")) == (zh, ja)


@pytest.mark.parametrize(
    "name",
    ["Hydra", "PyTorch", "PyTorch Lightning", "Lightning", "transformer", "ImageNet", "CIFAR-10", "AffectNet", "ActivityNet",
     "GTA5", "MDETR", "DETR", "CNN", "RNN", "NAS", "GitHub", "arXiv", "CVPR", "MIT", "Masksembles"],
)
def test_names_are_kept(name: str) -> None:
    term = ML.get(name)
    assert term is not None and term.keep and term.en == name


def test_pytorch_is_case_sensitive_with_its_misspelling() -> None:
    term = ML.get("PyTorch")
    assert term is not None and term.case_sensitive and "py torch" in term.forms


@pytest.mark.parametrize(
    ("lang", "seed_line", "terms"),
    [
        ("zh", "## 报纸", {"paper"}),
        ("zh", "组合九头蛇和 Pytorch 的项目模板——闪电", {"Hydra", "PyTorch", "Lightning"}),
        ("zh", "PyTorch 闪电+九头蛇。", {"PyTorch Lightning", "Hydra"}),
        ("zh", "Pytorch lightning 是 py torch 的一个包装器", {"PyTorch"}),
        ("zh", "攻击者正在使用 Deep Fake", {"deepfake"}),
        ("zh", "提出了一种使用自我监督学习来区分的方法", {"self-supervised learning"}),
        ("zh", "使用游戏 GTA5 中的数据进行 3D 对象检测", {"object detection"}),
    ],
)
def test_seed_mistakes_are_caught(lang: str, seed_line: str, terms: set[str]) -> None:
    """Lines of the seed machine translation: each shows a forbidden rendering."""
    found = {m.term.en for m in ML.matcher.find_target(seed_line, lang) if m.kind == "forbidden" or m.variant}
    assert terms <= found

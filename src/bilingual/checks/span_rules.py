"""The ``markup-span`` rule: a link or emphasis that covers far more of the translation than of the source.

When an engine drops inline markup, a repair that cannot place it again may wrap the whole sentence
in the link or the bold. The sentence still has its link, so the link and markup rules pass; only
the share of the text the span covers shows it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..values import Unit
from .model import Finding, Pair
from .registry import Context, Example, rule, sourced
from .spans import plain

#: Inline markup whose extent matters.
_KINDS = ("link", "strong", "em")
#: Reported when the target's span covers at least this share of its text, the source's at most the other.
TARGET_COVERS, SOURCE_COVERS = 0.8, 0.4
#: The source sentence needs this many words for shares to mean anything.
MIN_WORDS = 6


def _spans(unit: Unit) -> list[tuple[str, float, int, str]]:
    """``(kind, share of the unit's words it covers, content offset, text)`` of each link and emphasis in ``unit``."""
    total = len(plain(unit.text).replace(" ", ""))
    if not total:
        return []
    out = []
    for ph in unit.placeholders:
        if ph.role != "open" or ph.kind not in _KINDS:
            continue
        start = unit.text.find(ph.token)
        end = unit.text.find("{/%d}" % ph.key, start)
        if start < 0 or end < 0:
            continue
        text = plain(unit.text[start + len(ph.token):end])
        out.append((ph.kind, len(text.replace(" ", "")) / total, ph.start, text))
    return out


@rule("markup-span", "warning", needs_source=True,
      bad=Example("zh", "[扩散模型通过逐步去噪从纯噪声中生成图像](https://arxiv.org/abs/2006.11239)。\n",
                  "Diffusion models generate images from pure noise by [denoising step by step]"
                  "(https://arxiv.org/abs/2006.11239).\n"),
      good=Example("zh", "扩散模型通过[逐步去噪](https://arxiv.org/abs/2006.11239)从纯噪声中生成图像。\n",
                   "Diffusion models generate images from pure noise by [denoising step by step]"
                   "(https://arxiv.org/abs/2006.11239).\n"))
def markup_span(pair: Pair, ctx: Context) -> Iterator[Finding]:
    """Inline markup covers far more of the translation than of the source{detail}.

    A repair that lost where inline markup went may wrap the whole sentence in the link or the bold:
    the link still works, so only the extent shows it. Spans are matched by kind and order. Where the
    source emphasises only names (**PediaCluster**) and the translation its whole sentence, that is a
    translator's way of stressing the sentence: info.
    """
    for up in sourced(pair):
        assert up.source is not None
        if len(re.findall(r"[A-Za-z]+", plain(up.source.text))) < MIN_WORDS:
            continue
        source = _spans(up.source)
        target = _spans(up.target)
        for kind in _KINDS:
            ours = [s for s in source if s[0] == kind]
            theirs = [t for t in target if t[0] == kind]
            names = kind != "link" and all(_NAME.fullmatch(s[3].strip()) for s in ours)
            for (_, src_share, _, _), (_, tgt_share, at, _) in zip(ours, theirs):
                if tgt_share >= TARGET_COVERS and src_share <= SOURCE_COVERS:
                    style = " (the source emphasises names, the translation its whole sentence: a style choice?)"
                    yield Finding(up.target, at, found=kind, expected=f"about {src_share:.0%} of the sentence",
                                  severity="info" if names else None,
                                  detail=f": a {kind} covers {tgt_share:.0%} of the sentence where the source's covers "
                                         f"{src_share:.0%}{style if names else ''}")


#: A name: capitalised words or one CamelCase word (**ClusterSyncResources**, **PediaCluster**, **Open Source**).
_NAME = re.compile(r"[A-Z][\w.-]*(?: [A-Z][\w.-]*){0,3}")

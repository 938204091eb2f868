"""The rules that compare a translation with its English source: links, code, HTML, text left as is.

The structure rule, which compares the blocks themselves, is in :mod:`.structure_rules`; numbers in :mod:`.number_rules`.

Each compares what a translation must carry over unchanged, and leaves alone what a translator
may rightly change: a link localised for the reader, a translated code comment, backticks
added around a name, a number written in CJK numerals or scaled by 万/亿, an anchor or
template syntax kept as it is.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from ..languages import HAN, KANA
from ..values import Unit
from .codeblocks import COMMENT, code_lines
from .codediff import agreement, code_differences, language, spacing
from .codetokens import same_code
from .directives import prose_differences, prose_directive
from .links import added_for_reader, anchor, cited_title, explains, other_host, relation
from .model import Finding, Pair
from .phrases import first_places
from .registry import Context, Example, in_english, rule, sourced, units
from .spans import content_offset, destinations, plain

if TYPE_CHECKING:
    from ..glossary.matcher import Match


@rule("link", "error", needs_source=True,
      bad=Example("zh", "见[论文](https://arxiv.org/abs/2)。\n", "See [the paper](https://arxiv.org/abs/1).\n"),
      good=Example("zh", "见[论文](https://arxiv.org/abs/1)。\n", "See [the paper](https://arxiv.org/abs/1).\n"))
def link(pair: Pair, ctx: Context) -> Iterator[Finding]:
    """A link destination or image source differs from the source, or is missing{detail}.

    A reader who follows the link must land where the author meant. A link pointed at the same
    page in the reader's language (``/en-US/`` → ``/zh-CN/``, ``nodejs.org/ja/``, ``hl=ja``) is
    the translator's right and graded info, and so is one the site's own prefixes for translated
    pages explain (``check --link-map /docs/=/zh/docs/``), and so is a link the translator added to a
    reference page (Wikipedia, Wiktionary) on a term the source sentence has; an anchor (``#…``) that names a heading
    of the translation is fine; so is the same path on another host name of the site (with or without ``www.``,
    or a host the source page itself links under the same section: info); any other change of host or path is an error.
    """
    for up in sourced(pair):
        assert up.source is not None
        src = destinations(up.source, ctx.source_references)
        tgt = [(unit, k, d, at) for unit in up.targets for k, d, at in destinations(unit, ctx.target_references)]
        if not src and not tgt:
            continue  # no link on either side (most units)
        source_text = plain(up.source.text)
        for kind in ("link", "image"):
            yield from _link_differences(up.target, [d for k, d, _ in src if k == kind],
                                         [(unit, d, at) for unit, k, d, at in tgt if k == kind], ctx, source_text)


def _link_differences(target: Unit, source: list[str], found: list[tuple[Unit, str, int]],
                      ctx: Context, source_text: str = "") -> Iterator[Finding]:
    missing = list((Counter(source) - Counter(d for _, d, _ in found)).elements())
    extra = Counter(d for _, d, _ in found) - Counter(source)
    for unit, dest, at in found:
        if extra[dest] <= 0:
            continue
        extra[dest] -= 1
        local = next((m for m in missing if relation(m, dest, ctx.link_map) == "localised"), None)
        if local is not None:
            missing.remove(local)
            yield Finding(unit, at, found=dest, expected=local, severity="info", detail=" (localised for the reader)")
            continue
        mirror = next((m for m in missing if other_host(m, dest, ctx.source_document)), None)
        if mirror is not None:
            missing.remove(mirror)
            yield Finding(unit, at, found=dest, expected=mirror, severity="info",
                          detail=" (the same page under another host name of the site)")
            continue
        name = anchor(dest)
        if name is not None and name in ctx.target_anchors:
            same_page = next((m for m in missing if m.startswith("#")), None)
            if same_page is not None:
                missing.remove(same_page)
            continue  # names a heading of the translation
        if not missing and explains(dest, source_text):
            yield Finding(unit, at, found=dest, severity="info", detail=" (a reference page added for the reader)")
            continue
        why = added_for_reader(dest, source_text, source) if not missing else None
        if why is not None:
            yield Finding(unit, at, found=dest, severity="info", detail=why)
            continue
        broken = None if missing else _UNRESOLVED.search(source_text)
        if broken is not None:
            yield Finding(unit, at, found=dest, severity="info", detail=(
                f" (the source's reference {' '.join(broken.group(0).split())} has no definition, so its English shows "
                "no link: fix the source)"))
            continue
        yield Finding(unit, at, found=dest, expected=missing.pop(0) if missing else None)
    for dest in missing:
        yield Finding(target, 0, expected=dest)


#: Square brackets the source's Markdown did not make a link (a reference with no definition): `[the futures
#: respository]` where the definition is named `[the futures package]`. A task list's `[ ]`/`[x]` is not one.
_UNRESOLVED = re.compile(r"(?<![\\!\]])\[(?![ xX]\])[^\[\]\n]*[A-Za-z][^\[\]]*\](?![(\[:])")


@rule("code", "error", needs_source=True,
      bad=Example("zh", "先设置 `lr=0.2`。\n", "Set `lr=0.1` first.\n"),
      good=Example("zh", "用 `pip` 安装（`torch` 也一样）：\n\n```sh\n# 安装\npip install torch\n```\n",
                   "Install with pip (torch too):\n\n```sh\n# install\npip install torch\n```\n"))
def code(pair: Pair, ctx: Context) -> Iterator[Finding]:
    """Inline code, a code block or a placeholder differs from the source{detail}.

    Code is copied, not translated: a changed identifier, command or value breaks what the
    reader runs. Comments are prose and may be translated; backticks a translator adds around a
    name the source has are not a change, nor around a word the sentence inflects (`splice` for
    "splicing"); a name the source document uses elsewhere, added where no code of the source
    sentence is missing, is graded info (a translator naming what "it" refers to), and so is a
    span that differs slightly from the source's where the source document itself writes it the
    translation's way elsewhere (a slip in the source), or a plain word or phrase in code formatting
    (`data`, `trait`, `single GPU`) the translation lacks, which is often translated as a word, or a name in
    natural-language words put in code formatting and translated (`HTTP Trigger` → `HTTP 触发器`;
    not a span with identifier punctuation or case, nor a word the page builds names on), or code that
    differs only in the spaces around brackets and operators (``setup () {``), in a trailing comma before
    a closing bracket (one missing before the next entry is an error) or in a comment after the code that
    the translation adds (``MarkSuccess() // 标记请求成功``), or prose a broken backtick of the
    source spilled into a code span (an odd number of backticks: the source needs fixing). A fence's
    info string (language, title, icon) only changes how the block is shown: a change is info,
    and a line that is a comment in either language is a comment. A MyST/Sphinx admonition fenced as a
    directive (```` ```{warning} ````) holds prose: only its code spans, link targets and options are compared.
    """
    for up in sourced(pair):
        assert up.source is not None
        yield from code_differences(up.targets, up.source, ctx.source_document)
    s, t = pair.source, pair.target
    if s is None or t is None or s.kind not in ("fence", "code_block") or t.kind not in ("fence", "code_block"):
        return
    if prose_directive(s.info) and prose_directive(t.info):  # a MyST admonition: prose, checked as prose
        yield from prose_differences(s, t)
        return
    if language(s.info) != language(t.info):
        yield Finding(line=t.line, found=t.info or None, expected=s.info or None, severity="info",
                      detail=" (the fence's info string: how the block is shown)")
    src_lines, tgt_lines = code_lines(s.code, s.info), code_lines(t.code, t.info)
    if src_lines != tgt_lines and s.info != t.info:  # a comment in either language is a comment
        src_lines, tgt_lines = max(((code_lines(s.code, info), code_lines(t.code, info)) for info in (s.info, t.info)),
                                   key=agreement)
    first = 1 if t.kind == "fence" else 0
    for n, ((_, a), (k, b)) in enumerate(zip(src_lines, tgt_lines)):
        closing = n + 1 == len(tgt_lines) or tgt_lines[n + 1][1][:1] in ")]}"
        if a != b and spacing(a) == spacing(b):
            yield Finding(line=t.line + first + k, found=b, expected=a, severity="info", detail=" (spacing only)")
        elif a != b and closing and spacing(a).rstrip(",") == spacing(b).rstrip(","):
            yield Finding(line=t.line + first + k, found=b, expected=a, severity="info",
                          detail=" (a trailing comma before the closing bracket: style only)")
        elif a != b and _uncommented(a) == _uncommented(b):
            yield Finding(line=t.line + first + k, found=b, expected=a, severity="info",
                          detail=" (a comment after the code that only one of them has: the code is the same)")
        elif a != b and not same_code(a, b, s.info or t.info):
            yield Finding(line=t.line + first + k, found=b, expected=a)
            return
    if len(src_lines) > len(tgt_lines):
        last = tgt_lines[-1][0] + 1 if tgt_lines else 0
        yield Finding(line=t.line + first + last, expected=src_lines[len(tgt_lines)][1])
    elif len(tgt_lines) > len(src_lines):
        k, extra = tgt_lines[len(src_lines)]
        yield Finding(line=t.line + first + k, found=extra)


def _uncommented(line: str) -> str:
    """A code line of :func:`code_lines` without its trailing comment's marker, spaced as no language reads."""
    return spacing(line.removesuffix(COMMENT).rstrip())


#: Template syntax and anchors, which are code, not words: {#id}, {{ x }}, {% x %}, {#if …}, <Comp … />, [[x]].
#: Besides template syntax, an icon or emoji shortcode (``:octicons-file-code-16:``, ``:smile:``) and a MkDocs
#: content tab, admonition or details opener (``=== "…"``, ``!!! note``, ``??? tip``) are markup, not words.
_TEMPLATE = re.compile(r"(?<![\w:]):[a-z][a-z0-9_+-]*:(?![\w:])|^\s*(?:===|!!!|\?\?\?\+?)(?=\s)|\b(?:import|export)\s+[\w{}, *]+\s+from\s+['\"][^'\"]+['\"]|\{#[^}]*\}|\{\{.*?\}\}|\{%.*?%\}|\{[#/:@][^}]*\}|<[^>]*>|\[\[[^\]]*\]\]|:::\s*\w*")
#: Not words: numbers with a unit glued to them (``6081/udp``, ``10ms``), URLs, acronyms (``STT``, ``AMD64``).
_NOT_WORDS = re.compile(r"\d[\d.,%]*(?:/[a-z]+\b)?|https?://\S+|\b[A-Z0-9]{2,}s?\b")
#: A lower-case name joined by hyphens or underscores (``kube-ovn-controller``, ``ovs_bridge``): one name in a cell.
_KEBAB_NAME = re.compile(r"(?<![\w-])[a-z][a-z0-9]*(?:[-_][a-z0-9]+)+(?![\w-])")
_CODE_LIKE = re.compile(r"\w\(|\b\w+\s*:?=\s*\w|\w\.\w+\(|\[\]\w|\binterface\{\}"
                        r"|\b[a-z]\w*\.[A-Za-z_]\w+|\b[a-z][\w.-]*:[a-z][\w.-]*\b")  # pkg.Name, image:tag
#: Starts only where a word starts: tried inside a long token, each position would rescan its rest.
_LATIN_PHRASE = re.compile(r"(?<![\w'’-])[A-Za-z][\w'’-]*(?:[ ,;:]+[A-Za-z][\w'’-]*)+")


@rule("untranslated", "warning", needs_source=True,
      bad=Example("zh", "它很快。This sentence was left as it is.\n", "It is fast. This sentence was left as it is.\n"),
      good=Example("zh", "## Options API {#options-api}\n", "## Options API {#options-api}\n"))
def untranslated(pair: Pair, ctx: Context) -> Iterator[Finding]:
    """Text is identical to the source: it looks untranslated.

    A sentence left in English is a gap the reader notices. Not counted as words: kept names,
    code, numbers, URLs, acronyms, anchors ({#id}) and template syntax ({{ }}, {#if}, MDX
    components and imports); a short title-case name ("Options API", a table cell's "Pod List
    Selectors") is not a sentence, nor is the English kept in brackets right after its translation
    (`控制平面组件（Control Plane Components）`), nor a list of names one a line (`SeaTunnel Zeta<br/> Flink<br/>`), nor a short phrase the translation itself keeps inside
    its translated prose (a name: `Karmada Controller Manager 根据…`). Alt text and link titles left in English are info, and so is an external record's title in a list
    entry citing it (`[CVE-2024-27348](…): HugeGraph-Server - Command execution in gremlin`). A whole
    unit of prose left in English is reported once, as ``untranslated-source`` (an error by default).
    A source unit written in Chinese or Japanese (a Chinese-first page never translated into English)
    has nothing to leave untranslated.
    """
    for target, source in units(pair, sourced=True):
        assert source is not None
        if not in_english(source):
            continue  # the source is itself Chinese or Japanese here: nothing was left untranslated
        source_plain = plain(source.text)
        if not any(run.group(0) in source_plain for run in _LATIN_PHRASE.finditer(plain(target.text))):
            continue  # cheap test first: no phrase of two Latin words is shared with the source
        if _names_list(source.content):
            continue  # `SeaTunnel Zeta<br/> Flink<br/> Spark`: a list of names, one a line, is no text
        terms = sorted(ctx.source_terms(source), key=lambda m: m.start)
        candidates: list[tuple[int, str]] = []
        for start, end in ctx.sentences(source):
            sentence = source.text[start:end]
            if translatable_text(sentence, start, terms, ctx.lang, name_like=source.kind == "cell"):
                candidates.append((start, plain(sentence)))
        places = first_places(target.text, [words for _, words in candidates])
        for (start, words), at in zip(candidates, places, strict=True):
            if at is None or _glossed(target.text, at, words) or _kept_name(words, ctx.target_document) \
                    or _names_only(words, ctx.target_document) or _qualified_name(words, ctx.target_document):
                continue
            if target.parent is not None or target.kind in ("title", "attribute") or cited_title(source):
                # alt text, a title, an attribute, an external record's own title: worth a look
                yield Finding(target, content_offset(target, at), found=words, source_at=start, severity="info")
            else:
                yield Finding(target, content_offset(target, at), found=words, source_at=start)


_LINE_BREAK = re.compile(r"<br\s*/?>|\n", re.IGNORECASE)
#: A name of one to three capitalised words or versions: "SeaTunnel Zeta", "Flink", "Spark 3".
_NAME_LINE = re.compile(r"[ \t>]*(?:[A-Z][\w.+#-]*|\d[\w.]*)(?:[ \t]+(?:[A-Z][\w.+#-]*|\d[\w.]*)){0,2}[ \t]*")


def _names_list(content: str) -> bool:
    """Whether a unit is only names, one a line (`SeaTunnel Zeta<br/>` `Flink<br/>` `Spark<br/>`): two or more
    lines, each one to three capitalised words, as a list of supported engines or products is written."""
    lines = [line for line in _LINE_BREAK.split(content) if line.strip(" \t>")]
    return len(lines) >= 2 and all(_NAME_LINE.fullmatch(line) for line in lines)


_OPENS = {"（": "）", "(": ")"}
_TRANSLATED = re.compile(f"[{HAN}{KANA}]")


def _glossed(text: str, at: int, words: str) -> bool:
    """Whether the English ``words`` at ``at`` stand alone in brackets right after text in the reader's
    language (`控制平面组件（Control Plane Components）`): the translation with the original beside it."""
    end, left = at, len(words.replace(" ", ""))
    while end < len(text) and left > 0:
        left -= not text[end].isspace()
        end += 1
    before, after = text[:at].rstrip(), text[end:].lstrip()
    if _GLOSS.fullmatch(after) and len(re.findall(r"[A-Za-z]+", words)) <= 4:
        return True  # `Device Attribute Table：设备属性表`: a short name, then its translation ending the unit
    return (before[-1:] in _OPENS and after[:1] == _OPENS[before[-1]]
            and _TRANSLATED.search(before[:-1].rstrip()[-1:]) is not None)


#: The rest of a unit after a kept English name that is only its translation, after a colon or dash: `：设备属性表`,
#: `：DeviceTwin 属性表`.
_GLOSS = re.compile(f"[：:—–-][ \t]*(?=[^\\n]*[{HAN}{KANA}])[{HAN}{KANA}A-Za-z0-9 ]{{1,24}}[。.]?\\s*")


def _kept_name(words: str, document: str) -> bool:
    """Whether ``words``, a short phrase of up to four words, is a name the translation itself keeps inside
    its translated prose (`Karmada Controller Manager 根据…`, `kubectl karmada 以…`): the translator's own
    usage shows it is a name, so a heading or list item holding it alone is not left untranslated."""
    if not document or len(re.findall(r"[A-Za-z]{2,}", words)) > 4 or words.rstrip().endswith((".", "?", "!", ":")):
        return False
    name = re.escape(words).replace(r"\ ", r"[ \t]+")
    return re.search(rf"[{HAN}{KANA}][ \t]*{name}(?!\w)|(?<!\w){name}[ \t]*[{HAN}{KANA}]", document) is not None


#: Words that join names in a heading made of names: "KubeVela vs. Helm", "Helm and Kubernetes", "A & B".
_JOINERS = frozenset({"vs", "versus", "and", "or", "with", "&", "+", "/"})


def _names_only(words: str, document: str) -> bool:
    """Whether ``words`` is only names joined by ``vs.``/``and``/``&`` (`KubeVela vs. Helm`), each name a
    capitalised word the translation keeps in English elsewhere on its page: a heading of names, not text."""
    tokens = re.findall(r"[\w'’-]+|[&+/]", words)
    names = [t for t in tokens if t.lower() not in _JOINERS]
    if not names or len(names) == len(tokens) or len(tokens) > 6 or words.rstrip().endswith(("?", "!", ":")):
        return False
    return all(t[0].isupper() and len(re.findall(rf"(?<![\w-]){re.escape(t)}(?![\w-])", document)) >= 2 for t in names)


#: A name with a qualifier in brackets: "Next.js (App Router)", "React Router (v7)".
_QUALIFIED = re.compile(r"\s*([^()（）]+?)\s*[(（]([^()（）]+)[)）]\s*")
#: One word of a name: capitalised, a version, or a dotted name (Next.js, v7, 2.0).
_NAME_WORD = re.compile(r"(?:[A-Z][\w'’.-]*|v?\d[\w.]*)")


def _qualified_name(words: str, document: str) -> bool:
    """Whether ``words`` is a name with a qualifier in brackets (`Next.js (App Router)`), both made only of
    capitalised words or versions, and each a name the translation itself keeps in its translated prose: a
    product heading, not text (`Expo (for native apps)` is text: its qualifier has lower-case words)."""
    match = _QUALIFIED.fullmatch(words)
    if match is None:
        return False
    parts = [p for p in match.groups() if not re.fullmatch(r"v?\d[\w.]*", p)]  # a version is no name to keep
    return bool(parts) and all(
        len(p.split()) <= 4 and all(_NAME_WORD.fullmatch(w) for w in p.split()) and _kept_name(p, document)
        for p in parts)


def translatable_text(sentence: str, start: int, terms: Sequence[Match], lang: str, name_like: bool = False) -> bool:
    """At least two words (one of them lower case, or three or more) remain once names, code and syntax are out.

    In a table cell (``name_like``) a phrase of up to four capitalised words is a name
    ("Pod List Selectors", "Dapr Pub/sub": a slash-joined word counts as one), and text that reads as code (a call, an assignment) is code, not a sentence.

    ``terms`` are the source unit's glossary matches sorted by start; only the sentence's own are visited.
    """
    chars = list(sentence)
    first = bisect.bisect_left(terms, start, key=lambda m: m.start)
    last = bisect.bisect_left(terms, start + len(sentence), key=lambda m: m.start)
    for m in terms[first:last]:
        if m.term.keep or m.term.en in m.term.allowed(lang):
            chars[m.start - start : m.end - start] = " " * (m.end - m.start)
    rest = _NOT_WORDS.sub(" ", _TEMPLATE.sub(" ", plain("".join(chars))))
    if name_like:
        rest = _KEBAB_NAME.sub("Name", rest)  # a component's name (kube-ovn-controller) is a name, not three words
    words = re.findall(r"[A-Za-z]{2,}", rest)
    names = re.findall(r"[A-Za-z]{2,}(?:/[A-Za-z]+)*", rest)  # a slash-joined word is one word of a name: Pub/sub
    if name_like and len(names) <= 4 and all(w[0].isupper() for w in names) and not rest.rstrip().endswith((".", "?", "!")):
        return False
    if name_like and _CODE_LIKE.search(plain(sentence)):
        return False  # a signature or value in a table cell: SetType(flags ErrorType) *Error, err = reqI.Write(req, zw)
    return len(words) >= 3 or (len(words) == 2 and any(w[0].islower() for w in words))


_TAG = re.compile(r"<\s*(/?)\s*([A-Za-z][\w:-]*)([^>]*)>", re.DOTALL)
_ATTR = re.compile(r"([A-Za-z_:@#][\w:.-]*)\s*(?:=|(?=[\s/>]|$))")


#: Elements a translation may add that change only how text looks (furigana, captions, emphasis).
_PRESENTATIONAL = frozenset({"ruby", "rt", "rp", "rb", "span", "small", "sup", "sub", "b", "i", "em", "strong", "u",
                             "mark", "br", "wbr", "figcaption", "kbd"})
_HARMLESS_ATTRIBUTES = frozenset({"class", "lang", "title", "dir"})


def _presentational(tag: str) -> bool:
    """Whether ``tag`` (``span[class]``) is presentational markup with harmless attributes only."""
    name, _, attrs = tag.partition("[")
    return name in _PRESENTATIONAL and set(filter(None, attrs.rstrip("]").split(","))) <= _HARMLESS_ATTRIBUTES


def _tags(unit: Unit) -> Counter[str]:
    """The inline HTML of ``unit`` as tag names with their attribute names: ``img[onerror,src]``."""
    return Counter(tag for ph in unit.placeholders if ph.kind == "html" for tag in _tags_of(ph.raw))


@rule("html", "error", needs_source=True,
      bad=Example("zh", "2021 年第 31 周 <img src=x onerror=\"alert(1)\">\n", "Week 31, 2021\n"),
      good=Example("zh", "只在 <span class=\"composition-api\">组合式 API</span> 中。\n",
                   "Only in the <span class=\"composition-api\">Composition API</span>.\n"))
def html(pair: Pair, ctx: Context) -> Iterator[Finding]:
    """The translation introduces HTML the source does not have: {found}.

    HTML that the source has is markup; HTML that only a translation has is text, and raw it can
    run script in a reader's browser (``<img onerror>``, ``<script>``). Compared by tag and
    attribute names, so a translated attribute value is fine. Presentational markup a translator
    may add is not reported: furigana (``<ruby>漢字<rt>かんじ</rt></ruby>``) and a caption or
    emphasis element with no attributes but ``class``, ``lang``, ``title`` or ``dir``
    (``<span class="caption">`` for a caption component).
    """
    for target, source in units(pair, sourced=True):
        assert source is not None
        extra = Counter({tag: n for tag, n in (_tags(target) - _tags(source)).items() if not _presentational(tag)})
        if not extra:
            continue
        for ph in target.placeholders:
            if ph.kind != "html":
                continue
            here = Counter(_tags_of(ph.raw))
            if here & extra:
                extra -= here
                yield Finding(target, ph.start, found=ph.raw)


def _tags_of(raw: str) -> list[str]:
    """Each opening tag of ``raw`` HTML as its name and sorted attribute names: ``img[onerror,src]``.

    Closing tags are left out: one introduced element is one finding.
    """
    out = []
    for m in _TAG.finditer(raw):
        if m.group(1):
            continue
        attrs = sorted({a.lower() for a in _ATTR.findall(re.sub(r"\"[^\"]*\"|'[^']*'", " ", m.group(3)))})
        out.append(f"{m.group(2).lower()}[{','.join(attrs)}]")
    return out

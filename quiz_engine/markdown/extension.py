"""The Python-Markdown extension: the `/// quiz` block, built on pymdownx.blocks.

How a page goes through it:
1. A preprocessor reads every `/// quiz` block from the raw lines (so errors carry line numbers), checks
   it, and leaves in its place a minimal `/// quiz` block that refers to what it read.
2. The Blocks processor meets that block where it stands (at the top level, in an admonition, a tab...)
   and the QuizBlock renders the question there, with the page's own Markdown for the author's text.
3. A postprocessor passes each piece of the author's text in a question (the question, each option, each
   feedback, the explanation), in its final HTML, through the sanitiser, piece by piece: a stray `</form>`
   in a feedback cannot close the question's form.

Use it as ``markdown.Markdown(extensions=["quiz"])`` or through the MkDocs plugin, which adds it itself.
"""

from __future__ import annotations

import json
import re
import secrets
import xml.etree.ElementTree as etree
from collections.abc import Callable
from typing import Any

from markdown import Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from pymdownx.blocks import BlocksExtension, BlocksProcessor
from pymdownx.blocks.block import Block, type_integer, type_string

from ..html import element, to_html
from ..i18n import strings
from .render import add_element, on_worksheet, render_key, render_question
from .sanitize import sanitize
from .source import YAML_LINE, PoolSource, QuestionSource, QuizSyntaxError, find_blocks, find_objectives, plain

ErrorHook = Callable[[list[QuizSyntaxError]], Exception]
"""Makes the exception to raise for a page's malformed blocks (a MkDocs plugin makes a build error)."""


class QuizPreprocessor(Preprocessor):
    """Read and check every quiz block; replace each with a reference the blocks below render."""

    def __init__(self, md: Markdown, extension: QuizExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        extension = self.extension
        found = find_blocks(
            "\n".join(lines),
            extension.getConfig("id_prefix"),
            extension.getConfig("first_line"),
            keep_going=True,
            known_blocks=extension.block_names(),
        )
        errors = [block.error for block in found if block.error is not None]
        if errors and not extension.show_errors:
            raise extension.error(errors) from None
        extension.questions = [block.source for block in found if block.source is not None]
        extension.pools = [block.pool for block in found if block.pool is not None]
        extension.errors = errors
        extension.objectives = [_sentence(plain(o.text)) for o in find_objectives("\n".join(lines))]
        stash = self.md.htmlStash.store
        summarised = [q for q in extension.questions if q.pool is None and q.to_question().scored]
        last = max((b.end for b in found if b.source in summarised), default=None)
        out: list[str] = []
        previous = 0
        for block in found:
            out.extend(lines[previous : block.start])
            previous = block.end
            if block.kind == "pool":
                previous = _after_settings(lines, block.start, block.indent)
                if block.pool is None:
                    assert block.error is not None
                    out.extend(["", stash(extension.error_notice(block.error)), ""])
                    # A pool that cannot be shown shows its questions, each on its own, and nothing else of
                    # its lines: not its closing line, nor text between them (an option whose question's
                    # header went astray).
                    stop = min(block.end + 1, len(lines))
                    lines = [*lines[:previous], *[""] * (stop - previous), *lines[stop:]]
                else:
                    out.append(f"{block.indent}{block.fence} quiz-pool")
                    out.append(f"{block.indent}    ref: {extension.pools.index(block.pool)}")
                continue
            if block.error is not None:
                out.extend(["", stash(extension.error_notice(block.error)), ""])
            else:
                out.append(f"{block.indent}{block.fence} quiz")
                out.append(f"{block.indent}    ref: {extension.questions.index(block.source)}")
                out.append(f"{block.indent}{block.fence}")
            if block.end == last:
                ids = [q.id for q in summarised]
                out.extend(["", stash(summary_html(ids, extension.objectives, extension.labels)), ""])
        out.extend(lines[previous:])
        if previous >= len(lines):  # a block that ran to the end took the page's last blank lines
            out.extend(["", ""])
        if extension.questions:
            out.extend(["", "/// quiz-key", "///"])
        return out


def _sentence(text: str) -> str:
    """An objective as it stands alone: `explain why...;` -> `Explain why...`."""
    text = text.rstrip(" ;,.")
    return text[:1].upper() + text[1:]


def _after_settings(lines: list[str], start: int, indent: str) -> int:
    """The index of the first line after a block header and its indented settings."""
    index = start + 1
    while index < len(lines) and YAML_LINE.match(lines[index][len(indent) :]):
        index += 1
    return index


def summary_html(question_ids: list[str], objectives: list[str], labels: dict[str, str]) -> str:
    """The place where a page's running score and result are drawn, after its last question.

    ``objectives``: the page's learning objectives, whose mastery the summary shows one by one.
    """
    data = {"questions": question_ids, **({"objectives": objectives} if objectives else {})}
    return to_html(
        element(
            "section",
            None,
            element("p", labels["summary.title"], class_="quiz-summary__title", id="quiz-summary-title"),
            element("div", "", class_="quiz-summary__body", role="status", aria_live="polite"),
            class_="quiz-summary",
            data_quiz_summary=json.dumps(data, separators=(",", ":")),
            aria_labelledby="quiz-summary-title",
        )
    )


class QuizBlock(Block):
    """The `/// quiz` block as pymdownx.blocks sees it once the preprocessor has read it."""

    NAME = "quiz"
    ARGUMENT = False
    OPTIONS = {"ref": (-1, type_integer)}

    def on_markdown(self) -> str:
        return "raw"

    def on_validate(self, parent: etree.Element) -> bool:
        return 0 <= self.options["ref"] < len(self.config["extension"].questions)

    def on_create(self, parent: etree.Element) -> etree.Element:
        extension: QuizExtension = self.config["extension"]
        source = extension.questions[self.options["ref"]]
        form = render_question(parent, source, extension.labels, extension)
        if self.options["ref"] == extension.worksheet_start():
            form.set("class", f"{form.get('class')} quiz--first")  # where a printed worksheet starts
        return form


class QuizPoolBlock(Block):
    """The `//// quiz-pool` block: a section whose questions are drawn a few at a time."""

    NAME = "quiz-pool"
    ARGUMENT = False
    OPTIONS = {"ref": (-1, type_integer)}

    def on_markdown(self) -> str:
        return "block"

    def on_validate(self, parent: etree.Element) -> bool:
        return 0 <= self.options["ref"] < len(self.config["extension"].pools)

    def on_create(self, parent: etree.Element) -> etree.Element:
        extension: QuizExtension = self.config["extension"]
        pool = extension.pools[self.options["ref"]]
        labels = extension.labels
        data: dict[str, Any] = {"id": pool.id, "draw": pool.draw, "questions": pool.questions}
        if pool.exam:
            data["exam"] = True
        if extension.objectives:
            data["objectives"] = extension.objectives
        section = add_element(
            parent,
            "section",
            class_="quiz-pool",
            id=f"pool-{pool.id}",
            data_quiz_pool=json.dumps(data, separators=(",", ":")),
            aria_labelledby=f"pool-{pool.id}-title",
        )
        title = add_element(section, "p", class_="quiz-pool__title", id=f"pool-{pool.id}-title")
        extension.inline(title, pool.title or labels["pool.title"])
        intro = labels["pool.intro"].format(draw=pool.draw, total=len(pool.questions))
        add_element(section, "p", f"{intro} {labels['pool.exam']}" if pool.exam else intro, class_="quiz-pool__intro")
        controls = add_element(section, "div", class_="quiz-pool__controls")
        add_element(
            controls,
            "button",
            labels["pool.start"],
            type="button",
            class_="md-button quiz-pool__start",
            hidden="hidden",
        )
        add_element(section, "div", "", class_="quiz-pool__status", role="status", aria_live="polite")
        return section


class QuizKeyBlock(Block):
    """The answer key at the end of a page with questions: hidden on screen and from search, printed on a
    page of its own after the questions."""

    NAME = "quiz-key"
    ARGUMENT = False

    def on_validate(self, parent: etree.Element) -> bool:
        return any(map(on_worksheet, self.config["extension"].questions))

    def on_create(self, parent: etree.Element) -> etree.Element:
        extension: QuizExtension = self.config["extension"]
        return render_key(parent, extension.questions, extension.labels, extension)


class _CourseBlock(Block):
    """A block where a page draws from the whole course's data, which the MkDocs plugin fills in (in
    place of PROGRESS_PLACEHOLDER); without the plugin, and without JavaScript, it says so."""

    ARGUMENT = None
    KIND = ""  # the section's class, the label of its note, and the extension's flag: has_<kind>

    def on_create(self, parent: etree.Element) -> etree.Element:
        extension: QuizExtension = self.config["extension"]
        setattr(extension, f"has_{self.KIND}", True)
        section = add_element(parent, "section", class_=f"quiz-{self.KIND}", data_quiz_course=PROGRESS_PLACEHOLDER)
        add_element(section, "p", extension.labels[f"{self.KIND}.noscript"], class_=f"quiz-{self.KIND}__noscript")
        return section


class QuizProgressBlock(_CourseBlock):
    """The `/// quiz-progress` block: where the progress page draws the course."""

    NAME = "quiz-progress"
    KIND = "progress"


PROGRESS_PLACEHOLDER = "quiz-course-data"


class QuizOverviewBlock(_CourseBlock):
    """The `/// quiz-overview` block: the facilitator's class overview, made from the shares participants
    give them."""

    NAME = "quiz-overview"
    KIND = "overview"


class QuizJoinBlock(Block):
    """The `/// quiz-join` block: the site's address and its QR code, for a projector. The MkDocs plugin
    draws them in place of the placeholder (from `url:` or the site's `site_url`); any text inside the
    block follows them."""

    NAME = "quiz-join"
    ARGUMENT = None
    OPTIONS = {"url": ["", type_string]}

    def on_create(self, parent: etree.Element) -> etree.Element:
        extension: QuizExtension = self.config["extension"]
        section = add_element(parent, "div", class_="quiz-join")
        code = add_element(section, "div", data_quiz_join=self.options["url"])  # JOIN_PLACEHOLDER
        add_element(code, "p", extension.labels["join.noplugin"])
        return section


JOIN_PLACEHOLDER = "data-quiz-join"


class QuizSanitizer(Postprocessor):
    """Pass the final HTML of every piece of author text in a question through the sanitiser."""

    def __init__(self, md: Markdown, extension: QuizExtension) -> None:
        super().__init__(md)
        self.pattern = re.compile(
            re.escape(extension.start_marker) + r"(.*?)" + re.escape(extension.end_marker), re.DOTALL
        )

    def run(self, text: str) -> str:
        return self.pattern.sub(lambda m: sanitize(m.group(1)), text)


class QuizExtension(BlocksExtension):
    """Adds the `/// quiz` block.

    Config: ``language`` (interface words), ``id_prefix`` (implicit ids), ``first_line`` and
    ``source_path`` (where errors point).
    """

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "language": ["en", "Language of the quiz interface's words"],
            "id_prefix": ["", "Prefix of the ids made for questions that have no `id`"],
            "first_line": [1, "Line number, in the author's file, of the Markdown's first line"],
            "source_path": ["", "The Markdown file's path, for error messages"],
        }
        super().__init__(**kwargs)
        nonce = secrets.token_hex(8)
        # Not HTML building: markers the sanitiser's regex finds in the rendered page (stashed, so kept as is).
        self.start_marker = f"<!--quiz-start:{nonce}-->"
        self.end_marker = f"<!--quiz-end:{nonce}-->"
        self.questions: list[QuestionSource] = []
        self.pools: list[PoolSource] = []
        self.objectives: list[str] = []
        """The page's learning objectives as plain text, in order (objective N is ``objectives[N - 1]``)."""
        self.has_progress = False
        self.has_overview = False
        self.errors: list[QuizSyntaxError] = []
        self.error_hook: ErrorHook | None = None
        self.show_errors = False
        """Show a malformed block as an error notice in the page instead of stopping (`mkdocs serve`)."""
        self.md: Markdown | None = None
        self.block_mgr: BlocksProcessor | None = None

    def block_names(self) -> list[str]:
        """The names of every `///` block the page's Markdown knows (ours, admonitions, details, tabs...)."""
        return list(self.block_mgr.blocks) if self.block_mgr is not None else []

    @property
    def labels(self) -> dict[str, str]:
        return strings(self.getConfig("language"))

    def worksheet_start(self) -> int:
        """The index of the question a printed worksheet starts at (see `on_worksheet`)."""
        return next((i for i, question in enumerate(self.questions) if on_worksheet(question)), 0)

    def error(self, errors: list[QuizSyntaxError]) -> Exception:
        """The exception to raise for a page's malformed blocks: by default, the first of them."""
        return self.error_hook(errors) if self.error_hook else errors[0]

    def describe(self, error: QuizSyntaxError) -> str:
        return error.describe(self.getConfig("source_path") or "line")

    def error_notice(self, error: QuizSyntaxError) -> str:
        """HTML that shows a malformed block's error where the question would be."""
        message, fix = self.describe(error).split("\n  ", 1)
        title = element("p", self.labels["error.title"], class_="admonition-title")
        body = element("p", message, element("br"), fix)
        return to_html(element("div", None, title, body, class_="admonition failure quiz-error", role="alert"))

    def extendMarkdownBlocks(self, md: Markdown, block_mgr: BlocksProcessor) -> None:
        self.md = md
        self.block_mgr = block_mgr
        self.questions = []
        self.pools = []
        self.has_progress = False
        self.has_overview = False
        md.registerExtension(self)
        block_mgr.register(QuizBlock, {"extension": self})
        block_mgr.register(QuizPoolBlock, {"extension": self})
        block_mgr.register(QuizProgressBlock, {"extension": self})
        block_mgr.register(QuizOverviewBlock, {"extension": self})
        block_mgr.register(QuizKeyBlock, {"extension": self})
        block_mgr.register(QuizJoinBlock, {"extension": self})
        md.preprocessors.register(QuizPreprocessor(md, self), "quiz", 29)
        md.postprocessors.register(QuizSanitizer(md, self), "quiz_sanitize", 5)

    def reset(self) -> None:
        self.questions = []
        self.pools = []
        self.has_progress = False
        self.has_overview = False
        self.errors = []

    def inline(self, parent: etree.Element, text: str) -> None:
        """Put inline Markdown (the question, an option) into ``parent``, marked for the sanitiser.

        The inline patterns run over it later, with the rest of the page.
        """
        assert self.md is not None
        stash = self.md.htmlStash
        parent.text = f"{stash.store(self.start_marker)}{text}{stash.store(self.end_marker)}"

    def blocks(self, parent: etree.Element, text: str) -> None:
        """Render block Markdown (a feedback, the explanation) into ``parent``, marked for the sanitiser."""
        assert self.md is not None
        lines = text.split("\n")
        for preprocessor in self.md.preprocessors:
            if not isinstance(preprocessor, QuizPreprocessor):
                lines = preprocessor.run(lines)
        etree.SubElement(parent, "p").text = self.md.htmlStash.store(self.start_marker)
        self.md.parser.parseChunk(parent, "\n".join(lines))
        etree.SubElement(parent, "p").text = self.md.htmlStash.store(self.end_marker)


def makeExtension(**kwargs: Any) -> QuizExtension:
    return QuizExtension(**kwargs)

"""The MkDocs plugin `quiz`: what needs the whole site.

- adds the `/// quiz` Markdown extension, so mkdocs.yml needs only `plugins: [quiz]`;
- turns a malformed question into a build error that names the file and the line, and so a page that is
  not UTF-8 text or whose front matter is not YAML (under `mkdocs serve`: a notice in the page);
- checks that question ids are unique across the site;
- links the quiz script and style from the pages that have questions (or the progress page), no other;
- links nav.js, the lessons' progress marks in the navigation (no Python), from every page;
- gives the progress page the course: every page's questions, in navigation order;
- builds the engine wheel and its lock file and copies them, the Pyodide runtime and the scripts into
  the site.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from .. import limits
from ..html import attribute, element, json_attribute, to_html
from ..i18n import strings
from ..markdown.extension import PROGRESS_PLACEHOLDER, QuizExtension
from ..markdown.source import QuizSyntaxError
from . import bundle, compress, join, offline
from .config import QuizConfig
from .course import CoursePage, course_data
from .pages import QuestionIds, display_path, first_line, id_prefix, read_page_file

EARLY_SCRIPT = (bundle.WEB_DIR / "early.js").read_text(encoding="utf-8")
"""Inline before a page's first question: holds back a Check pressed before quiz.js is ready (see the file)."""
# Right after Material's script, at the end of the body: the questions are laid out in full again (early.js).
STARTED_SCRIPT = 'document.documentElement.classList.remove("quiz-starting");'

log = logging.getLogger("mkdocs.plugins.quiz")

# Under `mkdocs serve`, a malformed question is shown in its page and reported here, and the build goes
# on: MkDocs would otherwise hold every request until the error is fixed, and a strict build would
# count the report as a reason to stop. This logger sits outside MkDocs' own, so it is not counted.
serve_log = logging.getLogger("quiz_engine.serve")
if not serve_log.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("ERROR   -  %(message)s"))
    serve_log.addHandler(_handler)
    serve_log.propagate = False

WIDGET_IMPORTS = re.compile(r"import\(`\./([\w-]+)\.js")  # a widget module's import of another in widgets/


@functools.cache
def widget_imports(name: str) -> tuple[str, ...] | None:
    """The widget modules that web/widgets/<name>.js imports; None if there is no such module."""
    path = bundle.WEB_DIR / "widgets" / f"{name}.js"
    return tuple(WIDGET_IMPORTS.findall(path.read_text(encoding="utf-8"))) if path.is_file() else None


def widget_modules(names: Iterable[str]) -> list[str]:
    """The widget modules these widgets need: their own and those they import, all the way down."""
    needed: set[str] = set()
    todo = list(names)
    while todo:
        name = todo.pop()
        imports = widget_imports(name)
        if name not in needed and imports is not None:
            needed.add(name)
            todo += imports
    return sorted(needed)


PRELOADED = ("engine", "store", "widgets", "words", "question", "summary")  # the modules quiz.js imports at once
COURSE = "data-quiz-course"  # the attribute that carries the course to the progress and overview pages
OUR_EXTENSION_NAMES = {"quiz", "quiz_engine.markdown", "quiz_engine.markdown.extension"}


class QuizPlugin(BasePlugin[QuizConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.extension: QuizExtension | None = None
        self.runtime: bundle.Runtime | None = None
        self.engine: bundle.Engine | None = None
        self.stdlib: Path | None = None
        self.snapshot: bundle.Snapshot | None = None
        self.question_ids = QuestionIds()
        self.quiz_pages: set[str] = set()
        self.language = "en"
        self.config_dir = Path.cwd()
        self.serving = False
        self.assets_version = ""
        self.course: dict[str, CoursePage] = {}
        self.nav_order: list[str] = []
        self.progress_pages: set[str] = set()
        self.overview_pages: set[str] = set()  # the class overview's pages: the course with its words
        self.page_errors: list[QuizSyntaxError] = []  # what is wrong with the current page's file itself
        self.join_assets: bundle.JoinAssets | None = None  # found when a page has a join block

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    # -- configuration -------------------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        self.config_dir = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        theme_language = config.theme.get("language") if config.theme else None
        self.language = self.config.language or theme_language or "en"
        options = {}
        for name in OUR_EXTENSION_NAMES:
            options.update(config.mdx_configs.pop(name, {}))
        config.markdown_extensions[:] = [
            ext for ext in config.markdown_extensions if not (isinstance(ext, str) and ext in OUR_EXTENSION_NAMES)
        ]
        options.setdefault("language", self.language)
        self.extension = QuizExtension(**options)
        config.markdown_extensions.append(self.extension)
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        self.question_ids = QuestionIds()
        self.quiz_pages = set()
        self.course = {}
        self.progress_pages = set()
        self.overview_pages = set()
        self.join_assets = None
        self.assets_version = bundle.web_assets_version()
        try:
            self.runtime = bundle.find_runtime(self.config_dir / self.config.runtime_dir)
            self.engine = bundle.build_engine(self.config_dir / self.config.build_dir, self.runtime)
            self.stdlib = bundle.make_stdlib(self.engine, self.runtime)
            self.snapshot = (
                bundle.make_snapshot(self.engine, self.runtime, self.stdlib) if self.config.snapshot else None
            )
        except bundle.BundleError as exc:
            raise PluginError(f"quiz: {exc}.") from None

    # -- pages ---------------------------------------------------------------------------------

    def on_pre_page(self, page: Page, config: MkDocsConfig, files: Files) -> Page:
        """Read the page's file before MkDocs does: bytes that are not UTF-8 (a page saved in another
        encoding) would stop MkDocs with a traceback, and hold every request under `mkdocs serve`.
        They become an error with the file and the line, reported with the page's other errors; the page
        is read with U+FFFD in their place. Front matter that is not YAML, which MkDocs would show as
        text without a word, is an error too."""
        self.page_errors = read_page_file(page.file) if self.config.enabled else []
        return page

    @event_priority(100)  # first, so that the Markdown and its line numbers are the author's
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not self.config.enabled or self.extension is None:
            return markdown
        extension = self.extension

        def build_error(errors: list[QuizSyntaxError]) -> Exception:
            every = dict.fromkeys([*self.page_errors, *errors])  # the file's own errors first, each once
            return PluginError("\n".join(extension.describe(error) for error in every))

        extension.error_hook = build_error
        extension.show_errors = self.serving
        extension.setConfig("source_path", display_path(page.file, self.config_dir))
        extension.setConfig("id_prefix", id_prefix(page.file.src_uri))
        extension.setConfig("first_line", first_line(page.file.content_string, page.markdown or ""))
        return markdown

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        extension = self.extension
        if not self.config.enabled or extension is None:
            return html
        questions, used = self.question_ids.keep_new(extension.questions, extension.getConfig("source_path"))
        errors = [*self.page_errors, *extension.errors, *used]
        if errors and not self.serving:
            raise extension.error(errors)
        for error in errors:
            serve_log.error(extension.describe(error))
        notices = "".join(extension.error_notice(e) for e in errors if e not in extension.errors)
        try:
            html = join.fill_join_blocks(html, config.site_url or "", extension.labels, lambda: self._join_script(page))
        except join.JoinError as exc:
            raise PluginError(f"{extension.getConfig('source_path')}: {exc}") from None
        if questions:
            self.course[page.file.src_uri] = CoursePage.of(
                page.title or "", page.url, questions, extension.pools, extension.objectives
            )
            self.course[page.file.src_uri].lesson = page.meta.get("lesson") is not False
        if extension.has_progress:
            self.progress_pages.add(page.file.src_uri)
        if extension.has_overview:
            self.overview_pages.add(page.file.src_uri)
        if not questions and not extension.has_progress and not extension.has_overview:
            return notices + html
        self.quiz_pages.add(page.file.src_uri)
        return notices + self._with_assets(html, page, progress=extension.has_progress, overview=extension.has_overview)

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> None:
        self.nav_order = [page.file.src_uri for page in nav.pages]

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        if page.file.src_uri in self.quiz_pages:
            output = output.replace("</body>", to_html(element("script", STARTED_SCRIPT)) + "</body>", 1)
        if self._offline and page.url != "404.html":
            output = output.replace("</body>", offline.registration(page.url) + "</body>", 1)
        output = self._with_nav_marks(output, get_relative_url(bundle.ASSETS.as_posix(), page.url))
        overview = page.file.src_uri in self.overview_pages
        if page.file.src_uri not in self.progress_pages and not overview:
            return output
        data = course_data(
            self.course,
            self.nav_order,
            page.url,
            float(self.config.mastery),
            texts=overview,
            name=config.site_name or "",
        )
        # Not HTML building: the placeholder the extension wrote is found in the page and its value replaced.
        placeholder = attribute(COURSE, PROGRESS_PLACEHOLDER).lstrip()
        return output.replace(placeholder, attribute(COURSE, data).lstrip(), 1)

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        if template_name != "404.html":
            return output_content
        root = urlsplit(config.site_url or "/").path  # the error page is served at any depth: its links are absolute
        return self._with_nav_marks(output_content, f"{root.rstrip('/')}/{bundle.ASSETS.as_posix()}")

    def on_post_build(self, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        if self.quiz_pages and self.engine is not None and self.runtime is not None:
            bundle.copy_into_site(Path(config.site_dir), self.engine, self.runtime, self.stdlib, self.snapshot)
            # Pages with questions, as `quiz-engine check` counts them; the progress and overview pages,
            # which load the engine too, are counted apart.
            others = len(self.quiz_pages - set(self.course))
            log.info(
                "quiz: %d questions on %d pages%s; engine %s, Pyodide %s",
                len(self.question_ids),
                len(self.course),
                f" (and {others} more that show the course)" if others else "",
                self.engine.wheel.name,
                self.runtime.version,
            )
        if self.join_assets is not None:  # before the worker, which lists them
            bundle.copy_join_assets(Path(config.site_dir), self.join_assets)
        if self._offline:  # the worker lists every file of the finished site (and none of the .gz copies)
            offline.write_worker(Path(config.site_dir), self.assets_version, config.site_url or "", self._left_out)
        if self.config.compress and not self.serving:
            compress.write_compressed(Path(config.site_dir), self.config_dir / self.config.build_dir / "compressed")

    # -- helpers -------------------------------------------------------------------------------

    @property
    def _left_out(self) -> frozenset[str]:
        """What the service worker does not copy ahead: the whole standard library, when the browser loads
        the trimmed one (it fetches the whole one only if a module outside it is ever imported)."""
        if self.stdlib is None or self.runtime is None:
            return frozenset()
        return frozenset({(bundle.runtime_path(self.runtime) / bundle.WHOLE_LIBRARY).as_posix()})

    @property
    def _offline(self) -> bool:
        """Whether the site gets its service worker: not under `mkdocs serve`, which rebuilds on every edit."""
        return self.config.enabled and self.config.offline and not self.serving

    def _with_assets(self, html: str, page: Page, *, progress: bool = False, overview: bool = False) -> str:
        """The page's content with the quiz style before its first question and the scripts after it all.

        All of it sits in the content, which Material's instant navigation swaps in and runs. The style
        comes just before the first question, so the text above it paints without waiting for it; the
        script is `async`, so it starts the engine as soon as it has loaded rather than after the page.
        """
        assert self.engine is not None and self.runtime is not None
        base = get_relative_url(bundle.ASSETS.as_posix(), page.url)
        version = self.assets_version
        # Paths are relative to quiz.js, so they hold whichever page the script was first loaded from.
        settings = {
            "engine": f"engine/{self.engine.key}/pyodide-lock.json",
            "runtime": f"../pyodide/{self.runtime.version}/",
            "stdlib": self.stdlib and f"engine/{self.engine.key}/{self.stdlib.name}",
            "snapshot": self.snapshot
            and {"url": f"engine/{self.engine.key}/{self.snapshot.path.name}", "integrity": self.snapshot.integrity},
            "timeout": self.config.boot_timeout,
            "mastery": float(self.config.mastery),  # always given: the page has no default of its own
            # The engine's limits on what it reads, which the page checks first (see quiz_engine.limits).
            "limits": {
                "request": limits.MAX_REQUEST_CHARS,
                "file": limits.MAX_FILE_CHARS,
                "depth": limits.MAX_DEPTH,
            },
            "strings": {k[3:]: v for k, v in strings(self.language).items() if k.startswith("js.")},
        }
        style = to_html(element("link", rel="stylesheet", href=f"{base}/quiz.css?v={version}")) + "\n"
        style += to_html(element("script", EARLY_SCRIPT)) + "\n"  # holds back a Check pressed too early
        # Not HTML building: where the rendered page's first question starts.
        starts = [i for i in (html.find('<form class="quiz '), html.find('<section class="quiz-')) if i >= 0]
        first = min(starts, default=0)
        modules = (*PRELOADED, "progress-page") if progress else PRELOADED  # the progress page draws at once
        modules = (*modules, "overview") if overview else modules
        # The widgets of the question types on this page, with the widget modules they import (widgets.js
        # would ask for them only once quiz.js runs, and each import a round trip later).
        widgets = widget_modules(re.findall(r'data-widget="([\w-]+)"', html))
        modules = (*modules, *(f"widgets/{name}" for name in widgets))
        preloads = "".join(
            to_html(element("link", rel="modulepreload", href=f"{base}/{name}.js?v={version}")) + "\n"
            for name in modules
        )
        script = element(
            "script",
            "",
            type="module",
            async_=True,
            fetchpriority="high",
            src=f"{base}/quiz.js?v={version}",
            data_quiz_settings=json_attribute(settings),
        )
        return f"{html[:first]}{style}{html[first:]}\n{preloads}{to_html(script)}\n"

    def _lessons(self) -> dict[str, CoursePage]:
        """The pages that count for progress: the pages with questions, but for those whose front matter
        says `lesson: false` (the authoring guide's demos)."""
        return {uri: course for uri, course in self.course.items() if course.lesson}

    def _with_nav_marks(self, output: str, base: str) -> str:
        """Every page (with questions or not) gets nav.js and its style, which mark each lesson in the
        navigation with its status as the engine last gave it: no Python, nothing else to download. Its data:
        the lessons (their paths from the site's root and their question ids) and its words."""
        lessons = self._lessons()
        if not self.config.enabled or not lessons or "</body>" not in output:
            return output
        data = {
            "lessons": {course.url: [q["id"] for q in course.questions] for course in lessons.values()},
            "strings": {k[7:]: v for k, v in strings(self.language).items() if k.startswith("js.nav.")},
        }
        version = self.assets_version
        style = to_html(element("link", rel="stylesheet", href=f"{base}/nav.css?v={version}"))
        src = f"{base}/nav.js?v={version}"
        script = to_html(element("script", "", type="module", async_=True, src=src, data_quiz_nav=json_attribute(data)))
        return output.replace("</head>", style + "</head>", 1).replace("</body>", script + "</body>", 1)

    def _join_script(self, page: Page) -> str:
        """The join page's script, which shows the address the page is opened from (see join.py)."""
        if self.join_assets is None:
            assert self.runtime is not None
            try:
                self.join_assets = bundle.find_join_assets(
                    self.runtime.directory.parent, self.config_dir / "node_modules"
                )
            except bundle.BundleError as exc:
                raise PluginError(f"quiz: {exc}.") from None
        src = f"{get_relative_url(bundle.ASSETS.as_posix(), page.url)}/join.js?v={self.join_assets.version}"
        return f"\n{to_html(element('script', '', type='module', src=src))}\n"

"""The browser's standard library is trimmed to what the engine uses (see stdlib.mjs); this module, put
into it as `sitecustomize`, which Python's start-up imports, fetches the rest the first time a module
outside it is imported, so that a path the build did not foresee still works (at the cost of one
download). It runs in Pyodide only: the page's worker defines `quizWholeLibrary()`, which returns the
runtime's whole python_stdlib.zip. The build writes the names the trimmed copy left out to REST_NAMES,
beside this module; an import of any other name (an optional module that does not exist) fails as usual,
with no download."""

from __future__ import annotations

import sys
from importlib.machinery import ModuleSpec, PathFinder

REST_NAMES = "stdlib-rest.txt"
WHOLE = "/lib/python_stdlib_whole.zip"


class RestOfLibrary:
    """A finder of last resort for the standard library's modules that the trimmed copy left out."""

    def __init__(self, names: frozenset[str]) -> None:
        self.names = names
        self.fetched = False

    def find_spec(self, name: str, path: object = None, target: object = None) -> ModuleSpec | None:
        if name not in self.names:
            return None
        if not self.fetched:
            from js import quizWholeLibrary  # the worker's download of the whole library

            with open(WHOLE, "wb") as file:
                file.write(quizWholeLibrary().to_bytes())
            self.fetched = True
        package = name.rpartition(".")[0].replace(".", "/")
        return PathFinder.find_spec(name, [f"{WHOLE}/{package}" if package else WHOLE])


def install() -> None:
    """Put the finder last on the import path, with the names the build left out."""
    listing = __loader__.get_data(__file__.rpartition("/")[0] + "/" + REST_NAMES)  # type: ignore[name-defined]
    sys.meta_path.append(RestOfLibrary(frozenset(listing.decode().split())))


install()

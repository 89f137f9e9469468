"""mkdocs hook: the API reference pages, generated at build time from the package's source.

Every public module gets a section (its docstring, then its public names), and every public
name is documented once, under the shortest path it is importable from: `anycord.Message`,
not `anycord.models.messages.Message`; `anycord.testing.FakeDiscord`, not
`anycord.testing.fake.FakeDiscord`. Nothing is listed by hand, so a new module or name
appears on the site without anyone remembering to add it; mkdocstrings renders the text
from the docstrings (griffe reads the source statically, nothing is imported).
"""

from __future__ import annotations

import typing
from pathlib import Path

import griffe
from mkdocs.structure.files import File

if typing.TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

PACKAGE = "anycord"
SRC = Path(__file__).resolve().parents[2] / "src"
CORE = "core"

# What each page holds, in nav order; a subpackage missing here still gets a page (last).
PAGE_TITLES: typing.Final = {
    CORE: "anycord (top-level modules)",
    "bots": "Bots",
    "events": "Events",
    "dispatch": "Dispatch",
    "commands": "Commands",
    "rest": "REST",
    "gateway": "Gateway",
    "interactions": "Interactions",
    "cache": "Cache",
    "models": "Models",
    "voice": "Voice",
    "orchestrator": "Orchestrator",
    "metrics": "Metrics (prometheus-client)",
    "testing": "Testing (FakeDiscord)",
    "serde": "Serde (JSON ↔ models)",
}


def is_public(path: str) -> bool:
    return not any(part.startswith("_") for part in path.split("."))


def public_modules(module: griffe.Module) -> typing.Iterator[griffe.Module]:
    """`module` and every public module defined under it (imports of other modules skipped)."""
    yield module
    for member in module.members.values():
        if not member.is_alias and member.is_module and is_public(member.name):
            yield from public_modules(typing.cast("griffe.Module", member))


def exported_names(module: griffe.Module) -> list[str]:
    """`module.__all__` (names only: griffe can also hold expressions there)."""
    return [name for name in module.exports or () if isinstance(name, str)]


def public_paths(modules: list[griffe.Module]) -> dict[str, str]:
    """Each exported object's canonical path → the shortest path it is exported under."""
    shortest: dict[str, str] = {}
    for module in modules:
        for name in exported_names(module):
            if name not in module.members:
                continue
            target = module.members[name]
            if target.is_alias:
                target = typing.cast("griffe.Alias", target).final_target
            if target.is_module:
                continue  # a module is documented in its own section
            exported = f"{module.path}.{name}"
            known = shortest.get(target.path, target.path)
            if len(exported) <= len(known):
                shortest[target.path] = exported
    return shortest


def own_public_names(module: griffe.Module) -> list[str]:
    """The public names `module` defines itself (in `__all__` order when it has one)."""
    names = exported_names(module) if module.exports is not None else list(module.members)
    return [
        name
        for name in names
        if name in module.members
        and not module.members[name].is_alias
        and not module.members[name].is_module
        and not name.startswith("_")
    ]


def page_of(module_path: str) -> str:
    parts = module_path.split(".")
    if len(parts) == 1:
        return CORE
    return parts[1] if len(parts) > 2 or parts[1] in PAGE_TITLES else CORE


def directive(path: str, **options: object) -> str:
    lines = [f"::: {path}", "    options:"]
    for key, value in options.items():
        lines.append(f"      {key}: {_yaml(value)}")
    return "\n".join(lines) + "\n"


def _yaml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value)


def reference_pages() -> dict[str, tuple[str, str]]:
    """`reference/<page>.md` → (nav title, markdown)."""
    root = typing.cast(
        "griffe.Module", griffe.load(PACKAGE, search_paths=[str(SRC)], resolve_aliases=True)
    )
    modules = sorted(public_modules(root), key=lambda module: module.path)
    shortest = public_paths(modules)
    # An exported name is documented after the module that defines it, or, when that module
    # is private (`anycord.testing._http`), after the module that exports it.
    public_module_paths = {module.path for module in modules}
    exported_after: dict[str, list[str]] = {}
    for canonical, public in shortest.items():
        if canonical != public:
            home = canonical.rpartition(".")[0]
            if home not in public_module_paths:
                home = public.rpartition(".")[0]
            exported_after.setdefault(home, []).append(public)
    sections: dict[str, list[str]] = {}
    for module in modules:
        here = [
            name
            for name in own_public_names(module)
            if shortest.get(f"{module.path}.{name}", f"{module.path}.{name}")
            == f"{module.path}.{name}"
        ]
        text = directive(
            module.path, show_root_heading=True, heading_level=2, members=here or False
        )
        for path in sorted(exported_after.get(module.path, ())):
            text += "\n" + directive(path, show_root_heading=True, heading_level=3)
        sections.setdefault(page_of(module.path), []).append(text)
    order = [p for p in PAGE_TITLES if p in sections] + sorted(set(sections) - set(PAGE_TITLES))
    pages: dict[str, tuple[str, str]] = {}
    for page in order:
        title = PAGE_TITLES.get(page, page)
        body = f"# {title}\n\n" + "\n".join(sections[page])
        pages[f"reference/{page}.md"] = (title, body)
    return pages


_PAGES: dict[str, tuple[str, str]] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Generate the pages and put them in the nav, after the guides, under "API reference"."""
    _PAGES.clear()
    _PAGES.update(reference_pages())
    nav = list(config.nav or [])
    nav.append({"API reference": [{title: path} for path, (title, _) in _PAGES.items()]})
    config.nav = nav
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for path, (_, text) in _PAGES.items():
        files.append(File.generated(config, path, content=text))
    return files

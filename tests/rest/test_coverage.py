"""The REST client implements every operation of Discord's official OpenAPI spec.

`tests/data/operations.txt` is the spec's operation list (MIT, see operations.LICENSE), so
this runs from a fresh clone. An operation may only be missing if listed in `EXCEPTIONS`
with the reason a bot author could never call it; there are none today (242/242).
"""

from __future__ import annotations

import collections
import inspect
import pathlib

from anycord.rest import all_routes
from anycord.rest.client import RESTClient

OPERATIONS = pathlib.Path(__file__).parent.parent / "data" / "operations.txt"

EXCEPTIONS: dict[tuple[str, str], str] = {}
"""(method, path template) -> why no RESTClient method can call it. Empty: all are covered."""

# Routes the client implements beyond the spec's list (documented elsewhere by Discord).
EXTRA_ALLOWED = {
    ("POST", "/oauth2/token"),
    ("POST", "/oauth2/token/revoke"),
}


def _spec() -> list[tuple[str, str, str]]:
    rows = []
    for line in OPERATIONS.read_text().splitlines():
        if line.strip():
            method, path, operation_id = line.split()
            rows.append((method, path, operation_id))
    return rows


def test_vendored_list_is_the_full_spec() -> None:
    rows = _spec()
    assert len(rows) == 242
    assert len({(m, p) for m, p, _ in rows}) == 242


def test_every_spec_operation_has_a_route() -> None:
    implemented = {(r.method, r.path_template) for r in all_routes()}
    missing = [
        f"{m} {p} ({op})"
        for m, p, op in _spec()
        if (m, p) not in implemented and (m, p) not in EXCEPTIONS
    ]
    assert missing == [], f"{len(missing)} spec operations have no route: {missing}"
    assert set(EXCEPTIONS) <= {(m, p) for m, p, _ in _spec()}


def test_no_route_outside_the_spec() -> None:
    spec = {(m, p) for m, p, _ in _spec()}
    extra = {(r.method, r.path_template) for r in all_routes()} - spec - EXTRA_ALLOWED
    assert extra == set(), f"routes not in Discord's spec (typo in a path template?): {extra}"


def _route_constants_by_module() -> dict[str, set[tuple[str, str]]]:
    from anycord.rest import endpoints
    from anycord.rest.routes import Route

    all_routes()
    found: dict[str, set[tuple[str, str]]] = collections.defaultdict(set)
    import importlib
    import pkgutil

    for info in pkgutil.iter_modules(endpoints.__path__):
        module = importlib.import_module(f"{endpoints.__name__}.{info.name}")
        for value in vars(module).values():
            if isinstance(value, Route):
                found[info.name].add((value.method, value.path_template))
    return found


def test_every_spec_route_is_used_by_a_client_method() -> None:
    # A declared Route nobody calls would make the coverage above a lie: each route constant
    # must appear in the source of at least one RESTClient method.
    import importlib

    from anycord.rest import endpoints

    unused = []
    for module_name, _ in _route_constants_by_module().items():
        module = importlib.import_module(f"{endpoints.__name__}.{module_name}")
        source = inspect.getsource(module)
        for name, value in vars(module).items():
            if type(value).__name__ == "Route" and source.count(name) < 2:
                unused.append(f"{module_name}.{name}")
    assert unused == []


def test_no_method_is_defined_by_two_mixins() -> None:
    # Mixins are combined by inheritance: a name defined twice would silently shadow one.
    owners: dict[str, list[str]] = collections.defaultdict(list)
    for cls in RESTClient.__mro__[1:]:
        if cls.__module__.startswith("anycord.rest.endpoints."):
            for name, value in vars(cls).items():
                if callable(value) and not name.startswith("__"):
                    owners[name].append(cls.__name__)
    shared = {n: o for n, o in owners.items() if len(o) > 1 and n not in ("_app", "_request")}
    assert shared == {}


def test_endpoint_modules_stay_small() -> None:
    from anycord.rest import endpoints

    for path in pathlib.Path(endpoints.__path__[0]).glob("*.py"):
        assert len(path.read_text().splitlines()) <= 800, path.name


R2_MODULES = (
    "applications",
    "audit_logs",
    "auto_mod",
    "channel_admin",
    "emojis",
    "guild_admin",
    "guild_settings",
    "invites",
    "lobbies",
    "monetization",
    "oauth2",
    "partner_sdk",
    "polls",
    "scheduled_events",
    "soundboard",
    "stage_instances",
    "stickers",
    "templates",
    "threads",
    "user_extras",
    "voice",
    "webhook_tokens",
)
# widget.png answers with image bytes; its method returns the URL (tested separately).
NO_WIRE_CASE = {("GET", "/guilds/{guild_id}/widget.png")}


def test_every_route_of_the_family_modules_has_a_wire_test() -> None:
    from tests.rest import (
        test_endpoints_admin,
        test_endpoints_apps,
        test_endpoints_resources,
        test_endpoints_threads,
    )

    modules = (
        test_endpoints_admin,
        test_endpoints_apps,
        test_endpoints_resources,
        test_endpoints_threads,
    )
    tested = {(c.method, c.route) for module in modules for c in module.CASES}
    declared = set().union(
        *(routes for name, routes in _route_constants_by_module().items() if name in R2_MODULES)
    )
    assert declared - tested - NO_WIRE_CASE == set()

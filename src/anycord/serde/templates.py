"""Guild templates ↔ JSON."""

from __future__ import annotations

import datetime
import typing

from anycord.models.templates import Template
from anycord.serde._core import JSONObject, register
from anycord.serde.users import decode_user, encode_user
from anycord.snowflakes import Snowflake

if typing.TYPE_CHECKING:
    from anycord.traits import RESTAware

__all__ = ["decode_template", "encode_template"]


def decode_template(payload: JSONObject, app: RESTAware | None = None) -> Template:
    """A guild template."""
    creator = payload.get("creator")
    return Template(
        app=app,
        code=payload["code"],
        name=payload["name"],
        description=payload.get("description"),
        usage_count=payload.get("usage_count", 0),
        creator_id=Snowflake(payload["creator_id"]),
        creator=decode_user(creator, app) if creator is not None else None,
        created_at=datetime.datetime.fromisoformat(payload["created_at"]),
        updated_at=datetime.datetime.fromisoformat(payload["updated_at"]),
        source_guild_id=Snowflake(payload["source_guild_id"]),
        source_guild=payload.get("serialized_source_guild") or {},
        is_unsynced=payload.get("is_dirty"),
    )


def encode_template(template: Template) -> JSONObject:
    """A template as Discord sends it."""
    return {
        "code": template.code,
        "name": template.name,
        "description": template.description,
        "usage_count": template.usage_count,
        "creator_id": str(template.creator_id),
        "creator": encode_user(template.creator) if template.creator is not None else None,
        "created_at": template.created_at.isoformat(),
        "updated_at": template.updated_at.isoformat(),
        "source_guild_id": str(template.source_guild_id),
        "serialized_source_guild": dict(template.source_guild),
        "is_dirty": template.is_unsynced,
    }


register(Template, decode=decode_template, encode=encode_template)

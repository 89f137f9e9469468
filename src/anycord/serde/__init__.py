"""JSON ↔ models. Public entry points: `decode(ModelType, payload, app=None)` and `encode(obj)`.

Importing this package registers every family's decoders and encoders.
"""

from __future__ import annotations

from anycord.serde import applications as applications
from anycord.serde import audit_logs as audit_logs
from anycord.serde import auto_mod as auto_mod
from anycord.serde import channels as channels
from anycord.serde import commands as commands
from anycord.serde import components as components
from anycord.serde import embeds as embeds
from anycord.serde import emojis as emojis
from anycord.serde import gateway as gateway
from anycord.serde import guilds as guilds
from anycord.serde import interactions as interactions
from anycord.serde import invites as invites
from anycord.serde import members as members
from anycord.serde import mentions as mentions
from anycord.serde import messages as messages
from anycord.serde import monetization as monetization
from anycord.serde import polls as polls
from anycord.serde import presences as presences
from anycord.serde import roles as roles
from anycord.serde import scheduled_events as scheduled_events
from anycord.serde import sessions as sessions
from anycord.serde import soundboard as soundboard
from anycord.serde import stage_instances as stage_instances
from anycord.serde import stickers as stickers
from anycord.serde import templates as templates
from anycord.serde import threads as threads
from anycord.serde import users as users
from anycord.serde import voices as voices
from anycord.serde import webhooks as webhooks
from anycord.serde._core import decode as decode
from anycord.serde._core import encode as encode

__all__ = ["decode", "encode"]

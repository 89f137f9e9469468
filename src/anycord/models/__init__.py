"""Discord's entities as attrs classes, one module per resource."""

from __future__ import annotations

from anycord.models.base import Unique as Unique
from anycord.models.users import OwnUser as OwnUser
from anycord.models.users import PartialUser as PartialUser
from anycord.models.users import PremiumType as PremiumType
from anycord.models.users import User as User
from anycord.models.users import UserFlag as UserFlag

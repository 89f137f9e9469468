"""The gateway: a sans-IO protocol core and the AnyIO shard that drives it (DESIGN.md §4)."""

from __future__ import annotations

from anycord.gateway.compression import ZlibStreamInflater as ZlibStreamInflater
from anycord.gateway.compression import ZstdStreamInflater as ZstdStreamInflater
from anycord.gateway.compression import available_compressions as available_compressions
from anycord.gateway.identify import IdentifyGate as IdentifyGate
from anycord.gateway.identify import LocalIdentifyGate as LocalIdentifyGate
from anycord.gateway.protocol import CloseAction as CloseAction
from anycord.gateway.protocol import GatewayProtocol as GatewayProtocol
from anycord.gateway.protocol import Opcode as Opcode
from anycord.gateway.sendlimit import SendLimiter as SendLimiter
from anycord.gateway.shard import GatewayShard as GatewayShard
from anycord.gateway.sink import ShardEventSink as ShardEventSink
from anycord.gateway.state import ShardState as ShardState

__all__ = [
    "CloseAction",
    "GatewayProtocol",
    "GatewayShard",
    "IdentifyGate",
    "LocalIdentifyGate",
    "Opcode",
    "SendLimiter",
    "ShardEventSink",
    "ShardState",
    "ZlibStreamInflater",
    "ZstdStreamInflater",
    "available_compressions",
]

"""The voice seam: hand Discord's voice credentials to a third-party voice connection.

anycord does not implement voice transport (RTP, encryption, Opus); libraries that do plug
in here, as they do with hikari. See `VoiceComponent` and `VoiceConnection`.
"""

from __future__ import annotations

from anycord.voice.component import VoiceComponent as VoiceComponent
from anycord.voice.component import VoiceConnection as VoiceConnection
from anycord.voice.component import VoiceCredentials as VoiceCredentials

__all__ = ["VoiceComponent", "VoiceConnection", "VoiceCredentials"]

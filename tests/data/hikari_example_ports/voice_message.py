"""A `!audio` from a human gets a voice message back: the sample file, with its waveform
and duration.

hikari's example computes the waveform with numpy and pydub; this port reads a WAV file with
the standard library instead (the hikari calls are the same).
"""

import array
import base64
import math
import os
import wave

import hikari

SAMPLE = os.environ.get("VOICE_SAMPLE", "./sample.wav")

bot = hikari.GatewayBot(token=os.environ["BOT_TOKEN"])


def calculate_waveform(audio_file_path: str) -> tuple[str, float]:
    """The waveform (base64, one byte per bin, at most 256 bins) and the duration in seconds."""
    with wave.open(audio_file_path, "rb") as audio:
        if audio.getsampwidth() != 2:
            raise ValueError("this example reads 16-bit WAV files")
        duration = audio.getnframes() / audio.getframerate()
        samples = array.array("h", audio.readframes(audio.getnframes()))
    # Discord's clients sample at most every 100 ms and keep at most 256 points.
    bins = max(1, min(256, int(duration * 10), len(samples)))
    per_bin = max(1, len(samples) // bins)
    levels = []
    for i in range(bins):
        chunk = samples[i * per_bin : (i + 1) * per_bin] or array.array("h", [0])
        rms = math.sqrt(sum(s * s for s in chunk) / len(chunk)) / 32768
        levels.append(min(255, int(rms * 255)))
    return base64.b64encode(bytes(levels)).decode(), duration


@bot.listen()
async def on_message(event: hikari.MessageCreateEvent) -> None:
    if event.is_human and event.content == "!audio":
        waveform, duration = calculate_waveform(SAMPLE)
        await event.app.rest.create_voice_message(
            channel=event.channel_id,
            attachment=hikari.File(SAMPLE),
            waveform=waveform,
            duration=duration,
        )


bot.run()

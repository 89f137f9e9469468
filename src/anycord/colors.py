"""`Color`: an RGB colour that is also the 24-bit integer Discord sends.

Accepts and produces the forms bot authors use: `0xFF00AA`, `"#FF00AA"`, `"F0A"`, `(255, 0, 170)`,
floats in 0..1. Anything out of range raises `ValueError` with the offending value.
"""

from __future__ import annotations

import typing

__all__ = ["Color", "Colorish", "Colour", "Colourish"]


class Color(int):
    """A 24-bit RGB colour. Equal to and hashed as its integer value."""

    __slots__ = ()

    def __new__(cls, raw: typing.SupportsInt) -> Color:
        value = int(raw)
        if not 0 <= value <= 0xFFFFFF:
            msg = f"a colour must be in 0..0xFFFFFF, not {value:#x}"
            raise ValueError(msg)
        return super().__new__(cls, value)

    def __repr__(self) -> str:
        return f"Color(r={self.red:#02x}, g={self.green:#02x}, b={self.blue:#02x})"

    def __str__(self) -> str:
        return self.hex_code

    @property
    def red(self) -> int:
        """The red channel (0..255)."""
        return (self >> 16) & 0xFF

    @property
    def green(self) -> int:
        """The green channel (0..255)."""
        return (self >> 8) & 0xFF

    @property
    def blue(self) -> int:
        """The blue channel (0..255)."""
        return self & 0xFF

    @property
    def rgb(self) -> tuple[int, int, int]:
        """The channels as integers 0..255."""
        return self.red, self.green, self.blue

    @property
    def rgb_float(self) -> tuple[float, float, float]:
        """The channels as floats 0..1."""
        return self.red / 255, self.green / 255, self.blue / 255

    @property
    def hex_code(self) -> str:
        """`#RRGGBB`, upper case."""
        return f"#{self.raw_hex_code}"

    @property
    def raw_hex_code(self) -> str:
        """`RRGGBB`, upper case."""
        return f"{int(self):06X}"

    @property
    def is_web_safe(self) -> bool:
        """Whether every channel is a multiple of 0x33."""
        return all(channel % 0x33 == 0 for channel in self.rgb)

    @classmethod
    def from_int(cls, value: typing.SupportsInt) -> Color:
        """From a 24-bit integer."""
        return cls(value)

    @classmethod
    def from_rgb(cls, red: int, green: int, blue: int) -> Color:
        """From three integers in 0..255."""
        for name, channel in (("red", red), ("green", green), ("blue", blue)):
            if not 0 <= channel <= 0xFF:
                msg = f"{name} must be in 0..255, not {channel}"
                raise ValueError(msg)
        return cls((red << 16) | (green << 8) | blue)

    @classmethod
    def from_rgb_float(cls, red: float, green: float, blue: float) -> Color:
        """From three floats in 0..1."""
        for name, channel in (("red", red), ("green", green), ("blue", blue)):
            if not 0.0 <= channel <= 1.0:
                msg = f"{name} must be in 0..1, not {channel}"
                raise ValueError(msg)
        return cls.from_rgb(round(red * 255), round(green * 255), round(blue * 255))

    @classmethod
    def from_hex_code(cls, hex_code: str) -> Color:
        """From `#RRGGBB`, `RRGGBB`, `0xRRGGBB`, `#RGB` or `RGB` (any case)."""
        text = hex_code.strip()
        if text.startswith("#"):
            text = text[1:]
        elif text[:2].lower() == "0x":
            text = text[2:]
        if len(text) == 3:
            text = "".join(ch * 2 for ch in text)
        if len(text) != 6 or any(ch not in "0123456789abcdefABCDEF" for ch in text):
            msg = f"{hex_code!r} is not a hex colour code"
            raise ValueError(msg)
        return cls(int(text, 16))

    @classmethod
    def of(cls, value: Colorish) -> Color:
        """From any accepted form: Color, int, hex string, or a 3-tuple of ints or floats."""
        if isinstance(value, Color):
            return value
        if isinstance(value, int):
            return cls(value)
        if isinstance(value, str):
            return cls.from_hex_code(value)
        if isinstance(value, tuple | list) and len(value) == 3:
            if all(isinstance(part, int) for part in value):
                return cls.from_rgb(*(int(part) for part in value))
            if all(isinstance(part, int | float) for part in value):
                return cls.from_rgb_float(*(float(part) for part in value))
        msg = f"cannot make a colour from {value!r}"
        raise TypeError(msg)

    def to_bytes_rgb(self) -> bytes:
        """The three channels as bytes."""
        return bytes(self.rgb)


Colour = Color
"""British spelling."""

Colorish = Color | int | str | tuple[int, int, int] | tuple[float, float, float]
"""Anything `Color.of` accepts."""
Colourish = Colorish

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anycord.colors import Color, Colour

channel = st.integers(0, 255)


@given(channel, channel, channel)
def test_rgb_round_trips_through_every_form(r: int, g: int, b: int) -> None:
    c = Color.from_rgb(r, g, b)
    assert c.rgb == (r, g, b)
    assert Color.from_hex_code(c.hex_code) == c
    assert Color.from_hex_code(c.raw_hex_code.lower()) == c
    assert Color.of(int(c)) == c
    assert Color.of((r, g, b)) == c
    assert Color.from_rgb_float(*c.rgb_float) == c


def test_forms() -> None:
    assert Color.from_hex_code("#F0A") == Color(0xFF00AA)
    assert Color.from_hex_code("0xff00aa") == 0xFF00AA
    assert str(Color(0xFF00AA)) == "#FF00AA"
    assert repr(Color(0x010203)) == "Color(r=0x1, g=0x2, b=0x3)"
    assert Colour is Color
    assert Color(0x336699).is_web_safe
    assert not Color(0x123456).is_web_safe
    assert Color(0x0A0B0C).to_bytes_rgb() == b"\n\x0b\x0c"


@pytest.mark.parametrize("bad", ["#GGGGGG", "12345", "", "#1234567"])
def test_bad_hex_is_refused_with_the_value(bad: str) -> None:
    with pytest.raises(ValueError, match="hex colour"):
        Color.from_hex_code(bad)


def test_out_of_range() -> None:
    with pytest.raises(ValueError, match=r"0\.\.0xFFFFFF"):
        Color(0x1000000)
    with pytest.raises(ValueError, match="red"):
        Color.from_rgb(256, 0, 0)
    with pytest.raises(ValueError, match="blue"):
        Color.from_rgb_float(0, 0, 1.5)
    with pytest.raises(TypeError, match="cannot make a colour"):
        Color.of((1, 2))  # type: ignore[arg-type]

#!/usr/bin/env python3
"""Writes packaging/windows/gyokaku.ico, the icon of gyokaku.exe (built into it by build.rs).

A drawn, not downloaded, picture: a rounded blue square with three rising white bars (the
progress of the reform items), at 16, 32 and 48 pixels, as 32-bit BMP images. The same script
gives the same bytes.

    python3 scripts/make_icon.py
"""

import struct
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "packaging/windows/gyokaku.ico"
BLUE = (0x1F, 0x5A, 0xA6)
WHITE = (0xFF, 0xFF, 0xFF)


def pixel(x, y, n):
    """(r, g, b, a) at column x, row y (row 0 at the top) of an n-pixel icon."""
    radius = n / 6
    # Rounded corners: transparent outside a circle at each corner.
    cx = min(max(x + 0.5, radius), n - radius)
    cy = min(max(y + 0.5, radius), n - radius)
    if (x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 > radius**2:
        return (0, 0, 0, 0)
    # Three bars, rising from left to right.
    u, v = x / n, y / n
    for i, top in enumerate((0.55, 0.38, 0.2)):
        left = 0.17 + i * 0.24
        if left <= u < left + 0.17 and top <= v < 0.82:
            return (*WHITE, 255)
    return (*BLUE, 255)


def image(n):
    """One icon image: BITMAPINFOHEADER, pixels bottom-up (BGRA), AND mask."""
    header = struct.pack("<IiiHHIIiiII", 40, n, 2 * n, 1, 32, 0, 0, 0, 0, 0, 0)
    rows = []
    for y in reversed(range(n)):
        rows.append(b"".join(bytes((b, g, r, a)) for r, g, b, a in (pixel(x, y, n) for x in range(n))))
    mask_row = ((n + 31) // 32) * 4
    return header + b"".join(rows) + b"\0" * (mask_row * n)


def main():
    sizes = (16, 32, 48)
    images = [image(n) for n in sizes]
    out = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    for n, data in zip(sizes, images):
        out += struct.pack("<BBBBHHII", n, n, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    OUT.write_bytes(out + b"".join(images))
    print(OUT)


if __name__ == "__main__":
    main()

"""A fast QR encoder for certificate verification links, drawn as a 1-bit PDF image mask.

Why: the `qrcode` package needs ~2–4 ms per code (pure-Python polynomials and mask
scoring); a 1,000-certificate batch must take a few hundred milliseconds in total. The
function patterns, format bits and data-module order of a (version, mask) pair never
change, so they are computed once with `qrcode` itself; per code only the byte-mode
codewords and Reed–Solomon remainders are computed, and the raster is one big integer
built by XOR-ing a precomputed pattern per (codeword index, byte value).
Any of the eight masks is valid for a decoder; mask scoring only tunes legibility.
Tests compare every module with the `qrcode` package's matrix for the same mask.
"""

from __future__ import annotations

from functools import cache

import qrcode
from qrcode.base import rs_blocks
from qrcode.constants import ERROR_CORRECT_M
from qrcode.util import mask_func

MASK = 0

# GF(256) with the QR polynomial x^8 + x^4 + x^3 + x^2 + 1.
_EXP = [0] * 512
_LOG = [0] * 256
_x = 1
for _i in range(255):
    _EXP[_i] = _x
    _LOG[_x] = _i
    _x <<= 1
    if _x & 0x100:
        _x ^= 0x11D
for _i in range(255, 512):
    _EXP[_i] = _EXP[_i - 255]


def _gf_mul(a: int, b: int) -> int:
    return 0 if a == 0 or b == 0 else _EXP[_LOG[a] + _LOG[b]]


@cache
def _rs_tables(degree: int) -> tuple[list[int], int]:
    """For each byte `f`, the generator polynomial × f packed into one integer."""
    gen = [0] * (degree - 1) + [1]
    root = 1
    for _ in range(degree):
        for j in range(degree):
            gen[j] = _gf_mul(gen[j], root)
            if j + 1 < degree:
                gen[j] ^= gen[j + 1]
        root = _gf_mul(root, 2)
    table = []
    for f in range(256):
        packed = 0
        for coef in gen:
            packed = (packed << 8) | _gf_mul(coef, f)
        table.append(packed)
    return table, (1 << (8 * degree)) - 1


def rs_remainder(data: bytes, degree: int) -> bytes:
    table, mask = _rs_tables(degree)
    shift = 8 * (degree - 1)
    rem = 0
    for b in data:
        factor = (rem >> shift) ^ b
        rem = ((rem << 8) & mask) ^ table[factor]
    return rem.to_bytes(degree, "big")


class Template:
    """Everything about one QR version that does not depend on the data."""

    def __init__(self, version: int, mask: int = MASK):
        q = qrcode.QRCode(version=version, error_correction=ERROR_CORRECT_M, border=0)
        q.map_data = lambda data, mask_pattern: None  # keep data cells empty
        q.makeImpl(False, mask)
        n = q.modules_count
        modules = q.modules
        self.version, self.size = version, n
        self.blocks = [
            (b.data_count, b.total_count - b.data_count)
            for b in rs_blocks(version, ERROR_CORRECT_M)
        ]
        self.data_capacity = sum(d for d, _ in self.blocks)
        self.interleave = _interleave_order(self.blocks)
        # Data cells in the standard zig-zag order (as qrcode.main.QRCode.map_data walks).
        order: list[tuple[int, int]] = []
        inc, row = -1, n - 1
        for col in range(n - 1, 0, -2):
            if col <= 6:
                col -= 1
            while True:
                for c in (col, col - 1):
                    if modules[row][c] is None:
                        order.append((row, c))
                row += inc
                if row < 0 or row >= n:
                    row -= inc
                    inc = -inc
                    break
        self.positions = order
        flip = mask_func(mask)
        self.flip_bits = int("".join("1" if flip(r, c) else "0" for r, c in order), 2)
        self.row_bytes = (n + 7) // 8
        # The raster (rows padded to whole bytes, 1 = dark) as one integer: function
        # patterns and the mask's flips are constant; each codeword then contributes the
        # XOR of its 8 cells, looked up per byte value (the cells of codewords are disjoint).
        total_bits = self.row_bytes * 8 * n

        def weight(r: int, c: int) -> int:
            return 1 << (total_bits - 1 - (r * self.row_bytes * 8 + c))

        self.base_value = sum(
            weight(r, c) for r in range(n) for c in range(n) if modules[r][c] is True
        )
        self.base_value |= sum(weight(r, c) for r, c in order if flip(r, c))
        self.byte_tables = []
        for k in range(len(order) // 8):
            bit_weights = [weight(*order[8 * k + i]) for i in range(8)]  # MSB first
            table = [0] * 256
            for v in range(1, 256):
                low = v & -v
                i = 7 - (low.bit_length() - 1)
                table[v] = table[v ^ low] ^ bit_weights[i]
            self.byte_tables.append(table)
        self.fixed_dark = {(r, c) for r in range(n) for c in range(n) if modules[r][c] is True}

    def codewords(self, payload: bytes) -> bytes:
        """Byte-mode data, padded, split in blocks, with EC, interleaved."""
        count_bits = 8 if self.version < 10 else 16
        capacity_bits = self.data_capacity * 8
        bits = (0b0100 << count_bits | len(payload)) << (8 * len(payload)) | int.from_bytes(
            payload, "big"
        )
        length = 4 + count_bits + 8 * len(payload)
        term = min(4, capacity_bits - length)
        bits <<= term
        length += term
        pad = (-length) % 8
        bits <<= pad
        length += pad
        data = bits.to_bytes(length // 8, "big")
        fill = bytes([0xEC, 0x11]) * self.data_capacity
        data += fill[: self.data_capacity - len(data)]
        parts, ecs, start = [], [], 0
        for dcount, ecount in self.blocks:
            block = data[start : start + dcount]
            start += dcount
            parts.append(block)
            ecs.append(rs_remainder(block, ecount))
        joined = b"".join(parts) + b"".join(ecs)
        return bytes(map(joined.__getitem__, self.interleave))

    def dark_bits(self, payload: bytes) -> bytes:
        """One byte (0/1) per data cell, mask applied."""
        words = self.codewords(payload)
        total = len(self.positions)
        value = (int.from_bytes(words, "big") << (total - 8 * len(words))) ^ self.flip_bits
        return format(value, f"0{total}b").encode().translate(_BITS)

    def image_hex(self, payload: bytes) -> str:
        """Rows of 1-bit samples (1 = dark, rows padded to whole bytes) as hex."""
        value = self.base_value
        for table, byte in zip(self.byte_tables, self.codewords(payload), strict=False):
            value ^= table[byte]
        return value.to_bytes(self.row_bytes * self.size, "big").hex()

    def matrix(self, payload: bytes) -> list[list[bool]]:
        n = self.size
        m = [[(r, c) in self.fixed_dark for c in range(n)] for r in range(n)]
        for (r, c), bit in zip(self.positions, self.dark_bits(payload), strict=True):
            m[r][c] = bool(bit)
        return m


def _interleave_order(blocks: list[tuple[int, int]]) -> list[int]:
    """Indexes into (all data blocks + all EC blocks) in the interleaved order."""
    data_starts, ec_starts, pos = [], [], 0
    for d, _ in blocks:
        data_starts.append(pos)
        pos += d
    for _, e in blocks:
        ec_starts.append(pos)
        pos += e
    order = []
    for i in range(max(d for d, _ in blocks)):
        order.extend(s + i for s, (d, _) in zip(data_starts, blocks, strict=True) if i < d)
    for i in range(max(e for _, e in blocks)):
        order.extend(s + i for s, (_, e) in zip(ec_starts, blocks, strict=True) if i < e)
    return order


_BITS = bytes.maketrans(b"01", b"\x00\x01")


@cache
def template(version: int) -> Template:
    return Template(version)


def template_for(payload: bytes) -> Template:
    for version in range(1, 10):
        t = template(version)
        if 2 + len(payload) + 1 <= t.data_capacity:  # mode + count + data (+ terminator)
            return t
    raise ValueError("Liên kết xác thực quá dài để mã hóa QR.")

"""Image clean-up before OCR: cut a photographed page off its desk, flatten uneven light, stretch contrast, upscale
small images, undo small skews."""

from __future__ import annotations

import functools

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from PIL import Image, ImageFilter

TARGET_DPI = 300
PAGE_WIDTH_IN = 8.27  # an image with no resolution is taken to span an A4 page's width
MAX_UPSCALE = 2.5
MAX_SKEW_DEG = 5.0
MIN_SKEW_DEG = 0.1  # the estimate's second step (0.05° steps); 0.1° draws a table's rule over 3-4 pixel rows
_PROBE_WIDTH_PX = 1000
_DESK_PROBE_WIDTH_PX = 400
MAX_DESK_BORDER_PAPER = 0.2  # a photo shows desk along most of its border; a scan shows paper
MIN_SHEET_SHARE, MAX_SHEET_SHARE = 0.4, 0.97  # the sheet fills this share of a photo
_EDGE_ROW_PAPER = 0.3  # a row (column) of the probe holding this share of paper crosses the sheet
_EDGE_MIN_ROWS = 20  # ... and a sheet crossed by fewer is too small to fit its edges
_EDGE_END_SHARE = 0.1  # an edge's line is fitted along the middle of it: this share of each end lies near a corner
_EDGE_TOLERANCE_PX = 2.0  # probe pixels: where the paper starts this close to the line is the edge
_EDGE_MIN_SHARE = 0.5  # ... and an edge is a line only where most rows' starts are
_BACKGROUND_CELL_PX = 8  # background is estimated on a grid 1/8 of the image
_BACKGROUND_WINDOW = 9  # max filter on that grid: wider than any glyph at 300 dpi (9 x 8 = 72 px)


def preprocess_for_ocr(image: Image.Image) -> Image.Image:
    """A grayscale image ready for tesseract: about 300 dpi, even white paper, black ink, rows level.

    Keeps `info["dpi"]` consistent with the new size, so the page size in points does not change.
    """
    grey = page_off_desk(image.convert("L"))
    scale = upscale_factor(grey)
    if scale > 1.0:
        grey = grey.resize((round(grey.width * scale), round(grey.height * scale)), Image.Resampling.LANCZOS)
    clean = normalise_contrast(flatten_background(grey))
    angle = estimate_skew_deg(clean)
    if abs(angle) >= MIN_SKEW_DEG:
        clean = clean.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    if "dpi" in image.info:
        clean.info["dpi"] = tuple(float(d) * scale for d in image.info["dpi"])
    return clean


def page_off_desk(image: Image.Image) -> Image.Image:
    """A photographed sheet on a darker desk, cut out and made rectangular again; any other image as it is. A corner
    the photo cut off (its edges' lines meet outside the image) comes out as white paper."""
    corners = sheet_corners(image)
    if corners is None:
        return image
    top_left, top_right, bottom_right, bottom_left = corners
    width = round(max(_distance(top_left, top_right), _distance(bottom_left, bottom_right)))
    height = round(max(_distance(top_left, bottom_left), _distance(top_right, bottom_right)))
    rectangle = [(0.0, 0.0), (float(width), 0.0), (float(width), float(height)), (0.0, float(height))]
    coefficients = perspective_coefficients(rectangle, corners)
    return image.transform((width, height), Image.Transform.PERSPECTIVE, coefficients, Image.Resampling.BICUBIC,
                           fillcolor=255)  # fmt: skip  # a corner the photo cut off is paper, not black


def sheet_corners(image: Image.Image) -> list[tuple[float, float]] | None:
    """The corners of a photographed sheet on a darker desk (top left, top right, bottom right, bottom left), None
    for any other image (a scan shows paper along its border).

    The sheet is the bright region (Otsu threshold on a small copy). Each of its four edges is a line fitted, robustly,
    to where the paper starts along the rows or columns of the middle of that edge; the corners are where the lines
    meet. Light falling off across the sheet darkens a corner below the threshold: the paper there is taken for
    desk, so the extreme points of the bright region are not the corners (a notch moved one 290 px inwards on a
    1,600 px photo), but the notch is a minority of its edge's points, and the fit sets it aside. Where an edge is no
    line, the corners are the bright region's extreme points along the diagonals.
    """
    factor = max(1, image.width // _DESK_PROBE_WIDTH_PX)
    pixels = np.asarray(image.reduce(factor), dtype=np.uint8)
    paper = pixels > otsu_threshold(pixels)
    border = np.concatenate([paper[0], paper[-1], paper[:, 0], paper[:, -1]])
    if border.mean() > MAX_DESK_BORDER_PAPER or not MIN_SHEET_SHARE <= paper.mean() <= MAX_SHEET_SHARE:
        return None
    scale = image.width / pixels.shape[1]
    return [(x * scale, y * scale) for x, y in _corners_of_edges(paper) or _extreme_corners(paper)]


def _corners_of_edges(paper: np.ndarray) -> list[tuple[float, float]] | None:
    """Where the lines fitted to the sheet's four edges meet, None where an edge is no line (a curled sheet)."""
    left, right = (_edge_line(paper, from_end=end) for end in (False, True))  # x as a line in y
    top, bottom = (_edge_line(paper.T, from_end=end) for end in (False, True))  # y as a line in x
    if left is None or right is None or top is None or bottom is None:
        return None
    return [_meeting(left, top), _meeting(right, top), _meeting(right, bottom), _meeting(left, bottom)]


def _extreme_corners(paper: np.ndarray) -> list[tuple[float, float]]:
    """The paper's extreme points along the diagonals: the corners of a sheet whose edges are no lines, roughly."""
    ys, xs = np.nonzero(paper)
    return [
        (float(xs[i]), float(ys[i]))
        for i in (np.argmin(xs + ys), np.argmax(xs - ys), np.argmax(xs + ys), np.argmin(xs - ys))
    ]


def _edge_line(paper: np.ndarray, *, from_end: bool) -> tuple[float, float] | None:
    """(slope, offset) of the line x = slope * y + offset along which the paper starts in each row of the middle of
    the sheet (`from_end`: where it ends), fitted without the rows whose start lies off it; None where most do."""
    rows = np.nonzero(paper.mean(axis=1) >= _EDGE_ROW_PAPER)[0]
    if rows.size < _EDGE_MIN_ROWS:
        return None
    span = rows[-1] - rows[0]
    rows = rows[(rows >= rows[0] + _EDGE_END_SHARE * span) & (rows <= rows[-1] - _EDGE_END_SHARE * span)]
    row_paper = paper[rows]
    starts = paper.shape[1] - np.argmax(row_paper[:, ::-1], axis=1) if from_end else np.argmax(row_paper, axis=1)
    ys, xs = rows.astype(np.float64), starts.astype(np.float64)
    half = ys.size // 2
    slope = float(np.median((xs[half : 2 * half] - xs[:half]) / (ys[half : 2 * half] - ys[:half])))
    offset = float(np.median(xs - slope * ys))
    on_line = np.abs(xs - slope * ys - offset) <= _EDGE_TOLERANCE_PX
    if on_line.mean() < _EDGE_MIN_SHARE:
        return None
    slope, offset = np.polyfit(ys[on_line], xs[on_line], 1)
    return float(slope), float(offset)


def _meeting(upright: tuple[float, float], level: tuple[float, float]) -> tuple[float, float]:
    """Where the line x = a * y + b (a left or right edge) meets the line y = c * x + d (a top or bottom edge)."""
    (a, b), (c, d) = upright, level
    x = (a * d + b) / (1 - a * c)
    return x, c * x + d


def perspective_coefficients(target: list[tuple[float, float]], source: list[tuple[float, float]]) -> tuple[float, ...]:
    """PIL's 8 coefficients that map each output point in `target` back to its input point in `source`."""
    rows: list[list[float]] = []
    rhs: list[float] = []
    for (x, y), (u, v) in zip(target, source, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs.extend((u, v))
    return tuple(float(c) for c in np.linalg.solve(np.array(rows, dtype=np.float64), np.array(rhs, dtype=np.float64)))


def otsu_threshold(pixels: np.ndarray) -> int:
    """The grey level that best splits the histogram into two classes (Otsu's method)."""
    counts = np.bincount(pixels.ravel(), minlength=256).astype(np.float64)
    levels = np.arange(256, dtype=np.float64)
    weight = np.cumsum(counts)
    mass = np.cumsum(counts * levels)
    total, total_mass = weight[-1], mass[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (total_mass * weight - total * mass) ** 2 / (weight * (total - weight))
    if np.isnan(between[:-1]).all():  # one grey level (a blank page): nothing to split
        return int(pixels.flat[0])
    return int(np.nanargmax(between[:-1]))


def _distance(a: tuple[float, float], b: tuple[float, float]) -> float:
    return float(np.hypot(a[0] - b[0], a[1] - b[1]))


def upscale_factor(image: Image.Image) -> float:
    """How much to enlarge the image to read at ~300 dpi (1.0 when it is already fine)."""
    dpi = image.info.get("dpi")
    x_dpi = float(dpi[0]) if dpi and float(dpi[0]) > 1 else image.width / PAGE_WIDTH_IN
    factor = TARGET_DPI / x_dpi
    return min(factor, MAX_UPSCALE) if factor > 1.2 else 1.0


def flatten_background(image: Image.Image) -> Image.Image:
    """Divide by the paper's local brightness (text removed by a max filter), so shadows and gradients vanish."""
    small = image.reduce(_BACKGROUND_CELL_PX) if min(image.size) > 8 * _BACKGROUND_CELL_PX else image
    paper = Image.fromarray(_brightest_around(np.asarray(small, dtype=np.uint8), _BACKGROUND_WINDOW))
    paper = paper.filter(ImageFilter.GaussianBlur(3))
    paper = paper.resize(image.size, Image.Resampling.BILINEAR)
    return Image.fromarray(_divided_table()[np.asarray(paper, dtype=np.uint8), np.asarray(image, dtype=np.uint8)])


def _brightest_around(pixels: np.ndarray, size: int) -> np.ndarray:
    """Each pixel the brightest of its `size` x `size` neighbourhood, edges repeated: PIL's MaxFilter(size), as two
    1-D passes (the max of a square is the max of the row maxima), a fraction of its cost."""
    reach = size // 2
    padded = np.pad(pixels, reach, mode="edge")
    rows = sliding_window_view(padded, size, axis=1).max(axis=-1)
    brightest: np.ndarray = sliding_window_view(rows, size, axis=0).max(axis=-1)
    return brightest


@functools.cache
def _divided_table() -> np.ndarray:
    """`table[light, ink]`: ink divided by the paper's light, times 255, for every pair of grey levels (a look-up
    over the page instead of float arithmetic on every pixel; same float32 arithmetic, same result)."""
    light = np.maximum(np.arange(256, dtype=np.float32), 1.0)[:, None]
    ink = np.arange(256, dtype=np.float32)[None, :]
    return np.clip(ink / light * 255.0, 0, 255).astype(np.uint8)


def normalise_contrast(image: Image.Image) -> Image.Image:
    """Stretch so the darkest ink is black and the paper is white (percentiles, robust to noise)."""
    grey = image if image.mode == "L" else image.convert("L")
    counts = np.cumsum(np.array(grey.histogram(), dtype=np.int64))  # PIL's histogram: np.bincount's counts, faster
    dark, light = (_percentile(counts, q) for q in (0.5, 90.0))
    if light - dark < 16:  # a blank or flat image: nothing to stretch
        return image
    stretched = (np.arange(256, dtype=np.float64) - dark) / (light - dark) * 255.0  # per grey level, then looked up
    return image.point(np.clip(stretched, 0, 255).astype(np.uint8).tolist())


def _percentile(cumulative: np.ndarray, q: float) -> float:
    """numpy's (linear) percentile `q` of the pixels whose cumulative histogram of grey levels this is."""
    position = q / 100 * (int(cumulative[-1]) - 1)
    below = int(np.floor(position))
    low, high = (float(np.searchsorted(cumulative, k, side="right")) for k in (below, below + 1))
    share = position - below
    return low + (high - low) * share if share < 0.5 else high - (high - low) * (1 - share)


def estimate_skew_deg(image: Image.Image) -> float:
    """The counter-clockwise rotation (degrees, within ±5) that makes text rows sharpest; 0.0 for no text."""
    probe = image.convert("L")
    if probe.width > _PROBE_WIDTH_PX:
        probe = probe.resize((_PROBE_WIDTH_PX, max(1, probe.height * _PROBE_WIDTH_PX // probe.width)))
    pixels = np.asarray(probe, dtype=np.float32)
    ys, xs = np.nonzero(pixels < min(128.0, float(pixels.mean()) - 40.0))
    if len(ys) < 50:
        return 0.0
    coarse = _best_angle(xs, ys, np.arange(-MAX_SKEW_DEG, MAX_SKEW_DEG + 1e-9, 0.5))
    fine = _best_angle(xs, ys, np.arange(coarse - 0.5, coarse + 0.5 + 1e-9, 0.05))
    return round(fine, 2) if abs(fine) >= 1e-9 else 0.0


def _best_angle(xs: np.ndarray, ys: np.ndarray, angles: np.ndarray) -> float:
    """The angle whose row projection of the ink pixels has the highest energy (peaks = text rows)."""
    scores = [_row_energy(xs, ys, float(angle)) for angle in angles]
    best = max(range(len(angles)), key=lambda i: (scores[i], -abs(float(angles[i]))))
    return float(angles[best])


def _row_energy(xs: np.ndarray, ys: np.ndarray, angle_deg: float) -> float:
    """Sum of squared row counts after rotating the ink by `angle_deg` counter-clockwise (PIL's sense)."""
    theta = np.radians(angle_deg)
    rows = ys * np.cos(theta) - xs * np.sin(theta)
    counts = np.bincount((rows - rows.min()).astype(np.int64))
    return float(np.dot(counts, counts))

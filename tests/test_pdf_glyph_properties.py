"""Property tests: the column (numpy) versions of fake-bold dedupe and line grouping (``extract.pdf_text``) give
exactly what their plain per-glyph definitions give, on random glyph layouts with repeats, triple drawings, ligature
pairs, ties and inferred spaces."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.pdf_text import (DEDUPE_TOLERANCE, LINE_Y_TOLERANCE, SPACE_EXPLICIT, SPACE_GENERATED, WIDE_FROM,
                              WORD_X_TOLERANCE, Glyph, Glyphs, dedupe, fold_radicals, group_lines)


def reference_dedupe(glyphs: list[Glyph]) -> list[Glyph]:
    """Every glyph in (text, x0) order walks back over the same character within the tolerance and the later
    drawing of the first close one goes (a ligature's letters, neighbours with one box, are no repeat)."""
    order = sorted(range(len(glyphs)), key=lambda i: (glyphs[i].text, glyphs[i].x0))
    drop: set[int] = set()
    for pos in range(1, len(order)):
        index, glyph = order[pos], glyphs[order[pos]]
        for back in range(pos - 1, -1, -1):
            other = glyphs[order[back]]
            if other.text != glyph.text or glyph.x0 - other.x0 > DEDUPE_TOLERANCE:
                break
            ligature = abs(order[back] - index) == 1 and other[1:5] == glyph[1:5]
            if not ligature and order[back] not in drop and abs(other.top - glyph.top) <= DEDUPE_TOLERANCE:
                drop.add(max(index, order[back]))
                break
    return [glyph for i, glyph in enumerate(glyphs) if i not in drop]


def reference_lines(glyphs: list[Glyph]) -> list[tuple[str, tuple[float, float, float, float]]]:
    clusters: list[list[Glyph]] = []
    last_top: float | None = None
    for glyph in sorted(glyphs, key=lambda g: g.top):
        if last_top is None or glyph.top - last_top > LINE_Y_TOLERANCE:
            clusters.append([])
        clusters[-1].append(glyph)
        last_top = glyph.top
    lines = []
    for cluster in clusters:
        cluster.sort(key=lambda g: g.x0)
        text = cluster[0].text
        for previous, glyph in zip(cluster, cluster[1:]):
            if glyph.x0 > previous.x1 + WORD_X_TOLERANCE or glyph.space == SPACE_EXPLICIT:
                text += " "
            elif (glyph.space == SPACE_GENERATED and not (ord(previous.text) >= WIDE_FROM <= ord(glyph.text))
                  and (previous.text.isalnum() or glyph.text.isalnum())):
                text += " "
            text += glyph.text
        box = (min(g.x0 for g in cluster), min(g.top for g in cluster), max(g.x1 for g in cluster),
               max(g.bottom for g in cluster))
        lines.append((fold_radicals(text), box))
    return sorted(lines, key=lambda line: (round(line[1][1], 1), line[1][0]))


_CHARS = st.sampled_from(list("生态水ab1.-ffOo⽣⽔"))
_COORD = st.sampled_from([10.0, 10.4, 10.9, 11.0, 11.2, 12.5, 15.0, 16.0, 20.0, 40.0])
_TOP = st.sampled_from([100.0, 100.3, 101.0, 101.2, 102.9, 103.0, 104.0, 110.0])


@st.composite
def _layouts(draw: st.DrawFn) -> list[Glyph]:
    glyphs: list[Glyph] = []
    for _ in range(draw(st.integers(0, 30))):
        if glyphs and draw(st.booleans()):  # another drawing near an earlier glyph, or a ligature's twin
            base = draw(st.sampled_from(glyphs))
            dx, dy = draw(st.sampled_from([0.0, 0.3, 0.6, 1.0, 1.1, -0.4])), draw(st.sampled_from([0.0, 0.2, 1.0, 1.3]))
            glyphs.append(Glyph(base.text, base.x0 + dx, base.top + dy, base.x1 + dx, base.bottom + dy, True, False,
                                draw(st.sampled_from([0, SPACE_GENERATED, SPACE_EXPLICIT]))))
        else:
            x0, top = draw(_COORD), draw(_TOP)
            glyphs.append(Glyph(draw(_CHARS), x0, top, x0 + draw(st.sampled_from([2.0, 5.0, 10.0])), top + 10.0,
                                True, False, draw(st.sampled_from([0, 0, SPACE_GENERATED, SPACE_EXPLICIT]))))
    return glyphs


@settings(max_examples=400, deadline=None)
@given(_layouts())
def test_dedupe_equals_its_definition(glyphs: list[Glyph]) -> None:
    assert dedupe(Glyphs.of(glyphs)).rows() == reference_dedupe(glyphs)


@settings(max_examples=400, deadline=None)
@given(_layouts())
def test_line_grouping_equals_its_definition(glyphs: list[Glyph]) -> None:
    assert [(line.text, line.bbox) for line in group_lines(Glyphs.of(glyphs))] == reference_lines(glyphs)
